"""Hostile passage files for `colens classify`: the input is never overwritten, every input line gets exactly one
output line (blank lines included), and a bad line costs only itself."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pipelines.classify.passage import Context
from pipelines.classify.runner import SameFileError, classify_file
from pipelines.cli import app
from pipelines.io import read_jsonl

GOOD = {"id": "ok", "text": "Patients co-produced the plan with their nurses."}


class Length:
    """A model-free annotator: the passage length, after the mentions it requires."""

    name = "length"
    requires = ("mentions",)

    def annotate(self, passages, ctx) -> None:
        for p in passages:
            if "BOOM" in p.text:
                raise RuntimeError("annotator broke on this passage")
            p.result[self.name] = len(p.text)


@pytest.fixture()
def light(monkeypatch):
    monkeypatch.setattr("pipelines.classify.annotators.ANNOTATORS", [
        "pipelines.classify.mention_field:MentionAnnotator", "tests.hostile.test_passages:Length"])


def _hostile_lines() -> list[bytes]:
    """One line per hostile case, built on the fly (nothing large is committed)."""
    return [
        json.dumps(GOOD).encode(),
        b"",                                                     # blank
        b'{"id": "sur", "text": "bad \\ud800 surrogate"}',         # lone surrogate escape
        b'{"id": "bytes", "text": "caf\xe9 latin-1 byte"}',       # not UTF-8
        json.dumps({"id": "big", "text": "word " * 30_000}).encode(),  # 150,000 characters
        json.dumps({"id": 5, "text": ["not", "a", "string"]}).encode(),
        json.dumps({"id": {"x": 1}, "text": "id is an object"}).encode(),
        b"   ",                                                  # whitespace only
        json.dumps({"id": "boom", "text": "BOOM goes the annotator"}).encode(),
        b"[1, 2, 3]",
        b"{" * 100_000,                                          # nested too deeply for the parser
        json.dumps({**GOOD, "id": "last"}).encode(),
    ]


def test_every_bad_line_becomes_its_own_error_row_and_the_rest_are_analysed(cfg, tmp_path, light):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = _hostile_lines()
    inp.write_bytes(b"\n".join(lines) + b"\n")
    summary = classify_file(inp, out, Context(cfg), batch_size=4, max_chars=100_000)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(lines) == summary.n_lines
    assert [r["line"] for r in rows if "line" in r] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert rows[0]["id"] == "ok" and rows[0]["length"] == len(GOOD["text"]) and rows[0]["mentions"]
    assert rows[-1]["id"] == "last" and rows[-1]["length"] == len(GOOD["text"])
    assert rows[1] == {"id": None, "line": 2, "blank": True} and rows[7]["blank"] is True
    why = {r["line"]: r.get("error", "") for r in rows if "line" in r}
    assert "lone surrogate" in why[3] and "not valid UTF-8" in why[4]
    assert "longer than the limit of 100000" in why[5] and rows[4]["id"] == "big"
    assert "'text' must be a string" in why[6] and "'id' must be a string or number" in why[7]
    assert "analysis failed (RuntimeError" in why[9] and rows[8]["id"] == "boom"
    assert "expected a JSON object" in why[10] and "not valid JSON" in why[11]
    assert all(f"in.jsonl:{n}:" in why[n] for n in (3, 4, 5, 6, 7, 9, 10, 11))
    assert (summary.n_ok, summary.n_blank, len(summary.errors)) == (2, 2, 8)


def test_a_line_of_any_length_is_read_in_bounded_chunks(tmp_path):
    path = tmp_path / "long.jsonl"
    with open(path, "wb") as handle:
        handle.write(b'{"id": "huge", "text": "')
        for _ in range(12):
            handle.write(b"x" * (1 << 20))
        handle.write(b'"}\n' + json.dumps(GOOD).encode() + b"\n")
    recs = list(read_jsonl(path, max_text_chars=1000))
    assert "line of 12582" in recs[0].error and recs[0].data is None
    assert recs[1].error is None and recs[1].data["id"] == "ok"


def test_the_output_may_not_be_the_input(cfg, tmp_path, light):
    inp = tmp_path / "x.jsonl"
    inp.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(inp)
    (tmp_path / "sub").mkdir()
    for out in (inp, tmp_path / "sub" / ".." / "x.jsonl", tmp_path / "link.jsonl"):
        with pytest.raises(SameFileError, match="the output is the input"):
            classify_file(inp, out, Context(cfg))
    assert inp.read_text(encoding="utf-8") == json.dumps(GOOD) + "\n"
    result = CliRunner().invoke(app, ["classify", str(inp), str(inp)])
    assert result.exit_code == 2 and "the output is the input" in result.output
    assert "Traceback" not in result.output
    assert inp.read_text(encoding="utf-8") == json.dumps(GOOD) + "\n"


def test_the_real_models_survive_a_hostile_file(cfg, tmp_path, repro_paths):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_bytes(b"\n".join([json.dumps(GOOD).encode(), b"", b'{"id": "s", "text": "\\udfff"}',
                                json.dumps({"id": "big", "text": "a " * 60_000}).encode(),
                                json.dumps({**GOOD, "id": "z"}).encode()]))
    summary = classify_file(inp, out, Context(cfg, paths=repro_paths), max_chars=100_000)  # the repro's models
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["ok", None, "s", "big", "z"]
    assert rows[0]["sense"]["label"] and rows[4]["narrative"] and rows[1]["blank"]
    assert "error" in rows[2] and "error" in rows[3] and summary.n_ok == 2
