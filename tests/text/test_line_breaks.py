"""A sentence starts after a heading or question line, never inside a wrapped line (pipelines.text.line_breaks)."""

from __future__ import annotations

import pytest

from pipelines.text.line_breaks import starts_sentence


@pytest.mark.parametrize("previous,following", [
    ("What is co-production?", "Co-production describes the partnership between rowers and the council."),
    ("Sharing the oars", "Co-production involves rowers and the leisure team."),
    ("The boathouse reopened in May.", "Members now run the bar."),
    ("Our approach", "“We decide together,” says the club's chair."),
])
def test_a_heading_or_a_finished_line_ends_a_sentence(previous, following):
    assert starts_sentence(previous, following)


@pytest.mark.parametrize("previous,following", [
    ("The partnership agreed that the work would continue with", "NHS England colleagues over the summer."),
    ("rowers and the leisure team deciding together how the boathouse is run and which", "Boats to buy."),
    ("When we talk about co-production we mean...", "Rowers and staff deciding together."),
    ("Co-production: rowers and staff deciding together", "Every spring the club elects its board."),
    ("Co-production means:", "Sharing power with the people who use the boathouse."),
    ("Sharing the oars", "• rowers and staff deciding together"),
    ("Sharing the oars", "and a bigger boathouse"),
    ("", "Rowers and staff deciding together."),
    ("The partnership board of the rowing club agreed that members and the council leisure team", "Would meet."),
])
def test_a_wrapped_line_a_list_or_a_run_on_continues_the_sentence(previous, following):
    assert not starts_sentence(previous, following)


@pytest.mark.slow
def test_the_pipeline_starts_a_sentence_after_a_heading(nlp):
    from pipelines.nlp import tokenizer_signature

    doc = nlp("What is co-production?\nCo-production describes rowers and staff working together.\n"
              "The club agreed that members and the\nNHS trust would meet.")
    assert [s.text.strip() for s in doc.sents] == [
        "What is co-production?", "Co-production describes rowers and staff working together.",
        "The club agreed that members and the\nNHS trust would meet."]
    assert "colens_line_breaks" in tokenizer_signature(nlp)  # a change of the rule re-parses cached documents


@pytest.mark.slow
@pytest.mark.parametrize("text,sentences", [
    # the parser cut before "and" inside a line; a lower-case word never opens a sentence there
    ("The bus never came that winter and so we stopped going to the group.",
     ["The bus never came that winter and so we stopped going to the group."]),
    # a heading line, then the term's definition: the parser cut after the term
    ("The Strength of Co-production\nCo-production means running the ferry with islanders, not for them.",
     ["The Strength of Co-production", "Co-production means running the ferry with islanders, not for them."]),
    # a scraped page glued the heading to its first sentence
    ("Why Co-Production Co-production means planning the timetable together with the islanders who use it.",
     ["Why Co-Production", "Co-production means planning the timetable together with the islanders who use it."]),
])
def test_no_sentence_opens_on_a_lower_case_word_and_a_glued_heading_ends(nlp, text, sentences):
    assert [s.text.strip() for s in nlp(text).sents] == sentences


def test_inline_starts(nlp):
    from pipelines.text.line_breaks import inline_start

    doc = nlp.make_doc("Co-Production Co-production means sharing. It was late and we waited.\nand then")
    at = {(t.text, t.i) for t in doc}
    first_and = min(i for text, i in at if text == "and")
    stop = next(t for t in doc if t.text == "." and doc[t.i + 1].text == "It")
    newline = next(t for t in doc if "\n" in t.text)
    assert inline_start(doc[0], doc[1]) is True  # a glued heading ends
    assert inline_start(doc[first_and - 1], doc[first_and]) is False  # "late | and"
    assert inline_start(stop, doc[stop.i + 1]) is None  # the parser decides after a full stop
    assert inline_start(newline, doc[newline.i + 1]) is None  # a line start is `starts_sentence`'s
