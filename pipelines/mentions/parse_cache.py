"""Persistent spaCy parses per document, keyed by content_hash, so unchanged documents are never re-parsed.

One SQLite file under `paths.cache`; each row holds a document's paragraph Docs as a DocBin. A row is used only
when the model signature and the hash of the text match, so a changed text or model is parsed afresh.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from spacy.tokens import Doc, DocBin

_ATTRS = ("ORTH", "NORM", "TAG", "HEAD", "DEP", "MORPH", "POS", "SENT_START")


def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class ParseCache:
    """Get and put lists of paragraph Docs for documents, per spaCy model signature."""

    def __init__(self, path: Path, signature: str, vocab):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.signature = signature
        self.vocab = vocab
        self._db = sqlite3.connect(path, timeout=60)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS parses (signature TEXT, content_hash TEXT, text_sha1 TEXT, "
            "docbin BLOB, PRIMARY KEY (signature, content_hash))"
        )

    def get_many(self, wanted: dict[str, str]) -> dict[str, list[Doc]]:
        """Cached Docs for {content_hash: text_sha1}; entries whose text hash differs are misses."""
        found: dict[str, list[Doc]] = {}
        keys = list(wanted)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows = self._db.execute(
                f"SELECT content_hash, text_sha1, docbin FROM parses WHERE signature = ? "
                f"AND content_hash IN ({','.join('?' * len(chunk))})",
                [self.signature, *chunk],
            )
            for key, sha, blob in rows:
                if wanted[key] == sha:
                    found[key] = list(DocBin().from_bytes(blob).get_docs(self.vocab))
        return found

    def put_many(self, entries: dict[str, tuple[str, list[Doc]]]) -> None:
        """Store {content_hash: (text_sha1, docs)} in one transaction."""
        rows = [
            (self.signature, key, sha, DocBin(attrs=list(_ATTRS), docs=docs).to_bytes())
            for key, (sha, docs) in entries.items()
        ]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO parses VALUES (?, ?, ?, ?)", rows)

    def close(self) -> None:
        self._db.close()
