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


@dataclass
class _Tally:
    """Confusion matrices per page (pages x labels x labels) of one prediction set, and the labels averaged."""

    pages: list[str]
    labels: list[str]
    averaged: list[int]
    per_page: np.ndarray

    def f1(self, sample: np.ndarray | None = None) -> np.ndarray:
        """The measure on all pages, or on each row of page-index `sample` (a bootstrap draw)."""
        if sample is None:
            return f1_from_confusion(self.per_page.sum(axis=0), self.averaged)
        draws = np.atleast_2d(sample)
        counts = np.zeros((len(draws), len(self.pages)))
        np.add.at(counts, (np.arange(len(draws))[:, None], draws), 1)  # how often each page was drawn
        k = len(self.labels)
        confusion = (counts @ self.per_page.reshape(len(self.pages), k * k)).reshape(-1, k, k)
        f1 = f1_from_confusion(confusion, self.averaged)
        return f1 if np.ndim(sample) > 1 else f1[0]


def _tallies(measure: Measure, pairs: list[tuple[Gold, Pred]], *more: list[Pred]) -> list[_Tally]:
    """One tally for `pairs`' predictions and one for each list in `more` (other predictions of the same rows),
    over the rows the measure counts, with one label and page index for all."""
    counted = [(i, g["source_url"], measure.gold(g)) for i, (g, _) in enumerate(pairs)]
    counted = [(i, url, _key(y)) for i, url, y in counted if y is not None]
    runs = [[p for _, p in pairs], *more]
    preds = [[_key(measure.predicted(run[i])) for i, _, _ in counted] for run in runs]
    wanted = [_key(lab) for lab in measure.averaged]
    seen = sorted({y for _, _, y in counted} | {q for qs in preds for q in qs})
    labels = list(dict.fromkeys([*wanted, *seen]))
    index = {lab: i for i, lab in enumerate(labels)}
    pages = list(dict.fromkeys(url for _, url, _ in counted))
    page_of = {u: i for i, u in enumerate(pages)}
    out = []
    for qs in preds:
        per_page = np.zeros((len(pages), len(labels), len(labels)), dtype=np.int64)
        for (_, url, y), q in zip(counted, qs):
            per_page[page_of[url], index[y], index[q]] += 1
        out.append(_Tally(pages, labels, [index[lab] for lab in wanted], per_page))
    return out


def _interval(statistic, n_pages: int, replicates: int, seed: int, confidence: float) -> list[float] | None:
    """Percentile bootstrap interval of `statistic(page_sample)` over pages; None with one page or no replicates."""
    from scipy.stats import bootstrap

    if n_pages < 2 or replicates <= 0:
        return None
    res = bootstrap((np.arange(n_pages),), lambda s, axis: statistic(s), n_resamples=replicates, method="percentile",
                    confidence_level=confidence, vectorized=True, batch=250, random_state=np.random.default_rng(seed))
    return [float(res.confidence_interval.low), float(res.confidence_interval.high)]


def score(measure: Measure, pairs: list[tuple[Gold, Pred]], replicates: int = 2000, seed: int = 13,
          confidence: float = 0.95) -> dict[str, Any]:
    """The measure on the joined rows, its per-label precision / recall / F1, confusion and a page-bootstrap interval."""
    tally = _tallies(measure, pairs)[0]
    if not tally.pages:
        return {"what": measure.what, "n": 0, "estimate": None, "ci": None}
    total = tally.per_page.sum(axis=0)
    estimate = float(tally.f1())
    interval = _interval(tally.f1, len(tally.pages), replicates, seed, confidence) or [estimate, estimate]
    per_label = {}
    for i in tally.averaged:
        tp, pred_n, gold_n = int(total[i, i]), int(total[:, i].sum()), int(total[i, :].sum())
        per_label[tally.labels[i]] = {"precision": tp / pred_n if pred_n else 0.0,
                                      "recall": tp / gold_n if gold_n else 0.0,
                                      "f1": float(f1_from_confusion(total, [i])), "support": gold_n}
    return {"what": measure.what, "n": int(total.sum()), "pages": len(tally.pages), "estimate": estimate,
            "ci": interval, "confidence": confidence, "per_label": per_label,
            "confusion": {"labels": tally.labels, "matrix": total.tolist()}}


def compare(measure: Measure, pairs: list[tuple[Gold, Pred]], baseline: list[Pred], replicates: int = 2000,
            seed: int = 13, confidence: float = 0.95) -> dict[str, Any]:
    """Candidate (`pairs`' predictions) minus `baseline` (predictions of the same rows) on the measure, with a paired
    bootstrap over pages: the interval of the difference and the share of draws in which the candidate is ahead."""
    cand, base = _tallies(measure, pairs, baseline)
    if not cand.pages:
        return {"n": 0, "difference": None, "ci": None, "share_ahead": None}
    diff = float(cand.f1() - base.f1())
    interval = _interval(lambda s: cand.f1(s) - base.f1(s), len(cand.pages), replicates, seed, confidence)
    ahead = None
    if len(cand.pages) > 1 and replicates > 0:
        draws = np.random.default_rng(seed).integers(0, len(cand.pages), (replicates, len(cand.pages)))
        ahead = float(np.mean(cand.f1(draws) > base.f1(draws)))
    return {"n": int(cand.per_page.sum()), "pages": len(cand.pages), "candidate": float(cand.f1()),
            "baseline": float(base.f1()), "difference": diff, "ci": interval or [diff, diff], "share_ahead": ahead}
