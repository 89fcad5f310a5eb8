"""Per-document results of a stage kept between runs, so a re-run after documents are added or edited
computes only those documents (issue 14's incremental runs).

A document's rows are stored under its id and content hash, for one stage signature: the package's source code,
the trained models, the settings that can change a result (everything in params.yaml but the corpus location,
the paths and the engine) and the versions of the libraries that compute it. Any change to one of these starts
the stage's store afresh, so a stored row is always the row a full run would write.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from importlib import metadata
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import pandas as pd

from pipelines.io import digest_files, select_in
from pipelines.root import ROOT

if TYPE_CHECKING:
    from pipelines.config import Config
    from pipelines.paths import Paths

RESULTS_FILE = "doc_results.sqlite"  # inside paths.cache
SCHEMA = ("CREATE TABLE IF NOT EXISTS results (stage TEXT, signature TEXT, doc_id TEXT, content_hash TEXT, "
          "rows BLOB, PRIMARY KEY (stage, doc_id, content_hash))")
#: Settings that say where things are or how work is spread, never what a result is.
NOT_RESULT_SETTINGS = ("corpus", "paths", "engine")
LIBRARIES = ("numpy", "pandas", "pyarrow", "scikit-learn", "spacy", "onnxruntime", "torch")


def stage_signature(cfg: "Config", paths: "Paths", stage: str) -> str:
    """What a stored result of `stage` depends on besides its document (see the module docstring)."""
    digest = hashlib.sha256(stage.encode())
    package = ROOT / "pipelines"
    digest_files(digest, package.rglob("*.py"), package)
    if paths.models.exists():
        digest_files(digest, (p for p in paths.models.rglob("*") if p.is_file()), paths.models)
    settings = {k: v for k, v in cfg.model_dump(mode="json").items() if k not in NOT_RESULT_SETTINGS}
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    return digest.hexdigest()


class DocResults:
    """The stored rows of one stage under one signature; rows of older signatures are dropped on opening."""

    def __init__(self, cache_dir: Path, stage: str, signature: str):
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.stage, self.signature = stage, signature
        self.db = sqlite3.connect(cache_dir / RESULTS_FILE, timeout=60)
        self.db.execute(SCHEMA)
        self.db.execute("DELETE FROM results WHERE stage=? AND signature!=?", (stage, signature))
        self.db.commit()

    @classmethod
    def for_stage(cls, cfg: "Config", paths: "Paths", stage: str) -> "DocResults":
        return cls(paths.cache, stage, stage_signature(cfg, paths, stage))

    def __enter__(self) -> "DocResults":
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()

    def get(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], pd.DataFrame]:
        """Stored rows of each (doc_id, content_hash) found, looked up in batches of documents."""
        wanted = set(keys)
        rows = select_in(self.db, "SELECT doc_id, content_hash, rows FROM results WHERE stage=? AND signature=? "
                         "AND doc_id", (self.stage, self.signature), sorted({doc_id for doc_id, _ in wanted}))
        return {(doc_id, content_hash): pd.read_parquet(io.BytesIO(blob))
                for doc_id, content_hash, blob in rows if (doc_id, content_hash) in wanted}

    def put(self, frames: dict[tuple[str, str], pd.DataFrame]) -> None:
        """Store each document's rows (an empty frame is stored too: "no rows" is a result)."""
        records = []
        for (doc_id, content_hash), frame in frames.items():
            buffer = io.BytesIO()
            frame.reset_index(drop=True).to_parquet(buffer, index=False)
            records.append((self.stage, self.signature, doc_id, content_hash, buffer.getvalue()))
        self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", records)
        self.db.commit()


def row_keys(rows: pd.DataFrame, columns: Iterable[str], once: Iterable[str] = ()) -> pd.DataFrame:
    """doc_id and a key per document of `rows`: a hash of its rows' `columns` (and of the `once` columns, whose
    value is the same on every row of a document, hashed once), for stages whose result for a document depends on
    its rows in another table rather than on its text alone."""
    columns, once = list(columns), list(once)
    keys = {}
    for doc, group in rows.groupby("doc_id", sort=False):
        digest = hashlib.sha256(group[columns].astype(str).to_csv(index=False).encode())
        for col in once:
            digest.update(str(group[col].iat[0]).encode())
        keys[doc] = digest.hexdigest()
    return pd.DataFrame({"doc_id": list(keys), "content_hash": list(keys.values())})


@contextmanager
def open_results(cfg: "Config", paths: "Paths", stage: str) -> Iterator[DocResults | None]:
    """The stage's store, or None when `engine.reuse_results` is off (every document is then computed)."""
    from pipelines.engine.settings import EngineParams

    if not cfg.section("engine", EngineParams).reuse_results:
        yield None
        return
    with DocResults.for_stage(cfg, paths, stage) as store:
        yield store


def per_document(store: DocResults | None, documents: pd.DataFrame, columns: list[str],
                 compute: Callable[[pd.DataFrame], pd.DataFrame], key: str = "content_hash") -> tuple[pd.DataFrame, int]:
    """Rows for every document of `documents` (doc_id, and `key`: the content_hash, or a column that also holds
    whatever else the rows depend on), in its order: stored ones from `store`, the rest from
    `compute(documents_to_do)` (a frame with a doc_id column), which are then stored. Also returns how many
    documents were computed. Without a store every document is computed."""
    docs = documents[["doc_id", key]].astype(str)
    keys = list(zip(docs["doc_id"], docs[key]))
    stored = store.get(keys) if store is not None else {}
    todo = documents.loc[[k not in stored for k in keys]] if keys else documents.iloc[:0]
    fresh = compute(todo) if len(todo) else pd.DataFrame(columns=columns)
    by_doc = {d: g.drop(columns="doc_id") for d, g in fresh.groupby("doc_id", sort=False)}
    new = {(d, h): by_doc.get(d, fresh.iloc[:0].drop(columns="doc_id")) for d, h in
           zip(todo["doc_id"].astype(str), todo[key].astype(str))}
    if store is not None and new:
        store.put(new)
    parts = [(stored.get(k) if k in stored else new[k]).assign(doc_id=k[0]) for k in keys]
    parts = [p for p in parts if len(p)]
    if not parts:
        return fresh.iloc[:0].reindex(columns=columns), len(todo)
    return pd.concat(parts, ignore_index=True).reindex(columns=columns), len(todo)
