"""Block-level chrome: metadata tables, author-bio sections, repeated blocks and trailing labels.

Each function receives the document's lines (normalised, stripped) and the reasons assigned so far
(None = kept) and fills in reasons for further lines; it never overrides an earlier reason.
"""

from __future__ import annotations

import re

from pipelines.ingest.cleaning.lines import is_link_bar, is_pipe_row

Reasons = list[str | None]

_AUTHOR_HEADING = re.compile(
    r"^(about the authors?|authors?|author (information|biograph(y|ies)|details)|notes on contributors|"
    r"biograph(y|ies))\s*:?$",
    re.IGNORECASE,
)
_TRAILING_LABEL = re.compile(
    r"^(keyphrases|key ?words|key phrases|tags|topics|categories|related( articles| posts| content)?|"
    r"share( this)?|cited by|similar articles|see also)\s*:?$",
    re.IGNORECASE,
)
# A heading of real content ends an author section early ("References", "Appendix 2", "4.1 Findings").
_CONTENT_HEADING = re.compile(
    r"^((\d+(\.\d+)*\.?|chapter \d+|section \d+|appendix( \w+)?)\s*[A-Za-z]|"
    r"(introduction|background|methods?|results|discussion|conclusions?|references|bibliography|"
    r"acknowledge?ments|abstract|summary)\s*:?$)",
    re.IGNORECASE,
)
_AUTHOR_SECTION_MAX_CHARS = 6000  # longer than any bios block: a heading that starts more is not about authors
_SANDWICH_MAX_WORDS = 12


def _nonblank(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line]


def mark_tables(lines: list[str], reasons: Reasons) -> None:
    """Runs of pipe-separated rows (and short lines wedged between two rows) are metadata tables.

    A single row counts only when it is a link bar or a lone pipe, so one prose line with a '|' survives.
    """
    idx = _nonblank(lines)
    rows = {i for i in idx if is_pipe_row(lines[i])}
    for k, i in enumerate(idx):
        if i in rows or not (0 < k < len(idx) - 1):
            continue
        if idx[k - 1] in rows and idx[k + 1] in rows and len(lines[i].split()) <= _SANDWICH_MAX_WORDS:
            rows.add(i)
    k = 0
    while k < len(idx):
        run = []
        while k < len(idx) and idx[k] in rows:
            run.append(idx[k])
            k += 1
        if not run:
            k += 1
            continue
        n_rows = sum("|" in lines[i] for i in run)
        for i in run:
            if reasons[i] is not None:
                continue
            if n_rows >= 2 or re.fullmatch(r"[\s|:\-]+", lines[i]):
                reasons[i] = "metadata table"
            elif is_link_bar(lines[i]):
                reasons[i] = "site footer"


def mark_author_section(lines: list[str], reasons: Reasons) -> None:
    """An 'Authors' / 'About the author' heading in the second half of a text starts a bios block.

    The block runs to the end or to the next content heading; one longer than `_AUTHOR_SECTION_MAX_CHARS`
    is left alone (a report's contributor chapter is content, not page chrome).
    """
    idx = _nonblank(lines)
    total = sum(len(lines[i]) for i in idx)
    seen = 0
    for k, i in enumerate(idx):
        if seen >= total / 2 and _AUTHOR_HEADING.match(lines[i]):
            block = [i]
            for j in idx[k + 1:]:
                if _CONTENT_HEADING.match(lines[j]):
                    break
                block.append(j)
            if sum(len(lines[j]) for j in block) > _AUTHOR_SECTION_MAX_CHARS:
                return
            for j in block:
                if reasons[j] is None:
                    reasons[j] = "author bios"
            return
        seen += len(lines[i])


def mark_trailing_labels(lines: list[str], reasons: Reasons) -> None:
    """Labels such as 'Keyphrases' or 'Share this' with nothing after them but chrome (their lists were lost)."""
    for i in reversed(_nonblank(lines)):
        if reasons[i] is not None:
            continue
        if _TRAILING_LABEL.match(lines[i]):
            reasons[i] = "trailing label"
            continue
        return


def _key(line: str) -> str:
    return " ".join(line.lower().split())


def mark_repeated_blocks(lines: list[str], reasons: Reasons, min_block_chars: int, min_line_chars: int) -> None:
    """A run of lines that repeats an earlier run (at least `min_block_chars` long) is removed; the first stays.

    A run must start on a substantial line (`min_line_chars`) so that short headings ("Aim", "Results")
    only join a repeat, never start one. Runs are matched line by line over kept lines, in one pass.
    """
    kept = [i for i in _nonblank(lines) if reasons[i] is None]
    keys = [_key(lines[i]) for i in kept]
    first_seen: dict[str, int] = {}
    k = 0
    while k < len(kept):
        key = keys[k]
        j = first_seen.get(key)
        if j is not None and len(key) >= min_line_chars:
            n = 0
            while k + n < len(kept) and j + n < k and keys[j + n] == keys[k + n]:
                n += 1
            if sum(len(keys[k + m]) for m in range(n)) >= min_block_chars:
                for m in range(n):
                    reasons[kept[k + m]] = "repeated block"
                k += n
                continue
        first_seen.setdefault(key, k)
        k += 1


_RELATED_HEADING = re.compile(
    r"^(related (posts?|articles?|stories|content|news|pages|resources|reading|links|blogs?)|"
    r"you (may|might) also (like|be interested in|enjoy)|more (posts|articles|stories|news|blogs)( like this)?|"
    r"recent (posts|articles|news)|latest (posts|articles|news)|read (next|more)|popular (posts|articles))\s*:?$",
    re.IGNORECASE,
)
_RELATED_MAX_ITEMS = 24
_DATE_LINE = re.compile(r"^\d{1,2}(st|nd|rd|th)? [a-z]{3,9}\.? \d{4}$", re.IGNORECASE)  # "21 May 2022"
_ITEM_MAX_WORDS = 25


def _is_list_item(line: str) -> bool:
    """A post title, a date, a 'Read more' or a teaser cut with an ellipsis — not a sentence of prose."""
    words = len(line.split())
    if line.endswith(("\u2026", "...", "[\u2026]", "[...]")) or re.search(r"read more\s*$", line, re.IGNORECASE):
        return words <= 60
    return words <= _ITEM_MAX_WORDS and not (line.endswith(".") and words > 12)


def mark_related_lists(lines: list[str], reasons: Reasons) -> None:
    """A 'Related posts' / 'You may also like' heading and the list of post titles, dates and teasers after it.

    The list ends at the first line of prose (a long sentence) or a content heading; at most
    `_RELATED_MAX_ITEMS` lines go, so a mislabelled heading cannot take a whole text with it."""
    idx = _nonblank(lines)
    k = 0
    while k < len(idx):
        i = idx[k]
        if reasons[i] is not None or not _RELATED_HEADING.match(lines[i]):
            k += 1
            continue
        block = [i]
        for j in idx[k + 1:k + 1 + _RELATED_MAX_ITEMS]:
            if (_CONTENT_HEADING.match(lines[j]) and not _DATE_LINE.match(lines[j])) or _RELATED_HEADING.match(lines[j]):
                break
            if reasons[j] is None and not _is_list_item(lines[j]):
                break
            block.append(j)
        if len(block) > 1 or k == len(idx) - 1:
            for j in block:
                if reasons[j] is None:
                    reasons[j] = "related posts"
        k += len(block)
