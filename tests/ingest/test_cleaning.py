"""Cleaning rules: chrome lines and blocks go with a named reason; real prose (even about downloads) stays."""

from __future__ import annotations

import pytest

from pipelines.ingest.cleaning import clean_text
from pipelines.ingest.cleaning.lines import classify_line

PROSE = [
    "Service users could download the co-production toolkit from the council website, and many said it helped.",
    "Copyright law shaped how the co-produced materials could be shared with carers and peer workers.",
    "Download speeds were slow in rural areas. This limited online co-production sessions.",
    "We asked participants to view all articles by this author before the workshop, which took time.",
    "Views differed: some clinicians saw co-production as consultation, others as shared power.",
    "The evaluation was powered by volunteers who had lived experience of mental illness.",
    "Join us in the next phase of co-production, where carers will lead the evaluation.",
    "Language: people preferred plain words to jargon such as co-production and service-user involvement.",
    "Comments from peer trainers showed that co-production changed clinicians' views of risk.",
    "Total views of the recovery film reached 2,000, according to the trust's annual report.",
]


@pytest.mark.parametrize("sentence", PROSE)
def test_prose_lines_are_never_chrome(sentence):
    assert classify_line(sentence) is None
    text = f"Introduction\n\n{sentence}\n\nA second paragraph about recovery colleges and their peer trainers."
    cleaned = clean_text(text)
    assert cleaned.text == text and cleaned.removals == []


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Login / Signup", "sign-in prompt"),
        ("Sign in", "sign-in prompt"),
        ("Views: 174", "view counter"),
        ("Total Views", "view counter"),
        ("1,234 views", "view counter"),
        ("Add a Comment", "comment prompt"),
        ("View all articles by this author", "author link"),
        ('" Go back', "navigation"),
        ("Skip to main content", "navigation"),
        ("Download this file (PDF/295kB) |", "download link"),
        ("Download PDF", "download link"),
        ("\u00a9 2024 Created by Lucie Stephens. Powered by", "copyright"),
        ("Copyright 2019 NHS England", "copyright"),
        ("Powered by WordPress", "powered by"),
        ("Badges | Report an Issue | Terms of Service", "site footer"),
        ("Privacy policy", "site footer"),
        ("You need to be a member of The Network to add comments!", "membership notice"),
        ("This work is licensed under a Creative Commons Attribution 4.0 International License.", "license"),
        ("Item Type: | Article", "repository record"),
        ("- Export to:", "repository record"),
        ("- EPrints3 XML", "repository record"),
        ("Smith, J (2020) A title. Repository. (KAR id:123)", "repository record"),
        ("https://orcid.org/0000-0003-3870-2609", "bare link"),
    ],
)
def test_chrome_lines_are_classified_with_their_reason(line, reason):
    assert classify_line(line) == reason


def test_repeated_block_keeps_first_occurrence_and_paragraphs():
    block = (
        "Co-production between service users and clinicians is a desirable element of recovery practice.\n"
        "Aim\n"
        "To explore what co-production means to clinicians working alongside peer trainers in a college.\n"
        "Method: thematic analysis of eight interviews with clinicians who co-delivered workshops.\n"
    )
    text = "Abstract\n" + block + "\nDiscussion of results follows here.\n\n" + block
    cleaned = clean_text(text)
    assert cleaned.text.count("desirable element") == 1
    assert [r.reason for r in cleaned.removals] == ["repeated block"]
    assert cleaned.text == "Abstract\n" + block + "\nDiscussion of results follows here."


def test_short_repeated_lines_are_not_a_repeated_block():
    text = "Results\nThe first theme was power.\n\nResults\nThe second theme was roles."
    assert clean_text(text).text == text


def test_single_pipe_line_in_prose_survives_but_tables_go():
    prose = "Choose one option | or the other, the report said, and co-production followed.\n\nEnd."
    assert clean_text(prose).text == prose
    table = "Prose paragraph about peer support workers and their roles in services.\n\nJournal | X |\nVolume | 2 |"
    cleaned = clean_text(table)
    assert cleaned.text == "Prose paragraph about peer support workers and their roles in services."
    assert {r.reason for r in cleaned.removals} == {"metadata table"}


def test_author_section_only_in_second_half():
    early = "Authors\n\n" + "Co-production is a contested idea in policy and practice. " * 10
    assert clean_text(early).text == early
    late = "Co-production is a contested idea in policy and practice. " * 10 + "\n\nAbout the authors\n\nJo is a nurse."
    cleaned = clean_text(late)
    assert cleaned.text == late[: late.index("\n\nAbout")]
    assert {r.reason for r in cleaned.removals} == {"author bios"}


def test_chrome_between_paragraphs_keeps_one_paragraph_break():
    text = "First paragraph of prose.\n\nViews: 12\n\nAdd a Comment\n\nSecond paragraph of prose."
    cleaned = clean_text(text)
    assert cleaned.text == "First paragraph of prose.\n\nSecond paragraph of prose."
    assert [r.reason for r in cleaned.removals] == ["view counter", "comment prompt"]


def test_trailing_label_only_at_the_end():
    text = "Keywords\nco-production; recovery\n\nThe body of the abstract.\nKeyphrases"
    cleaned = clean_text(text)
    assert cleaned.text == "Keywords\nco-production; recovery\n\nThe body of the abstract."
    assert [r.reason for r in cleaned.removals] == ["trailing label"]


def test_author_section_stops_at_a_content_heading_and_long_blocks_stay():
    body = "Co-production is a contested idea in policy and practice. " * 10
    text = body + "\n\nAuthors\n\nJo is a nurse.\n\nReferences\n\nNeedham C, Carr S (2009)."
    cleaned = clean_text(text)
    assert cleaned.text == body + "\n\nReferences\n\nNeedham C, Carr S (2009)."
    long_section = body * 3 + "\n\nAuthors\n\n" + "A long contributors chapter sentence. " * 200
    assert clean_text(long_section).text == long_section


def test_crlf_text_keeps_its_line_breaks():
    text = "First paragraph.\r\n\r\nViews: 12\r\n\r\nSecond paragraph.\r\nKeyphrases\r\n"
    assert clean_text(text).text == "First paragraph.\r\n\r\nSecond paragraph."
