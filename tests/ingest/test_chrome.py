"""Page chrome of blogs, NHS-style pages and paginated PDFs is removed and recorded with its rule."""

from __future__ import annotations

from pipelines.ingest.cleaning import clean_text

BLOG = """Posted by Priya Natarajan on 14 June 2022 in Mental health, Co-production

When we started the peer-led group we had no budget and a borrowed room. Members decided the agenda, and staff
came as guests rather than hosts, which took some getting used to on both sides.

Looking back, co-production here meant sharing the dull parts too: minutes, rotas, chasing the room booking.

Share this article … Print this page
Facebook / Twitter / LinkedIn / Email

Was this page helpful?
Yes No

Page last reviewed: 3 March 2023
Next review due: 3 March 2026

Related posts
Co-production week: what we learned this year
21 May 2022
Why our carers' forum changed its name
Recovery colleges and the language of partnership…
"""


def _reasons(cleaned):
    return {r.text.strip(): r.reason for r in cleaned.removals}


def test_blog_chrome_is_removed_with_named_rules():
    cleaned = clean_text(BLOG)
    assert cleaned.text.startswith("When we started") and cleaned.text.rstrip().endswith("the room booking.")
    reasons = {r.reason for r in cleaned.removals}
    assert {"byline", "share buttons", "page feedback", "page review dates", "related posts"} <= reasons
    assert "Co-production week" not in cleaned.text
    assert all(BLOG[r.start:r.end] == r.text for r in cleaned.removals)


def test_prose_that_mentions_the_chrome_words_stays():
    text = ("Twitter was where most of the argument about co-production happened in 2020.\n\n"
            "The page was last reviewed by the board, who asked whether it was helpful to staff.\n\n"
            "Related work on co-production is summarised in the next section, with its limits.\n")
    assert clean_text(text).text == text


def test_related_heading_followed_by_prose_takes_only_the_heading_and_titles():
    text = ("Intro paragraph on co-production in housing services, written by the tenants' panel.\n\n"
            "Related articles\nTenants set the repair priorities\n\n"
            "The panel then met monthly and reported its decisions to the board, which accepted most of them.\n")
    cleaned = clean_text(text)
    assert "The panel then met monthly" in cleaned.text and "Tenants set the repair" not in cleaned.text


def _pages(n):
    body = ("Participants described co-production as slow but worthwhile, and several said it changed how "
            "they saw staff. Page {p} discusses the findings in turn.")
    pages = [f"Annual report 2023 | Example Health Board\n{body.format(p=p)}\nPage {p} of {n}" for p in range(1, n + 1)]
    text = "\n\n".join(pages)
    starts = [sum(len(x) + 2 for x in pages[:k]) for k in range(n)]
    return text, starts


def test_pdf_running_headers_and_page_numbers_go():
    text, starts = _pages(5)
    cleaned = clean_text(text, page_starts=starts)
    assert "Annual report 2023" not in cleaned.text and "of 5" not in cleaned.text
    assert cleaned.text.count("Participants described") == 5
    reasons = [r.reason for r in cleaned.removals]
    assert reasons.count("running header") == 5 and reasons.count("page number") == 5


def test_without_pages_or_with_too_few_repeats_nothing_goes():
    text, starts = _pages(2)
    assert "Annual report 2023" in clean_text(text, page_starts=starts).text
    text, _ = _pages(5)
    assert "Annual report 2023" in clean_text(text).text
