"""Noun phrases of usage contexts stored between runs: the same lists as a fresh parse, only unseen texts
parsed, and a change of excluded words (part of the signature) starts afresh (real spaCy)."""

from __future__ import annotations

from pipelines.usage.phrase_cache import CACHE_FILE, PhraseCache
from pipelines.usage.phrases import parse_phrases

TEXTS = [
    "Peer support workers co-produced the discharge plan with the ward team.",
    "The council's adult social care board agreed a co-production charter with carers.",
    "Peer support workers co-produced the discharge plan with the ward team.",
]


class CountingNlp:
    """The real pipeline, counting the texts it is asked to parse."""

    def __init__(self, nlp):
        self.nlp, self.parsed = nlp, 0

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        self.parsed += len(texts)
        return self.nlp.pipe(texts, **kwargs)


def test_cached_lists_equal_a_fresh_parse_and_only_new_texts_are_parsed(nlp, tmp_path):
    exclude = {"co", "production", "produced", "coproduction"}
    fresh = parse_phrases(nlp, TEXTS, exclude)
    counting = CountingNlp(nlp)
    assert parse_phrases(counting, TEXTS, exclude, tmp_path) == fresh
    assert counting.parsed == 2 and (tmp_path / CACHE_FILE).exists()  # the repeated text parsed once
    more = [*TEXTS, "Service users chaired the recovery college's curriculum group."]
    assert parse_phrases(counting, more, exclude, tmp_path) == parse_phrases(nlp, more, exclude)
    assert counting.parsed == 3
    assert "peer support workers" in fresh[0] and "discharge plan" in fresh[0]


def test_other_exclusions_are_another_signature(nlp, tmp_path):
    parse_phrases(nlp, TEXTS, {"co"}, tmp_path)
    with PhraseCache.open(tmp_path, nlp, {"co"}) as cache:
        assert len(cache.get(TEXTS)) == 2
    with PhraseCache.open(tmp_path, nlp, {"council"}) as cache:
        assert cache.get(TEXTS) == {}
    assert parse_phrases(nlp, TEXTS, {"council"}, tmp_path) == parse_phrases(nlp, TEXTS, {"council"})
