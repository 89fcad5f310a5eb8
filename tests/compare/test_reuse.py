"""The neighbours' senses are kept per document (`engine.reuse_results`): a re-run reads only documents whose
mention rows changed, and gives the rows a run without the store gives (on the bundled corpus's real tables)."""

from __future__ import annotations

import pandas as pd
import pytest

import pipelines.compare.score as score
from pipelines.paths import Paths
from pipelines.tables import TABLES
from tests.engine.helpers import without_reuse

pytestmark = pytest.mark.slow  # the real sense model


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("mention_id").reset_index(drop=True)


def test_neighbour_senses_are_reused_per_document(cfg, repro_paths, tmp_path, monkeypatch):
    paths = Paths(**{**repro_paths.__dict__, "cache": tmp_path})  # a store of its own, not the shared run's
    mentions = TABLES["mentions"].read(repro_paths)
    others = mentions[~mentions["is_target"].astype(bool)].reset_index(drop=True)
    assert others["doc_id"].nunique() >= 2 and (others["doc_id"].value_counts() >= 2).any()
    reference = _sorted(score.neighbour_senses(without_reuse(cfg), paths, others))
    pd.testing.assert_frame_equal(_sorted(score.neighbour_senses(cfg, paths, others)), reference)

    read: list[set] = []
    classify = score.classify_mentions

    def spy(clf, rows):
        read.append(set(rows["doc_id"]))
        return classify(clf, rows)

    monkeypatch.setattr(score, "classify_mentions", spy)
    pd.testing.assert_frame_equal(_sorted(score.neighbour_senses(cfg, paths, others)), reference)
    assert read == []  # every document reused

    counts = others["doc_id"].value_counts()
    doc = counts.index[counts >= 2][0]  # a document that keeps a mention when one is dropped
    changed = others.drop(index=others.index[others["doc_id"] == doc][:1]).reset_index(drop=True)
    again = _sorted(score.neighbour_senses(cfg, paths, changed))
    assert read == [{doc}]  # only the changed document is read again
    monkeypatch.setattr(score, "classify_mentions", classify)
    pd.testing.assert_frame_equal(again, _sorted(score.neighbour_senses(without_reuse(cfg), paths, changed)))
