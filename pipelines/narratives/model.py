"""The trained narrative detector and stance classifier behind the shared interface (`labels`,
`predict_proba(texts)`), plus the annotated examples nearest to a passage (evidence a researcher can check).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.io import read_table
from pipelines.modeling import label_order, load_card, load_model
from pipelines.narratives.features import featurize
from pipelines.narratives.settings import (
    DETECT_LABELS,
    DETECT_MODEL,
    STANCE_MODEL,
    STANCES,
)
from pipelines.paths import Paths

EXAMPLES_FILE = "examples.parquet"


class NarrativeModelMissing(FileNotFoundError):
    """No trained narrative model: the user has to run the `train_narratives` stage."""


class NarrativeClassifier:
    """A fitted scikit-learn model with its featuriser and its annotated examples."""

    def __init__(self, estimator, order: list[str], cache: EmbeddingCache, cue_weight: float, examples: pd.DataFrame):
        self.estimator = estimator
        self.cache = cache
        self.cue_weight = cue_weight
        self.labels, self._order = label_order(estimator, order)
        self.examples = examples.reset_index(drop=True)
        self._example_emb: np.ndarray | None = None

    def features(self, texts: list[str], cue_texts: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(features, embeddings); cue features from `cue_texts` when given (see features.featurize)."""
        return featurize(list(texts), self.cache, self.cue_weight, cue_texts)

    def proba_from_features(self, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros((0, len(self.labels)))
        return self.estimator.predict_proba(X)[:, self._order]

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities, rows summing to 1, columns in `labels` order."""
        return self.proba_from_features(self.features(texts)[0])

    def predict(self, texts: list[str]) -> list[str]:
        return [self.labels[i] for i in self.predict_proba(texts).argmax(axis=1)]

    def nearest(self, emb: np.ndarray, k: int = 3) -> list[list[dict]]:
        """The k annotated examples most similar (cosine) to each embedding row, with their labels."""
        if self.examples.empty or k <= 0:
            return [[] for _ in range(len(emb))]
        if self._example_emb is None:
            self._example_emb = self.cache.encode(self.examples["text"].tolist())
        sims = emb @ self._example_emb.T
        out = []
        for row in sims:
            top = np.argsort(-row)[:k]
            out.append(
                [
                    {
                        "id": str(self.examples.at[i, "id"]),
                        "label": str(self.examples.at[i, "label"]),
                        "similarity": round(float(row[i]), 3),
                        "text": str(self.examples.at[i, "text"]),
                    }
                    for i in top
                ]
            )
        return out


def _load(paths: Paths, cfg: Config | None, name: str, order: list[str]) -> NarrativeClassifier:
    cfg = cfg or Config.load()
    directory: Path = paths.models / name
    try:
        estimator = load_model(directory)
        card = load_card(directory)
        examples = read_table(directory / EXAMPLES_FILE)
    except FileNotFoundError as exc:
        raise NarrativeModelMissing(
            f"{directory}: no trained narrative model ({exc}); run `dvc repro train_narratives` "
            "(or `python -m pipelines.narratives.train`) first"
        ) from exc
    params = card["params"]
    cache = EmbeddingCache(params["encoder"], paths.cache, cfg.models.batch_size)
    return NarrativeClassifier(estimator, order, cache, float(params["cue_weight"]), examples)


def load_classifier(paths: Paths, cfg: Config | None = None) -> NarrativeClassifier:
    """The narrative detector (labels: narrative, not_narrative) from models/narratives_detect."""
    return _load(paths, cfg, DETECT_MODEL, DETECT_LABELS)


def load_stance_classifier(paths: Paths, cfg: Config | None = None) -> NarrativeClassifier:
    """The stance classifier (labels: co-opted, transformative, neutral) from models/narratives_stance."""
    return _load(paths, cfg, STANCE_MODEL, STANCES)
