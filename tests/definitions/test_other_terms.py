"""Round 23 hard negatives: definitions of another term built on the target term, and parentheses that give an
example or a place (pipelines.definitions.filters; the parse, no trained model)."""

from __future__ import annotations

import pytest

from pipelines.definitions.filters import quoted_compound, rejection
from pipelines.definitions.patterns import find_candidates


def _readings(nlp, text: str, term: str, pattern: str) -> list[tuple[str, str | None]]:
    """(definiens, rejection) of every `pattern` reading of the first `term` (any case) in a one-sentence text."""
    doc = nlp(text)
    (sent,) = list(doc.sents)
    i = text.lower().index(term.lower())
    return [(text[c.definiens_start : c.definiens_end], rejection(doc, sent, c))
            for c in find_candidates(text, 0, len(text), i, i + len(term)) if c.pattern == pattern]


@pytest.mark.parametrize("text,term,expected", [
    ("We call this ‘co-productive stamina’ and treat it as a capacity that grows with practice.", "co-productive",
     True),
    ("We propose the idea of ‘landscapes of co-production’ to describe several practices at once.",
     "co-production", True),
    ("‘Knowledge co-production’ refers to researchers and practitioners framing questions together.",
     "co-production", False),
    ("‘Co-production of research’, where tenants and academics share the data, is catching on.", "Co-production",
     False),
    ("Our partners simply say “co-production and co-design” (Wells 2019).", "co-production", False),
    ("The word ‘co-production’ goes back decades.", "co-production", False),
])
def test_a_term_inside_another_quoted_name(text, term, expected):
    i = text.index(term)
    assert quoted_compound(text, i, i + len(term)) is expected


@pytest.mark.parametrize("text,term", [
    ("This chapter asks how co-produced research (especially peer-led evaluation) differs from consultancy.",
     "co-produced research"),
    ("We examine how residents take part in co-productive projects (in the city of Leeds) and why.",
     "co-productive projects"),
])
def test_an_example_or_a_place_in_brackets_is_no_gloss(text, term, nlp):
    found = _readings(nlp, text, term, "parenthesis")
    assert found and all(why == "example_parenthesis" for _, why in found)


def test_we_define_this_after_a_quoted_notion_is_not_a_definition_of_the_term(detect):
    found = detect(["Borrowing from urban geography, we propose the idea of ‘landscapes of co-production’ to hold "
                    "several overlapping projects in view. We define this as the many sites and habits of joint work "
                    "that shape one another over time."])
    assert not any(r is not None and r.is_definition for r in found), found


def test_a_genus_of_process_after_of_glosses_the_term(nlp):
    text = "The survey measured the drivers of coproduction, the process of residents and park rangers maintaining " \
           "trails together."
    ((_, why),) = _readings(nlp, text, "coproduction", "appositive")
    assert why is None
    other = "The survey measured the drivers of coproduction, the rangers and the residents they serve."
    assert all(why for _, why in _readings(nlp, other, "coproduction", "appositive"))


@pytest.mark.parametrize("text,term,pattern,why", [
    ("Co-production: Agree early on who holds the budget and who signs off the plan.", "Co-production",
     "glossary", "instruction"),
    ("We mapped the coproduced character (Parents: planners and Staff: hosts) of the holiday scheme.",
     "coproduced character", "parenthesis", "parenthetical_list"),
])
def test_round_24_instructions_and_role_lists_are_no_gloss(text, term, pattern, why, nlp):
    found = _readings(nlp, text, term, pattern)
    assert found and all(reason == why for _, reason in found)


@pytest.mark.parametrize("text,pattern,definiens", [
    # round 25: a reverse naming with a prepositional phrase before "as"; the clause before "; this process"
    ("Volunteers and librarians now choose and run the reading groups together; this arrangement is known in policy "
     "circles as co-production.", "reverse_named", "Volunteers and librarians now choose and run the reading groups "
     "together"),
    ("Co-production is a word that is now common in youth work to describe young people and workers shaping "
     "programmes together.", "used_to", "young people and workers shaping programmes together"),
    ("The guiding principle of coproduction is that tenants and housing staff decide repair priorities as equals.",
     "copula", "that tenants and housing staff decide repair priorities as equals"),
])
def test_round_25_forms_are_read_and_kept(text, pattern, definiens, nlp):
    term = "coproduction" if "coproduction" in text else "co-production"
    assert [d for d, why in _readings(nlp, text, term, pattern) if why is None] == [definiens]


@pytest.mark.parametrize("text,term,why", [
    ("Co-production is a term that has gained currency in arts funding.", "Co-production",
     "statement_about_the_word"),
    ("The key principle of co-production is its popularity with funders.", "co-production", "term_is_complement"),
])
def test_round_25_near_misses_stay_rejected(text, term, why, nlp):
    ((_, reason),) = _readings(nlp, text, term, "copula")
    assert reason == why
