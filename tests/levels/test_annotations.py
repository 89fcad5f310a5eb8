"""The shipped level annotations: size, balance, variety, and clear errors for bad lines."""

import json

import pytest

from pipelines.levels.annotations import agreement, load_all, load_annotations
from pipelines.levels.settings import LABELS
from pipelines.modeling import AnnotationError, AnnotationsMissing
from pipelines.paths import ROOT

ANNOTATIONS = ROOT / "corpora" / "annotations" / "levels" / "annotations.jsonl"


def test_annotation_set_is_large_real_proportioned_and_doubly_labelled():
    every = load_all(ANNOTATIONS)
    ann = load_annotations(ANNOTATIONS)
    assert len(every) >= 700 and ann["label"].notna().all()
    counts = ann["label"].value_counts(normalize=True)
    assert set(counts.index) == set(LABELS)
    assert counts.idxmax() == "intermediate" and counts["intermediate"] > 0.4  # as real prose: mostly intermediate
    assert counts.min() >= 0.1
    assert ann["genre"].nunique() >= 6 and every["id"].is_unique
    passes = agreement(every)
    assert passes["n_agreed"] == len(ann) and 0.8 < passes["cohen_kappa"] <= 1.0
    lengths = ann["text"].str.count(r"[.!?](?:\s|$)")
    assert (lengths >= 3).mean() > 0.2  # several sentences, as real passages run


def _line(**kw):
    return json.dumps({"id": "x1", "text": "t", "label": "descriptive", "label_a": "descriptive",
                       "label_b": "descriptive", "genre": "blog", "source": "s", **kw})


def test_bad_annotation_lines_are_reported_with_file_and_line(tmp_path):
    bad = tmp_path / "a.jsonl"
    bad.write_text("\n".join([
        _line(), "{not json", _line(id="x2", label_a="high"), _line(label="n/a", label_a="n/a", label_b="n/a"),
        _line(id="x3", label="intermediate", label_b="intermediate"),  # the passes disagree: label must be null
    ]) + "\n")
    with pytest.raises(AnnotationError) as err:
        load_annotations(bad)
    msg = str(err.value)
    assert f"{bad}:2: not valid JSON" in msg and f"{bad}:3: label_a 'high'" in msg and "already used on line 1" in msg
    assert f"{bad}:5: label must be the two passes' agreed label (None)" in msg


def test_disagreements_are_kept_for_agreement_but_not_trained_on(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([_line(), _line(id="x2", label=None, label_b="intermediate")]) + "\n")
    assert list(load_annotations(path)["id"]) == ["x1"]
    assert agreement(load_all(path))["n_agreed"] == 1


def test_missing_file_is_named(tmp_path):
    with pytest.raises(AnnotationsMissing, match="train_levels.annotations"):
        load_annotations(tmp_path / "none.jsonl")
