"""The Dask engine gives the local engine's tables, row for row, on a LocalCluster of 2 worker processes:
the mentions stage (parse + indexing per partition of documents; here every partition one document, against the
local engine's one batch) and the senses stage (classification per batch of mentions, with the repro's trained
model). Each engine runs with a cache of its own, so both really parse and embed."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pipelines.mentions.stage import run as run_mentions
from pipelines.paths import Paths
from pipelines.senses.settings import MODEL_NAME
from pipelines.senses.stage import run as run_senses
from pipelines.tables import TABLES
from tests.engine.helpers import with_engine
from tests.mentions.test_stage import seed_documents, write_documents

pytest.importorskip("dask.distributed")

MENTION_TABLES = ("paragraphs", "sentences", "mentions")
DASK = {"kind": "dask", "workers": 2, "threads_per_worker": 1, "processes": True, "partition_documents": 1}


def _run(cfg, root, models) -> tuple[dict, dict[str, pd.DataFrame]]:
    paths = Paths.from_config(cfg, root=root)
    write_documents(seed_documents(), paths)
    shutil.copytree(models / MODEL_NAME, paths.models / MODEL_NAME)
    metrics = {"mentions": run_mentions(cfg, paths), "senses": run_senses(cfg, paths)}
    return metrics, {name: TABLES[name].read(paths) for name in (*MENTION_TABLES, "senses")}


@pytest.fixture(scope="module")
def both(cfg, tmp_path_factory, repro_paths):
    local = _run(cfg, tmp_path_factory.mktemp("local"), repro_paths.models)
    distributed = _run(with_engine(cfg, DASK), tmp_path_factory.mktemp("dask"), repro_paths.models)
    return local, distributed


@pytest.mark.slow
@pytest.mark.parametrize("name", MENTION_TABLES)
def test_dask_mention_tables_equal_local_tables(both, name):
    (_, local), (_, distributed) = both
    assert len(local[name]) > 0
    pd.testing.assert_frame_equal(distributed[name], local[name], check_exact=True)


@pytest.mark.slow
def test_dask_senses_equal_local_senses(both):
    """Labels identical; probabilities equal to float precision (a worker's torch may sum in another order)."""
    (_, local), (_, distributed) = both
    local, distributed = local["senses"], distributed["senses"]
    assert len(local) > 0
    labels = [c for c in local.columns if not c.startswith("p_")]
    pd.testing.assert_frame_equal(distributed[labels], local[labels], check_exact=True)
    pd.testing.assert_frame_equal(distributed, local, check_exact=False, rtol=1e-5, atol=1e-6)


@pytest.mark.slow
def test_dask_metrics_equal_local_metrics(both):
    (local, _), (distributed, _) = both
    assert distributed == local
    assert distributed["mentions"]["parses"]["parsed"] == distributed["mentions"]["documents"] - 1  # not the empty one
