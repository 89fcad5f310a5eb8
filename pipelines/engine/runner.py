"""Run a function over partitions of a table, in order: here (`LocalEngine`) or on Dask workers (`DaskEngine`).

`engine.map(fn, frames, *args)` yields `fn(frame, *args)` for each DataFrame of `frames`, in the order given, so a
stage concatenates results exactly as the local engine would. On Dask each partition is written as a Parquet file
under `paths.cache/engine/` (storage every worker must see, like `data/` and `cache/`) and read by the worker
that runs it; `fn` must be a module-level function. Heavy models are loaded once per worker process through
`worker_cached` (and `pipelines.nlp`'s own per-process loaders).
"""

from __future__ import annotations

import logging
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

from pipelines.config import Config
from pipelines.engine.settings import EngineParams
from pipelines.paths import Paths

log = logging.getLogger(__name__)

_WORKER_CACHE: dict[str, Any] = {}


def worker_cached(key: str, factory: Callable[[], Any]) -> Any:
    """The object `factory()` builds, made once per process (a Dask worker keeps it for every task it runs)."""
    if key not in _WORKER_CACHE:
        _WORKER_CACHE[key] = factory()
    return _WORKER_CACHE[key]


class LocalEngine:
    """Every partition in this process, one after another."""

    kind = "local"

    def map(self, fn: Callable, frames: Iterable[pd.DataFrame], *args) -> Iterator:
        for frame in frames:
            yield fn(frame, *args)

    def close(self) -> None:
        pass


def _run_partition(path: str, fn: Callable, *args):
    """On a worker: read one Parquet partition and run `fn` on it."""
    return fn(pd.read_parquet(path), *args)


class DaskEngine:
    """Partitions as Parquet files on shared storage, one Dask task each; results come back in submission order."""

    kind = "dask"

    def __init__(self, params: EngineParams, scratch: Path):
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if params.address:
            self.client = Client(params.address)
        else:
            self.cluster = LocalCluster(n_workers=params.workers, threads_per_worker=params.threads_per_worker,
                                        processes=params.processes, dashboard_address=None)
            self.client = Client(self.cluster)
        self.scratch = scratch / uuid.uuid4().hex
        self.scratch.mkdir(parents=True, exist_ok=True)
        log.info("engine: dask, %d workers (%s)", len(self.client.scheduler_info()["workers"]),
                 params.address or "LocalCluster")

    def map(self, fn: Callable, frames: Iterable[pd.DataFrame], *args) -> Iterator:
        futures = []
        for i, frame in enumerate(frames):
            path = self.scratch / f"part-{i:05d}.parquet"
            frame.to_parquet(path, index=False)
            futures.append(self.client.submit(_run_partition, str(path.resolve()), fn, *args, pure=False))
        for future in futures:
            result = future.result()
            future.release()
            yield result

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


@contextmanager
def open_engine(cfg: Config, paths: Paths) -> Iterator[LocalEngine | DaskEngine]:
    """The engine `engine:` in params.yaml names, closed (cluster stopped, partitions removed) on exit."""
    params: EngineParams = cfg.section("engine", EngineParams)
    engine = LocalEngine() if params.kind == "local" else DaskEngine(params, paths.cache / "engine")
    try:
        yield engine
    finally:
        engine.close()


def map_documents(cfg: Config, paths: Paths, documents: pd.DataFrame, fn: Callable) -> pd.DataFrame:
    """`fn(documents, cfg, paths)` (a module-level function returning rows with a doc_id column) per partition of
    `engine.partition_documents` documents — one after another here with the local engine, as tasks on Dask
    workers — the partitions' rows concatenated in the documents' order (when no partition has rows, `fn`'s own
    empty frame, with its column types). A per-document stage's unit of work on either engine; run a partition at
    a time, a stage holds one partition's parses, not the whole corpus's."""
    params: EngineParams = cfg.section("engine", EngineParams)
    if documents.empty:
        return fn(documents, cfg, paths)
    todo = partitions(documents.reset_index(drop=True), params.partition_documents)
    if params.kind == "local":
        parts = [fn(part, cfg, paths) for part in todo]
    else:
        with open_engine(cfg, paths) as engine:
            parts = list(engine.map(fn, todo, cfg, paths))
    rows = [part for part in parts if len(part)]
    return pd.concat(rows, ignore_index=True) if rows else parts[0]


def partitions(frame: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    """`frame` in consecutive slices of `size` rows."""
    for lo in range(0, len(frame), size):
        yield frame.iloc[lo : lo + size]
