"""Micro versus macro scope of one mention: does the text around it talk about an individual service (a person's
care, a session, a care plan) or about service systems (organisations, policy, governance, strategy)?

Seed 004 draws the line ("co-production is aimed at improving individual services, co-creation seeks to develop
service systems"), so the measure reads the words nearest the mention first: the clause holding it (cut at , ; :
and dashes inside its sentence). Only when that clause names neither kind of cue is the whole sentence read.
A cue matches with or without a plural -s. Cues are counted; more macro than micro cues is `macro`, more micro
is `micro`, a tie is `mixed`, none is `none`. The matched cue words are kept as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SCOPES = ["micro", "macro", "mixed", "none"]

#: Words of the individual service: one person's care, treatment, encounter or plan. Actors (clinicians,
#: practitioners) are not cues: they work at every scale.
MICRO_CUES = [
    "individual", "individuals", "individual service", "individual services", "individualised", "individualized",
    "person-centred", "person-centered", "personalised", "personalized", "one-to-one", "patient",
    "client", "care plan", "care planning", "treatment", "therapy", "therapeutic", "consultation", "appointment",
    "session", "encounter", "bedside", "ward", "self-management", "self-care", "recovery plan", "own care",
    "own recovery", "own treatment", "clinical practice", "relationship", "frontline", "front-line",
    "day-to-day", "everyday",
]
#: Words of the service system: organisations, policy, governance, planning and structures beyond one service.
MACRO_CUES = [
    "system", "systems", "service system", "service systems", "whole-system", "whole system", "policy", "policies",
    "policymaking", "policy-making", "policymaker", "governance", "government", "legislation", "law", "reform",
    "strategy", "strategic", "commissioning", "commissioner", "organisation", "organisations", "organization",
    "organizations", "organisational", "organizational", "institution", "institutions", "institutional",
    "structural", "structures", "sector", "national", "regional", "municipal", "municipality", "local authority",
    "council", "public services", "public service", "public sector", "welfare state", "population", "ecosystem",
    "network", "networks", "integrated care", "planning", "budget", "funding", "board", "democracy", "democratic",
    "citizenship", "society", "societal", "community-wide", "nationwide",
]

_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")


def _regex(words: list[str]) -> re.Pattern[str]:
    alts = sorted({re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[-\u2010\u2011]") for w in words},
                  key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")s?(?![\w-])", re.IGNORECASE)


_MICRO, _MACRO = _regex(MICRO_CUES), _regex(MACRO_CUES)


@dataclass(frozen=True)
class Scope:
    """The scope of one mention, where it was read (`clause`, `sentence` or `none`) and the cues found there."""

    label: str
    basis: str
    micro: list[str] = field(default_factory=list)
    macro: list[str] = field(default_factory=list)


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the clause of `sentence` that holds the mention at [start, end)."""
    left = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    right = _CLAUSE_BREAK.search(sentence, end)
    return (left[-1] if left else 0), (right.start() if right else len(sentence))


def cues(text: str, skip: tuple[int, int] = (0, 0)) -> tuple[list[str], list[str]]:
    """(micro cues, macro cues) found in `text`, lower-cased, leaving out any that overlap `skip` (the mention)."""
    def found(regex: re.Pattern[str]) -> list[str]:
        return [" ".join(m.group(0).lower().split()) for m in regex.finditer(text)
                if not (m.start() < skip[1] and m.end() > skip[0])]
    return found(_MICRO), found(_MACRO)


def _label(micro: list[str], macro: list[str]) -> str:
    if not micro and not macro:
        return "none"
    return "macro" if len(macro) > len(micro) else "micro" if len(micro) > len(macro) else "mixed"


def mention_scope(sentence: str, start: int, end: int) -> Scope:
    """Scope of the mention at [start, end) of `sentence`: its clause decides; else the whole sentence."""
    if not 0 <= start < end <= len(sentence):
        raise ValueError(f"mention {start}..{end} lies outside its sentence (length {len(sentence)})")
    c0, c1 = clause_bounds(sentence, start, end)
    micro, macro = cues(sentence[c0:c1], (start - c0, end - c0))
    if micro or macro:
        return Scope(_label(micro, macro), "clause", micro, macro)
    micro, macro = cues(sentence, (start, end))
    return Scope(_label(micro, macro), "sentence" if (micro or macro) else "none", micro, macro)
