"""The trained sense classifier: `labels` and `predict_proba(texts)` for free texts (the first target mention is
the one classified), `predict_proba_spans` for mentions given by offsets, and `classify_mentions` for mention rows.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.modeling import ENCODER_KEY, TrainedClassifier, open_model
from pipelines.paths import Paths
from pipelines.senses.features import MentionSpan, feature_frame, first_mention
from pipelines.senses.settings import IN_SENSE, LABELS, MODEL_NAME, TRAIN_HINT
from pipelines.tables import require
from pipelines.text.lexicon import Lexicon, lexicon_for

MENTION_COLUMNS = ("sentence", "start", "end", "sent_start")


class SenseClassifier(TrainedClassifier):
    """A fitted sense pipeline with what it needs to featurise text (encoder cache, lexicon, window)."""

    def __init__(self, estimator, cache: EmbeddingCache, lexicon: Lexicon, window_words: int):
        super().__init__(estimator, LABELS, encoder=cache)
        self.lexicon = lexicon
        self.window_words = window_words

    def features(self, texts: list[str]) -> pd.DataFrame:
        """Free texts, each featurised at its first target mention."""
        return self.span_features([first_mention(t, self.lexicon) for t in texts])

    def span_features(self, spans: Sequence[MentionSpan]) -> pd.DataFrame:
        return feature_frame(spans, self.encoder, self.window_words)

    def predict_proba_spans(self, spans: Sequence[MentionSpan]) -> np.ndarray:
        """Probabilities (rows sum to 1, columns in `labels` order) for mentions given by their spans."""
        if not spans:
            return np.zeros((0, len(self.labels)))
        return self.proba_from_features(self.span_features(spans))


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
    require(mentions, MENTION_COLUMNS, "mention rows given to the sense classifier")
    spans = []
    for row in mentions.itertuples(index=False):
        start, end = int(row.start) - int(row.sent_start), int(row.end) - int(row.sent_start)
        if not (0 <= start < end <= len(row.sentence)):
            raise ValueError(
                f"mention at {row.start}-{row.end} lies outside its sentence starting at {row.sent_start} "
                f"(mention_id {getattr(row, 'mention_id', '?')}); the mentions table is inconsistent"
            )
        spans.append(MentionSpan(row.sentence, start, end))
    return sense_columns(clf.predict_proba_spans(spans), clf.labels)


def load_classifier(paths: Paths, cfg: Config) -> SenseClassifier:
    """The model saved by `train_senses` (models/senses), with the encoder and window named in its card."""
    estimator, card = open_model(paths.models / MODEL_NAME, TRAIN_HINT)
    params = card["params"]
    cache = EmbeddingCache(params[ENCODER_KEY], paths.cache, cfg.models.batch_size)
    return SenseClassifier(estimator, cache, lexicon_for(cfg.lexicon), int(params["window_words"]))
