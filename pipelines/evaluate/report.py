"""`colens evaluate`'s result: one JSON-ready dict per run, and its plain-text summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.evaluate.gold import REALDEV, join_predictions, read_gold, select_sets
from pipelines.evaluate.measures import TASKS, score


def evaluate(task: str, predictions: Path, gold: Path | None = None, sets: list[str] | None = None,
             replicates: int = 2000, seed: int = 13) -> dict[str, Any]:
    """Every measure of `task` for `predictions` (`colens classify` output) on the gold rows of `sets`."""
    if task not in TASKS:
        raise KeyError(f"unknown task '{task}': one of {', '.join(TASKS)}")
    file_name, columns, measures = TASKS[task]
    gold = gold or REALDEV / file_name
    rows = select_sets(read_gold(gold, columns), sets)
    joined = join_predictions(rows, predictions)
    return {
        "task": task, "gold": str(gold), "predictions": str(predictions), "sets": sets or [],
        "gold_rows": len(rows), "scored_rows": len(joined.pairs),
        "unmatched_gold": len(joined.unmatched_gold), "unmatched_gold_ids": joined.unmatched_gold,
        "prediction_errors": joined.error_lines, "predictions_not_in_gold": joined.not_in_gold,
        "interval": f"percentile bootstrap over pages (source_url), {replicates} replicates, seed {seed}",
        "measures": {m.name: score(m, joined.pairs, replicates, seed) for m in measures},
    }


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
    lines.append(f"  interval: {result['interval']}")
    return "\n".join(lines)
