"""Parse once: every paragraph's spaCy parse, stored by the mentions stage and read by every later stage.

`ParseStore.paragraph_docs(documents, paragraphs)` returns one Doc per paragraph (text = the document text
[start:end], offsets local to the paragraph). Parses come from the cache (keyed by spaCy signature, content_hash
and text hash); a miss is parsed with the one shared pipeline (`pipelines.nlp.load_spacy`) and stored, so an
unchanged document is never parsed twice, whichever stage asks first.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pipelines.config import Config
from pipelines.mentions.parse_cache import Key, ParseCache, Span, text_digest
from pipelines.mentions.settings import MentionsParams
from pipelines.nlp import PARSE_SIGNATURE, load_spacy, parse_texts, tokenizer_signature
from pipelines.paths import Paths
from pipelines.tables import require

if TYPE_CHECKING:  # spaCy is imported where a parse is made (stages start without it: pipelines.torch_import)
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

CACHE_FILE = "spacy_parses.sqlite"
# What later stages read: POS and morphology, lemmas, the dependency parse (sentences, noun chunks). NER is skipped.
NEEDED_PIPES = ("tok2vec", "tagger", "morphologizer", "attribute_ruler", "lemmatizer", "parser", "senter")

ParagraphKey = tuple[str, int]  # (doc_id, para_id)


def signature(nlp) -> str:
    """What a stored parse depends on: the model and its version, the components run, spaCy, the tokenizer rule
    and how text is prepared for the parser (`nlp.parse_texts`)."""
    import spacy

    enabled = [p for p in nlp.pipe_names if p in NEEDED_PIPES]
    meta = nlp.meta
    model = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    return f"{model}|{','.join(enabled)}|spacy-{spacy.__version__}|{tokenizer_signature(nlp)}|{PARSE_SIGNATURE}"


class ParseStore:
    """Paragraph Docs by (doc_id, para_id), from the cache or parsed and stored; counts what it parsed."""

    def __init__(self, nlp, cache_path: Path, batch_size: int = 64, n_process: int = 1):
        self.nlp = nlp
        self.batch_size = batch_size
        self.n_process = n_process
        self.disable = [p for p in nlp.pipe_names if p not in NEEDED_PIPES]
        self.cache = ParseCache(cache_path, signature(nlp), nlp.vocab)
        self.documents_parsed = 0  # documents with at least one paragraph parsed (not found in the cache)
        self.documents_cached = 0  # documents whose paragraphs all came from the cache
        self.paragraphs_parsed = 0

    @classmethod
    def open(cls, cfg: Config, paths: Paths) -> "ParseStore":
        """The store for this configuration: the `models.spacy` pipeline, batching from the `mentions:` params."""
        params = cfg.section("mentions", MentionsParams)
        return cls(load_spacy(cfg.models.spacy), paths.cache / CACHE_FILE, params.parse_batch_size,
                   params.n_process)

    def __enter__(self) -> "ParseStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.cache.close()

    def paragraph_docs(self, documents: pd.DataFrame, paragraphs: pd.DataFrame) -> dict[ParagraphKey, Doc]:
        """One Doc per row of `paragraphs` [doc_id, para_id, start, end], cut from `documents` [doc_id, text,
        content_hash]; parses only paragraphs the cache lacks."""
        require(documents, ("doc_id", "text", "content_hash"), "ParseStore.paragraph_docs documents")
        require(paragraphs, ("doc_id", "para_id", "start", "end"), "ParseStore.paragraph_docs paragraphs")
        docs = {d: (t, h) for d, t, h in zip(documents["doc_id"], documents["text"], documents["content_hash"])}
        wanted: dict[str, list[tuple[int, Span]]] = defaultdict(list)
        for doc_id, para_id, start, end in zip(paragraphs["doc_id"], paragraphs["para_id"], paragraphs["start"],
                                               paragraphs["end"]):
            if doc_id not in docs:
                raise KeyError(f"paragraph {para_id} of document {doc_id!r}: the document is not in `documents`")
            wanted[doc_id].append((int(para_id), (int(start), int(end))))
        keys = {d: (str(docs[d][1]), text_digest(docs[d][0])) for d in wanted}
        stored = self.cache.get_many(list(set(keys.values())))
        texts: dict[Key, str] = {}
        todo: dict[Key, set[Span]] = defaultdict(set)  # per distinct text: the paragraphs to parse
        for doc_id, paras in wanted.items():
            key = keys[doc_id]
            missing = {span for _, span in paras if span not in stored.get(key, {})}
            if missing:
                texts[key] = docs[doc_id][0]
                todo[key] |= missing
                self.documents_parsed += 1
            else:
                self.documents_cached += 1
        if todo:
            fresh = self._parse(texts, todo)
            for key, parsed in fresh.items():
                stored.setdefault(key, {}).update(parsed)
            self.cache.put_many({key: stored[key] for key in fresh})
        return {(doc_id, para_id): stored[keys[doc_id]][span] for doc_id, paras in wanted.items()
                for para_id, span in paras}

    def _parse(self, texts: dict[Key, str], todo: dict[Key, set[Span]]) -> dict[Key, dict[Span, Doc]]:
        """Parse the paragraphs `todo` names, in one batched `nlp.pipe`."""
        jobs = [(key, span) for key in todo for span in sorted(todo[key])]
        parsed = parse_texts(self.nlp, (texts[key][s:e] for key, (s, e) in jobs), batch_size=self.batch_size,
                             disable=self.disable, n_process=self.n_process)
        out: dict[Key, dict[Span, Doc]] = defaultdict(dict)
        for (key, span), doc in zip(jobs, parsed):
            out[key][span] = doc
        self.paragraphs_parsed += len(jobs)
        log.debug("parsed %d paragraphs of %d documents", len(jobs), len(todo))
        return out
