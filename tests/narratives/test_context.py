"""Quote context of the narrative scan (pipelines.narratives.context; no models)."""

import pandas as pd
import pytest

from pipelines.narratives.context import (
    introducing_sentence,
    paragraph_contexts,
    quote_contexts,
)
from pipelines.narratives.cues import FEATURE_NAMES, feature_vector, find_cues

BLOG = [
    ("Last month we ran two listening days at the library with people who use the memory clinic and their "
    "families. Here are a few of the things our visitors told us:"),
    "“I liked that we sat in small groups. I could actually hear what people were saying.”",
    "“My husband enjoyed the music at the end and we both want to come back in the spring.”",
    "‘It was good to meet other carers – I don’t get out much these days.’",
    "The next listening day is on 12 May. Booking is free.",
    "“Please bring a packed lunch.”",
]


def test_quote_introduction_cues():
    for intro in (
        "Here are a few of the things our visitors told us:",
        "Comments made by attendees after the session included:",
        "What the young people said about the new youth hub:",
        "Feedback from the carers' evening included:",
    ):
        assert introducing_sentence(f"We held an event in June. {intro}") == intro, intro
    for other in (
        "The chief executive said the new unit would open in June.",
        "The agenda for the day was as follows:",
        "Booking is free.",
    ):
        assert introducing_sentence(f"We held an event in June. {other}") is None, other


def test_quotation_run_inherits_the_introduction_and_stops_after_it():
    ctx = quote_contexts(BLOG, max_quotes=8)
    intro = "Here are a few of the things our visitors told us:"
    assert ctx == [None, intro, intro, intro, None, None]
    assert quote_contexts(BLOG, max_quotes=2)[3] is None
    with pytest.raises(ValueError, match="context_max_quotes"):
        quote_contexts(BLOG, max_quotes=0)


def test_paragraph_contexts_follow_reading_order_per_document():
    rows = pd.DataFrame({
        "doc_id": ["b", "a", "a", "a", "b"],
        "para_id": [1, 1, 0, 2, 0],
        "text": [BLOG[1], BLOG[1], BLOG[0], BLOG[2], "Opening hours are 9 to 5."],
    })
    ctx = paragraph_contexts(rows, 8)
    assert ctx[1] and ctx[3] and ctx[1].startswith("Here are") and ctx[0] is None and ctx[2] is None
    with pytest.raises(KeyError, match="para_id"):
        paragraph_contexts(rows.drop(columns="para_id"), 8)


def test_introduced_and_first_person_quotes_are_features():
    joined = find_cues(f"{BLOG[0]} {BLOG[1]}")
    assert joined.introduced_quote and joined.narrative_type == "quoted"
    alone = find_cues(BLOG[2])
    assert alone.quoted_first_person and alone.standalone_quote
    v = feature_vector(alone)
    assert v[FEATURE_NAMES.index("quoted_first_person")] > 0 and v[FEATURE_NAMES.index("introduced_quote")] == 0
    exec_quote = find_cues("Our director said: “We are proud of the new unit and of the team that built it.”")
    assert not exec_quote.introduced_quote and not exec_quote.quoted_first_person
