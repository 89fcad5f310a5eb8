"""The parser agency uses: the configured spaCy pipeline, with "co-X" kept as one token.

The shared tokenizer splits "co-produced" into co / - / produced, which breaks the dependency parse
(the relative clause attaches to "co"); a private copy keeps co-words whole. Texts are parsed after
length-preserving normalisation, so character offsets stay valid on the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipelines.nlp import ModelNotFound
from pipelines.text.normalize import normalize_for_matching

_CO_WORD = re.compile(r"^co-[a-z]+$", re.IGNORECASE)


@lru_cache(maxsize=2)
def load_agency_nlp(name: str):
    """A private spaCy pipeline (not the shared cached one) whose tokenizer keeps co-words whole."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(f"spaCy pipeline '{name}' is not installed (models.spacy in params.yaml)") from exc
    previous = nlp.tokenizer.token_match
    nlp.tokenizer.token_match = lambda s: _CO_WORD.match(s) or (previous(s) if previous else None)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def parse(nlp, texts: list[str], batch_size: int = 64) -> list:
    """Docs of the normalised texts (same length as the originals)."""
    return list(nlp.pipe([normalize_for_matching(t) for t in texts], batch_size=batch_size))
