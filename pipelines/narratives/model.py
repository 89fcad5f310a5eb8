"""The trained narrative detector and stance classifier on the shared template (`modeling.TrainedClassifier`):
`labels`, `predict_proba(texts)`, and the annotated examples nearest to a passage (evidence a researcher can check).
"""

from __future__ import annotations

import numpy as np

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.io import read_table
from pipelines.modeling import ENCODER_KEY, ModelMissing, TrainedClassifier, open_model
from pipelines.narratives.features import featurize
from pipelines.narratives.settings import (
    DETECT_LABELS,
    DETECT_MODEL,
    EXAMPLES_FILE,
    STANCE_MODEL,
    STANCES,
    TRAIN_HINT,
)
from pipelines.paths import Paths


class NarrativeClassifier(TrainedClassifier):
    """A fitted model on [sentence embedding | cue features], with its annotated examples for `nearest`."""

    def __init__(self, estimator, preferred: list[str], cache: EmbeddingCache, cue_weight: float, examples):
        super().__init__(estimator, preferred, encoder=cache, examples=examples)
        self.cue_weight = cue_weight

    def featurize(self, texts: list[str], cue_texts: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(features, embeddings); cue features from `cue_texts` when given (see features.featurize)."""
        return featurize(list(texts), self.encoder, self.cue_weight, cue_texts)

    def features(self, texts: list[str]) -> np.ndarray:
        return self.featurize(texts)[0]


def _load(paths: Paths, cfg: Config, name: str, preferred: list[str]) -> NarrativeClassifier:
    directory = paths.models / name
    estimator, card = open_model(directory, TRAIN_HINT)
    if not (directory / EXAMPLES_FILE).exists():
        raise ModelMissing(f"{directory}: no {EXAMPLES_FILE} beside the model; run {TRAIN_HINT} first")
    examples = read_table(directory / EXAMPLES_FILE)
    params = card["params"]
    cache = EmbeddingCache(params[ENCODER_KEY], paths.cache, cfg.models.batch_size)
    return NarrativeClassifier(estimator, preferred, cache, float(params["cue_weight"]), examples)


def load_classifier(paths: Paths, cfg: Config) -> NarrativeClassifier:
    """The narrative detector (labels: narrative, not_narrative) from models/narratives_detect."""
    return _load(paths, cfg, DETECT_MODEL, DETECT_LABELS)


def load_stance_classifier(paths: Paths, cfg: Config) -> NarrativeClassifier:
    """The stance classifier (labels: co-opted, transformative, neutral) from models/narratives_stance."""
    return _load(paths, cfg, STANCE_MODEL, STANCES)
