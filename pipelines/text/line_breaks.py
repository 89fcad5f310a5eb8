"""Sentence starts the parser gets wrong: after a question or a heading line, at a heading glued to its text, and
never at a lower-case word inside a line.

`en_core_web_sm` glues a heading to the sentence under it ("What is Co-production?\\nCo-production describes …",
"Partnership of equals\\nCo-production involves …"), so a definition, a narrative or a level claim is read with a
heading in front of its subject. A PDF wraps lines inside sentences too, so a line break alone is no boundary: only
a line that ends a sentence (".", "?", "!") or reads as a heading (short, no closing punctuation, not ending on a
function word) before a line that opens with a capital, a digit or a quotation mark. Bullets and lower-case
continuations stay where the parser puts them ("X means:\\n• sharing power\\n• …" remains one reading).

Inside a line the parser also cuts before "and", "so", "but" ("The bus never came that winter | and so we stopped …")
and after a heading's last word ("The Strength of Co-production\\nCo-production | means running the ferry with …"): a
lower-case word never opens a sentence there. A scraped page may glue a heading to its first sentence ("Why
Co-Production Co-production means …"): a capitalised word that repeats the word before it opens one.
"""

from __future__ import annotations

import re

#: A component name the pipeline gets in `pipelines.nlp.load_spacy`; part of the parse-cache signature.
COMPONENT = "colens_line_breaks"
MAX_HEADING_WORDS = 10
SIGNATURE = f"{COMPONENT}=v2,heading<={MAX_HEADING_WORDS},inline"

_ELLIPSIS = re.compile(r"(?:\.\.\.?|…)[’”\"')\]]*$")
_SENTENCE_END = re.compile(r"[.?!][’”\"')\]]*$")
#: A wrapped line ends on a word that needs its continuation: a function word, a comma, a dash, an open bracket.
OPEN_END = re.compile(
    r"(?:[,;:(\[/&+\-–—]|\b(?:a|an|the|and|or|but|nor|of|to|in|on|at|by|for|from|with|into|onto|as|than|that|which|"
    r"who|whose|whom|where|when|while|if|is|are|was|were|be|been|being|has|have|had|will|would|can|could|should|"
    r"may|might|must|our|their|your|its|his|her|my|this|these|those|such|not|no|very|more|most|also|both|"
    r"between|about|through|across|within|without|including|e\.g\.|i\.e\.))$", re.IGNORECASE)
_OPENS_SENTENCE = re.compile(r"[A-Z0-9‘“\"']")


def line_at(text: str, start: int) -> str:
    """The line of `text` that starts at `start`, without its line break."""
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def starts_sentence(previous_line: str, next_line: str) -> bool:
    """Whether `next_line` opens a sentence after `previous_line` (both without their line break)."""
    prev, nxt = previous_line.strip(), next_line.lstrip()
    if not prev or not nxt or not _OPENS_SENTENCE.match(nxt):
        return False
    if _ELLIPSIS.search(prev):
        return False  # "When we talk about X we mean...\nLocal residents ..." runs on
    if _SENTENCE_END.search(prev):
        return True
    # a "Term: gloss" line is a glossary entry that the next line may go on with
    return len(prev.split()) <= MAX_HEADING_WORDS and ":" not in prev and not OPEN_END.search(prev)


def inline_start(previous, token) -> bool | None:
    """Whether `token`, inside a line after `previous`, opens a sentence: False for a lower-case word, True for a
    capitalised word repeating the one before it (a glued heading), None (the parser decides) otherwise."""
    if previous.is_space and "\n" in previous.text:
        return None
    first = token.text[:1]
    if first.islower():
        return False
    if first.isupper() and previous.text[:1].isupper() and previous.lower_ == token.lower_ and len(token) > 2:
        return True
    return None


def mark_line_breaks(doc):
    """Set `is_sent_start` on the first token of each line that `starts_sentence`, and inside lines as
    `inline_start` says; others are left to the parser."""
    text = doc.text
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if nxt.is_space:
            continue
        if not tok.is_space or "\n" not in tok.text:
            previous = tok if not tok.is_space or tok.i == 0 else doc[tok.i - 1]
            start = inline_start(previous, nxt)
            if start is not None:
                nxt.is_sent_start = start
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        if starts_sentence(text[line_start : tok.idx], line_at(text, nxt.idx)):
            nxt.is_sent_start = True
    return doc
