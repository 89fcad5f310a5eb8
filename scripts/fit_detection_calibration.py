"""Fit `narratives.detection_calibration` on labelled real paragraphs and print it as a params.yaml block.

    python -m pipelines classify PARAGRAPHS.jsonl PRED.jsonl --term co-production
    python scripts/fit_detection_calibration.py GOLD.jsonl PRED.jsonl [--C 0.1] [--group-prefix 3]

GOLD.jsonl holds one object per paragraph: {"id", "is_user_narrative"} (true / false, or null where annotators
disagreed); PRED.jsonl is `colens classify` output for the same ids. The fit reads what the scan reports for each
paragraph: the detector's own probability (`narrative.evidence.detector_score`, or `narrative.score` in output
written before the calibration existed), the who-speaks values (`evidence.speaker`) and the narrative cue hits
(`evidence.cues`). Headings and paragraphs a voice rule vetoed stay negatives, as in the scan. The report (stderr)
gives detection F1 as in PRED.jsonl, with the map fitted on everything (in sample), and, with --group-prefix N, for
each group of ids sharing their first N characters scored by a map fitted on the other groups.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.metrics import f1_score  # noqa: E402

from pipelines.narratives.calibration import (  # noqa: E402
    DetectionCalibration,
    detection_inputs,
    fit_detection,
    read_fit_input,
)


def _own_score(narr: dict) -> float | None:
    """The detector's own probability (None: a heading or an empty paragraph, never scored)."""
    ev = narr.get("evidence") or {}
    return ev["detector_score"] if "detector_score" in ev else narr.get("score")


def _vetoed(narr: dict) -> bool:
    ev = narr.get("evidence") or {}
    return bool(ev["voice_veto"]) if "voice_veto" in ev else ev.get("decided_by") == "voice rule"


def _inputs(narr: dict) -> dict[str, float]:
    ev = narr.get("evidence") or {}
    return detection_inputs(_own_score(narr), ev.get("speaker") or {}, ev.get("cues") or {})


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--C", type=float, default=0.1, help="inverse regularisation of the map (default 0.1)")
    ap.add_argument("--threshold", type=float, default=0.3, help="narratives.threshold the report decides at")
    ap.add_argument("--group-prefix", type=int, default=0, help="leave-one-group-out report by id prefix length")
    args = ap.parse_args(argv)
    gold, pred = read_fit_input(args.gold), read_fit_input(args.pred)
    ids = [i for i, g in gold.items() if isinstance(g.get("is_user_narrative"), bool)]
    lost = [i for i in ids if i not in pred or not pred[i].get("narrative")]
    if lost:
        raise SystemExit(f"{args.pred}: no narrative field for {len(lost)} labelled ids, e.g. {lost[:3]}")
    narr = {i: pred[i]["narrative"] for i in ids}
    inputs = {i: _inputs(narr[i]) for i in ids if _own_score(narr[i]) is not None}  # headings are never scored
    scored = list(inputs)
    y = {i: gold[i]["is_user_narrative"] for i in ids}

    def fitted(train):
        return fit_detection([inputs[i] for i in train], [y[i] for i in train], C=args.C)

    def decide(i: str, cal: DetectionCalibration) -> bool:
        return i in inputs and not _vetoed(narr[i]) and cal.probability(inputs[i]) >= args.threshold

    def score(decisions: dict[str, bool]) -> float:
        return f1_score([y[i] for i in ids], [decisions[i] for i in ids], zero_division=0)

    cal = fitted(scored)
    as_given = {i: bool(narr[i].get("is_user_narrative")) for i in ids}
    print(f"{len(ids)} labelled paragraphs, {sum(y.values())} narratives, {len(scored)} scored by the detector",
          file=sys.stderr)
    print(f"detection F1 as in PRED.jsonl: {score(as_given):.3f}", file=sys.stderr)
    print(f"calibrated, fitted on all (in sample): {score({i: decide(i, cal) for i in ids}):.3f}", file=sys.stderr)
    if args.group_prefix:
        groups = sorted({i[: args.group_prefix] for i in ids})
        held_out: dict[str, bool] = {}
        for g in groups:
            other = fitted([i for i in scored if not i.startswith(g)])
            held_out.update({i: decide(i, other) for i in ids if i.startswith(g)})
        print(f"leave one group out over {len(groups)} groups: {score(as_given):.3f} as in PRED.jsonl -> "
              f"{score(held_out):.3f}", file=sys.stderr)
    print("  detection_calibration:")
    print(f"    features: [{', '.join(cal.features)}]")
    print(f"    coef: {json.dumps(cal.coef)}")
    print(f"    intercept: {cal.intercept}")


if __name__ == "__main__":
    main()
