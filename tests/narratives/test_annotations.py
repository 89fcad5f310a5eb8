"""The annotated narrative passages: valid and balanced; a bad line is named (pipelines.narratives.annotations)."""

from __future__ import annotations

import pytest

from pipelines.modeling import AnnotationError, AnnotationsMissing
from pipelines.narratives.annotations import load_annotations, pass_labels
from tests.narratives.conftest import ANNOTATIONS


def test_annotations_are_valid_and_in_real_proportions():
    from pipelines.narratives.train import training_rows

    df = load_annotations(ANNOTATIONS)
    detecting, _ = training_rows(df)
    # the detector's records keep real proportions; passages written for a stance contrast train the stance only
    assert len(df) >= 1000 and 0.38 <= df.loc[detecting, "is_narrative"].mean() <= 0.5
    stances = df.loc[df["is_narrative"], "stance"].value_counts()
    assert set(stances.index) == {"co-opted", "transformative", "neutral"} and stances.min() >= 100
    assert df["genre"].nunique() >= 7
    assert set(df.loc[~df["is_narrative"], "stance"]) == {"n/a"}
    assert set(df["detect_label"]) == {"narrative", "not_narrative"}
    # headings are annotated negatives, not silently skipped
    from pipelines.narratives.voice import is_heading

    headings = df[df["text"].map(is_heading)]
    assert len(headings) >= 50 and not headings["is_narrative"].any()


def test_two_labelling_passes_and_their_agreement():
    from pipelines.narratives.train import agreement

    df = load_annotations(ANNOTATIONS)
    a, b = pass_labels(df, "a"), pass_labels(df, "b")
    double = a["is_narrative"].notna() & b["is_narrative"].notna()
    assert double.sum() >= 600
    # the record's label is the agreed one; a stance the passes disagree on stays null
    agreed = double & (a["is_narrative"] == b["is_narrative"])
    assert (df.loc[agreed, "is_narrative"] == a.loc[agreed, "is_narrative"].astype(bool)).all()
    split = double & df["is_narrative"] & (a["stance"] != b["stance"])
    assert df.loc[split, "stance"].isna().all()
    res = agreement(df)
    assert res["n_double_labelled"] == int(double.sum()) and 0.8 <= res["narrative_kappa"] <= 1
    assert res["n_stance_double_labelled"] >= 200 and 0.7 <= res["stance_kappa"] <= 1


def test_bad_labelling_pass_is_named(tmp_path):
    bad = tmp_path / "a.jsonl"
    bad.write_text(
        '{"id": "x1", "text": "I was sectioned.", "is_narrative": true, "stance": "neutral", "genre": "blog", '
        '"source": "s", "is_narrative_a": "yes", "stance_b": "angry"}\n',
        encoding="utf-8",
    )
    with pytest.raises(AnnotationError) as exc:
        load_annotations(bad)
    assert "is_narrative_a" in str(exc.value) and "stance_b" in str(exc.value)


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


def test_use_decides_which_model_a_record_trains(tmp_path):
    from pipelines.narratives.train import training_rows

    path = tmp_path / "a.jsonl"
    rows = [
        '{"id": "b", "text": "I waited a year.", "is_narrative": true, "stance": "neutral", "genre": "blog", "source": "s"}',
        '{"id": "s", "text": "Ann, 70, told us.", "is_narrative": true, "stance": "co-opted", "genre": "news", "source": "s", '
        '"use": "stance"}',
        '{"id": "d", "text": "Our stories", "is_narrative": false, "stance": "n/a", "genre": "blog", "source": "s", '
        '"use": "detection"}',
        '{"id": "x", "text": "We met in May.", "is_narrative": true, "stance": "transformative", "genre": "blog", '
        '"source": "s", "use": "detection"}',
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    df = load_annotations(path)
    assert list(df["use"]) == ["both", "stance", "detection", "detection"]
    detecting, stance = training_rows(df)
    assert list(detecting) == [True, False, True, True] and list(stance) == [True, True, False, False]
    # the real file: every stance-only record is a narrative with a stance
    real = load_annotations(ANNOTATIONS)
    only = real[real["use"] == "stance"]
    assert len(only) >= 100 and only["is_narrative"].all() and only["stance"].notna().all()


@pytest.mark.parametrize("extra, message", [
    ('"use": "everything"', "'use' must be one of"),
    ('"use": "stance"', "use 'stance' must be a narrative with a stance"),
])
def test_a_bad_use_is_named(tmp_path, extra, message):
    bad = tmp_path / "a.jsonl"
    bad.write_text('{"id": "x1", "text": "Our stories", "is_narrative": false, "stance": "n/a", "genre": "blog", '
                   f'"source": "s", {extra}}}\n', encoding="utf-8")
    with pytest.raises(AnnotationError, match=message) as exc:
        load_annotations(bad)
    assert f"{bad}:1" in str(exc.value)
