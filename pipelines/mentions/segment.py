"""Paragraphs (blank-line blocks, or lines that end a paragraph) and sentences (spaCy, never crossing a paragraph or a mention).

Every span is a pair of character offsets, trimmed of surrounding whitespace, so `text[start:end]` is the unit.
"""

from __future__ import annotations

import bisect
import re

from pipelines.text.line_breaks import OPEN_END, line_at, starts_sentence

# A blank line (possibly holding spaces) or a Unicode paragraph separator, plus the whitespace around it.
_PARAGRAPH_BREAK = re.compile(r"(?:\n[^\S\n]*\n|\u2029)\s*")
_SENTENCE_END = re.compile(r"[.!?:;…]['\"’”)\]]*$")
_BULLET = re.compile(r"[^\S\n]*(?:[•▪◦‣●■*\u2013\u2014-]\s|\d{1,3}[.)]\s)")

Span = tuple[int, int]
_WRAP_WIDTH = 120


def _trim(text: str, start: int, end: int) -> Span | None:
    """The span without leading/trailing whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _ends_paragraph(line: str, next_line: str, heading_max_chars: int) -> bool:
    """A line break that ends a paragraph inside a block: after a finished sentence, a heading, or before a bullet.

    Hard-wrapped prose (lines ending mid-sentence) stays one paragraph.
    """
    line, nxt = line.strip(), next_line.strip()
    if not line or not nxt:
        return False
    if _BULLET.match(next_line):
        return True
    if _SENTENCE_END.search(line):
        return True
    return len(line) <= heading_max_chars and nxt[:1].isupper()


def paragraph_spans(text: str, heading_max_chars: int = 50) -> list[Span]:
    """Paragraphs of `text` as trimmed (start, end) offsets, in order.

    Blank lines always separate paragraphs; scraped text that puts one paragraph per line (no blank lines) is
    split at line breaks that end a paragraph (see `_ends_paragraph`).
    """
    blocks: list[Span] = []
    pos = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        blocks.append((pos, brk.start()))
        pos = brk.end()
    blocks.append((pos, len(text)))
    spans: list[Span] = []
    for b_start, b_end in blocks:
        cut = b_start
        lines = list(re.finditer(r"[^\n]*(?:\n|$)", text[b_start:b_end]))
        # A line longer than any hard-wrap width means the source puts one paragraph per line.
        per_line = any(len(m.group()) > _WRAP_WIDTH for m in lines)
        for cur, nxt in zip(lines, lines[1:]):
            if (per_line and nxt.group().strip()) or _ends_paragraph(cur.group(), nxt.group(), heading_max_chars):
                if (span := _trim(text, cut, b_start + cur.end())) is not None:
                    spans.append(span)
                cut = b_start + cur.end()
        if (span := _trim(text, cut, b_end)) is not None:
            spans.append(span)
    return spans


def line_boundaries(text: str, heading_max_chars: int) -> list[int]:
    """Line starts that begin a new sentence: at a bullet, where `line_breaks.starts_sentence` says a heading or a
    finished sentence ends (the rule the parser's own sentence starts follow), and after a label line of at most
    three words ("Aim", "Key findings") that a wrapped line cannot be. A hard-wrapped line, however short, does not
    end a sentence ("… a way of working where\npeople who use services …")."""
    cuts: list[int] = []
    line_start = 0
    for nl in (m.start() for m in re.finditer("\n", text)):
        line = text[line_start:nl].strip()
        nxt = nl + 1
        if line and (_BULLET.match(text, nxt) or starts_sentence(line, line_at(text, nxt))
                     or _is_label_line(line, heading_max_chars)):
            cuts.append(nxt)
        line_start = nxt
    return cuts


def _is_label_line(line: str, heading_max_chars: int) -> bool:
    """"Aim", "Results", "Key findings": a short label above text that may open in lower case."""
    return (len(line) <= heading_max_chars and len(line.split()) <= 3 and not _SENTENCE_END.search(line)
            and not OPEN_END.search(line))


def sentence_spans(doc, protected: list[Span], heading_max_chars: int) -> list[Span]:
    """Sentences of one parsed paragraph: spaCy's boundaries plus line-based ones, never inside `protected`.

    Offsets are relative to `doc.text`; `protected` are mention spans a boundary must not split.
    """
    text = doc.text
    bounds = {s.start_char for s in doc.sents}
    bounds.update(line_boundaries(text, heading_max_chars))
    bounds = sorted(b for b in bounds if not any(s < b < e for s, e in protected))
    if not bounds or bounds[0] != 0:
        bounds.insert(0, 0)
    bounds.append(len(text))
    return [span for a, b in zip(bounds, bounds[1:]) if a < b and (span := _trim(text, a, b)) is not None]


def containing(spans: list[Span], starts: list[int], start: int, end: int) -> int:
    """Index of the span holding [start, end); `starts` is the sorted list of span starts."""
    i = bisect.bisect_right(starts, start) - 1
    if i < 0 or not (spans[i][0] <= start and end <= spans[i][1]):
        raise ValueError(f"offsets {start}-{end} lie in no span")
    return i
