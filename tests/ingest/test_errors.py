"""Broken inputs never stop the run and never vanish; --strict turns failures into a non-zero exit."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.ingest.records import IngestError
from pipelines.ingest.stage import run_ingest
from tests.ingest.helpers import PROSE, ingest_folder, params_file, paths_for


@pytest.fixture(scope="module")
def broken(cfg, tmp_path_factory):
    corpus = tmp_path_factory.mktemp("broken")
    (corpus / "good.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf at all")
    (corpus / "latin1.txt").write_bytes(("Caf\u00e9 co-production \u2013 " + PROSE).encode("cp1252"))
    (corpus / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.md").write_text("  \n\n ", encoding="utf-8")
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (corpus / "table.csv").write_text("name,score\nA,1\n", encoding="utf-8")
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (corpus / ".DS_Store").write_bytes(b"\x00\x01")
    (corpus / "metadata.csv").write_text(
        "doc_id,file,title,genre,year,authors,source\n"
        "good,good.txt,A good document,report,2020,A. Author,unknown\n"
        "ghost,missing.txt,Not there,report,2020,,\n",
        encoding="utf-8",
    )
    return ingest_folder(cfg, corpus, tmp_path_factory.mktemp("broken_out"))


def test_every_file_has_a_manifest_row_with_status_and_reason(broken):
    summary, docs, _, manifest, metrics = broken
    status = manifest.status.to_dict()
    assert status == {
        ".DS_Store": "skipped", "blank.md": "skipped", "broken.docx": "failed", "corrupt.pdf": "failed",
        "empty.txt": "skipped", "good.txt": "ok", "image.png": "skipped", "junk.txt": "failed",
        "latin1.txt": "ok", "metadata.csv": "skipped", "table.csv": "skipped",
    }
    reasons = manifest.reason.to_dict()
    assert reasons["corrupt.pdf"].startswith("corrupt PDF")
    assert "binary content" in reasons["junk.txt"]
    assert reasons["empty.txt"] == "empty file" and reasons["blank.md"] == "empty file"
    assert reasons["image.png"].startswith("unsupported extension '.png'")
    assert "neither a Scopus nor a Web of Science export" in reasons["table.csv"]
    assert reasons["broken.docx"].startswith("corrupt .docx")
    assert reasons[".DS_Store"] == "hidden file"
    assert manifest.loc["empty.txt", "size_bytes"] == 0
    assert metrics["files"] == {"ok": 2, "skipped": 6, "failed": 3}
    assert sorted(r.file for r in summary.failures) == ["broken.docx", "corrupt.pdf", "junk.txt"]


def test_cp1252_is_decoded_with_a_note_and_original_characters(broken):
    _, docs, _, manifest, _ = broken
    doc = docs.set_index("source_file").loc["latin1.txt"]
    assert doc.text.startswith("Caf\u00e9 co-production \u2013 ")
    assert "decoded as cp1252" in manifest.loc["latin1.txt", "reason"]


def test_metadata_is_merged_and_missing_files_reported(broken):
    summary, docs, _, _, metrics = broken
    good = docs.set_index("doc_id").loc["good"]
    assert (good.title, good.genre, good.year, good.authors, good.source) == (
        "A good document", "report", "2020", "A. Author", "unknown")
    assert metrics["metadata_rows_unmatched"] == 1 and metrics["metadata_unmatched_files"] == ["missing.txt"]
    assert any("missing.txt" in w for w in summary.warnings)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("doc_id,title\nx,y\n", "needs a 'file' column"),
        ("doc_id,file,colour\nx,a.txt,red\n", "unknown column(s) colour"),
        ("doc_id,file,title\nx,a.txt,one,two\n", ":2: 4 fields where the header has 3"),
        ("doc_id,file\nx,a.txt\ny,a.txt\n", ":3: file 'a.txt' is listed twice"),
        ("doc_id,file\nx,a.txt\nx,b.txt\n", ":3: doc_id 'x' already used on line 2"),
        ("doc_id,file,year\nx,a.txt,recently\n", ":2: year 'recently' is not a year"),
        ('doc_id,file\nx,"a.txt\n', "malformed CSV"),
    ],
)
def test_malformed_metadata_is_a_clear_error(cfg, tmp_path, content, message):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "metadata.csv").write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as err:
        run_ingest(cfg, paths_for(cfg, corpus, tmp_path / "out"))
    assert str(corpus / "metadata.csv") in str(err.value) and message in str(err.value)


def _cli(tmp_path, corpus, *extra):
    params = params_file(tmp_path / "run")
    return CliRunner().invoke(app, ["ingest", "--corpus", str(corpus), "--params", str(params), *extra])


def test_cli_lists_failures_and_succeeds_without_strict(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "corrupt.pdf").write_bytes(b"%PDF-1.4 garbage")
    result = _cli(tmp_path, corpus)
    assert result.exit_code == 0, result.output
    assert "failed: corrupt.pdf: corrupt PDF" in result.output
    metrics = json.loads((tmp_path / "run" / "metrics" / "ingest.json").read_text())
    assert metrics["files"]["failed"] == 1 and metrics["documents"] == 1
    docs = pd.read_parquet(tmp_path / "run" / "data" / "ingest" / "documents.parquet")
    assert docs.doc_id.tolist() == ["good-txt"]


def test_cli_strict_exits_non_zero_with_a_summary(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "corrupt.pdf").write_bytes(b"%PDF-1.4 garbage")
    result = _cli(tmp_path, corpus, "--strict")
    assert result.exit_code == 1
    assert "1 file(s) failed (--strict)" in result.output


def test_stage_run_writes_and_returns_the_metrics_and_logs_failures(cfg, tmp_path, caplog):
    from pipelines.ingest.stage import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "corrupt.pdf").write_bytes(b"%PDF-1.4 garbage")
    paths = paths_for(cfg, corpus, tmp_path / "out")
    metrics = run(cfg, paths)
    assert metrics == json.loads(paths.metric("ingest").read_text())
    assert metrics["files"] == {"ok": 1, "skipped": 0, "failed": 1} and metrics["documents"] == 1
    assert "failed: corrupt.pdf: corrupt PDF" in caplog.text


def test_cli_strict_succeeds_on_clean_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(PROSE, encoding="utf-8")
    assert _cli(tmp_path, corpus, "--strict").exit_code == 0


def test_cli_bad_metadata_and_missing_corpus_exit_2(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "metadata.csv").write_text("doc_id\nx\n", encoding="utf-8")
    result = _cli(tmp_path, corpus)
    assert result.exit_code == 2 and "metadata.csv" in result.output and "'file' column" in result.output
    result = _cli(tmp_path, tmp_path / "nowhere")
    assert result.exit_code == 2 and "corpus folder not found" in result.output


def test_files_with_no_text_left_are_skipped_with_the_reason(cfg, tmp_path):
    from fpdf import FPDF

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "chrome.txt").write_text("Login / Signup\n\nViews: 3\n", encoding="utf-8")
    pdf = FPDF()
    pdf.add_page()
    (corpus / "scan.pdf").write_bytes(bytes(pdf.output()))
    _, docs, removals, manifest, _ = ingest_folder(cfg, corpus, tmp_path / "out")
    assert docs.empty and removals.empty
    assert manifest.loc["chrome.txt", "status"] == "skipped"
    assert "no text left after removing page chrome" in manifest.loc["chrome.txt", "reason"]
    assert manifest.loc["scan.pdf", "status"] == "skipped"
    assert "1 of 1 pages have no extractable text" in manifest.loc["scan.pdf", "reason"]
