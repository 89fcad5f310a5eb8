"""Model inputs: the MiniLM embedding of a passage next to its cue/framing features (pipelines.narratives.cues).

The embedding carries meaning; the cue block makes the rules a researcher can read part of the decision.
"""

from __future__ import annotations

import numpy as np

from pipelines.embeddings import EmbeddingCache
from pipelines.narratives.cues import cue_matrix


def featurize(texts: list[str], cache: EmbeddingCache, cue_weight: float) -> tuple[np.ndarray, np.ndarray]:
    """(features, embeddings) for `texts`: features = [embedding | cue_weight * cues]."""
    emb = cache.encode(texts)
    cues = cue_matrix(list(texts))
    return np.hstack([emb, cue_weight * cues]).astype(np.float32), emb
