"""Parse once: the parse store serves every paragraph from its cache after the first parse; co-words stay whole."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.text.normalize import normalize_for_matching

from pipelines.io import write_table
from pipelines.mentions.parses import ParseStore
from pipelines.mentions.segment import paragraph_spans
from pipelines.mentions.stage import run
from pipelines.nlp import load_spacy
from pipelines.paths import Paths
from pipelines.tables import TABLES

DOCS = pd.DataFrame([
    dict(doc_id="d1", content_hash="h1", genre="blog", year="2020", title="One",
         text="Services that are co-produced with carers work.\n\nWe co\u2013designed it together. It helped."),
    dict(doc_id="d2", content_hash="h2", genre="policy", year="2021", title="Two",
         text="Co-production means sharing power.\n\nStaff and people who use services co-create plans."),
])


def paragraphs_of(docs: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        [(r.doc_id, i, s, e) for r in docs.itertuples() for i, (s, e) in enumerate(paragraph_spans(r.text))],
        columns=["doc_id", "para_id", "start", "end"],
    )


@pytest.fixture()
def store_paths(cfg, tmp_path) -> Paths:
    return Paths.from_config(cfg, root=tmp_path)


@pytest.fixture()
def count_pipe(monkeypatch):
    """Counts the texts the shared pipeline parses."""
    def install(nlp):
        seen: list[str] = []
        original = nlp.pipe

        def pipe(texts, **kwargs):
            texts = list(texts)
            seen.extend(texts)
            return original(texts, **kwargs)

        monkeypatch.setattr(nlp, "pipe", pipe)
        return seen
    return install


def test_second_call_parses_nothing_and_docs_are_the_paragraphs(cfg, store_paths, count_pipe):
    paragraphs = paragraphs_of(DOCS)
    with ParseStore.open(cfg, store_paths) as store:
        parsed = count_pipe(store.nlp)
        first = store.paragraph_docs(DOCS, paragraphs)
        assert len(parsed) == len(paragraphs) == store.paragraphs_parsed == 4
        second = store.paragraph_docs(DOCS, paragraphs)
        assert len(parsed) == 4 and store.paragraphs_parsed == 4
        assert (store.documents_parsed, store.documents_cached) == (2, 2)
    texts = DOCS.set_index("doc_id")["text"]
    for p in paragraphs.itertuples():
        key = (p.doc_id, p.para_id)
        assert first[key].text == second[key].text == texts[p.doc_id][p.start : p.end]
    # Parses survive the process: a new store on the same cache file parses nothing either.
    with ParseStore.open(cfg, store_paths) as store:
        parsed = count_pipe(store.nlp)
        again = store.paragraph_docs(DOCS, paragraphs)
        assert parsed == [] and store.documents_cached == 2
    doc = again[("d2", 1)]
    assert [t.lemma_ for t in doc][:2] == ["staff", "and"] and doc.has_annotation("DEP")
    assert [t.pos_ for t in doc] == [t.pos_ for t in first[("d2", 1)]]
    assert [s.text for s in again[("d1", 1)].sents] == ["We co\u2013designed it together.", "It helped."]


def test_only_missing_paragraphs_are_parsed_and_changed_text_is_a_miss(cfg, store_paths, count_pipe):
    paragraphs = paragraphs_of(DOCS)
    with ParseStore.open(cfg, store_paths) as store:
        parsed = count_pipe(store.nlp)
        store.paragraph_docs(DOCS, paragraphs[paragraphs.para_id == 0])
        assert len(parsed) == 2
        store.paragraph_docs(DOCS, paragraphs)
        # the parser sees the normalised text (Unicode hyphens made plain), the Docs keep the original
        assert parsed[2:] == [normalize_for_matching(DOCS.text[0][paragraphs.start[1]:paragraphs.end[1]]),
                              normalize_for_matching(DOCS.text[1][paragraphs.start[3]:paragraphs.end[3]])]
        changed = DOCS.assign(text=DOCS.text.str.replace("power", "POWER"))  # same content_hash, other text
        docs = store.paragraph_docs(changed, paragraphs)
        assert len(parsed) == 6 and docs[("d2", 0)].text == "Co-production means sharing POWER."


def test_co_words_stay_one_token(cfg):
    nlp = load_spacy(cfg.models.spacy)
    tokens = [t.text for t in nlp("We co-produced it with Co-Production (co\u2013design), co\u2010creation; self-help.")]
    assert {"co-produced", "Co-Production", "co\u2013design", "co\u2010creation"} <= set(tokens)
    assert "self-help" not in tokens  # only co-words are kept whole


def test_mentions_stage_stores_every_paragraph(cfg, store_paths, count_pipe):
    write_table(DOCS, TABLES["documents"].path(store_paths))
    metrics = run(cfg, store_paths)
    assert metrics["parses"] == {"parsed": 2, "from_cache": 0}
    paragraphs = pd.read_parquet(TABLES["paragraphs"].path(store_paths))
    with ParseStore.open(cfg, store_paths) as store:
        parsed = count_pipe(store.nlp)
        docs = store.paragraph_docs(DOCS, paragraphs)
    assert parsed == [] and len(docs) == len(paragraphs) == 4
    assert all(docs[(p.doc_id, p.para_id)].text == p.text for p in paragraphs.itertuples())


def test_unicode_hyphens_parse_like_ascii_and_keep_their_text(cfg, store_paths):
    """U+2010 in "co‐delivered" is parsed as the verb it is (on the normalised text) and kept in the Doc."""
    from pipelines.nlp import load_spacy, parse_texts

    nlp = load_spacy(cfg.models.spacy)
    [plain, fancy] = parse_texts(nlp, ["Peer trainers co-delivered the course.", "Peer trainers co\u2010delivered the course."])
    assert fancy.text == "Peer trainers co\u2010delivered the course."
    assert [t.pos_ for t in fancy] == [t.pos_ for t in plain]
    assert [t.dep_ for t in fancy] == [t.dep_ for t in plain]
