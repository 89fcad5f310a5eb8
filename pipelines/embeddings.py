"""Sentence embeddings with a persistent cache keyed by model name and text hash.

Re-running a stage with other parameters never re-embeds a text it has seen; the cache is a single SQLite
file, safe to share between stages and processes.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from pipelines.config import ENCODER_BATCH_SIZE
from pipelines.io import select_in
from pipelines.nlp import load_encoder
from pipelines.progress import track

if TYPE_CHECKING:
    from pipelines.config import Config, EncoderTask
    from pipelines.paths import Paths


CACHE_FILE = "embeddings.sqlite"  # inside paths.cache
SCHEMA = "CREATE TABLE IF NOT EXISTS emb (model TEXT, key TEXT, vec BLOB, PRIMARY KEY(model, key))"


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Embeds texts with one encoder, storing unit-normalised float32 vectors in `cache_dir`."""

    def __init__(self, model_name: str, cache_dir: Path | None, batch_size: int = ENCODER_BATCH_SIZE,
                 backend: str = "onnx"):
        self.model_name = model_name
        self.batch_size = batch_size
        self.backend = backend
        # int8 vectors are stored apart from float ones (onnx and torch give the same vectors and share rows);
        # "int8-1": encoded one text at a time, unlike the batched int8 rows of releases before 2026-12-07
        self.cache_model = f"{model_name}|int8-1" if backend == "onnx_int8" else model_name
        self._db: sqlite3.Connection | None = None
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(cache_dir / CACHE_FILE, timeout=60)
            self._db.execute(SCHEMA)
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_project(cls, cfg: "Config", paths: "Paths", model_name: str | None = None,
                    task: "EncoderTask | None" = None) -> "EmbeddingCache":
        """The project's cache (`paths.cache`) with the configured encoder, or `model_name` (a model card's), on the
        backend `task`'s models read (`models.task_encoder_backends`, else `models.encoder_backend`)."""
        return cls(model_name or cfg.models.sentence_transformer, paths.cache, cfg.models.batch_size,
                   cfg.models.backend_for(task))

    def encoder(self):
        return load_encoder(self.model_name, self.backend)

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        if self._db is None or not keys:
            return {}
        rows = select_in(self._db, "SELECT key, vec FROM emb WHERE model=? AND key", [self.cache_model], keys)
        return {k: np.frombuffer(v, dtype=np.float32) for k, v in rows}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings for `texts` in order, shape (n, dim); cached ones are not recomputed."""
        keys = [text_key(t) for t in texts]
        known = self._lookup(sorted(set(keys)))
        missing = [k for k in dict.fromkeys(keys) if k not in known]
        self.hits += sum(1 for k in keys if k in known)
        if missing:
            text_of = dict(zip(keys, texts))
            model = self.encoder()
            step = max(self.batch_size * 8, 1)
            chunks = [missing[i : i + step] for i in range(0, len(missing), step)]
            shown = track(chunks, len(missing), f"embedding {len(missing):,} texts", weight=len)
            vectors = np.vstack([
                model.encode([text_of[k] for k in chunk], batch_size=self.batch_size, normalize_embeddings=True,
                             convert_to_numpy=True, show_progress_bar=False)
                for chunk in shown
            ]).astype(np.float32)
            self.misses += len(missing)
            new = dict(zip(missing, vectors))
            known.update(new)
            if self._db is not None:
                self._db.executemany(
                    "INSERT OR REPLACE INTO emb VALUES (?, ?, ?)",
                    [(self.cache_model, k, v.tobytes()) for k, v in new.items()],
                )
                self._db.commit()
        if not keys:
            encoder = self.encoder()
            dim_of = getattr(encoder, "get_embedding_dimension", None) or encoder.get_sentence_embedding_dimension
            dim = dim_of()
            return np.zeros((0, dim), dtype=np.float32)
        return np.vstack([known[k] for k in keys])
