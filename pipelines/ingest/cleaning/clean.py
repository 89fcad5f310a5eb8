"""Apply the chrome rules to one text and cut the removed lines out, keeping paragraph breaks."""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.ingest.cleaning.blocks import (
    mark_author_section,
    mark_related_lists,
    mark_repeated_blocks,
    mark_tables,
    mark_trailing_labels,
)
from pipelines.ingest.cleaning.lines import classify_line
from pipelines.ingest.cleaning.pages import mark_page_furniture
from pipelines.text.normalize import normalize_for_matching


@dataclass(frozen=True)
class Removal:
    """One removed span of the raw text, [start, end), with the rule that removed it."""

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True)
class Cleaned:
    text: str
    removals: list[Removal]


def _split_lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each line including its line break, so the pieces tile the text."""
    spans, start = [], 0
    for line in raw.splitlines(keepends=True):
        spans.append((start, start + len(line)))
        start += len(line)
    return spans


def line_reasons(raw: str, repeated_block_min_chars: int = 200, repeated_line_min_chars: int = 40,
                 page_starts: list[int] | None = None, running_line_min_pages: int = 3,
                 running_line_min_share: float = 0.3) -> list[str | None]:
    """The removal reason for each line of `raw` (None = kept); `page_starts` (offsets of pages in a PDF's text)
    turns on the page-furniture rules."""
    norm = normalize_for_matching(raw)
    spans = _split_lines(raw)
    lines = [norm[s:e].strip() for s, e in spans]
    reasons: list[str | None] = [classify_line(line) for line in lines]
    if page_starts:
        mark_page_furniture(lines, [s for s, _ in spans], list(page_starts), reasons, running_line_min_pages,
                            running_line_min_share)
    mark_tables(lines, reasons)
    mark_related_lists(lines, reasons)
    mark_author_section(lines, reasons)
    mark_repeated_blocks(lines, reasons, repeated_block_min_chars, repeated_line_min_chars)
    mark_trailing_labels(lines, reasons)
    return reasons


def _removal_spans(raw: str, spans: list[tuple[int, int]], reasons: list[str | None]) -> list[tuple[int, int, str]]:
    """Spans of raw text to cut, merged by reason, so that paragraph breaks between kept lines survive.

    In a gap between two kept lines that contains removed lines, the first blank line stays (one paragraph
    break) and everything else goes; gaps with nothing removed are untouched. Before the first kept line and
    after the last one, a gap with removed lines goes entirely (at the end, with the last kept line's break).
    """
    n = len(spans)
    blank = [not raw[s:e].strip() for s, e in spans]
    gone = [reasons[i] is not None and not blank[i] for i in range(n)]
    kept = [i for i in range(n) if not blank[i] and not gone[i]]
    cut: list[str | None] = [reasons[i] if gone[i] else None for i in range(n)]
    bounds = [-1, *kept, n]
    for a, b in zip(bounds, bounds[1:]):
        gap = range(a + 1, b)
        if not any(gone[i] for i in gap):
            continue
        keep_one = 0 < b < n and a >= 0
        for i in gap:
            if blank[i]:
                if keep_one:
                    keep_one = False
                    continue
                cut[i] = next((cut[k] for k in range(i - 1, a, -1) if gone[k]), None) or next(
                    cut[k] for k in gap if gone[k]
                )
    out: list[list] = []
    for i in range(n):
        if cut[i] is None:
            continue
        s, e = spans[i]
        if out and out[-1][1] == s and out[-1][2] == cut[i]:
            out[-1][1] = e
        else:
            out.append([s, e, cut[i]])
    if kept and out and out[-1][1] == len(raw) and out[-1][0] >= spans[kept[-1]][1]:
        last_s, last_e = spans[kept[-1]]
        content_end = last_s + len(raw[last_s:last_e].rstrip("\r\n"))
        first_trailing = next(k for k, sp in enumerate(out) if sp[0] >= last_e)
        out[first_trailing][0] = content_end
    return [(s, e, r) for s, e, r in out]


def clean_text(raw: str, repeated_block_min_chars: int = 200, repeated_line_min_chars: int = 40,
               page_starts: list[int] | None = None, running_line_min_pages: int = 3,
               running_line_min_share: float = 0.3) -> Cleaned:
    """Cleaned text (raw minus removed spans, in order) and the removals that explain the difference."""
    spans = _split_lines(raw)
    reasons = line_reasons(raw, repeated_block_min_chars, repeated_line_min_chars, page_starts,
                           running_line_min_pages, running_line_min_share)
    removals, pieces, pos = [], [], 0
    for start, end, reason in _removal_spans(raw, spans, reasons):
        pieces.append(raw[pos:start])
        removals.append(Removal(start, end, reason, raw[start:end]))
        pos = end
    pieces.append(raw[pos:])
    return Cleaned("".join(pieces), removals)
