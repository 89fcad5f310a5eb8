"""The engine layer without a cluster: order kept, models built once per process, partitions tile the table."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.config import ConfigError
from pipelines.engine.runner import LocalEngine, map_documents, open_engine, partitions, worker_cached
from pipelines.engine.settings import EngineParams
from tests.engine.helpers import with_engine


def _total(frame: pd.DataFrame, offset: int) -> int:
    return int(frame["x"].sum()) + offset


def test_local_engine_keeps_order_and_passes_arguments():
    frames = [pd.DataFrame({"x": [i, i]}) for i in range(5)]
    assert list(LocalEngine().map(_total, frames, 100)) == [100, 102, 104, 106, 108]


def test_partitions_tile_the_table_in_order():
    frame = pd.DataFrame({"x": range(10)})
    parts = list(partitions(frame, 4))
    assert [len(p) for p in parts] == [4, 4, 2]
    assert pd.concat(parts)["x"].tolist() == list(range(10))


def test_worker_cached_builds_once():
    built = []
    first = worker_cached("test-engine-key", lambda: built.append(1) or object())
    assert worker_cached("test-engine-key", lambda: built.append(1) or object()) is first
    assert built == [1]


def test_default_engine_is_local(cfg, tmp_paths):
    assert cfg.section("engine", EngineParams).kind == "local"
    with open_engine(cfg, tmp_paths) as engine:
        assert engine.kind == "local"


@pytest.mark.parametrize("raw, problem", [({"kind": "spark"}, "engine.kind"), ({"workers": 0}, "engine.workers"),
                                          ({"partition_documents": 0}, "engine.partition_documents")])
def test_bad_engine_params_name_the_key(cfg, raw, problem):
    with pytest.raises(ConfigError, match=problem):
        with_engine(cfg, raw).section("engine", EngineParams)


def _rows_of(documents: pd.DataFrame, cfg, paths) -> pd.DataFrame:
    """One row per document, naming the batch it was computed in (its first document)."""
    return pd.DataFrame({"doc_id": documents["doc_id"], "batch": documents["doc_id"].iloc[0] if len(documents) else ""})


def _no_rows(documents: pd.DataFrame, cfg, paths) -> pd.DataFrame:
    """No row for any document, with typed columns (a stage whose documents hold nothing to report)."""
    return pd.DataFrame({"doc_id": pd.Series([], dtype=str), "score": pd.Series([], dtype=float)})


def test_map_documents_runs_per_partition_here_and_on_dask(cfg, tmp_paths):
    documents = pd.DataFrame({"doc_id": [f"d{i}" for i in range(5)]})
    local = map_documents(cfg, tmp_paths, documents, _rows_of)
    assert local["doc_id"].tolist() == documents["doc_id"].tolist() and set(local["batch"]) == {"d0"}
    # the local engine runs one partition at a time (a stage holds one partition's parses, not the corpus's)
    small = map_documents(with_engine(cfg, {"partition_documents": 2}), tmp_paths, documents, _rows_of)
    assert small["batch"].tolist() == ["d0", "d0", "d2", "d2", "d4"]
    assert map_documents(cfg, tmp_paths, documents.iloc[0:0], _rows_of).empty
    # documents that give no rows: fn's own empty frame, its column types kept (not an untyped frame)
    none = map_documents(with_engine(cfg, {"partition_documents": 2}), tmp_paths, documents, _no_rows)
    assert none.empty and none.dtypes.to_dict() == _no_rows(documents, cfg, tmp_paths).dtypes.to_dict()
    dask = with_engine(cfg, {"kind": "dask", "workers": 1, "processes": False, "partition_documents": 2})
    pytest.importorskip("dask.distributed")
    spread = map_documents(dask, tmp_paths, documents, _rows_of)
    assert spread["doc_id"].tolist() == documents["doc_id"].tolist()
    assert spread["batch"].tolist() == ["d0", "d0", "d2", "d2", "d4"]  # partitions of 2 documents, in order
