"""The `narrative` field of `colens classify` (pipelines.narratives.annotator) with the trained models."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow


def test_classify_emits_narrative_field(trained, monkeypatch, tmp_path):
    from pipelines.classify import runner
    from pipelines.classify.annotators import ANNOTATORS
    from pipelines.classify.mention_field import MentionAnnotator
    from pipelines.classify.passage import Context
    from pipelines.narratives.annotator import NarrativeAnnotator

    assert "pipelines.narratives.annotator:NarrativeAnnotator" in ANNOTATORS
    assert NarrativeAnnotator.requires == ()
    cfg, paths, _, _, _ = trained
    monkeypatch.setattr(runner, "load_annotators", lambda: [MentionAnnotator(), NarrativeAnnotator()])
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text(
        json.dumps({"id": 1, "text": "When I was sectioned, nobody asked me what I needed and I was restrained."}) + "\n"
        + json.dumps({"id": 2, "text": "The board approved the estates strategy."}) + "\n"
        + json.dumps({"id": 3, "text": "Patient stories"}) + "\n"
        + json.dumps({"id": 4, "text": "The board approved the estates strategy.",
                      "url": "https://www.example.nhs.uk/board"}) + "\n",
        encoding="utf-8",
    )
    runner.classify_file(inp, out, Context(cfg, paths=paths))
    first, second, third, fourth = [json.loads(line)["narrative"] for line in out.read_text().splitlines()]
    assert set(first) == {"is_user_narrative", "score", "stance", "stance_scores", "evidence"}
    assert first["is_user_narrative"] and first["stance"] in first["stance_scores"]
    assert first["evidence"]["cues"]["first_person"] and first["evidence"]["voice"]["first_person_past"]
    assert {"co-opted", "transformative"} == set(first["evidence"]["framing"])
    assert not second["is_user_narrative"] and second["stance"] == "n/a" and second["score"] < 0.4
    assert not third["is_user_narrative"] and third["score"] is None
    assert third["evidence"]["decided_by"] == "heading rule"
    # who publishes a passage is read from its fields (the stance map may read it)
    assert first["evidence"]["publisher"] is None
    assert fourth["evidence"]["publisher"] == {"kind": "public_body", "read_from": "url: https://www.example.nhs.uk/board"}
