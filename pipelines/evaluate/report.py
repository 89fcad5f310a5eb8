"""`colens evaluate`'s result: one JSON-ready dict per run, and its plain-text summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.evaluate.gold import REALDEV, join_predictions, read_gold, select_sets
from pipelines.evaluate.measures import TASKS, compare, score


def evaluate(task: str, predictions: Path, gold: Path | None = None, sets: list[str] | None = None,
             replicates: int = 2000, seed: int = 13, baseline: Path | None = None) -> dict[str, Any]:
    """Every measure of `task` for `predictions` (`colens classify` output) on the gold rows of `sets`; with
    `baseline` (another release's output on the same passages), each measure's difference, paired by page."""
    if task not in TASKS:
        raise KeyError(f"unknown task '{task}': one of {', '.join(TASKS)}")
    file_name, columns, measures = TASKS[task]
    gold = gold or REALDEV / file_name
    rows = select_sets(read_gold(gold, columns), sets)
    joined = join_predictions(rows, predictions)
    result = {
        "task": task, "gold": str(gold), "predictions": str(predictions), "sets": sets or [],
        "gold_rows": len(rows), "scored_rows": len(joined.pairs),
        "unmatched_gold": len(joined.unmatched_gold), "unmatched_gold_ids": joined.unmatched_gold,
        "prediction_errors": joined.error_lines, "predictions_not_in_gold": joined.not_in_gold,
        "interval": f"percentile bootstrap over pages (source_url), {replicates} replicates, seed {seed}",
        "measures": {m.name: score(m, joined.pairs, replicates, seed) for m in measures},
    }
    if sets and len(sets) > 1:  # each set alone too: sets differ more than one set's pages say
        result["per_set"] = {
            prefix: {m.name: score(m, [(g, p) for g, p in joined.pairs if g["id"].startswith(prefix)], replicates,
                                   seed) for m in measures}
            for prefix in sets}
    if baseline is not None:
        other = {id(g): p for g, p in join_predictions(rows, baseline).pairs}
        both = [(g, p) for g, p in joined.pairs if id(g) in other]
        result["baseline"] = str(baseline)
        result["baseline_unmatched"] = len(joined.pairs) - len(both)
        result["comparison"] = {m.name: compare(m, both, [other[id(g)] for g, _ in both], replicates, seed)
                                for m in measures}
    return result


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def summary(result: dict[str, Any]) -> str:
    """The result as a few lines for the terminal."""
    sets = ", ".join(result["sets"]) or "all sets"
    lines = [f"{result['task']} ({sets}): {result['scored_rows']} of {result['gold_rows']} gold rows scored"]
    if result["unmatched_gold"]:
        shown = ", ".join(result["unmatched_gold_ids"][:5]) + (" ..." if result["unmatched_gold"] > 5 else "")
        lines.append(f"  {result['unmatched_gold']} gold rows have no prediction of their exact text: {shown}")
    if result["prediction_errors"]:
        lines.append(f"  {len(result['prediction_errors'])} prediction lines not used: {result['prediction_errors'][0]}")
    for name, m in result["measures"].items():
        if not m["n"]:
            lines.append(f"  {name}: no scored rows")
            continue
        lo, hi = m["ci"]
        parts = ", ".join(f"{lab} P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1']:.2f} (n {v['support']})"
                          for lab, v in m["per_label"].items())
        lines.append(f"  {name}: {_fmt(m['estimate'])} [{_fmt(lo)}, {_fmt(hi)}] on {m['n']} rows from {m['pages']} "
                     f"pages — {parts}")
    for prefix, per in result.get("per_set", {}).items():
        figures = ", ".join(f"{name} {_fmt(m['estimate'])} ({m['n']} rows)" for name, m in per.items())
        lines.append(f"  set {prefix}: {figures}")
    for name, c in result.get("comparison", {}).items():
        if c["difference"] is None:
            continue
        lo, hi = c["ci"]
        ahead = "" if c["share_ahead"] is None else f", ahead in {c['share_ahead']:.0%} of draws"
        lines.append(f"  {name} against the baseline: {c['candidate']:.3f} - {c['baseline']:.3f} = {c['difference']:+.3f} "
                     f"[{lo:+.3f}, {hi:+.3f}] on {c['n']} rows{ahead}")
    if result.get("baseline_unmatched"):
        lines.append(f"  {result['baseline_unmatched']} scored rows have no baseline prediction and are left out of the comparison")
    lines.append(f"  interval: {result['interval']}")
    return "\n".join(lines)
