"""Parse documents paragraph by paragraph with spaCy in batches, reusing cached parses when present."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import spacy
from spacy.tokens import Doc

from pipelines.mentions.parse_cache import ParseCache, text_digest
from pipelines.mentions.segment import Span

log = logging.getLogger(__name__)

# Sentence boundaries come from the parser; POS from tagger + attribute_ruler. Everything else is skipped.
NEEDED_PIPES = ("tok2vec", "tagger", "morphologizer", "attribute_ruler", "parser", "senter")


@dataclass
class ParseRequest:
    """One document to parse: its cache key, text and paragraph spans."""

    key: str
    text: str
    paragraphs: list[Span]


class DocumentParser:
    """Turns documents into per-paragraph Docs; counts how many were parsed and how many came from cache."""

    def __init__(self, nlp, cache: ParseCache | None, batch_size: int = 64, n_process: int = 1):
        self.nlp = nlp
        self.cache = cache
        self.batch_size = batch_size
        self.n_process = n_process
        self.disable = [p for p in nlp.pipe_names if p not in NEEDED_PIPES]
        self.n_parsed = 0
        self.n_cached = 0

    @staticmethod
    def signature(nlp) -> str:
        """What a cached parse depends on: the model, its version, the components run, and spaCy."""
        enabled = [p for p in nlp.pipe_names if p in NEEDED_PIPES]
        meta = nlp.meta
        model = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
        return f"{model}|{','.join(enabled)}|spacy-{spacy.__version__}"

    def parse(self, requests: list[ParseRequest]) -> dict[str, list[Doc]]:
        """Docs for every request's paragraphs, keyed by request key."""
        todo = {r.key: r for r in requests if r.paragraphs}
        digests = {k: text_digest(r.text) for k, r in todo.items()}
        done: dict[str, list[Doc]] = {}
        if self.cache is not None and todo:
            for key, docs in self.cache.get_many(digests).items():
                expected = [todo[key].text[s:e] for s, e in todo[key].paragraphs]
                if [d.text for d in docs] == expected:
                    done[key] = docs
        self.n_cached += len(done)
        missing = [r for k, r in todo.items() if k not in done]
        if missing:
            texts = [r.text[s:e] for r in missing for s, e in r.paragraphs]
            docs = iter(
                self.nlp.pipe(texts, batch_size=self.batch_size, disable=self.disable, n_process=self.n_process)
            )
            fresh = {r.key: [next(docs) for _ in r.paragraphs] for r in missing}
            self.n_parsed += len(fresh)
            if self.cache is not None:
                self.cache.put_many({k: (digests[k], v) for k, v in fresh.items()})
            done.update(fresh)
        log.debug("batch: %d documents parsed, %d from cache", len(missing), len(todo) - len(missing))
        return {r.key: done.get(r.key, []) for r in requests}
