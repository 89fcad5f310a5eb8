"""The `mentions:` section of params.yaml, typed."""

from __future__ import annotations

from pydantic import Field

from pipelines.config import Section


class MentionsParams(Section):
    """Context width stored with each mention, sentence-splitting and batching knobs."""

    context_chars: int = Field(100, ge=0, description="characters of left/right context stored per mention")
    heading_max_chars: int = Field(
        50, ge=0, description="a line this short (no final punctuation) followed by a line break ends a sentence"
    )
    doc_batch_size: int = Field(256, ge=1, description="documents read and indexed per batch")
    parse_batch_size: int = Field(64, ge=1, description="paragraphs per spaCy nlp.pipe batch")
    n_process: int = Field(1, ge=1, description="spaCy worker processes")
