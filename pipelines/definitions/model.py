"""The trained definition classifier on the shared template (`modeling.TrainedClassifier`): P(definition) for a
candidate's features, a ready `Detector`, and the sentence-level view (`labels`, `predict_proba(texts)`: a text's
best candidate in generic mode).
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from pipelines.config import Config
from pipelines.definitions.detector import Detector
from pipelines.definitions.sentence_model import GENERIC_DIR, SentenceModel, Unit, unit_features
from pipelines.definitions.settings import LABELS, MODEL_NAME, POSITIVE, TRAIN_HINT, DefinitionsParams
from pipelines.embeddings import EmbeddingCache
from pipelines.modeling import ENCODER_KEY, TrainedClassifier, open_model
from pipelines.paths import Paths
from pipelines.text.lexicon import Lexicon, lexicon_for


def make_estimator(C: float, seed: int) -> Pipeline:
    return Pipeline([
        ("features", DictVectorizer(sparse=True)),
        ("clf", LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)),
    ])


def positive_scores(estimator: Pipeline, feature_dicts: list[dict]) -> list[float]:
    """P(definition) for each candidate's features."""
    if not feature_dicts:
        return []
    proba = estimator.predict_proba(feature_dicts)
    col = list(estimator.classes_).index(POSITIVE)
    return [float(p) for p in proba[:, col]]


class DefinitionClassifier(TrainedClassifier):
    """The candidate model with its detector; `predict_proba(texts)` is P(the text defines some term), from its
    best candidate."""

    def __init__(self, estimator: Pipeline, lexicon: Lexicon, params: DefinitionsParams, spacy_model: str,
                 target: str, sentence_model: SentenceModel | None = None, encoder=None):
        super().__init__(estimator, LABELS)
        self.spacy_model = spacy_model
        self.target = target
        self.sentence_model = sentence_model
        self.encoder = encoder  # anything with encode(texts) -> array, e.g. embeddings.EmbeddingCache
        self.detector = Detector(lexicon, self.candidate_scores, params.threshold, params.windows,
                                 self.unit_scores if sentence_model is not None else None,
                                 params.generic_threshold, params.generic_windows == "linked",
                                 params.fallback_threshold, params.window_threshold,
                                 params.generic_fallback_threshold)

    def candidate_scores(self, feature_dicts: list[dict]) -> list[float]:
        return positive_scores(self.estimator, feature_dicts)

    def unit_scores(self, units: list[Unit]) -> list[float]:
        """P(definition) of sentences and windows (generic mode), from the sentence model."""
        if not units:
            return []
        emb = self.encoder.encode([u.text for u in units])
        return self.sentence_model.scores([unit_features(u) for u in units], emb)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        from pipelines.nlp import load_spacy

        nlp = load_spacy(self.spacy_model)
        rows = []
        for doc in nlp.pipe(list(texts), batch_size=64):
            best = self.detector.best(doc, None, self.target)
            p = best.score if best is not None else 0.0
            rows.append([p, 1.0 - p])
        return np.asarray(rows, dtype=float).reshape(len(texts), len(self.labels))


def load_classifier(paths: Paths, cfg: Config) -> DefinitionClassifier:
    """The model trained by `train_definitions` (models/definitions), with the `definitions:` threshold and
    windows; ModelMissing saying what to run when it is not there."""
    estimator, _ = open_model(paths.models / MODEL_NAME, TRAIN_HINT)
    state, card = open_model(paths.models / MODEL_NAME / GENERIC_DIR, TRAIN_HINT)
    encoder = EmbeddingCache.for_project(cfg, paths, card.get("params", {}).get(ENCODER_KEY), task="definitions")
    return DefinitionClassifier(estimator, lexicon_for(cfg.lexicon), cfg.section("definitions", DefinitionsParams),
                                cfg.models.spacy, cfg.lexicon.target, SentenceModel.from_state(state), encoder)
