"""The `ingest:` section of params.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipelines.config import Section

MiB = 1 << 20


class IngestSettings(Section):
    """Typed ingest parameters (see params.yaml for what each one means). The `max_*` bounds keep the work on any
    file, however hostile, bounded; what they cut is recorded in the manifest."""

    min_chars: int = Field(1, ge=1)
    near_duplicate_threshold: float = Field(0.8, gt=0, le=1)
    shingle_words: int = Field(5, ge=1, le=50)
    minhash_permutations: int = Field(128, ge=16, le=4096)
    language_min_chars: int = Field(50, ge=1)
    repeated_block_min_chars: int = Field(200, ge=20)
    repeated_line_min_chars: int = Field(40, ge=5)
    running_line_min_pages: int = Field(3, ge=2)
    running_line_min_share: float = Field(0.3, gt=0, le=1)
    max_file_bytes: int = Field(128 * MiB, ge=1024, le=4096 * MiB)
    max_docx_unpacked_bytes: int = Field(512 * MiB, ge=MiB, le=8192 * MiB)
    max_docx_xml_bytes: int = Field(32 * MiB, ge=64 * 1024, le=1024 * MiB)
    max_document_chars: int = Field(3_000_000, ge=1000, le=100_000_000)
    # spaCy refuses texts over 1,000,000 characters by default (E088) and needs ~1 GB per 100,000 parsed
    max_paragraph_chars: int = Field(20_000, ge=500, le=1_000_000)
    progress_every: int = Field(1000, ge=1)
    # title / authors / year a file's embedded metadata (HTML meta tags, DOCX core properties, PDF info) may supply
    # when metadata.csv gives none; a year is off by default: it is the file's date (created, modified), not the text's
    embedded_metadata: tuple[Literal["title", "authors", "year"], ...] = ("title", "authors")
