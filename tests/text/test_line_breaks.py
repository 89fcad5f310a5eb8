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
