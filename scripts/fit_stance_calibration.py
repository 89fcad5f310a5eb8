"""Fit `narratives.stance_calibration` on labelled real narratives and print it as a params.yaml block.

    python -m pipelines classify PARAGRAPHS.jsonl PRED.jsonl --term co-production
    python scripts/fit_stance_calibration.py GOLD.jsonl PRED.jsonl [--C 0.3] [--group-prefix 3] [--inputs all]
        [--with-publisher]

GOLD.jsonl holds one object per paragraph: {"id", "is_user_narrative", "stance"} (stance: co-opted, transformative,
neutral, or null where annotators disagreed); PRED.jsonl is `colens classify` output for the same ids (the fit reads the
stance model's own scores, `narrative.stance_scores`, which no calibration changes; with `--inputs blend` also the
fine-tuned second opinion's, `evidence.stance_second_opinion`, and with `--inputs all` also the framing cues, who speaks
and the narrative type of the evidence: the map is then the two models' blend; `--with-publisher` fits
`stance_calibration_with_publisher`, which also reads `evidence.publisher`: classify passages with a `url` or
`publisher` field). The report
(stderr) gives macro-F1 over co-opted and transformative, end to end (a narrative the detector missed counts as
wrong), for the stances in PRED.jsonl, for the calibration fitted on everything, and, with --group-prefix N, for
each group of ids sharing their first N characters scored by a calibration fitted on the other groups.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.narratives.calibration import (  # noqa: E402
    PUBLISHER_FEATURES,
    STANCE_CONTEXT_FEATURES,
    StanceCalibration,
    StanceContext,
    fit,
    read_fit_input,
    scored_stance_f1,
    stance_inputs,
)
from pipelines.narratives.scan import TRANSFORMATIVE, model_stance  # noqa: E402
from pipelines.narratives.settings import NO_STANCE, STANCES, NarrativesParams  # noqa: E402


def _decide(narr: dict, cal: StanceCalibration, with_publisher: StanceCalibration | None = None) -> str:
    """The stance the scan would give with `cal` deciding, and `with_publisher` where the publisher is known
    (pipelines.narratives.scan: the critique rule, then the map; no fixed-weight blend)."""
    if not narr.get("is_user_narrative"):
        return NO_STANCE
    if narr["evidence"].get("critique_of_cooptation"):
        return TRANSFORMATIVE
    params = NarrativesParams(stance_calibration=cal, stance_calibration_with_publisher=with_publisher,
                              stance_second_opinion_weight=0.0)
    return model_stance(narr["stance_scores"], params, StanceContext.from_evidence(narr["evidence"]))[0]


def _features(inputs: str, with_publisher: bool = False) -> list[str]:
    """The map's inputs for `--inputs`: the stance model's log-probabilities, also the second opinion's, or also
    the framing, who-speaks and type of the evidence (and its publisher, for the map that reads it)."""
    model = [f"model.{s}" for s in STANCES]
    second = [f"second.{s}" for s in STANCES]
    context = [f for f in STANCE_CONTEXT_FEATURES if with_publisher or f not in PUBLISHER_FEATURES]
    return {"model": model, "blend": model + second, "all": model + second + context}[inputs]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--C", type=float, default=0.3, help="inverse regularisation of the map (default 0.3)")
    ap.add_argument("--unbalanced", action="store_true", help="weigh stances by their frequency, not alike")
    ap.add_argument("--group-prefix", type=int, default=0, help="leave-one-group-out report by id prefix length")
    ap.add_argument("--inputs", choices=("model", "blend", "all"), default="model",
                    help="what the map reads: the stance model (default), also its second opinion, or also the evidence")
    ap.add_argument("--with-publisher", action="store_true",
                    help="with --inputs all: fit stance_calibration_with_publisher, the map that also reads who "
                         "publishes the passage and decides where that is known (the report decides elsewhere with "
                         "a map fitted without it)")
    args = ap.parse_args(argv)
    if args.with_publisher and args.inputs != "all":
        raise SystemExit("--with-publisher needs --inputs all")
    gold, pred = read_fit_input(args.gold), read_fit_input(args.pred)
    ids = [i for i, g in gold.items() if g.get("is_user_narrative") and g.get("stance") in STANCES]
    lost = [i for i in ids if i not in pred or not pred[i].get("narrative")]
    if lost:
        raise SystemExit(f"{args.pred}: no narrative field for {len(lost)} labelled ids, e.g. {lost[:3]}")
    narr = {i: pred[i]["narrative"] for i in ids}
    ids = [i for i in ids if narr[i].get("stance_scores")]
    y = [gold[i]["stance"] for i in ids]
    context = {i: StanceContext.from_evidence(narr[i].get("evidence") or {}) for i in ids}
    decided = [i for i in ids if narr[i].get("is_user_narrative") and not narr[i]["evidence"].get("critique_of_cooptation")]
    if args.inputs != "model" and (alone := [i for i in decided if context[i].opinion is None]):
        raise SystemExit(f"{args.pred}: no stance_second_opinion in the evidence of {len(alone)} narratives, e.g. "
                         f"{alone[:3]}; classify with narratives.stance_second_opinion_weight above 0")
    # a map that reads the second opinion learns from the narratives the stance model decided (those it has)
    learn = set(ids if args.inputs == "model" else decided)
    inputs = {i: stance_inputs(narr[i]["stance_scores"], STANCES, context[i]) for i in learn}
    if args.with_publisher:
        known = sum(context[i].publisher != "unknown" for i in learn)
        print(f"{known} of {len(learn)} narratives the map learns from have a known publisher", file=sys.stderr)

    def fitted(train, with_publisher=False):
        train = [i for i in train if i in learn]
        return fit([inputs[i] for i in train], [gold[i]["stance"] for i in train], STANCES,
                   C=args.C, balanced=not args.unbalanced, features=_features(args.inputs, with_publisher))

    def maps(train):
        """The map the scan would use where the publisher is unknown, and the one where it is known."""
        return (fitted(train), fitted(train, True)) if args.with_publisher else (fitted(train), None)

    def score(pairs):
        return scored_stance_f1([g for g, _ in pairs], [p for _, p in pairs])

    cal, with_publisher = maps(ids)
    print(f"{len(ids)} labelled narratives with stance scores: {dict((s, y.count(s)) for s in STANCES)}", file=sys.stderr)
    print(f"as in PRED.jsonl: {score([(gold[i]['stance'], narr[i]['stance']) for i in ids]):.3f}", file=sys.stderr)
    in_sample = [(gold[i]["stance"], _decide(narr[i], cal, with_publisher)) for i in ids]
    print(f"calibrated, fitted on all (in sample): {score(in_sample):.3f}", file=sys.stderr)
    if args.group_prefix:
        groups = sorted({i[: args.group_prefix] for i in ids})
        pairs = []
        for g in groups:
            held = [i for i in ids if i.startswith(g)]
            other = maps([i for i in ids if not i.startswith(g)])
            pairs += [(gold[i]["stance"], _decide(narr[i], *other)) for i in held]
        base = [(gold[i]["stance"], narr[i]["stance"]) for i in ids]
        print(f"leave one group out over {len(groups)} groups: {score(base):.3f} as in PRED.jsonl -> {score(pairs):.3f}",
              file=sys.stderr)
    out = with_publisher or cal
    print("  stance_calibration_with_publisher:" if args.with_publisher else "  stance_calibration:")
    print(f"    labels: [{', '.join(out.labels)}]")
    if args.inputs != "model":
        print(f"    features: [{', '.join(out.features)}]")
    print(f"    coef: {json.dumps(out.coef)}")
    print(f"    intercept: {json.dumps(out.intercept)}")


if __name__ == "__main__":
    main()
