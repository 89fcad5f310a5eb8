"""The `ingest:` section of params.yaml."""

from __future__ import annotations

from pydantic import Field

from pipelines.config import Section


class IngestSettings(Section):
    """Typed ingest parameters (see params.yaml for what each one means)."""

    min_chars: int = Field(1, ge=1)
    near_duplicate_threshold: float = Field(0.8, gt=0, le=1)
    shingle_words: int = Field(5, ge=1)
    minhash_permutations: int = Field(128, ge=16)
    language_min_chars: int = Field(50, ge=1)
    repeated_block_min_chars: int = Field(200, ge=20)
    repeated_line_min_chars: int = Field(40, ge=5)
