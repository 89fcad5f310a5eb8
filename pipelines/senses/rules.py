"""Constraints applied to the model's probabilities, each one a line of the codebook the model may miss.

A first-person voice about one's own involvement ("being part of the co-production group gave me my voice back")
is never a film or music credit unless the passage names a medium: the film_media probability of such a mention
moves to participatory. Musicians' and producers' first person ("I co-produced the EP") names its medium, so it
keeps its probabilities.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from pipelines.senses.cues import media_evidence, service_user_voice
from pipelines.senses.features import MentionSpan
from pipelines.senses.settings import IN_SENSE


def voice_is_not_film(span: MentionSpan) -> bool:
    """Whether the rule applies: a service user's first-person sentence in a passage that names no medium."""
    return service_user_voice(span.text) and not media_evidence(span.passage)


def apply_rules(proba: np.ndarray, spans: Sequence[MentionSpan], labels: list[str]) -> np.ndarray:
    """Probabilities after the rules (rows still sum to 1)."""
    out = proba.astype(float).copy()
    film, part = labels.index("film_media"), labels.index(IN_SENSE)
    for i, span in enumerate(spans):
        if voice_is_not_film(span):
            out[i, part] += out[i, film]
            out[i, film] = 0.0
    return out
