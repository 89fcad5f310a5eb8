"""The passage being classified and the shared context (models, lexicon, term) for a run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelines.config import Config
from pipelines.nlp import load_spacy, parse_texts
from pipelines.paths import Paths
from pipelines.text.lexicon import Lexicon, Match, lexicon_for

ANY_TERM = "ANY"


@dataclass
class Passage:
    """One input line: its id and text, every other input field, and the output fields so far."""

    id: Any
    text: str
    fields: dict[str, Any]
    mentions: list[Match] = field(default_factory=list)
    doc: Any = None  # spaCy Doc, parsed on demand by Context.parse
    result: dict[str, Any] = field(default_factory=dict)


class Context:
    """Loaded once per run: config, paths, lexicon, the term under study; models load lazily."""

    def __init__(self, cfg: Config, term: str | None = None, paths: Paths | None = None):
        self.cfg = cfg
        self.paths = paths or Paths.from_config(cfg)
        self.lexicon: Lexicon = lexicon_for(cfg.lexicon)
        requested = term or cfg.lexicon.target
        self.any_term = requested.upper() == ANY_TERM
        self.term = cfg.lexicon.target if self.any_term else self.lexicon.resolve(requested)
        self._cache: dict[str, Any] = {}

    @property
    def nlp(self):
        return load_spacy(self.cfg.models.spacy)

    def parse(self, passages: list[Passage]) -> None:
        """Parse every passage that has no Doc yet, in one batched spaCy call."""
        todo = [p for p in passages if p.doc is None]
        for passage, doc in zip(todo, parse_texts(self.nlp, [p.text for p in todo], batch_size=64)):
            passage.doc = doc

    def memo(self, key: str, factory):
        """Anything heavy an annotator needs (a trained model, an encoder) built once per run."""
        if key not in self._cache:
            self._cache[key] = factory()
        return self._cache[key]


def sense_at(passage: Passage, start: int, end: int) -> str | None:
    """The sense the `sense` field gave the target mention starting inside [start, end), if any: the one
    "sense of the mention at a span" every annotator uses."""
    sense = passage.result.get("sense")
    if not isinstance(sense, dict):
        return None
    for m in sense.get("per_mention") or []:
        if start <= int(m["start"]) < end:
            return str(m["label"])
    return None


def passage_sense(passage: Passage) -> str | None:
    """The passage-level label of the `sense` field (None when the field is absent)."""
    sense = passage.result.get("sense")
    return sense.get("label") if isinstance(sense, dict) else None
