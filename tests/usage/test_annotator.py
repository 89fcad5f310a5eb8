"""The passage-level usage fields (`context`, `collocates`): the usage rules on a passage's own parse, and their
place on the passage road (they require `mentions`)."""

from __future__ import annotations

import pytest

from pipelines.classify.annotators import AnnotatorOrderError, annotate_passages, check_order
from pipelines.classify.mention_field import MentionAnnotator
from pipelines.classify.passage import Context, Passage
from pipelines.config import Config
from pipelines.usage.annotator import CollocatesAnnotator, ContextAnnotator
from pipelines.usage.collocates import window_lemmas

S0 = "The trust published a new strategy for its community mental health services last spring."
S1 = "Co-production was its theme."
S2 = "Service users sat on every planning group from the start."


@pytest.fixture(scope="module")
def ctx(cfg):
    raw = cfg.model_dump()
    return Context(Config.model_validate({**raw, "usage": {**raw.get("usage", {}), "min_tokens": 5, "window": 3}}))


def test_context_and_collocates_per_mention(ctx):
    text = " ".join([S0, S1, S2])
    passages = [Passage(1, text, {}), Passage(2, "Nothing to see here.", {})]
    annotate_passages(passages, ctx, [MentionAnnotator(), ContextAnnotator(), CollocatesAnnotator()])
    start = text.index("Co-production")
    (c,) = passages[0].result["context"]
    assert (c["start"], c["end"], c["context"]) == (start, start + 13, f"{S0} {S1}")  # widened to >= 5 words
    (w,) = passages[0].result["collocates"]
    assert w["collocates"] == window_lemmas(passages[0].doc, start, start + 13, window=3)
    assert w["collocates"] == ["health", "service", "spring", "theme", "service", "user"]
    assert passages[1].result["context"] == [] and passages[1].result["collocates"] == []


def test_usage_fields_require_mentions():
    with pytest.raises(AnnotatorOrderError, match="requires mentions"):
        check_order([ContextAnnotator(), MentionAnnotator()])
    check_order([MentionAnnotator(), ContextAnnotator(), CollocatesAnnotator()])
