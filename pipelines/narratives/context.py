"""Context carried into quotation paragraphs from the paragraph that introduces them.

Organisations often publish feedback as a run of bare quotation paragraphs after one introducing sentence
("Some of the things said by participants who had attended included:"). Scored alone, each quote has lost who is
speaking; this module finds that introducing sentence (the last sentence of the paragraph before the run, when it
carries a quote-introduction cue, `cues.QUOTE_INTRO`, or ends with a colon and names users) and hands it to every
quotation paragraph of the run, so the scan can read "introduction + quote" the way a reader does.
"""

from __future__ import annotations

import pandas as pd

from pipelines.narratives.cues import NARRATIVE_CUES, QUOTE_INTRO, starts_with_quote
from pipelines.narratives.windows import sentence_spans
from pipelines.tables import require


def introducing_sentence(paragraph: str) -> str | None:
    """The paragraph's last sentence if it introduces quotations from users, else None."""
    spans = sentence_spans(paragraph)
    if not spans:
        return None
    last = paragraph[spans[-1][0] : spans[-1][1]]
    if QUOTE_INTRO.search(last):
        return last
    if last.rstrip().endswith(":") and NARRATIVE_CUES["user_noun"].search(last):
        return last
    return None


def quote_contexts(texts: list[str], max_quotes: int) -> list[str | None]:
    """For paragraphs of ONE document in reading order: the introducing sentence each quotation paragraph
    inherits (None for other paragraphs, and for quotes with no introduction within `max_quotes` paragraphs)."""
    if max_quotes < 1:
        raise ValueError(f"narratives.context_max_quotes must be at least 1, got {max_quotes}")
    out: list[str | None] = []
    intro: str | None = None
    run = 0
    for i, text in enumerate(texts):
        if not starts_with_quote(text):
            intro, run = None, 0
            out.append(None)
            continue
        if run == 0 and i > 0:
            intro = introducing_sentence(texts[i - 1])
        run += 1
        out.append(intro if run <= max_quotes else None)
    return out


def paragraph_contexts(paragraphs: pd.DataFrame, max_quotes: int) -> list[str | None]:
    """`quote_contexts` for a paragraphs table (doc_id, para_id, text), aligned with its rows."""
    require(paragraphs, ("doc_id", "para_id", "text"), "paragraphs given to the narrative quote context")
    result: list[str | None] = [None] * len(paragraphs)
    frame = paragraphs.reset_index(drop=True)
    for _, doc in frame.groupby("doc_id", sort=False):
        doc = doc.sort_values("para_id", kind="stable")
        for pos, ctx in zip(doc.index, quote_contexts(doc["text"].astype(str).tolist(), max_quotes)):
            result[pos] = ctx
    return result
