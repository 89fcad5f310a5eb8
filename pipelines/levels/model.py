"""The trained level classifier behind one interface (`.labels`, `.predict_proba`), plus its evidence.

Used by the `levels` stage, `colens classify` and the active-learning loop (`colens annotate`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.embeddings import EmbeddingCache
from pipelines.levels.annotations import load_annotations
from pipelines.levels.cues import find_cues
from pipelines.levels.features import feature_frame
from pipelines.levels.settings import LABELS
from pipelines.levels.train import MODEL_NAME
from pipelines.modeling import load_card, load_model
from pipelines.paths import Paths


class LevelClassifier:
    """Needham & Carr level probabilities for texts, with cue phrases and nearest annotated examples."""

    def __init__(self, estimator, embedder: EmbeddingCache, examples: pd.DataFrame | None = None):
        self.estimator = estimator
        self.embedder = embedder
        classes = [str(c) for c in estimator.classes_]
        if sorted(classes) != sorted(LABELS):
            raise ValueError(f"level model has classes {classes}, expected {LABELS}: retrain with train_levels")
        self.labels: list[str] = list(LABELS)  # fixed order, whatever order scikit-learn sorted the classes in
        self._order = [classes.index(lab) for lab in LABELS]
        self.examples = examples
        self._example_vecs: np.ndarray | None = None

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Rows sum to 1; columns follow `self.labels`."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        return self.estimator.predict_proba(feature_frame(list(texts), self.embedder))[:, self._order]

    def predict(self, texts: list[str]) -> list[str]:
        return [self.labels[i] for i in self.predict_proba(texts).argmax(axis=1)]

    def nearest(self, texts: list[str], k: int) -> list[list[dict]]:
        """The k most similar annotated passages for each text (cosine of sentence embeddings)."""
        if self.examples is None or k <= 0 or not texts:
            return [[] for _ in texts]
        if self._example_vecs is None:
            self._example_vecs = self.embedder.encode(self.examples["text"].tolist())
        sims = self.embedder.encode(list(texts)) @ self._example_vecs.T
        out = []
        for row in sims:
            top = np.argsort(-row)[:k]
            out.append([
                {"id": self.examples["id"].iat[j], "label": self.examples["label"].iat[j],
                 "similarity": round(float(row[j]), 3), "text": self.examples["text"].iat[j]}
                for j in top
            ])
        return out

    def explain(self, texts: list[str], k: int = 3) -> list[dict]:
        """Evidence per text: the cue phrases found (level, cue, offsets) and the nearest annotated examples."""
        near = self.nearest(texts, k)
        return [{"cues": [c.as_dict() for c in find_cues(t)], "nearest": n} for t, n in zip(texts, near)]


def load_classifier(paths: Paths) -> LevelClassifier:
    """The model saved by `train_levels` (models/levels); the encoder and annotations named in its card."""
    directory = paths.models / MODEL_NAME
    card = load_card(directory)
    estimator = load_model(directory)
    params = card["params"]
    embedder = EmbeddingCache(params["sentence_transformer"], paths.cache)
    ann_path = Path(params["annotations"])
    ann_path = ann_path if ann_path.is_absolute() else paths.root / ann_path
    examples = load_annotations(ann_path) if ann_path.exists() else None
    return LevelClassifier(estimator, embedder, examples)
