"""Normalise an actor phrase to a category: pronouns, the params lexicon (longest term first), head lemma."""

from __future__ import annotations

import re

from pipelines.agency.settings import NONE, OTHER, UNSPECIFIED, AgencyParams
from pipelines.text.normalize import normalize_for_matching


class ActorLexicon:
    """Categories for noun phrases, from `agency.actors` in params.yaml."""

    def __init__(self, params: AgencyParams):
        self.pronouns = {p.lower() for p in params.pronouns}
        terms = sorted(((t.lower(), cat) for cat, ts in params.actors.items() for t in ts), key=lambda x: -len(x[0]))
        pattern = lambda t: r"(?<![\w-])" + re.escape(t).replace(r"\ ", r"[\s-]+") + r"(?:s|es)?"  # noqa: E731
        self._terms = [(re.compile(pattern(t) + r"(?![\w-])"), cat) for t, cat in terms]
        self._ending = [(re.compile(pattern(t) + r"$"), cat) for t, cat in terms]
        self._lemma = {t: cat for t, cat in terms if " " not in t}

    def _lookup(self, text: str, at_end: bool = False) -> str | None:
        text = normalize_for_matching(text.lower()).strip()
        for regex, cat in self._ending if at_end else self._terms:
            if regex.search(text):
                return cat
        return None

    def categorise(self, head, core: str, full: str) -> str:
        """Category: pronoun -> unspecified; else a term ending at the head ('Recovery College Peer Trainer' is a
        peer trainer, not a college), the head lemma, any term in the whole phrase; else `other`."""
        if head is None:
            return NONE
        if head.lower_ in self.pronouns or head.pos_ == "PRON":
            return UNSPECIFIED
        return self._lookup(core, at_end=True) or self._lemma.get(head.lemma_.lower()) or self._lookup(full) or OTHER
