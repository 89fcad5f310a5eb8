"""Uncertainty sampling over `predict_proba` output: which passages would teach the model most if labelled."""

from __future__ import annotations

import numpy as np

STRATEGIES = ("margin", "entropy")


def uncertainty(proba: np.ndarray, strategy: str = "margin") -> np.ndarray:
    """Higher = less sure. margin: 1 - (p1 - p2) of the two most likely labels; entropy: normalised entropy."""
    proba = np.asarray(proba, dtype=float)
    if proba.ndim != 2 or proba.shape[1] < 2:
        raise ValueError(f"need an (n, k>=2) probability matrix, got shape {proba.shape}")
    if strategy == "margin":
        top = np.sort(proba, axis=1)[:, ::-1]
        return 1.0 - (top[:, 0] - top[:, 1])
    if strategy == "entropy":
        p = np.clip(proba, 1e-12, 1.0)
        return -(p * np.log(p)).sum(axis=1) / np.log(proba.shape[1])
    raise ValueError(f"unknown sampling strategy '{strategy}'; use one of {', '.join(STRATEGIES)}")


def least_sure(proba: np.ndarray, n: int, strategy: str = "margin") -> np.ndarray:
    """Row indices of the `n` most uncertain rows, most uncertain first (ties keep input order)."""
    u = uncertainty(proba, strategy)
    return np.argsort(-u, kind="stable")[: max(0, n)]
