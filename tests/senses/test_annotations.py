"""The shipped sense annotations: size, balance, spelling variety, and clear errors for bad lines."""

import json
from collections import Counter

import pytest

from pipelines.modeling import AnnotationError
from pipelines.paths import ROOT
from pipelines.senses.annotations import load_annotations, spans
from pipelines.senses.settings import LABELS

SHIPPED = ROOT / "corpora" / "annotations" / "senses" / "annotations.jsonl"


def test_shipped_annotations_are_valid_balanced_and_varied(lexicon):
    examples = load_annotations(SHIPPED, lexicon)
    counts = Counter(examples["label"])
    assert len(examples) >= 360
    assert set(counts) == set(LABELS) and min(counts.values()) >= 40
    assert counts.most_common(1)[0][0] == "participatory"
    assert examples["genre"].nunique() >= 6
    surfaces = {s.text[s.start : s.end].lower() for s in spans(examples)}
    assert {"coproduction", "co\u2010production", "co-productions", "co-producers", "co-pro"} <= surfaces
    assert all(examples["source"])
    assert (ROOT / "corpora" / "annotations" / "senses" / "GUIDE.md").exists()


def test_bad_lines_are_reported_with_file_and_line(tmp_path, lexicon):
    path = tmp_path / "bad.jsonl"
    good = {"id": "a", "text": "Patients co-produced the plan.", "label": "participatory", "genre": "news",
            "source": "written for colens", "mention": "co-produced"}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "id": "b", "label": "films"}),
        json.dumps({**good, "id": "a"}),
        json.dumps({**good, "id": "c", "mention": "co-product"}),
        json.dumps({k: v for k, v in good.items() if k != "mention"} | {"id": "d"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as err:
        load_annotations(path, lexicon)
    msg = str(err.value)
    assert "5 problem(s)" in msg
    for line_no, words in [(2, "not valid JSON"), (3, "label 'films'"), (4, "already used on line 1"),
                           (5, "not a spelling"), (6, "missing field(s) mention")]:
        assert f"bad.jsonl:{line_no}: " in msg and words in msg


def test_missing_file_is_named(tmp_path, lexicon):
    with pytest.raises(AnnotationError, match="not found"):
        load_annotations(tmp_path / "none.jsonl", lexicon)
