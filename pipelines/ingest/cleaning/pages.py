"""Page furniture of paginated text (PDF): running headers and footers, found as lines that repeat at the top or
bottom of many pages, and page-number lines ("Page 3", "3 of 12", "- 3 -") at a page's top or bottom.

Without this, pypdf's text puts "Annual report 2023 4" in front of each page's first sentence."""

from __future__ import annotations

import bisect
import re

Reasons = list[str | None]

_EDGE_LINES = 3  # lines at each end of a page searched for headers, footers and page numbers
_MAX_WORDS = 16
_PAGE_NUMBER = re.compile(r"^[\s\-\u2013\u2014|]*((page|p\.|pg\.?)\s*)?[ivxlc\d]{1,5}(\s*(of|/)\s*\d{1,5})?"
                          r"[\s\-\u2013\u2014|]*$", re.IGNORECASE)


def _key(line: str) -> str:
    """Lines compared without case, spacing or digits, so "Report 2023 | 4" and "Report 2023 | 5" match."""
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _edges(page: list[int]) -> list[tuple[int, str]]:
    """(line index, zone) of a page's first and last few non-blank lines."""
    top = [(i, "running header") for i in page[:_EDGE_LINES]]
    bottom = [(i, "running footer") for i in page[-_EDGE_LINES:] if i not in page[:_EDGE_LINES]]
    return top + bottom


def mark_page_furniture(lines: list[str], line_starts: list[int], page_starts: list[int], reasons: Reasons,
                        min_pages: int, min_share: float) -> None:
    """Mark running headers/footers (an edge line whose key is at an edge of at least `min_pages` pages and
    `min_share` of all pages) and page-number lines at a page edge. Needs at least two pages."""
    if len(page_starts) < 2:
        return
    pages: list[list[int]] = [[] for _ in page_starts]
    for i, line in enumerate(lines):
        if line:
            pages[max(0, bisect.bisect_right(page_starts, line_starts[i]) - 1)].append(i)
    pages_with: dict[str, set[int]] = {}
    for p, page in enumerate(pages):
        for i, _ in _edges(page):
            if len(lines[i].split()) <= _MAX_WORDS:
                pages_with.setdefault(_key(lines[i]), set()).add(p)
    needed = max(min_pages, min_share * len(pages))
    for page in pages:
        for i, zone in _edges(page):
            if reasons[i] is not None:
                continue
            if _PAGE_NUMBER.match(lines[i]):
                reasons[i] = "page number"
            elif len(pages_with.get(_key(lines[i]), ())) >= needed:
                reasons[i] = zone
