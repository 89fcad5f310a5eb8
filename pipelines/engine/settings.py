"""The `engine:` section of params.yaml, typed: where the per-document work of a stage runs."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipelines.config import Section


class EngineParams(Section):
    """`local`: this process (spaCy's own `mentions.n_process` where cores allow). `dask`: partitions of documents
    on Dask workers, at `address` (a running scheduler) or on a LocalCluster of `workers` started for the stage."""

    kind: Literal["local", "dask"] = "local"
    address: str = Field("", description="tcp://host:8786 of a running Dask scheduler; empty: start a LocalCluster")
    workers: int = Field(2, ge=1, le=1024, description="LocalCluster workers (when no address)")
    threads_per_worker: int = Field(1, ge=1, le=256, description="threads per LocalCluster worker")
    processes: bool = Field(True, description="LocalCluster workers as processes (false: threads of the stage)")
    partition_documents: int = Field(64, ge=1, le=1_000_000, description="documents per partition (one Dask task "
                                     "each; the local engine runs the definitions and narratives stages a "
                                     "partition at a time, which bounds their memory)")
    reuse_results: bool = Field(True, description="keep per-document results of the senses, definitions, agency, "
                                "levels and narratives stages, of usage's corpus scan and of compare's "
                                "neighbour senses in cache/doc_results.sqlite and reuse those of unchanged "
                                "documents")
