"""The SQLite file under `paths.cache` behind `ParseStore`: paragraph parses per document, as DocBins.

A row is keyed by the spaCy signature, the document's content_hash and the SHA-1 of its text, so a changed text or
model is a miss; it holds the Docs of the paragraphs parsed so far, with their (start, end) offsets.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.io import select_in

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Everything later stages read: tokens, tags, morphology, lemmas, the dependency parse and sentence starts.
_ATTRS = ("ORTH", "NORM", "TAG", "HEAD", "DEP", "MORPH", "POS", "LEMMA", "SENT_START")

Key = tuple[str, str]  # (content_hash, SHA-1 of the text)
Span = tuple[int, int]


def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class ParseCache:
    """Get and put {(start, end): Doc} per document, for one spaCy signature."""

    def __init__(self, path: Path, signature: str, vocab):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.signature = signature
        self.vocab = vocab
        self._db = sqlite3.connect(path, timeout=60)
        with self._db:
            self._db.execute("DROP TABLE IF EXISTS parses")  # the first release's layout: no offsets, no lemmas
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS paragraph_parses (signature TEXT, content_hash TEXT, text_sha1 TEXT, "
                "spans TEXT, docbin BLOB, PRIMARY KEY (signature, content_hash, text_sha1))"
            )

    def get_many(self, keys: list[Key]) -> dict[Key, dict[Span, Doc]]:
        """The cached paragraph Docs of each key that has any."""
        from spacy.tokens import DocBin

        wanted = set(keys)
        found: dict[Key, dict[Span, Doc]] = {}
        rows = select_in(self._db, "SELECT content_hash, text_sha1, spans, docbin FROM paragraph_parses WHERE "
                         "signature = ? AND content_hash", [self.signature], sorted({h for h, _ in wanted}))
        for content_hash, sha, spans, blob in rows:
            if (content_hash, sha) in wanted:
                docs = DocBin().from_bytes(blob).get_docs(self.vocab)
                found[(content_hash, sha)] = dict(zip((tuple(s) for s in json.loads(spans)), docs))
        return found

    def put_many(self, entries: dict[Key, dict[Span, Doc]]) -> None:
        """Store (replace) each key's paragraph Docs in one transaction."""
        from spacy.tokens import DocBin

        rows = []
        for (content_hash, sha), docs in entries.items():
            spans = sorted(docs)
            blob = DocBin(attrs=list(_ATTRS), docs=[docs[s] for s in spans]).to_bytes()
            rows.append((self.signature, content_hash, sha, json.dumps(spans), blob))
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO paragraph_parses VALUES (?, ?, ?, ?, ?)", rows)

    def close(self) -> None:
        self._db.close()
