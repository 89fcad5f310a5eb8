"""Generic mode reads a two-sentence window only when its sentences are linked (pipelines.definitions.sentence_model):
a question or lead-in, a short heading, or a second sentence that continues the first."""

from __future__ import annotations

import pytest

from pipelines.definitions.sentence_model import linked, units_of


@pytest.mark.parametrize("text,expected", [
    ("Prices rose in the spring. This is called cost-push inflation.", True),
    ("What is a tariff? A tariff is a tax on imports.", True),
    # the listed anaphors target mode reads in a window ("Briefly, it …") link too (target mode also reads one after
    # any short opener, `generic.OPENED_ANAPHOR`; generic mode does not link on that, to bound the units it embeds)
    ("Import duties were debated at length in the chamber last year. Briefly, it is a tax on imports.", True),
    ("Glossary. Tariff means a tax on imports.", True),  # a short heading before the entry
    ("Having a close relative with the condition. (A close relative is a parent or a sibling.)", True),
    ("The council met on Tuesday. Residents asked about the bins.", False),
    ("Harbour seals rest on sandbanks at low tide. Grey seals prefer rocky shores.", False),
])
def test_linked_pairs(nlp, text, expected):
    sents = list(nlp(text).sents)
    assert len(sents) == 2, [s.text for s in sents]
    assert linked(*sents) is expected


def test_units_keep_every_sentence_and_only_linked_windows(nlp):
    doc = nlp("Prices rose in the spring. This is called cost-push inflation. Wages rose later in the year.")
    sents = list(doc.sents)
    every = units_of(doc, sents, windows=True)
    some = units_of(doc, sents, windows=True, linked_only=True)
    assert [u for u in every if not u[1]] == [u for u in some if not u[1]] and len(sents) == 3
    assert [(i, w) for i, w, _ in every if w] == [(0, True), (1, True)]
    assert [(i, w) for i, w, _ in some if w] == [(0, True)]
