"""Noun phrases of usage contexts kept between runs (`cache/phrases.sqlite`), so a re-run after documents are
added parses only the contexts it has not seen (the label sample is otherwise parsed afresh every run).

A row is keyed by the context's text and a signature of everything its phrases depend on: the spaCy pipeline as
the parse store names it (model, version, components, tokenizer), the words excluded from phrases and the source
of the phrase rules. Rows of another signature are dropped on opening, so a stored list is always the list a
fresh parse would give.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Iterable, Sequence

from pipelines.embeddings import text_key
from pipelines.io import digest_files, select_in

CACHE_FILE = "phrases.sqlite"  # inside paths.cache
SCHEMA = "CREATE TABLE IF NOT EXISTS phrases (signature TEXT, key TEXT, phrases TEXT, PRIMARY KEY (signature, key))"
#: The modules whose code decides a context's phrases.
RULES = ("usage/phrases.py", "usage/labels.py", "text/stopwords.py")


def phrase_signature(nlp, exclude_words: Iterable[str]) -> str:
    from pipelines.mentions.parses import signature

    digest = hashlib.sha256(signature(nlp).encode())
    digest.update(json.dumps(sorted(set(exclude_words))).encode())
    package = Path(__file__).resolve().parents[1]
    digest_files(digest, (package / rule for rule in RULES), package)
    return digest.hexdigest()


class PhraseCache:
    """Stored phrase lists of one signature, by text."""

    def __init__(self, cache_dir: Path, signature: str):
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.signature = signature
        self.db = sqlite3.connect(cache_dir / CACHE_FILE, timeout=60)
        with self.db:
            self.db.execute(SCHEMA)
            self.db.execute("DELETE FROM phrases WHERE signature != ?", (signature,))

    @classmethod
    def open(cls, cache_dir: Path, nlp, exclude_words: Iterable[str]) -> "PhraseCache":
        return cls(cache_dir, phrase_signature(nlp, exclude_words))

    def get(self, texts: Sequence[str]) -> dict[str, list[str]]:
        """Stored phrase lists of the texts found, by text."""
        by_key = {text_key(t): t for t in texts}
        rows = select_in(self.db, "SELECT key, phrases FROM phrases WHERE signature = ? AND key", [self.signature],
                         list(by_key))
        return {by_key[key]: json.loads(value) for key, value in rows}

    def put(self, phrases: dict[str, list[str]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO phrases VALUES (?, ?, ?)",
                                [(self.signature, text_key(t), json.dumps(p)) for t, p in phrases.items()])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "PhraseCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
