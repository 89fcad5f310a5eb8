"""Mention contexts: the sentence, widened with neighbours while shorter than min_tokens; same rule on passages."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.usage.contexts import build_contexts, count_tokens, passage_context, widen

S0 = "The trust published a new strategy for its community mental health services last spring."  # 14 words
S1 = "Co-production was its theme."  # 4 words
S2 = "Service users sat on every planning group from the start."  # 10 words
S3 = "Short closing note."  # 3 words


def _sentences() -> pd.DataFrame:
    rows, pos = [], 0
    for i, s in enumerate([S0, S1, S2, S3]):
        rows.append({"doc_id": "d1", "sent_id": 10 + i, "para_id": 0, "start": pos, "end": pos + len(s), "text": s})
        pos += len(s) + 1
    rows.append({"doc_id": "d2", "sent_id": 0, "para_id": 0, "start": 0, "end": len(S1), "text": S1})
    return pd.DataFrame(rows).sample(frac=1, random_state=0)  # order must not matter


def test_count_tokens_counts_hyphenated_words_once():
    assert count_tokens("Co-production was its theme.") == 4
    assert count_tokens("  ") == 0


def test_short_sentence_takes_previous_then_next_neighbour():
    mentions = pd.DataFrame({"mention_id": ["d1:a", "d1:b", "d2:c"], "doc_id": ["d1", "d1", "d2"],
                             "sent_id": [11, 11, 0]}, index=[7, 3, 5])
    out = build_contexts(mentions, _sentences(), min_tokens=0)
    assert list(out.index) == [7, 3, 5] and out.loc[7] == S1
    assert build_contexts(mentions, _sentences(), min_tokens=5).loc[7] == f"{S0} {S1}"  # 18 words
    assert build_contexts(mentions, _sentences(), min_tokens=20).loc[7] == f"{S0} {S1} {S2}"  # 28 words
    assert build_contexts(mentions, _sentences(), min_tokens=100).loc[7] == f"{S0} {S1} {S2} {S3}"  # all there is
    assert build_contexts(mentions, _sentences(), min_tokens=100).loc[5] == S1  # d2 has one sentence


def test_first_sentence_widens_forwards():
    assert widen([S1, S2, S3], 0, 0, 12) == f"{S1} {S2}"
    assert widen(["A\n  heading", "x"], 0, 0, 1) == "A heading"  # whitespace collapsed


def test_missing_sentence_is_named():
    mentions = pd.DataFrame({"mention_id": ["d1:x"], "doc_id": ["d1"], "sent_id": [99]})
    with pytest.raises(KeyError, match="mention d1:x: sentence 99 of document 'd1'"):
        build_contexts(mentions, _sentences(), 5)
    with pytest.raises(KeyError, match="lacks column"):
        build_contexts(mentions.drop(columns="sent_id"), _sentences(), 5)


def test_passage_rule_matches_table_rule(nlp):
    text = " ".join([S0, S1, S2, S3])
    start = text.index("Co-production")
    doc = nlp(text)
    got = passage_context(doc, start, start + len("Co-production"), min_tokens=5)
    assert got == f"{S0} {S1}"
    assert passage_context(doc, start, start + 13, min_tokens=0) == S1
    with pytest.raises(ValueError, match="outside the passage"):
        passage_context(doc, 5, 5000, 5)
