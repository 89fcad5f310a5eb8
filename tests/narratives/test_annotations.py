"""The annotated narrative passages: valid and balanced; a bad line is named (pipelines.narratives.annotations)."""

from __future__ import annotations

import pytest

from pipelines.modeling import AnnotationError, AnnotationsMissing
from pipelines.narratives.annotations import load_annotations
from tests.narratives.conftest import ANNOTATIONS


def test_annotations_are_valid_and_balanced():
    df = load_annotations(ANNOTATIONS)
    assert len(df) >= 350 and 0.5 <= df["is_narrative"].mean() <= 0.62
    stances = df.loc[df["is_narrative"], "stance"].value_counts()
    assert set(stances.index) == {"co-opted", "transformative", "neutral"} and stances.min() >= 60
    assert df["genre"].nunique() >= 7
    assert set(df.loc[~df["is_narrative"], "stance"]) == {"n/a"}
    assert set(df["detect_label"]) == {"narrative", "not_narrative"}


def test_bad_annotation_line_is_named(tmp_path):
    bad = tmp_path / "a.jsonl"
    bad.write_text(
        '{"id": "x1", "text": "I was sectioned.", "is_narrative": true, "stance": "angry", "genre": "blog", "source": "s"}\n'
        "not json\n",
        encoding="utf-8",
    )
    with pytest.raises(AnnotationError) as exc:
        load_annotations(bad)
    assert f"{bad}:1" in str(exc.value) and "angry" in str(exc.value) and f"{bad}:2" in str(exc.value)


def test_missing_annotations_name_the_setting(tmp_path):
    with pytest.raises(AnnotationsMissing, match="train_narratives.annotations"):
        load_annotations(tmp_path / "none.jsonl")
