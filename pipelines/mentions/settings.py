"""The `mentions:` section of params.yaml, typed."""

from __future__ import annotations

from pydantic import Field

from pipelines.config import Section


class MentionsParams(Section):
    """Context width stored with each mention, sentence-splitting and batching knobs."""

    context_chars: int = Field(100, ge=0, description="characters of left/right context stored per mention")
    heading_max_chars: int = Field(
        50, ge=0, description="a label line this short (at most three words, no final punctuation) ends a sentence "
        "and, before a capital, a paragraph; longer heading lines follow pipelines.text.line_breaks"
    )
    doc_batch_size: int = Field(256, ge=1, description="documents read and indexed per batch")
    parse_batch_size: int = Field(64, ge=1, description="paragraphs per spaCy nlp.pipe batch")
    n_process: int = Field(1, ge=1, description="spaCy worker processes")
