"""The level model's inputs and estimator: sentence embeddings + cue counts (dense) and word TF-IDF on the text.

Inputs are one DataFrame (column `text` plus dense columns) so that a single scikit-learn Pipeline,
saved with skops, holds the TF-IDF vocabulary, the scaling and the classifier together.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from pipelines.embeddings import EmbeddingCache
from pipelines.levels.cues import CUE_FEATURES, cue_counts


def feature_frame(texts: list[str], embedder: EmbeddingCache) -> pd.DataFrame:
    """One row per text: the text, its embedding (e0..), and cue counts (cue_<level>)."""
    emb = embedder.encode(texts)
    dense = np.hstack([emb, cue_counts(texts)])
    cols = [f"e{i}" for i in range(emb.shape[1])] + CUE_FEATURES
    frame = pd.DataFrame(dense, columns=cols)
    frame.insert(0, "text", list(texts))
    return frame


def build_estimator(n_dims: int, C: float, tfidf_weight: float, cue_weight: float, seed: int) -> Pipeline:
    """TF-IDF (unigrams+bigrams) on `text`, embeddings and cue counts passed through, then logistic regression."""
    emb_cols = [f"e{i}" for i in range(n_dims)]
    features = ColumnTransformer(
        [
            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True), "text"),
            ("embedding", "passthrough", emb_cols),
            ("cues", "passthrough", CUE_FEATURES),
        ],
        transformer_weights={"tfidf": tfidf_weight, "embedding": 1.0, "cues": cue_weight},
    )
    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced", random_state=seed)
    return Pipeline([("features", features), ("clf", clf)])
