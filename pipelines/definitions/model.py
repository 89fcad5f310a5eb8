"""The trained definition classifier behind the shared interface (`load_classifier(paths)` with `labels` and
`predict_proba(texts)`), and the wiring that turns a Context or a spaCy pipeline into a ready Detector.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from pipelines.config import Config
from pipelines.definitions.detector import Detector
from pipelines.definitions.settings import DefinitionsParams
from pipelines.paths import Paths
from pipelines.text.lexicon import lexicon_for

POSITIVE, NEGATIVE = "definition", "not_definition"
LABELS = [POSITIVE, NEGATIVE]
MODEL_NAME = "definitions"


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


class DefinitionClassifier:
    """Sentence-level view of the model: P(the text defines some term), from its best candidate."""

    labels = LABELS

    def __init__(self, estimator: Pipeline, cfg: Config, params: DefinitionsParams):
        self.estimator = estimator
        self.cfg = cfg
        self.params = params
        self.detector = Detector(lexicon_for(cfg.lexicon), lambda f: positive_scores(estimator, f),
                                 params.threshold, params.windows)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        from pipelines.nlp import load_spacy

        nlp = load_spacy(self.cfg.models.spacy)
        rows = []
        for doc in nlp.pipe(texts, batch_size=64):
            best = self.detector.best(doc, None, self.cfg.lexicon.target)
            p = best.score if best is not None else 0.0
            rows.append([p, 1.0 - p])
        return np.asarray(rows, dtype=float).reshape(len(texts), 2)


def load_classifier(paths: Paths, cfg: Config | None = None) -> DefinitionClassifier:
    """The model trained by `python -m pipelines.definitions.train` (clear error when it is missing)."""
    from pipelines.modeling import load_model

    cfg = cfg or Config.load()
    directory = paths.models / MODEL_NAME
    if not (directory / "model.skops").exists():
        raise FileNotFoundError(f"{directory}/model.skops: no definition model; run "
                                f"`python -m pipelines.definitions.train` (or `dvc repro train_definitions`)")
    return DefinitionClassifier(load_model(directory), cfg, cfg.section("definitions", DefinitionsParams))


def detector_for(ctx_or_nlp, term: str | None, cfg: Config | None = None):
    """(detector, nlp, concepts or None for ANY, target) from a classify Context or a spaCy pipeline."""
    from pipelines.classify.passage import ANY_TERM, Context

    if isinstance(ctx_or_nlp, Context):
        ctx = ctx_or_nlp
        clf = ctx.memo("definitions.classifier", lambda: load_classifier(ctx.paths, ctx.cfg))
        nlp, cfg = ctx.nlp, ctx.cfg
        if term is None:
            any_term, concept = ctx.any_term, ctx.term
        else:
            any_term = term.upper() == ANY_TERM
            concept = None if any_term else ctx.lexicon.resolve(term)
    else:
        cfg = cfg or Config.load()
        nlp = ctx_or_nlp
        clf = load_classifier(Paths.from_config(cfg), cfg)
        requested = term or cfg.lexicon.target
        any_term = requested.upper() == ANY_TERM
        concept = None if any_term else lexicon_for(cfg.lexicon).resolve(requested)
    return clf.detector, nlp, (None if any_term else [concept]), cfg.lexicon.target
