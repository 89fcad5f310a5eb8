"""What each task's real-prose figure measures (as the README reports it), with a 95 % interval by page.

Passages of one page are not independent (one writer, one framing), so the interval resamples pages, not passages:
a percentile bootstrap over `source_url` clusters (scipy.stats.bootstrap), each replicate scored from the summed
confusion matrices of the pages drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

Gold = dict[str, str]
Pred = dict[str, Any]


def _flag(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value.lower())


def _key(label: Any) -> str:
    """A label as the report names it: yes/no decisions as "true" / "false"."""
    return str(label).lower() if isinstance(label, bool) else str(label)


def _narrative(pred: Pred) -> dict[str, Any]:
    return pred.get("narrative") or {}


def _detected_stance(pred: Pred) -> str:
    n = _narrative(pred)
    return str(n.get("stance") or "n/a") if n.get("is_user_narrative") else "n/a"


@dataclass(frozen=True)
class Measure:
    """One figure: the gold label of a row (None: the row does not count), the predicted label, and the labels whose
    F1 is averaged (one label: the F1 of that label, as for a yes/no decision)."""

    name: str
    gold: Callable[[Gold], Any]
    predicted: Callable[[Pred], Any]
    averaged: tuple[Any, ...]
    what: str


STANCES = ("co-opted", "transformative", "neutral")
LEVELS = ("descriptive", "intermediate", "transformative")
SENSES = ("participatory", "knowledge", "film_media")

_DEFINITION = Measure(
    "definition", lambda g: _flag(g.get("definition", g.get("is_definition", ""))),
    lambda p: bool((p.get("definition") or {}).get("is_definition")), (True,),
    "F1 of `definition.is_definition`")

#: Task -> (its gold file in corpora/realdev, the label columns it needs, its measures).
TASKS: dict[str, tuple[str, tuple[str, ...], tuple[Measure, ...]]] = {
    "narratives": ("narratives.tsv", ("is_user_narrative", "stance"), (
        Measure("detection", lambda g: _flag(g["is_user_narrative"]),
                lambda p: bool(_narrative(p).get("is_user_narrative")), (True,),
                "F1 of `narrative.is_user_narrative`"),
        Measure("stance", lambda g: g["stance"] if _flag(g["is_user_narrative"]) and g["stance"] in STANCES else None,
                _detected_stance, ("co-opted", "transformative"),
                "macro-F1 over co-opted and transformative of `narrative.stance` on the narratives with an agreed "
                "stance; a narrative not detected counts as wrong"),
    )),
    "definitions": ("definitions.tsv", ("definition",), (_DEFINITION,)),
    "generic_definitions": ("generic_definitions.tsv", ("is_definition",), (_DEFINITION,)),
    "senses": ("senses.tsv", ("sense",), (
        Measure("sense", lambda g: g["sense"] or None, lambda p: (p.get("sense") or {}).get("label") or "none",
                SENSES, "macro-F1 over participatory, knowledge and film_media of `sense.label`"),
    )),
    "levels": ("levels.tsv", ("level",), (
        Measure("level", lambda g: g["level"] if g["level"] in LEVELS else None,
                lambda p: (p.get("level") or {}).get("label") or "n/a", LEVELS,
                "macro-F1 over the three levels of `level.label` on the passages both annotators graded"),
    )),
}


def f1_from_confusion(confusion: np.ndarray, averaged: list[int]) -> np.ndarray:
    """Mean F1 of the `averaged` label indices from confusion matrices (..., k, k), rows gold and columns predicted;
    a label with no gold and no predicted row scores 0, as scikit-learn's `zero_division=0`."""
    tp = np.diagonal(confusion, axis1=-2, axis2=-1)[..., averaged]
    fp = confusion.sum(axis=-2)[..., averaged] - tp
    fn = confusion.sum(axis=-1)[..., averaged] - tp
    denom = 2 * tp + fp + fn
    f1 = np.divide(2 * tp, denom, out=np.zeros(np.broadcast(tp, denom).shape), where=denom > 0)
    return f1.mean(axis=-1)


def score(measure: Measure, pairs: list[tuple[Gold, Pred]], replicates: int = 2000, seed: int = 13,
          confidence: float = 0.95) -> dict[str, Any]:
    """The measure on the joined rows, its per-label precision / recall / F1, confusion and a page-bootstrap interval."""
    from scipy.stats import bootstrap

    rows = [(g, measure.gold(g), measure.predicted(p)) for g, p in pairs]
    rows = [(g["source_url"], _key(y), _key(q)) for g, y, q in rows if y is not None]
    if not rows:
        return {"what": measure.what, "n": 0, "estimate": None, "ci": None}
    wanted = [_key(lab) for lab in measure.averaged]
    labels = list(dict.fromkeys([*wanted, *sorted({x for _, y, q in rows for x in (y, q)})]))
    index = {lab: i for i, lab in enumerate(labels)}
    pages = list(dict.fromkeys(u for u, _, _ in rows))
    page_of = {u: i for i, u in enumerate(pages)}
    k = len(labels)
    per_page = np.zeros((len(pages), k, k), dtype=np.int64)
    for url, y, q in rows:
        per_page[page_of[url], index[y], index[q]] += 1
    averaged = [index[lab] for lab in wanted]
    total = per_page.sum(axis=0)
    estimate = float(f1_from_confusion(total, averaged))
    interval = [estimate, estimate]
    if len(pages) > 1 and replicates > 0:
        res = bootstrap((np.arange(len(pages)),), lambda s, axis: f1_from_confusion(per_page[s].sum(axis=-3), averaged),
                        n_resamples=replicates, method="percentile", confidence_level=confidence, vectorized=True,
                        random_state=np.random.default_rng(seed))
        interval = [float(res.confidence_interval.low), float(res.confidence_interval.high)]
    per_label = {}
    for lab in wanted:
        i = index[lab]
        tp, pred_n, gold_n = int(total[i, i]), int(total[:, i].sum()), int(total[i, :].sum())
        per_label[lab] = {"precision": tp / pred_n if pred_n else 0.0, "recall": tp / gold_n if gold_n else 0.0,
                               "f1": float(f1_from_confusion(total, [i])), "support": gold_n}
    return {"what": measure.what, "n": len(rows), "pages": len(pages), "estimate": estimate,
            "ci": interval, "confidence": confidence, "per_label": per_label,
            "confusion": {"labels": labels, "matrix": total.tolist()}}
