"""The `definitions` stage and `colens define`: sentences from the mentions stage's parses, the sense filter,
families, and the command's views of the tables."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.config import Config
from pipelines.definitions.detector import Definition
from pipelines.definitions.settings import DefinitionsParams
from pipelines.definitions.stage import apply_sense_filter, glossary_entries, glossary_threshold, run
from pipelines.io import write_table
from pipelines.tables import TABLES
from pipelines.text.lexicon import lexicon_for
from tests.engine.helpers import logged_run, without_reuse

PASSAGES = {
    "d1": ("blog", "2020", "Co-production is a way of working where people who use services and staff share power "
           "as equals. Co-production is essential. Tokenism refers to inviting one service user to a meeting so "
           "that a box can be ticked."),
    "d2": ("policy_guidance", "2018", "Our strategy rests on co-production. By co-production we mean an equal "
           "relationship between the people who use services and the people who run them. What co-production is "
           "remains unclear to some staff."),
    "d3": ("news", "2021", "Co-production is a joint venture between two film studios that share the costs and the "
           "rights of a feature film."),
}
SENSES = {"d1": "participatory", "d2": "participatory", "d3": "film_media"}


def _write_inputs(nlp, paths, passages=PASSAGES):
    """The tables the stage reads, as the ingest, mentions and senses stages write them (one paragraph each)."""
    docs, paras, sents = [], [], []
    for doc_id, (genre, year, text) in passages.items():
        docs.append({"doc_id": doc_id, "title": f"Title {doc_id}", "genre": genre, "year": year, "text": text,
                     "content_hash": hashlib.sha1(text.encode()).hexdigest()})
        paras.append({"doc_id": doc_id, "para_id": 0, "start": 0, "end": len(text), "text": text})
        for k, s in enumerate(nlp(text).sents):
            sents.append({"doc_id": doc_id, "sent_id": k, "para_id": 0, "start": s.start_char, "end": s.end_char,
                          "text": s.text})
    lexicon = lexicon_for(Config.load().lexicon)
    mentions = [{"mention_id": f"{d}:{m.start}", "doc_id": d, "concept": m.concept, "is_target": True,
                 "start": m.start, "end": m.end, "surface": m.surface, "lemma": m.lemma, "pos": "NOUN", "sent_id": 0,
                 "para_id": 0, "sentence": text, "sent_start": 0, "left": "", "right": "", "genre": genre,
                 "year": year, "title": f"Title {d}"}
                for d, (genre, year, text) in passages.items() for m in lexicon.find_target(text)]
    senses = [{"mention_id": m["mention_id"], "doc_id": m["doc_id"], "sense": SENSES[m["doc_id"]], "sense_score": 0.9,
               "in_sense": SENSES[m["doc_id"]] == "participatory", "sense_sentence": m["sentence"]} for m in mentions]
    for name, rows in (("documents", docs), ("paragraphs", paras), ("sentences", sents), ("mentions", mentions),
                       ("senses", senses)):
        write_table(pd.DataFrame(rows), TABLES[name].path(paths))  # documents: only the columns read here


@pytest.mark.slow
def test_stage_and_define_command(nlp, def_env):
    runner = CliRunner()
    params = str(def_env["params"])
    missing = runner.invoke(app, ["define", "--params", params])
    assert missing.exit_code == 2 and "not found" in missing.output

    _write_inputs(nlp, def_env["paths"])
    metrics = run(def_env["cfg"], def_env["paths"])
    defs = TABLES["definitions"].read(def_env["paths"])
    fams = TABLES["definition_families"].read(def_env["paths"])
    target = defs[defs["is_target_term"]]
    assert sorted(target["doc_id"]) == ["d1", "d2"] and metrics["n_target_definitions"] == 2
    assert metrics["n_target_definitions_off_sense_dropped"] == 1  # the film studios' joint venture
    assert {json.loads(e)["sense"] for e in target["evidence"]} == {"participatory"}
    assert (target["family_id"] >= 0).all() and fams["n_definitions"].sum() == 2
    assert "tokenism" in set(defs.loc[~defs["is_target_term"], "term"])
    assert (defs.loc[~defs["is_target_term"], "family_id"] == -1).all()
    for row in defs.itertuples():  # offsets point into the document text
        ev = json.loads(row.evidence)
        text = PASSAGES[row.doc_id][2]
        assert text[ev["definiens_start"] : ev["definiens_end"]] == row.definiens and row.text == text[row.start : row.end]

    out = runner.invoke(app, ["define", "--params", params])
    assert out.exit_code == 0 and "2 definition(s) of co-production" in out.output
    assert "an equal relationship between the people who use services" in out.output and "Title d2" in out.output
    out = runner.invoke(app, ["define", "--term", "ANY", "--params", params])
    assert "[tokenism]" in out.output
    out = runner.invoke(app, ["define", "--genre", "blog", "--params", params])
    assert "1 definition(s)" in out.output and "d2" not in out.output
    out = runner.invoke(app, ["define", "--families", "--params", params])
    assert out.exit_code == 0 and re.search(r"F0: .*\(\d definition", out.output) and "typical" in out.output
    bad = runner.invoke(app, ["define", "--genre", "poetry", "--params", params])
    assert bad.exit_code == 2 and "genres are" in bad.output
    table = Path(params).parent / "defs.csv"
    out = runner.invoke(app, ["define", "--term", "ANY", "--csv", str(table), "--params", params])
    assert out.exit_code == 0, out.output
    written = pd.read_csv(table)
    assert list(written.columns)[:3] == ["term", "definiens", "text"] and "tokenism" in set(written["term"])
    assert "co-production" in set(written["term"].str.lower())


def test_sense_filter_keeps_in_sense_target_definitions_only():
    ev = lambda ts: json.dumps({"term_start": ts, "term_end": ts + 13})  # noqa: E731
    defs = pd.DataFrame({"doc_id": ["a", "b", "c", "a"], "is_target_term": [True, True, True, False],
                         "evidence": [ev(0), ev(5), ev(9), ev(40)]})
    senses = {("a", 0): "participatory", ("b", 5): "film_media"}
    kept, dropped = apply_sense_filter(defs, senses, "participatory")
    assert kept["doc_id"].tolist() == ["a", "a"] and dropped == {"off_sense": 1, "no_sense": 1}
    assert json.loads(kept["evidence"][0])["sense"] == "participatory" and "sense" not in json.loads(kept["evidence"][1])
    kept, dropped = apply_sense_filter(defs, senses, "all")
    assert len(kept) == 4 and json.loads(kept["evidence"][1])["sense"] == "film_media"


@pytest.mark.slow
def test_unchanged_documents_are_reused_and_the_tables_stay_the_same(nlp, def_env, caplog):
    cfg, paths = def_env["cfg"], def_env["paths"]
    _write_inputs(nlp, paths)
    tables = ("definitions", "definition_families")
    run(cfg, paths)
    first = [TABLES[t].read(paths) for t in tables]
    assert "0 of 3 documents read" in logged_run(caplog, run, cfg, paths)
    for name, table in zip(tables, first):
        pd.testing.assert_frame_equal(TABLES[name].read(paths), table)

    edited = {**PASSAGES, "d1": ("blog", "2020", "Co-production means that people who use services and staff "
                                 "share power as equals. It is essential.")}
    _write_inputs(nlp, paths, edited)
    assert "1 of 3 documents read" in logged_run(caplog, run, cfg, paths)
    reused = [TABLES[t].read(paths) for t in tables]
    fresh_cfg = without_reuse(cfg)
    run(fresh_cfg, paths)
    for name, table in zip(tables, reused):
        pd.testing.assert_frame_equal(TABLES[name].read(paths), table)
    defs = reused[0]
    assert "people who use services and staff share power as equals" in " ".join(defs.loc[defs["doc_id"] == "d1",
                                                                                          "definiens"])


def _reading(score: float, term: str = "respite care", target: bool = False, sent: int = 0) -> Definition:
    return Definition(is_definition=score >= 0.72, score=score, term=term, definiens="short-term care", pattern="copula",
                      start=0, end=10, sent_index=sent, term_start=0, term_end=4, definiens_start=5,
                      definiens_end=10, is_target_term=target, evidence={"window": False})


def test_the_glossary_bar_is_higher_on_co_production_pages_than_in_textbook_genres():
    params = DefinitionsParams(generic_threshold=0.72, glossary_threshold=0.85,
                               glossary_textbook_genres=["textbook", "glossary"])
    assert glossary_threshold(params, "textbook") == 0.72 and glossary_threshold(params, "glossary") == 0.72
    assert glossary_threshold(params, "policy") == 0.85 and glossary_threshold(params, "unknown") == 0.85
    # never below the generic threshold, whatever the glossary setting says
    low = DefinitionsParams(generic_threshold=0.72, glossary_threshold=0.5)
    assert glossary_threshold(low, "policy") == 0.72


def test_glossary_entries_keep_named_other_terms_over_the_bar_and_outside_target_definitions():
    found = [_reading(0.9), _reading(0.8, sent=1), _reading(0.95, term="", sent=2),
             _reading(0.97, term="co-production", target=True, sent=3), _reading(0.99, sent=4)]
    kept = glossary_entries(found, covered={(4, False)}, threshold=0.85)
    assert [d.sent_index for d in kept] == [0]
    assert [d.sent_index for d in glossary_entries(found, covered=set(), threshold=0.72)] == [0, 1, 4]
