"""Normalise an actor phrase to a category: pronouns, the params lexicon (longest term first), head lemma.

Generic heads ("people", "those", "a group", pronouns) take the category their qualifier names ("people who use
services", "those who draw on care and support", "a group of service users"), else `unspecified`; a word that
stands for no party ("it", "this") or a common noun that is no one ("an attempt") is `none`; a named
organisation or place the lexicon does not know is an organisation, another name `other`.
"""

from __future__ import annotations

import re

from pipelines.agency.settings import NONE, OTHER, UNSPECIFIED, USERS, AgencyParams
from pipelines.text.normalize import normalize_for_matching

_ORG_ENTITIES = {"ORG", "GPE", "FAC"}
ORGANISATIONS = "organisations"
_PREPOSITIONS = {"by", "of"}  # "experts (parsed apart from) by experience", "a range of organisations"
_OF_ORGANISATION = re.compile(r"\b(?:from|of|at|in)\s+(?:the\s+|a\s+|an\s+|our\s+|their\s+|your\s+|local\s+)*"
                              r"(?!services?\b)\w+")  # "people from the council", not "people who use services"
# A relative clause of service use: "who (themselves / currently) use / receive / access / draw on ...".
_USER_CLAUSE = re.compile(r"\b(?:who|that)\s+(?:\w+\s+){0,2}?(?:use|uses|used|receive|receives|received|access|"
                          r"accesses|accessed|draw|draws|drew|rely|relies)\b(?:\s+on)?\s+(?:\w+\s+){0,3}?"
                          r"(?:services?|care|support|them|it)\b")


class ActorLexicon:
    """Categories for noun phrases, from `agency.actors` in params.yaml."""

    def __init__(self, params: AgencyParams):
        self.pronouns = {p.lower() for p in params.pronouns}
        self.non_parties = {p.lower() for p in params.non_parties}
        terms = sorted(((normalize_for_matching(t.lower()), cat) for cat, ts in params.actors.items() for t in ts),
                       key=lambda x: -len(x[0]))
        def pattern(t: str) -> str:  # plural -s / -es / -ies accepted; spaces match hyphens ("experts-by-experience")
            stem, tail = (t[:-1], r"(?:y|ies)") if t.endswith("y") else (t, r"(?:s|es)?")
            return r"(?<![\w-])" + re.escape(stem).replace(r"\ ", r"[\s-]+") + tail

        self._terms = [(re.compile(pattern(t) + r"(?![\w-])"), cat) for t, cat in terms]
        self._ending = [(re.compile(pattern(t) + r"$"), cat) for t, cat in terms]
        self._lemma = {t: cat for t, cat in terms if " " not in t}

    def _lookup(self, text: str, at_end: bool = False, generic: bool = True) -> str | None:
        """The category of the term found first in `text` (the longest one where several start there)."""
        text = normalize_for_matching(text.lower()).strip()
        best: tuple[int, int, str] | None = None
        for regex, cat in self._ending if at_end else self._terms:
            if not generic and cat == UNSPECIFIED:
                continue
            m = regex.search(text)
            if m and (best is None or (m.start(), -len(m.group())) < best[:2]):
                best = (m.start(), -len(m.group()), cat)
        return best[2] if best else None

    def generic(self, head, core: str) -> bool:
        """A pronoun or a generic head ("people", "those", "a group"): who it is, its qualifier says."""
        if head.lower_ in self.pronouns or head.pos_ == "PRON":
            return True
        return (self._lookup(core, at_end=True) or self._lemma.get(head.lemma_.lower())) == UNSPECIFIED

    def categorise(self, head, core: str, phrase: str, qualifier: str = "", clause: str = "") -> str:
        """Category of the party `head` names. `core` is the head with its modifiers; `phrase` its owner and its
        of / by complements ("citizens'", "of independent organisations"); `qualifier` the words after the head
        that restrict it ("who use services", "with lived experience", "seeking support", "by experience");
        `clause` its relative or participle clause (and a qualifier a coordination shares).

        A term ending at the head decides ('Recovery College Peer Trainer' is a peer trainer, not a college), else
        the head lemma; a generic head or a pronoun takes the category its qualifier or clause names ('people who
        use services'; services alone, as in 'people who run services', make no organisation), else
        `unspecified`; an unknown head takes a term in its complements ('a range of independent organisations',
        'experts by experience'), else a named organisation or place is an organisation, another name is `other`,
        and a common noun ('the development of this offer', 'an attempt') names no party: `none`."""
        if head is None or head.lower_ in self.non_parties:
            return NONE
        pronoun = head.lower_ in self.pronouns or head.pos_ == "PRON"
        cat = None if pronoun else (self._lookup(core, at_end=True) or self._lemma.get(head.lemma_.lower()))
        qualified = f"{core} {qualifier}" if qualifier.strip() else ""
        if pronoun or cat == UNSPECIFIED:
            for text in (phrase, qualified, clause):
                found = self._lookup(text, generic=False)
                if found and (found != ORGANISATIONS or _OF_ORGANISATION.search(text)):
                    return found
                if _USER_CLAUSE.search(text):  # "people who themselves use health and care services"
                    return USERS
            return UNSPECIFIED
        if cat:
            return cat
        found = self._lookup(phrase, generic=False) or (
            self._lookup(qualifier, generic=False) if qualifier.split(" ")[0].lower() in _PREPOSITIONS else None)
        if found:  # "a range of independent organisations", "experts (parsed apart from) by experience"
            return found
        if head.ent_type_ in _ORG_ENTITIES or any(t.ent_type_ in _ORG_ENTITIES for t in head.lefts):
            return ORGANISATIONS
        if head.pos_ == "PROPN" or head.ent_type_ in {"PERSON", "NORP"}:
            return OTHER
        return NONE
