"""Find every spelling of a concept (co-production and its relatives) with character offsets.

A concept is a prefix ("co") plus word endings grouped by lemma. Between prefix and ending we accept the
spellings found in real text: a hyphen of any kind, none, a space, or "co- production" (a line-break
hyphen); inside a word, the line-break hyphen of text taken from PDFs ("co-produc-tion", "pro-\nduced",
"partici-pation"). Matching runs on `normalize_for_matching` text, so offsets are valid on the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipelines.config import ConceptConfig, LexiconConfig
from pipelines.text.normalize import normalize_for_matching

# Between the prefix and the ending: "-", "- " / "-\n" (line-break hyphenation), "", or one space.
_PREFIX_SEP = r"(?:-[ \t]*\n?[ \t]*|[ \t])?"
_WORD_SEP = r"[\s-]+"
# Inside a word of at least this many letters, after its first two and before its last, a hyphen (with the line
# break and spaces a PDF's hyphenation leaves) may split it.
_SYLLABLE_BREAK = r"(?:-[ \t]*\n?[ \t]*)?"
_BREAKABLE_MIN = 5

_POS_BY_ENDING = (
    ("ively", "ADV"),
    ("ive", "ADJ"),
    ("ory", "ADJ"),
    ("ing", "VERB"),
    ("ed", "VERB"),
    ("e", "VERB"),
    ("es", "VERB"),
)


@dataclass(frozen=True)
class Match:
    """One occurrence of a concept in a text."""

    start: int
    end: int
    surface: str
    lemma: str
    concept: str
    pos: str


def _pos_hint(lemma: str, surface: str) -> str:
    """Part of speech implied by the word form (used when no parse is available)."""
    word = surface.lower().rstrip("s") if not surface.lower().endswith("es") else surface.lower()
    for ending, pos in _POS_BY_ENDING:
        if word.endswith(ending) and not lemma.endswith(("tion", "er", "ist", "pro")):
            return pos
    return "NOUN"


def _breakable(word: str) -> str:
    """The pattern of one word: a phrase's spaces match any run of spaces and hyphens; a single long word may be
    split by a line-break hyphen after its second letter and before its last ("produc-tion")."""
    if not word.isalpha() or len(word) < _BREAKABLE_MIN:
        return re.escape(word).replace(r"\ ", _WORD_SEP)
    return re.escape(word[:2]) + "".join(_SYLLABLE_BREAK + re.escape(c) for c in word[2:-1]) + re.escape(word[-1])


def _alternation(words: list[str]) -> str:
    """Longest first, so 'productions' wins over 'production'."""
    return "|".join(_breakable(w) for w in sorted(set(words), key=len, reverse=True))


def _concept_regex(concept: ConceptConfig) -> tuple[re.Pattern[str], dict[str, str]]:
    """One compiled pattern per concept; named groups map back to lemmas."""
    parts: list[str] = []
    lemma_of_group: dict[str, str] = {}
    # Longest forms first: regex alternation is ordered, so "peer support workers" must precede "peer support".
    by_length = sorted(concept.lemmas.items(), key=lambda kv: -max(map(len, kv[1])))
    for i, (lemma, endings) in enumerate(by_length):
        group = f"g{i}"
        lemma_of_group[group] = lemma
        body = f"(?:{_alternation(endings)})"
        if concept.prefix:
            body = re.escape(concept.prefix) + _PREFIX_SEP + body
        parts.append(f"(?P<{group}>{body})")
    for j, (lemma, forms) in enumerate(concept.clipped.items()):
        group = f"c{j}"
        lemma_of_group[group] = lemma
        parts.append(f"(?P<{group}>{_alternation(forms)})")
    # Not inside a URL or file name ("/co-production", "Coproductive%20Learning", "coproduction.pdf"); a capitalised
    # term glued to a scraped heading word is a mention ("AbstractCo-production is ..."). Carbon monoxide is not
    # ("the CO products of CO2 reduction").
    pattern = (
        r"(?:(?<![\w/%])|(?-i:(?<=[a-z])(?=[A-Z])))(?!(?-i:CO[ \t]+products?\b))"
        r"(?:" + "|".join(parts) + r")(?![\w])(?!-(?:optat|morbid|operat))"
        r"(?!%[0-9A-Fa-f]{2})(?!\.(?:pdf|docx?|html?|txt)\b)"
    )
    return re.compile(pattern, re.IGNORECASE), lemma_of_group


class Lexicon:
    """Compiled matchers for every concept in the params; `target` is the concept under study."""

    def __init__(self, config: LexiconConfig):
        if config.target not in config.concepts:
            raise ValueError(f"lexicon.target '{config.target}' is not one of lexicon.concepts")
        self.target = config.target
        self._compiled = {name: _concept_regex(c) for name, c in config.concepts.items()}

    @property
    def concepts(self) -> list[str]:
        return list(self._compiled)

    def resolve(self, term: str) -> str:
        """Concept name for a user-supplied term or spelling ('coproduction' -> 'co-production')."""
        if term in self._compiled:
            return term
        for name in self._compiled:
            if any(m.concept == name for m in self.find(term, [name])):
                return name
        raise KeyError(f"unknown term '{term}': known concepts are {', '.join(self._compiled)}")

    def find(self, text: str, concepts: list[str] | None = None) -> list[Match]:
        """All matches of the given concepts (default: all), sorted by offset."""
        norm = normalize_for_matching(text)
        out: list[Match] = []
        for name in concepts or self._compiled:
            regex, lemma_of_group = self._compiled[name]
            for m in regex.finditer(norm):
                group = m.lastgroup or ""
                lemma = lemma_of_group[group]
                surface = text[m.start() : m.end()]
                out.append(Match(m.start(), m.end(), surface, lemma, name, _pos_hint(lemma, surface)))
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    def find_target(self, text: str) -> list[Match]:
        return self.find(text, [self.target])


@lru_cache(maxsize=8)
def _cached(config_json: str) -> Lexicon:
    return Lexicon(LexiconConfig.model_validate_json(config_json))


def lexicon_for(config: LexiconConfig) -> Lexicon:
    """A compiled lexicon, built once per configuration."""
    return _cached(config.model_dump_json())
