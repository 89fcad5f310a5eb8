"""The sense filter every later stage uses: join target mentions with senses, keep in-sense or all."""

import pandas as pd
import pytest

from pipelines.senses.select import filter_senses, in_sense_mentions, keeps
from pipelines.senses.settings import LABELS, sense_filter
from tests.catalogue_rows import write as write_toy


def _mentions() -> pd.DataFrame:
    rows = [
        ("d1:10", "d1", "co-production", True, "co-production"),
        ("d1:90", "d1", "co-creation", False, "co-creation"),
        ("d2:5", "d2", "co-production", True, "co-production"),
        ("d2:70", "d2", "co-production", True, "co-productions"),
    ]
    return pd.DataFrame(rows, columns=["mention_id", "doc_id", "concept", "is_target", "surface"])


def _senses(ids_senses) -> pd.DataFrame:
    rows = []
    for mid, sense in ids_senses:
        probs = {f"p_{lab}": (0.9 if lab == sense else 0.02) for lab in LABELS}
        rows.append({"mention_id": mid, "doc_id": mid.split(":")[0], "sense": sense, "sense_score": 0.9,
                     **probs, "in_sense": sense == "participatory"})
    return pd.DataFrame(rows)


@pytest.fixture()
def built(tmp_paths):
    write_toy(_mentions(), "mentions", tmp_paths)
    write_toy(_senses([("d1:10", "participatory"), ("d2:5", "participatory"), ("d2:70", "film_media")]), "senses",
              tmp_paths)
    return tmp_paths


def test_in_sense_mentions_keeps_participatory_targets_only(built):
    df = in_sense_mentions(built)
    assert list(df["mention_id"]) == ["d1:10", "d2:5"]
    assert {"sense", "sense_score", "in_sense", "surface", "doc_id"} <= set(df.columns)
    assert all(f"p_{lab}" in df.columns for lab in LABELS)
    assert df["in_sense"].all()


def test_all_keeps_every_target_mention_with_its_sense(built):
    df = in_sense_mentions(built, "all")
    assert list(df["mention_id"]) == ["d1:10", "d2:5", "d2:70"]  # the co-creation mention is not a target
    assert df.set_index("mention_id").loc["d2:70", "sense"] == "film_media"
    assert not df.set_index("mention_id").loc["d2:70", "in_sense"]


def test_missing_sense_rows_are_an_error_not_a_silent_drop(tmp_paths):
    write_toy(_mentions(), "mentions", tmp_paths)
    write_toy(_senses([("d1:10", "participatory")]), "senses", tmp_paths)
    with pytest.raises(ValueError, match="no sense"):
        in_sense_mentions(tmp_paths, "all")


def test_missing_table_names_the_stage(tmp_paths):
    write_toy(_mentions(), "mentions", tmp_paths)
    with pytest.raises(FileNotFoundError, match="senses.parquet"):
        in_sense_mentions(tmp_paths)


def test_filter_senses_on_any_frame_and_bad_choice():
    df = pd.DataFrame({"sense": ["participatory", "knowledge", "participatory", "other"], "x": [1, 2, 3, 4]})
    assert list(filter_senses(df)["x"]) == [1, 3]
    assert list(filter_senses(df, "knowledge")["x"]) == [2]
    assert len(filter_senses(df, "all")) == 4
    with pytest.raises(ValueError, match="senses must be"):
        filter_senses(df, "participative")
    with pytest.raises(KeyError, match="sense"):
        filter_senses(pd.DataFrame({"x": [1]}))


def test_exclude_off_sense_switch_maps_to_filter():
    assert sense_filter(True) == "participatory"
    assert sense_filter(False) == "all"


def test_keeps_one_label_as_the_filter_does():
    assert keeps("participatory") and not keeps("film_media")
    assert keeps("film_media", "all") and keeps("knowledge", "knowledge")
    with pytest.raises(ValueError, match="senses must be"):
        keeps("participatory", "participative")
