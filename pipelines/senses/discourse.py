"""One sense per discourse (Gale, Church & Yarowsky 1992), made safe: a vague mention leans towards the
confidence-weighted mean sense of its passage or document, a confident mention keeps its own probabilities, so a
film credit inside a participatory page stays film and a bare "what makes co-production work?" follows its page.
"""

from __future__ import annotations

import numpy as np


def group_mean(proba: np.ndarray) -> np.ndarray:
    """The mean of a group's rows, each weighted by its confidence (its largest probability)."""
    conf = proba.max(axis=1)
    return (proba * conf[:, None]).sum(axis=0) / conf.sum()


def smooth_group(proba: np.ndarray, weight: float, confident: float) -> np.ndarray:
    """Rows of one group with every row below `confident` blended with the group mean at `weight`."""
    if len(proba) < 2 or weight == 0.0:
        return proba.copy()
    mean = group_mean(proba)
    out = proba.copy()
    vague = proba.max(axis=1) < confident
    out[vague] = (1.0 - weight) * proba[vague] + weight * mean
    return out


def smooth(proba: np.ndarray, groups, weight: float, confident: float) -> np.ndarray:
    """`smooth_group` within each group (rows sharing a value in `groups`), rows kept in order."""
    groups = np.asarray(list(groups))
    out = proba.astype(float).copy()
    for g in dict.fromkeys(groups.tolist()):
        rows = np.flatnonzero(groups == g)
        out[rows] = smooth_group(out[rows], weight, confident)
    return out
