"""The `definitions` annotation task (and a sense's `mention`): imported rows pass the task's own record check,
the one its training loader applies, before anything is written."""

from __future__ import annotations

import json

import pytest

from pipelines.annotate.importer import LabelFileError, merge_rows
from pipelines.annotate.tasks import get_task
from pipelines.definitions.annotations import load_annotations
from pipelines.text.lexicon import lexicon_for

TEXT = "Co-production is a way of working where providers and users share power."


def test_a_definition_row_needs_its_term_and_definiens(tmp_path, cfg):
    task = get_task("definitions")
    assert task.labels == ["definition", "not_definition"]
    ann = tmp_path / "annotations.jsonl"
    bad = [("f:2", {"id": "a", "text": TEXT, "label": "definition", "term": "", "definiens": ""})]
    with pytest.raises(LabelFileError, match="f:2: a definition needs a term and a definiens"):
        merge_rows(bad, task, ann, "rita")
    assert not ann.exists()
    good = [("f:2", {"id": "a", "text": TEXT, "label": "definition", "term": "Co-production",
                     "definiens": "a way of working where providers and users share power"}),
            ("f:3", {"id": "b", "text": "We met on Tuesday to co-produce the leaflet.", "label": "not_definition"})]
    rep = merge_rows(good, task, ann, "rita")
    assert rep.added == 2
    records = [json.loads(line) for line in ann.read_text(encoding="utf-8").splitlines()]
    assert records[1]["term"] == "" and records[0]["annotator"] == "rita"
    examples = load_annotations(ann, lexicon_for(cfg.lexicon))  # the training loader reads what was written
    assert [e.is_target for e in examples] == [True, False]


def test_a_sense_row_needs_its_mention(tmp_path):
    ann = tmp_path / "a.jsonl"  # labels come from the annotations file: one annotated sentence
    ann.write_text(json.dumps({"id": "s0", "text": "Coproduction of knowledge.", "label": "knowledge", "genre": "x",
                               "source": "t", "mention": "Coproduction"}) + "\n", encoding="utf-8")
    rows = [("f:2", {"id": "a", "text": TEXT, "label": "knowledge"})]
    with pytest.raises(LabelFileError, match="f:2: a sense label needs `mention`"):
        merge_rows(rows, get_task("senses"), ann, "rita")
    rep = merge_rows([("f:2", {**rows[0][1], "mention": "Co-production"})], get_task("senses"), ann, "rita")
    assert rep.added == 1
