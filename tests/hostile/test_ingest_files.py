"""Hostile corpus files: special files and escaping symlinks are listed and never opened, every read is
bounded, over-long text is cut with a note, and peak memory stays under 1.5 GB on each hostile file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pipelines.ingest.bounds import bound_text, split_long_paragraphs
from pipelines.ingest.corpus import safe_name
from pipelines.ingest.dedup import NearDuplicateIndex
from pipelines.paths import ROOT
from tests.hostile import builders
from tests.ingest.helpers import ingest_folder

PEAK_LIMIT_MB = 1500


def test_special_files_and_escaping_symlinks_get_a_row_and_are_never_opened(cfg, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(builders.PROSE * 3, encoding="utf-8")
    expected = builders.special_files(corpus)
    _, docs, _, manifest, metrics = ingest_folder(cfg, corpus, tmp_path / "out")  # a FIFO opened would hang here
    for name, words in expected.items():
        assert manifest.loc[name, "status"] == "skipped", name
        assert manifest.loc[name, "reason"].startswith("refused: ") and words in manifest.loc[name, "reason"], name
    assert manifest.loc["good.txt", "status"] == "ok" and manifest.loc["inside.txt", "status"] == "ok"
    assert "root:" not in " ".join(docs.text)  # /etc/passwd was not read
    assert metrics["files"]["ok"] == 2


def test_symlinked_folder_inside_the_corpus_is_listed_not_followed(cfg, tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "real").mkdir(parents=True)
    (corpus / "real" / "a.txt").write_text(builders.PROSE, encoding="utf-8")
    (corpus / "alias").symlink_to(corpus / "real")
    _, docs, _, manifest, _ = ingest_folder(cfg, corpus, tmp_path / "out")
    assert manifest.loc["alias", "reason"] == "refused: symlinked folder (not followed)"
    assert list(docs.source_file) == ["real/a.txt"]


def test_file_names_of_any_bytes_are_listed_safely(cfg, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for raw in (b"caf\xe9.txt", b"line\nbreak.txt", b"=cmd.txt"):
        (corpus / os.fsdecode(raw)).write_text(builders.PROSE, encoding="utf-8")
    _, docs, _, manifest, _ = ingest_folder(cfg, corpus, tmp_path / "out")
    assert set(manifest.index) == {"caf\\xe9.txt", "line\\x0abreak.txt", "'=cmd.txt"}  # CSV-safe too
    assert set(manifest.status) == {"ok"} and len(docs) == 3
    assert safe_name(os.fsdecode(b"a/\xff\xfe.txt")) == "a/\\xff\\xfe.txt"


def test_long_paragraphs_are_split_where_offsets_do_not_move():
    text = ("word " * 10_000).strip()
    out, n = split_long_paragraphs(text, 1000)
    assert n == 1 and len(out) == len(text) and out.replace("\n", " ") == text
    assert max(len(line) for line in out.split("\n")) <= 1000
    solid, n = split_long_paragraphs("x" * 2500, 1000)
    assert n == 1 and [len(x) for x in solid.split("\n")] == [1000, 1000, 500]
    cut, notes = bound_text("a b " * 1000, 1000, 600)
    assert len(cut) == 1000 and "truncated from 4000 to 1000" in notes[0] and "split" in notes[1]


def test_streamed_shingling_gives_the_same_signature_as_the_whole_set():
    from datasketch import MinHash

    index = NearDuplicateIndex(0.8, 5, 64, seed=3)
    text = " ".join(f"w{i % 997}" for i in range(50_000))
    streamed, _ = index._minhash(text)
    words = text.split()
    whole = MinHash(num_perm=64, seed=3)
    whole.update_batch([" ".join(words[i:i + 5]).encode() for i in range(len(words) - 4)])
    assert np.array_equal(streamed.hashvalues, whole.hashvalues)
    short, has = index._minhash("two words")
    assert has and not np.array_equal(short.hashvalues, MinHash(num_perm=64, seed=3).hashvalues)


def test_peak_memory_of_ingest_stays_bounded_on_each_hostile_file(tmp_path):
    """Each hostile file alone, ingested in a forked child whose peak RSS is read from os.wait4."""
    cases = {
        "docx_many_paragraphs": lambda d: builders.docx(d / "many.docx", paragraphs=40_000_000 // 200),
        "docx_one_huge_run": lambda d: builders.docx(d / "run.docx", run_bytes=256 << 20),
        "txt_20mb_one_line": lambda d: builders.one_line_text(d / "line.txt", 20 << 20),
        "txt_210mb": lambda d: builders.sparse_file(d / "huge.txt", 210 << 20),
        "special_files": lambda d: ((d / "good.txt").write_text(builders.PROSE), builders.special_files(d)),
    }
    folders = []
    for name, build in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        build(folder)
        folders.append(str(folder))
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "-m", "tests.hostile.measure", *folders], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    results = {r["corpus"]: r for r in map(json.loads, run.stdout.splitlines())}
    print({k: round(v["peak_mb"]) for k, v in results.items()})
    assert set(results) == set(cases)
    for name, r in results.items():
        assert r["exit"] == 0 and r["rows"], name
        assert r["peak_mb"] < PEAK_LIMIT_MB, (name, r["peak_mb"])
    reasons = {name: " ".join(row[2] for row in r["rows"]) for name, r in results.items()}
    assert "over ingest.max_docx_xml_bytes" in reasons["docx_many_paragraphs"]
    assert "over ingest.max_docx_xml_bytes" in reasons["docx_one_huge_run"]
    assert "truncated from 20971520 to" in reasons["txt_20mb_one_line"]
    assert "larger than ingest.max_file_bytes" in reasons["txt_210mb"]


@pytest.mark.parametrize("limit", [5_000])
def test_a_docx_under_the_xml_limit_is_read_and_cut_to_the_document_limit(cfg, tmp_path, limit):
    from pipelines.ingest.readers.docx import read_docx

    path = builders.docx(tmp_path / "d.docx", paragraphs=200)
    result = read_docx(path.read_bytes())
    assert result.records[0].text.count("Co-production means") == 200
    text, notes = bound_text(result.records[0].text, limit, 1000)
    assert len(text) == limit and notes
