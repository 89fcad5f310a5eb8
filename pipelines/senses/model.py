"""The trained sense classifier behind one interface: `labels` and `predict_proba(texts)` for free texts
(the first target mention is the one classified), plus `classify_mentions` for mention rows with offsets.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.modeling import label_order, load_card, load_model
from pipelines.paths import Paths
from pipelines.senses.features import MentionSpan, feature_frame, first_mention
from pipelines.senses.settings import IN_SENSE, LABELS
from pipelines.text.lexicon import Lexicon, lexicon_for

MODEL_NAME = "senses"


class SenseModelMissing(FileNotFoundError):
    """No trained sense model: the user has to run the `train_senses` stage."""


class SenseClassifier:
    """A fitted sense pipeline with what it needs to featurise text (encoder cache, lexicon, window)."""

    def __init__(self, estimator, cache: EmbeddingCache, lexicon: Lexicon, window_words: int):
        self.estimator = estimator
        self.cache = cache
        self.lexicon = lexicon
        self.window_words = window_words
        self.labels, self._order = label_order(estimator, LABELS)

    def predict_proba_spans(self, spans: Sequence[MentionSpan]) -> np.ndarray:
        """Probabilities (rows sum to 1, columns in `labels` order) for mentions given by their spans."""
        if not spans:
            return np.zeros((0, len(self.labels)))
        frame = feature_frame(spans, self.cache, self.window_words)
        return self.estimator.predict_proba(frame)[:, self._order]

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities for free texts, each classified at its first target mention."""
        return self.predict_proba_spans([first_mention(t, self.lexicon) for t in texts])

    def predict(self, texts: list[str]) -> list[str]:
        proba = self.predict_proba(texts)
        return [self.labels[i] for i in proba.argmax(axis=1)]


def sense_columns(proba: np.ndarray, labels: list[str]) -> pd.DataFrame:
    """sense, sense_score, p_<label>..., in_sense for a matrix of probabilities."""
    best = proba.argmax(axis=1) if len(proba) else np.zeros(0, dtype=int)
    out = pd.DataFrame({"sense": [labels[i] for i in best], "sense_score": proba.max(axis=1) if len(proba) else []})
    for j, lab in enumerate(labels):
        out[f"p_{lab}"] = proba[:, j]
    out["in_sense"] = out["sense"] == IN_SENSE
    return out


def classify_mentions(clf: SenseClassifier, mentions: pd.DataFrame) -> pd.DataFrame:
    """Sense columns for mention rows (`sentence`, `start`, `end`, `sent_start`: document offsets)."""
    missing = [c for c in ("sentence", "start", "end", "sent_start") if c not in mentions.columns]
    if missing:
        raise KeyError(f"mention rows lack column(s) {', '.join(missing)} (see mentions.parquet contract)")
    spans = []
    for row in mentions.itertuples(index=False):
        start, end = int(row.start) - int(row.sent_start), int(row.end) - int(row.sent_start)
        if not (0 <= start < end <= len(row.sentence)):
            raise ValueError(
                f"mention at {row.start}-{row.end} lies outside its sentence starting at {row.sent_start} "
                f"(mention_id {getattr(row, 'mention_id', '?')}); mentions.parquet is inconsistent"
            )
        spans.append(MentionSpan(row.sentence, start, end))
    return sense_columns(clf.predict_proba_spans(spans), clf.labels)


def load_classifier(paths: Paths, cfg: Config | None = None) -> SenseClassifier:
    """The trained model from models/senses, with the encoder and window it was trained with."""
    cfg = cfg or Config.load()
    directory = paths.models / MODEL_NAME
    try:
        estimator = load_model(directory)
        card = load_card(directory)
    except FileNotFoundError as exc:
        raise SenseModelMissing(
            f"{directory}: no trained sense model; run `dvc repro train_senses` "
            "(or `python -m pipelines.senses.train`) first"
        ) from exc
    params = card["params"]
    cache = EmbeddingCache(params["encoder"], paths.cache, cfg.models.batch_size)
    return SenseClassifier(estimator, cache, lexicon_for(cfg.lexicon), int(params["window_words"]))
