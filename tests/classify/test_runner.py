"""The `colens classify` runner: one output line per input line in order, malformed lines reported in place, and
annotators run in an order that honours what each requires."""

import json

import pytest

from pipelines.classify.annotators import AnnotatorOrderError, check_order
from pipelines.classify.mention_field import MentionAnnotator
from pipelines.classify.passage import Context
from pipelines.classify.runner import classify_file
from pipelines.levels.annotator import LevelAnnotator
from pipelines.senses.annotator import SenseAnnotator


class Length:
    """A model-free annotator: the passage length, after the mentions it requires."""

    name = "length"
    requires = ("mentions",)

    def annotate(self, passages, ctx) -> None:
        for p in passages:
            p.result[self.name] = {"chars": len(p.text), "mentions": len(p.result["mentions"])}


def test_one_line_out_per_line_in_with_errors_in_place(cfg, tmp_path, monkeypatch):
    monkeypatch.setattr("pipelines.classify.annotators.ANNOTATORS", [
        "pipelines.classify.mention_field:MentionAnnotator", "tests.classify.test_runner:Length"])
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text("\n".join([
        json.dumps({"id": "a", "text": "Patients co-produced the plan.", "genre": "blog"}),
        "{not json",
        json.dumps({"id": "c", "text": "Nothing here."}),
    ]) + "\n", encoding="utf-8")
    summary = classify_file(inp, out, Context(cfg), batch_size=2)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (summary.n_lines, summary.n_ok, len(summary.errors)) == (3, 2, 1)
    assert [r.get("id") for r in rows] == ["a", None, "c"]
    assert rows[0]["genre"] == "blog" and rows[0]["length"] == {"chars": 30, "mentions": 1}
    assert rows[1]["line"] == 2 and "not valid JSON" in rows[1]["error"]
    assert rows[2]["mentions"] == [] and rows[2]["length"]["mentions"] == 0


def test_levels_declare_they_need_mentions_and_sense():
    check_order([MentionAnnotator(), SenseAnnotator(), LevelAnnotator()])
    with pytest.raises(AnnotatorOrderError, match="'level' requires sense"):
        check_order([MentionAnnotator(), LevelAnnotator(), SenseAnnotator()])
    with pytest.raises(AnnotatorOrderError, match="'length' requires mentions"):
        check_order([Length()])
