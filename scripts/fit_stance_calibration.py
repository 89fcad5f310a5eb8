"""Fit `narratives.stance_calibration` on labelled real narratives and print it as a params.yaml block.

    python -m pipelines classify PARAGRAPHS.jsonl PRED.jsonl --term co-production
    python scripts/fit_stance_calibration.py GOLD.jsonl PRED.jsonl [--C 0.3] [--group-prefix 3]

GOLD.jsonl holds one object per paragraph: {"id", "is_user_narrative", "stance"} (stance: co-opted, transformative,
neutral, or null where annotators disagreed); PRED.jsonl is `colens classify` output for the same ids (the fit reads the
stance model's own scores, `narrative.stance_scores`, which no calibration changes). The report
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

from pipelines.narratives.calibration import StanceCalibration, fit, read_fit_input, scored_stance_f1  # noqa: E402
from pipelines.narratives.scan import TRANSFORMATIVE, model_stance  # noqa: E402
from pipelines.narratives.settings import NO_STANCE, STANCES, NarrativesParams  # noqa: E402


def _decide(narr: dict, cal: StanceCalibration) -> str:
    """The stance the scan would give with `cal` (pipelines.narratives.scan: the critique rule, then the model)."""
    if not narr.get("is_user_narrative"):
        return NO_STANCE
    if narr["evidence"].get("critique_of_cooptation"):
        return TRANSFORMATIVE
    return model_stance(narr["stance_scores"], NarrativesParams(stance_calibration=cal))[0]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--C", type=float, default=0.3, help="inverse regularisation of the map (default 0.3)")
    ap.add_argument("--unbalanced", action="store_true", help="weigh stances by their frequency, not alike")
    ap.add_argument("--group-prefix", type=int, default=0, help="leave-one-group-out report by id prefix length")
    args = ap.parse_args(argv)
    gold, pred = read_fit_input(args.gold), read_fit_input(args.pred)
    ids = [i for i, g in gold.items() if g.get("is_user_narrative") and g.get("stance") in STANCES]
    lost = [i for i in ids if i not in pred or not pred[i].get("narrative")]
    if lost:
        raise SystemExit(f"{args.pred}: no narrative field for {len(lost)} labelled ids, e.g. {lost[:3]}")
    narr = {i: pred[i]["narrative"] for i in ids}
    ids = [i for i in ids if narr[i].get("stance_scores")]
    y = [gold[i]["stance"] for i in ids]

    def fitted(train):
        return fit([narr[i]["stance_scores"] for i in train], [gold[i]["stance"] for i in train], STANCES,
                   C=args.C, balanced=not args.unbalanced)

    def score(pairs):
        return scored_stance_f1([g for g, _ in pairs], [p for _, p in pairs])

    cal = fitted(ids)
    print(f"{len(ids)} labelled narratives with stance scores: {dict((s, y.count(s)) for s in STANCES)}", file=sys.stderr)
    print(f"as in PRED.jsonl: {score([(gold[i]['stance'], narr[i]['stance']) for i in ids]):.3f}", file=sys.stderr)
    print(f"calibrated, fitted on all (in sample): {score([(gold[i]['stance'], _decide(narr[i], cal)) for i in ids]):.3f}",
          file=sys.stderr)
    if args.group_prefix:
        groups = sorted({i[: args.group_prefix] for i in ids})
        pairs = []
        for g in groups:
            held = [i for i in ids if i.startswith(g)]
            other = fitted([i for i in ids if not i.startswith(g)])
            pairs += [(gold[i]["stance"], _decide(narr[i], other)) for i in held]
        base = [(gold[i]["stance"], narr[i]["stance"]) for i in ids]
        print(f"leave one group out over {len(groups)} groups: {score(base):.3f} as in PRED.jsonl -> {score(pairs):.3f}",
              file=sys.stderr)
    print("  stance_calibration:")
    print(f"    labels: [{', '.join(cal.labels)}]")
    print(f"    coef: {json.dumps(cal.coef)}")
    print(f"    intercept: {json.dumps(cal.intercept)}")


if __name__ == "__main__":
    main()
