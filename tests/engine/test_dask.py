"""The Dask engine gives the local engine's tables, row for row, on a LocalCluster of 2 worker processes:
the mentions stage (parse + indexing per partition of documents; here every partition one document, against the
local engine's one batch), the senses stage (classification per batch of mentions, with the repro's trained
model), and the definitions and narratives stages (per partition of documents, from the stored parses). Each engine
runs with a cache of its own, so both really parse and embed."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pipelines.definitions.settings import MODEL_NAME as DEFINITIONS_MODEL
from pipelines.definitions.stage import run as run_definitions
from pipelines.mentions.stage import run as run_mentions
from pipelines.narratives.settings import DETECT_MODEL, STANCE_MODEL
from pipelines.narratives.stage import run as run_narratives
from pipelines.paths import Paths
from pipelines.senses.settings import MODEL_NAME
from pipelines.senses.stage import run as run_senses
from pipelines.tables import TABLES
from tests.engine.helpers import with_engine
from tests.mentions.test_stage import seed_documents, write_documents

pytest.importorskip("dask.distributed")

MENTION_TABLES = ("paragraphs", "sentences", "mentions")
DOCUMENT_TABLES = ("definitions", "narratives")
MODELS = (MODEL_NAME, DEFINITIONS_MODEL, DETECT_MODEL, STANCE_MODEL)
DASK = {"kind": "dask", "workers": 2, "threads_per_worker": 1, "processes": True, "partition_documents": 1}


def _run(cfg, root, models) -> tuple[dict, dict[str, pd.DataFrame]]:
    paths = Paths.from_config(cfg, root=root)
    write_documents(seed_documents(), paths)
    for name in MODELS:
        shutil.copytree(models / name, paths.models / name)
    metrics = {"mentions": run_mentions(cfg, paths), "senses": run_senses(cfg, paths),
               "definitions": run_definitions(cfg, paths), "narratives": run_narratives(cfg, paths)}
    return metrics, {name: TABLES[name].read(paths) for name in (*MENTION_TABLES, "senses", *DOCUMENT_TABLES)}


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


@pytest.mark.slow
@pytest.mark.parametrize("name", DOCUMENT_TABLES)
def test_dask_document_stages_equal_local_tables(both, name):
    """Definitions and narratives computed per document on the workers (one document a task): the same rows, in the
    same order; scores equal to float precision (embeddings of other batches may round in another order)."""
    (local_metrics, local), (dask_metrics, distributed) = both
    local, distributed = local[name], distributed[name]
    assert len(local) > 0 and local_metrics[name] == dask_metrics[name]
    scores = [c for c in local.columns if c == "score" or c.startswith("p_")]
    exact = [c for c in local.columns if c not in scores]
    pd.testing.assert_frame_equal(distributed[exact], local[exact], check_exact=True)
    pd.testing.assert_frame_equal(distributed[scores], local[scores], check_exact=False, rtol=1e-4, atol=1e-4)
