"""Paragraph and sentence segmentation: offsets slice back, sentences stay inside paragraphs and mentions."""

from pipelines.mentions.segment import containing, line_boundaries, paragraph_spans, sentence_spans


def test_paragraphs_are_blank_line_blocks_with_exact_offsets():
    text = "  First para\nstill first.\n\n \t\nSecond para.\r\n\r\nThird\u2029Fourth  \n"
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["First para\nstill first.", "Second para.", "Third", "Fourth"]


def test_empty_and_blank_texts_have_no_paragraphs():
    assert paragraph_spans("") == []
    assert paragraph_spans(" \n\n \n") == []


def test_short_heading_lines_and_bullets_start_sentences_but_wrapped_lines_do_not():
    text = (
        "Aim\nto explore the meaning of co-production for clinicians in a long enough line here\n"
        "and this continues the wrapped sentence.\nThese include:\n• first point\n• second point"
    )
    cuts = line_boundaries(text, heading_max_chars=20)
    starts = {text[c:].split("\n")[0] for c in cuts}
    assert "to explore the meaning of co-production for clinicians in a long enough line here" in starts
    assert "and this continues the wrapped sentence." not in starts
    assert {"These include:", "• first point", "• second point"} <= starts


def test_a_narrow_column_of_short_wrapped_lines_stays_one_sentence():
    # a two-column PDF: every line is short, none ends a sentence or reads as a heading
    text = ("Co-production is a way of working where\npeople who use services and staff share\npower and decide "
            "together.\nPartnership of equals\nStaff and patients plan the clinic.")
    starts = {text[c:].split("\n")[0] for c in line_boundaries(text, heading_max_chars=50)}
    assert starts == {"Partnership of equals", "Staff and patients plan the clinic."}


def test_sentence_spans_follow_spacy_and_never_split_a_protected_span(nlp):
    text = "Results\nWe studied the Leeds\nCo-production Forum. It worked well. Then we stopped."
    doc = nlp(text)
    start = text.index("Leeds")
    protected = [(start, text.index("Forum") + len("Forum"))]
    unprotected = [text[s:e] for s, e in sentence_spans(doc, [], heading_max_chars=20)]
    assert "Co-production Forum." in unprotected  # a line before a capital would end a sentence...
    spans = sentence_spans(doc, protected, heading_max_chars=20)
    sents = [text[s:e] for s, e in spans]  # ...but not inside a protected span
    assert sents[0] == "Results"
    assert any("Leeds\nCo-production Forum." in x for x in sents)
    assert sents[-1] == "Then we stopped."
    assert all(not (s < b < e) for s, e in protected for b, _ in spans)


def test_containing_finds_the_span_or_refuses():
    spans = [(0, 5), (7, 12)]
    assert containing(spans, [0, 7], 8, 10) == 1
    try:
        containing(spans, [0, 7], 4, 8)
    except ValueError as exc:
        assert "4-8" in str(exc)
    else:
        raise AssertionError("a span crossing two units must be refused")


def test_one_paragraph_per_line_text_is_split_but_wrapped_prose_is_not():
    scraped = (
        "Abstract\nIntroduction\nCo-production between service users and clinicians is a desirable element of "
        "recovery-oriented practice in mental health but its effect on clinicians is unexplored.\n"
        "Aim\nto explore the meaning of co-production for clinicians\nMethod: Thematic analysis."
    )
    assert [scraped[s:e] for s, e in paragraph_spans(scraped, heading_max_chars=50)] == scraped.split("\n")
    wrapped = (
        "We conclude that coproduction is not just about decision-making - the process is\n"
        "more nuanced and is influenced by the team.\n"
        "  \u2022 How members understood coproduction\n  \u2022 What factors make coproduction work"
    )
    assert [wrapped[s:e] for s, e in paragraph_spans(wrapped, heading_max_chars=50)] == [
        "We conclude that coproduction is not just about decision-making - the process is\n"
        "more nuanced and is influenced by the team.",
        "\u2022 How members understood coproduction", "\u2022 What factors make coproduction work",
    ]
