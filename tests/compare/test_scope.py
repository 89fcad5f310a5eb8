"""Micro/macro scope of a mention on hand-written sentences: the clause decides, the sentence is the fallback."""

from __future__ import annotations

import pytest

from pipelines.compare.scope import clause_bounds, mention_scope


def scope_of(sentence: str, word: str):
    i = sentence.index(word)
    return mention_scope(sentence, i, i + len(word))


SEED_004 = ("While co-production is aimed at improving individual services, co-creation seeks to develop service "
            "systems.")


def test_seed_004_sentence_splits_by_clause():
    micro = scope_of(SEED_004, "co-production")
    macro = scope_of(SEED_004, "co-creation")
    assert (micro.label, micro.basis, micro.micro) == ("micro", "clause", ["individual services"])
    assert (macro.label, macro.basis, macro.macro) == ("macro", "clause", ["service systems"])


@pytest.mark.parametrize("sentence, word, label, basis", [
    ("Patients and nurses used co-production to agree each care plan in the session.", "co-production", "micro",
     "clause"),
    ("National policy and governance reforms put co-production at the heart of public services.", "co-production",
     "macro", "clause"),
    ("In co-production, service users shaped the strategy of the organisation.", "co-production", "macro",
     "sentence"),
    ("Co-production matters.", "Co-production", "none", "none"),
    ("Co-production links one-to-one therapy and regional policy.", "Co-production", "mixed", "clause"),
])
def test_scope_labels(sentence, word, label, basis):
    got = scope_of(sentence, word)
    assert (got.label, got.basis) == (label, basis)


def test_plural_cues_and_the_mention_itself_are_handled():
    got = scope_of("Clients' treatments changed through co-design.", "co-design")
    assert got.micro == ["clients", "treatments"] and got.macro == []
    # the clause runs from the comma before the mention to the semicolon after it
    assert clause_bounds("a, b co-production c; d", 5, 18) == (2, 20)


def test_mention_outside_sentence_is_an_error():
    with pytest.raises(ValueError, match="outside its sentence"):
        mention_scope("short", 2, 40)
