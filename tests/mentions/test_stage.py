"""The mentions stage on the bundled seeds: every mention found, offsets exact, POS from the parse, cache reused."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from pipelines.io import write_table
from pipelines.mentions.settings import MentionsParams
from pipelines.mentions.stage import DocumentsError, run
from pipelines.paths import Paths
from pipelines.tables import TABLES, TableError
from tests.conftest import SEEDS
# Counted independently of the lexicon: any hyphen/dash (or space, or nothing) between "co" and the ending.
INDEPENDENT = re.compile(
    r"(?<![\w/%])(?!(?-i:CO[ \t]+products?\b))co(?:[-\u2010\u2011\u2012\u2013\u2014][ \t]*\n?[ \t]*|[ \t])?"
    r"produc(?:tions?|tionists?|tively|tive|ts?|ers?|e[sd]?|ing)(?!\w)(?!%[0-9a-f]{2})|(?<!\w)co-pros?(?!\w)",
    re.IGNORECASE,
)
DISTRACTOR_TEXT = (
    "Co-optation and co-morbidity are not it.\n\nA by-product of co-operation, cooperation and "
    "comorbidity; the CO products of CO2 reduction.\n\nProduction and produce alone do not count."
)


def seed_documents() -> pd.DataFrame:
    meta = pd.read_csv(SEEDS / "metadata.csv", dtype=str)
    rows = []
    for rec in meta.itertuples():
        text = (SEEDS / rec.file).read_text(encoding="utf-8")
        rows.append(dict(doc_id=rec.doc_id, text=text, content_hash=hashlib.sha1(text.encode()).hexdigest(),
                         genre=rec.genre, year=rec.year, title=rec.title, source=rec.source))
    rows.append(dict(doc_id="distractors", text=DISTRACTOR_TEXT, content_hash="d1", genre="test", year="unknown",
                     title="Distractors", source="unknown"))
    rows.append(dict(doc_id="empty", text="", content_hash="e1", genre="test", year="unknown", title="Empty",
                     source="unknown"))
    return pd.DataFrame(rows)


def paths_under(cfg, root: Path) -> Paths:
    return Paths.from_config(cfg, root=root)


def write_documents(docs: pd.DataFrame, paths: Paths) -> None:
    write_table(docs, TABLES["documents"].path(paths))


def read(name: str, paths: Paths) -> pd.DataFrame:
    return pd.read_parquet(TABLES[name].path(paths))


@pytest.fixture(scope="module")
def seeded(cfg, tmp_path_factory):
    """The stage run twice on the seeds (+ a distractor and an empty document) in a temporary folder."""
    paths = paths_under(cfg, tmp_path_factory.mktemp("mentions"))
    docs = seed_documents()
    write_documents(docs, paths)
    first = run(cfg, paths)
    tables = {name: read(name, paths) for name in ("paragraphs", "sentences", "mentions")}
    second = run(cfg, paths)
    again = {name: read(name, paths) for name in ("paragraphs", "sentences", "mentions")}
    return dict(paths=paths, docs=docs.set_index("doc_id"), first=first, second=second, again=again, **tables)


def test_every_target_mention_is_found_including_u2010(seeded, lexicon):
    mentions = seeded["mentions"]
    target = mentions[mentions["is_target"]]
    for doc_id, doc in seeded["docs"].iterrows():
        expected = [(m.start(), m.end()) for m in INDEPENDENT.finditer(doc["text"])]
        found = sorted(zip(target.loc[target.doc_id == doc_id, "start"], target.loc[target.doc_id == doc_id, "end"]))
        assert found == expected, doc_id
    seed000 = target[target.doc_id == "seed000"]
    assert (seed000["surface"].str.contains("\u2010")).sum() == seeded["docs"].loc["seed000", "text"].count(
        "co\u2010produc") + seeded["docs"].loc["seed000", "text"].count("Co\u2010produc") > 0


def test_distractors_never_match(seeded):
    assert seeded["mentions"].query("doc_id == 'distractors'").empty
    surfaces = seeded["mentions"]["surface"].str.lower()
    assert not surfaces.str.contains("opt|morbid|operat|by-product|co product", regex=True).any()


def test_offsets_slice_back_to_surface_sentence_and_context(seeded, cfg):
    width = cfg.section("mentions", MentionsParams).context_chars
    docs = seeded["docs"]
    for m in seeded["mentions"].itertuples():
        text = docs.loc[m.doc_id, "text"]
        assert text[m.start : m.end] == m.surface
        assert text[m.sent_start : m.sent_start + len(m.sentence)] == m.sentence
        assert m.sent_start <= m.start and m.end <= m.sent_start + len(m.sentence)
        assert m.left == text[max(0, m.start - width) : m.start] and m.right == text[m.end : m.end + width]
        assert m.mention_id == f"{m.doc_id}:{m.start}"
    assert seeded["mentions"]["mention_id"].is_unique


def test_part_of_speech_comes_from_the_parse(seeded):
    m = seeded["mentions"].query("doc_id == 'seed000'")
    assert set(m.loc[m.surface.str.lower() == "co\u2010production", "pos"]) == {"NOUN"}
    verbal = m[m.sentence.str.contains("who have co\u2010produced") & (m.surface == "co\u2010produced")]
    assert len(verbal) >= 1 and set(verbal["pos"]) == {"VERB"}
    assert set(m.loc[m.lemma == "co-produce", "pos"]) >= {"VERB", "ADJ"}  # "a co‐produced activity" is ADJ


def test_related_concepts_are_indexed_but_not_target(seeded, lexicon):
    m = seeded["mentions"]
    assert set(m["concept"]) <= set(lexicon.concepts)
    assert {"co-creation", "involvement"} <= set(m["concept"])
    assert (m["is_target"] == (m["concept"] == lexicon.target)).all()
    meta = m.drop_duplicates("doc_id").set_index("doc_id")
    assert meta.loc["seed004", "genre"] == "protocol_abstract" and meta.loc["seed004", "year"] == "2021"


def test_sentences_and_paragraphs_tile_the_text_without_crossing(seeded):
    paras, sents, docs = seeded["paragraphs"], seeded["sentences"], seeded["docs"]
    for p in paras.itertuples():
        assert docs.loc[p.doc_id, "text"][p.start : p.end] == p.text
        assert "\n\n" not in p.text
    bounds = paras.set_index(["doc_id", "para_id"])
    for s in sents.itertuples():
        assert docs.loc[s.doc_id, "text"][s.start : s.end] == s.text and s.text == s.text.strip()
        para = bounds.loc[(s.doc_id, s.para_id)]
        assert para.start <= s.start and s.end <= para.end
    assert not sents.duplicated(["doc_id", "sent_id"]).any()
    # Every non-space character of each paragraph belongs to exactly one sentence.
    for (doc_id, para_id), group in sents.groupby(["doc_id", "para_id"]):
        para = bounds.loc[(doc_id, para_id)]
        covered = re.sub(r"\s", "", "".join(group.sort_values("start")["text"]))
        assert covered == re.sub(r"\s", "", para.text)
    s000 = sents.query("doc_id == 'seed000'")["text"].tolist()
    assert s000[:3] == ["Abstract", "Introduction", s000[2]] and s000[2].startswith("Co\u2010production between")
    assert seeded["paragraphs"].query("doc_id == 'empty'").empty


def test_second_run_parses_nothing_and_writes_the_same_tables(seeded):
    assert seeded["first"]["parses"] == {"parsed": 6, "from_cache": 0}  # the empty document needs no parse
    assert seeded["second"]["parses"] == {"parsed": 0, "from_cache": 6}
    for name in ("paragraphs", "sentences", "mentions"):
        pd.testing.assert_frame_equal(seeded[name], seeded["again"][name])


def test_metrics(seeded, lexicon):
    metrics = json.loads(seeded["paths"].metric("mentions").read_text())
    m = seeded["mentions"]
    assert metrics["documents"] == 7
    assert metrics["paragraphs"] == len(seeded["paragraphs"]) and metrics["sentences"] == len(seeded["sentences"])
    assert metrics["mentions_by_concept"] == {c: int((m.concept == c).sum()) for c in lexicon.concepts}
    per_genre = m[m.is_target].groupby("genre").size().to_dict()
    assert metrics["target_mentions_per_genre"] == per_genre and sum(per_genre.values()) > 50


def test_changed_document_is_reparsed_alone(cfg, tmp_path):
    paths = paths_under(cfg, tmp_path)
    docs = seed_documents().head(3)
    write_documents(docs, paths)
    assert run(cfg, paths)["parses"]["parsed"] == 3
    docs.loc[1, "text"] = docs.loc[1, "text"] + "\n\nA new co-production paragraph."
    docs.loc[1, "content_hash"] = "changed"
    write_documents(docs, paths)
    assert run(cfg, paths)["parses"] == {"parsed": 1, "from_cache": 2}
    m = read("mentions", paths)
    assert "A new co-production paragraph." in set(m["sentence"])


@pytest.mark.parametrize(
    "frame,error,problem",
    [
        (pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), TableError,
         "lacks column(s) content_hash, genre, year, title"),
        (pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"], "content_hash": ["1", "2"], "genre": "g",
                       "year": "y", "title": "t"}), DocumentsError, "row 2 repeats doc_id 'a'"),
        (pd.DataFrame({"doc_id": ["a"], "text": [None], "content_hash": ["1"], "genre": "g", "year": "y",
                       "title": "t"}), DocumentsError, "row 1 (doc_id 'a') has no text"),
    ],
)
def test_bad_documents_table_is_a_clear_error(cfg, tmp_path, frame, error, problem):
    paths = paths_under(cfg, tmp_path)
    write_documents(frame, paths)
    with pytest.raises(error, match=re.escape(problem)) as err:
        run(cfg, paths)
    assert str(TABLES["documents"].path(paths)) in str(err.value)


def test_missing_documents_table_says_what_to_run(cfg, tmp_path):
    with pytest.raises(FileNotFoundError, match="dvc repro"):
        run(cfg, paths_under(cfg, tmp_path))


def test_form_split_by_a_paragraph_break_is_reported_not_indexed(cfg, tmp_path, caplog):
    paths = paths_under(cfg, tmp_path)
    text = "Ask a peer\n\nsupport worker. Peer support workers co-produce care."
    write_documents(pd.DataFrame([dict(doc_id="x", text=text, content_hash="x1", genre="g", year="2020",
                                       title="t")]), paths)
    run(cfg, paths)
    m = read("mentions", paths)
    assert m["surface"].tolist() == ["Peer support workers", "co-produce"]
    assert "crosses a paragraph break" in caplog.text
