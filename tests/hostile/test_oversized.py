"""Oversized documents never reach a later stage unbounded, and a parse failure names its document."""

from __future__ import annotations

import pytest

from pipelines.ingest.settings import IngestSettings
from pipelines.mentions.segment import paragraph_spans
from tests.hostile.builders import one_line_text
from tests.ingest.helpers import ingest_folder, paths_for


def test_a_one_line_document_reaches_mentions_as_bounded_paragraphs(cfg, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    one_line_text(corpus / "scraped.txt", 300_000)
    _, docs, _, manifest, _ = ingest_folder(cfg, corpus, tmp_path / "out")
    limit = IngestSettings().max_paragraph_chars
    text = docs.text.iloc[0]
    spans = paragraph_spans(text)
    assert len(spans) >= 300_000 // limit and max(e - s for s, e in spans) <= limit
    assert "split into lines (ingest.max_paragraph_chars)" in manifest.loc["scraped.txt", "reason"]


def test_a_parse_failure_names_the_document(cfg, tmp_path, monkeypatch):
    from pipelines.mentions import stage as mentions_stage
    from pipelines.mentions.parses import ParseStore

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "huge-report.txt").write_text("Co-production matters here. " * 50, encoding="utf-8")
    ingest_folder(cfg, corpus, tmp_path / "out")

    def fail(self, documents, paragraphs):
        raise ValueError("[E088] Text of length 21000000 exceeds maximum of 5000000")

    monkeypatch.setattr(ParseStore, "paragraph_docs", fail)
    with pytest.raises(RuntimeError, match=r"E088.*document 'huge-report-txt' paragraph 0"):
        mentions_stage.run(cfg, paths_for(cfg, corpus, tmp_path / "out"))
