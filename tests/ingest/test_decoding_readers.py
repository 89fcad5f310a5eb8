"""Unit tests: byte decoding, export detection and reader errors."""

from __future__ import annotations

import pytest

from pipelines.ingest.corpus import sorted_corpus
from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.readers import read_file
from pipelines.ingest.readers.csv_exports import detect_export
from pipelines.ingest.readers.medline import looks_like_medline
from pipelines.ingest.records import ReadFailure, SkipFile


def test_decoding_order_and_notes():
    assert decode_bytes("co\u2010production".encode("utf-8")) == ("co\u2010production", None)
    assert decode_bytes(b"\xef\xbb\xbfco-production") == ("co-production", None)
    text, note = decode_bytes("caf\u00e9 \u201cquoted\u201d".encode("cp1252"))
    assert text == "caf\u00e9 \u201cquoted\u201d" and note.startswith("decoded as cp1252")
    with pytest.raises(ReadFailure, match="undecodable bytes"):
        decode_bytes(b"text with \x81 an undefined cp1252 byte \xff\xfe")
    with pytest.raises(ReadFailure, match="binary content"):
        decode_bytes(b"\x00\x01\x02binary")


def test_export_detection_by_headers():
    assert detect_export(["Authors", "Title", "Year", "Source title", "Abstract", "EID"])[0] == "scopus"
    assert detect_export(["PT", "AU", "TI", "SO", "PY", "AB", "UT"])[0] == "wos"
    assert detect_export(["Publication Type", "Authors", "Article Title", "Source Title", "Abstract"])[0] == "wos"
    assert detect_export(["name", "score"]) is None


def test_wos_long_column_names(tmp_path):
    data = (
        '"Authors","Article Title","Source Title","Publication Year","DOI","Abstract","UT (Unique WOS ID)"\n'
        '"Ng, A; Oh, B","Co-production at scale","Policy & Politics","2022","10.9/pp","Service users and staff '
        'co-produce the budget of a mental health trust.","WOS:2"\n'
    ).encode("utf-8")
    result = read_file(".csv", data)
    (rec,) = result.records
    assert result.format == "wos" and rec.title == "Co-production at scale" and rec.year == "2022"
    assert rec.authors == "Ng, A; Oh, B" and rec.journal == "Policy & Politics"


def test_wos_row_with_wrong_field_count_fails_with_line():
    data = b"PT\tAU\tTI\tSO\tPY\tAB\tUT\nJ\tA\tT\tS\t2020\n"
    with pytest.raises(ReadFailure, match="line 2: 5 fields where the header has 7"):
        read_file(".tsv", data)


def test_medline_detection_and_malformed_lines():
    assert looks_like_medline("\nPMID- 1\nTI  - A title\n")
    assert not looks_like_medline("PMID is mentioned in prose here.\nTI  - no")
    with pytest.raises(ReadFailure, match="line 3: not a MEDLINE tag line"):
        read_file(".nbib", b"PMID- 1\nTI  - A title\nthis line is not tagged\n")
    with pytest.raises(SkipFile, match="none of 1 records has an abstract"):
        read_file(".nbib", b"PMID- 1\nTI  - A title without abstract\n")


def test_plain_txt_that_mentions_tags_is_not_medline():
    result = read_file(".txt", b"Notes on PubMed exports: lines like 'PMID- ' start a record.\n")
    assert result.format == "text"


def test_hidden_folders_are_listed_not_searched(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    entries = sorted_corpus(tmp_path)
    assert [(e.rel, e.hidden_dir) for e in entries] == [(".git", True), ("a.txt", False), ("b/x.txt", False)]
