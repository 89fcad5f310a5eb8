"""Sentence starts at the line breaks the parser reads through: after a question or a heading line.

`en_core_web_sm` glues a heading to the sentence under it ("What is Co-production?\\nCo-production describes …",
"Partnership of equals\\nCo-production involves …"), so a definition, a narrative or a level claim is read with a
heading in front of its subject. A PDF wraps lines inside sentences too, so a line break alone is no boundary: only
a line that ends a sentence (".", "?", "!") or reads as a heading (short, no closing punctuation, not ending on a
function word) before a line that opens with a capital, a digit or a quotation mark. Bullets and lower-case
continuations stay where the parser puts them ("X means:\\n• sharing power\\n• …" remains one reading).
"""

from __future__ import annotations

import re

#: A component name the pipeline gets in `pipelines.nlp.load_spacy`; part of the parse-cache signature.
COMPONENT = "colens_line_breaks"
MAX_HEADING_WORDS = 10
SIGNATURE = f"{COMPONENT}=v1,heading<={MAX_HEADING_WORDS}"

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


def mark_line_breaks(doc):
    """Set `is_sent_start` on the first token of each line that `starts_sentence`; others are left to the parser."""
    text = doc.text
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[tok.i + 1]
        if nxt.is_space:
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        if starts_sentence(text[line_start : tok.idx], line_at(text, nxt.idx)):
            nxt.is_sent_start = True
    return doc
