"""The trained sense classifier: `labels` and `predict_proba(texts)` for free texts (the first target mention is
the one classified), `predict_proba_spans` for mentions given by offsets, and `classify_mentions` for mention rows.
Every road takes the linear model's probabilities, blends its close calls with the fine-tuned second opinion
(`second_opinion.py`), then applies the codebook rules of `rules.py`.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.finetuned import FineTunedClassifier
from pipelines.modeling import ENCODER_KEY, TrainedClassifier, open_model
from pipelines.paths import Paths
from pipelines.priors import reweight
from pipelines.second_opinion import require_finetuned
from pipelines.senses.features import MentionSpan, clip_context, feature_frame, first_mention
from pipelines.senses.rules import apply_rules
from pipelines.senses.second_opinion import FOLDER, blend_close_calls
from pipelines.senses.settings import IN_SENSE, LABELS, MODEL_NAME, TRAIN_HINT, SensesParams
from pipelines.tables import require
from pipelines.text.lexicon import Lexicon, lexicon_for

MENTION_COLUMNS = ("sentence", "start", "end", "sent_start")
#: Optional column of mention rows: the paragraph around the sentence, read as the mention's passage.
CONTEXT = "paragraph"
SCOPE = "document"  # mention rows' column with the whole document (the stage: its paragraphs joined)


class SenseClassifier(TrainedClassifier):
    """A fitted sense pipeline with what it needs to featurise text (encoder cache, lexicon, window)."""

    def __init__(self, estimator, cache: EmbeddingCache, lexicon: Lexicon, window_words: int,
                 prior_weights: dict[str, float] | None = None, second_opinion: FineTunedClassifier | None = None,
                 second_opinion_weight: float = 0.0):
        super().__init__(estimator, LABELS, encoder=cache)
        self.lexicon = lexicon
        self.window_words = window_words
        self.prior_weights = dict(prior_weights or {})
        self.second_opinion = second_opinion
        self.second_opinion_weight = second_opinion_weight

    def features(self, texts: list[str]) -> pd.DataFrame:
        """Free texts, each featurised at its first target mention."""
        return self.span_features([first_mention(t, self.lexicon) for t in texts])

    def span_features(self, spans: Sequence[MentionSpan]) -> pd.DataFrame:
        return feature_frame(spans, self.encoder, self.window_words)

    def predict_proba_spans(self, spans: Sequence[MentionSpan]) -> np.ndarray:
        """Probabilities (rows sum to 1, columns in `labels` order) for mentions given by their spans, after the
        codebook rules of `rules.py`."""
        if not spans:
            return np.zeros((0, len(self.labels)))
        proba = reweight(self.proba_from_features(self.span_features(spans)), self.prior_weights, self.labels)
        proba = blend_close_calls(proba, spans, self.second_opinion, self.second_opinion_weight, self.prior_weights,
                                  self.labels)
        return apply_rules(proba, spans, self.labels)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities for free texts, each at its first target mention (rules applied)."""
        return self.predict_proba_spans([first_mention(t, self.lexicon) for t in texts])


def sense_columns(proba: np.ndarray, labels: list[str]) -> pd.DataFrame:
    """sense, sense_score, p_<label>..., in_sense for a matrix of probabilities."""
    best = proba.argmax(axis=1) if len(proba) else np.zeros(0, dtype=int)
    out = pd.DataFrame({"sense": [labels[i] for i in best], "sense_score": proba.max(axis=1) if len(proba) else []})
    for j, lab in enumerate(labels):
        out[f"p_{lab}"] = proba[:, j]
    out["in_sense"] = out["sense"] == IN_SENSE
    return out


def classify_mentions(clf: SenseClassifier, mentions: pd.DataFrame) -> pd.DataFrame:
    """Sense columns for mention rows (`sentence`, `start`, `end`, `sent_start`: document offsets; a
    `paragraph` column, when present, is each mention's passage, a `document` column its whole document)."""
    require(mentions, MENTION_COLUMNS, "mention rows given to the sense classifier")
    spans = []
    contexts = mentions[CONTEXT].fillna("").astype(str).tolist() if CONTEXT in mentions else [""] * len(mentions)
    # the document column holds one string per document (senses.stage.with_paragraphs): read it without copying
    scopes = [s if isinstance(s, str) else "" for s in mentions[SCOPE]] if SCOPE in mentions else [""] * len(mentions)
    for row, context, scope in zip(mentions.itertuples(index=False), contexts, scopes):
        start, end = int(row.start) - int(row.sent_start), int(row.end) - int(row.sent_start)
        if not (0 <= start < end <= len(row.sentence)):
            raise ValueError(
                f"mention at {row.start}-{row.end} lies outside its sentence starting at {row.sent_start} "
                f"(mention_id {getattr(row, 'mention_id', '?')}); the mentions table is inconsistent"
            )
        spans.append(MentionSpan(row.sentence, start, end, clip_context(context, row.sentence) if context else "",
                                 scope))
    return sense_columns(clf.predict_proba_spans(spans), clf.labels)


def load_classifier(paths: Paths, cfg: Config, opened: tuple | None = None) -> SenseClassifier:
    """The model saved by `train_senses` (models/senses), with the encoder and window named in its card and its
    second opinion when `senses.second_opinion_weight` > 0; `opened` (estimator, card) when the caller already
    read the model file (a Dask worker reads it once)."""
    folder = paths.models / MODEL_NAME
    estimator, card = opened or open_model(folder, TRAIN_HINT)
    params = card["params"]
    cache = EmbeddingCache.for_project(cfg, paths, params[ENCODER_KEY], task="senses")
    senses: SensesParams = cfg.section("senses", SensesParams)
    opinion = None
    if senses.second_opinion_weight > 0:
        opinion = require_finetuned(folder / FOLDER, LABELS, "train_senses.second_opinion",
                                    "senses.second_opinion_weight", TRAIN_HINT)
    return SenseClassifier(estimator, cache, lexicon_for(cfg.lexicon), int(params["window_words"]),
                           senses.prior_weights, opinion, senses.second_opinion_weight)
