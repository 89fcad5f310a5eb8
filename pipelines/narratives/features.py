"""Model inputs: the MiniLM embedding of a passage next to its cue/framing features (pipelines.narratives.cues).

The embedding carries meaning; the cue block makes the rules a researcher can read part of the decision.
"""

from __future__ import annotations

import numpy as np

from pipelines.embeddings import EmbeddingCache
from pipelines.narratives.cues import cue_matrix


def featurize(
    texts: list[str], cache: EmbeddingCache, cue_weight: float, cue_texts: list[str] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(features, embeddings) for `texts`: features = [embedding | cue_weight * cues].

    `cue_texts` (one per text) lets the cue block read a wider text than the embedding: a sentence window of a long
    paragraph is embedded alone, while its cues (who speaks, quotes, framing) come from the whole paragraph.
    """
    if cue_texts is not None and len(cue_texts) != len(texts):
        raise ValueError(f"featurize: {len(cue_texts)} cue texts for {len(texts)} texts")
    emb = cache.encode(texts)
    cues = cue_matrix(list(texts if cue_texts is None else cue_texts))
    return np.hstack([emb, cue_weight * cues]).astype(np.float32), emb
