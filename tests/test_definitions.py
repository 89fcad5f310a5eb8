"""Definitions: every pattern and every hard negative on passages written here, seed 002, generic mode, families,
the stage, `colens define` and the `definition` field of `colens classify` — with the real models."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from pipelines.config import Config
from pipelines.definitions.families import assign_families, build_families
from pipelines.definitions.patterns import find_candidates, trim_definiens
from pipelines.paths import ROOT, Paths

SEED_002 = ROOT / "corpora" / "seeds" / "002_1217939ae50a12d0.txt"


@pytest.fixture(scope="session")
def def_env(tmp_path_factory):
    """A params file whose outputs live in a temporary folder, with the definition model trained there."""
    from pipelines.definitions.train import train

    root = tmp_path_factory.mktemp("definitions")
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    raw["paths"] = {k: str(root / k) for k in ("data", "models", "metrics", "reports", "cache")}
    raw["corpus"]["path"] = str(ROOT / "corpora" / "seeds")
    raw["definitions"]["annotations"] = str(ROOT / raw["definitions"]["annotations"])
    params = root / "params.yaml"
    params.write_text(yaml.safe_dump(raw), encoding="utf-8")
    cfg = Config.load(params)
    paths = Paths.from_config(cfg)
    metrics = train(cfg, paths)
    return {"cfg": cfg, "paths": paths, "params": params, "metrics": metrics}


def detect(texts, nlp, env, term=None):
    from pipelines.definitions.detector import detect_definitions

    return detect_definitions(texts, nlp, term, cfg=env["cfg"])


# --- fast unit tests: patterns and spans -------------------------------------------------------------------

def _cands(text, term):
    i = text.index(term)
    return find_candidates(text, 0, len(text), i, i + len(term))


def test_trim_definiens_closes_quote_and_moves_citation_to_attribution():
    text = "X is a ‘way of working together’ and more."
    start = text.index("way")
    s, e, _ = trim_definiens(text, 0, start, len(text))
    assert text[s:e] == "way of working together"
    text = "X is a shared way of working (Needham & Carr, 2009)."
    s, e, cited = trim_definiens(text, 0, text.index("a shared"), len(text))
    assert text[s:e] == "a shared way of working" and cited == "Needham & Carr, 2009"


def test_patterns_report_cue_and_attribution():
    c = _cands("Needham and Carr define co-production as the joint delivery of services.", "co-production")
    assert [(x.pattern, x.cue, x.attribution) for x in c] == [("attributed_define", "define", "Needham and Carr")]
    c = _cands("According to Boyle and Harris, co-production means an equal relationship.", "co-production")
    assert c[0].pattern == "means" and c[0].attribution == "Boyle and Harris"


# --- the detector on real text (spaCy + trained model) -------------------------------------------------------

POSITIVES = [
    ("Co-production is a way of working where people who use services and staff share decisions as equals.",
     "co-production", "a way of working where people who use services and staff share decisions as equals"),
    ("In our county, co-production means carers and professionals planning support together from the outset.",
     "co-production", "carers and professionals planning support together from the outset"),
    ("Coproduction refers to citizens contributing their time and knowledge to the services they use.",
     "coproduction", "citizens contributing their time and knowledge to the services they use"),
    ("Co-production is defined as a partnership in which service users and clinicians share responsibility.",
     "co-production", "a partnership in which service users and clinicians share responsibility"),
    ("The word co-production describes an arrangement where tenants and housing officers run services jointly.",
     "co-production", "an arrangement where tenants and housing officers run services jointly"),
    ("Co-production can be understood as a partnership between residents and the council in running local "
     "services.", "co-production", "a partnership between residents and the council in running local services"),
    ("Co-production should be understood as a partnership between residents and the council in running local "
     "services, with power shared between them.", "co-production",
     "a partnership between residents and the council in running local services, with power shared between them"),
    ("By co-production we mean an equal relationship between young people and the staff who support them.",
     "co-production", "an equal relationship between young people and the staff who support them"),
    ("We define co-production as the joint planning of care by patients, families and ward staff.",
     "co-production", "the joint planning of care by patients, families and ward staff"),
    ("Co-production, the joint delivery of services by users and professionals, has spread across the county.",
     "co-production", "the joint delivery of services by users and professionals"),
    ("The programme rests on co-production (users and professionals working as equals) in every team.",
     "co-production", "users and professionals working as equals"),
    ("Needham and Carr define co-production as a relocation of power towards the people who use services.",
     "co-production", "a relocation of power towards the people who use services"),
    ("According to Boyle and Harris, co-production means delivering services in an equal and reciprocal relationship.",
     "co-production", "delivering services in an equal and reciprocal relationship"),
    ("Co-production: a way of working in which everybody involved shares power on an equal basis.",
     "co-production", "a way of working in which everybody involved shares power on an equal basis"),
    ("Co-production – an equal partnership between the people who use services and the people who run them.",
     "co-production", "an equal partnership between the people who use services and the people who run them"),
    ("What is co-production? It is a way of working in which patients and staff design the service together.",
     "co-production", "a way of working in which patients and staff design the service together"),
    # coordinated terms share the definiens
    ("Co-production and co-design refer to carers and ward staff deciding together how the unit is run.",
     "co-production", "carers and ward staff deciding together how the unit is run"),
    # contrastive definitions: each clause gives the aim that sets its term apart
    ("Whereas co-design is concerned with planning a new service, co-production aims to share the everyday running "
     "of it with the people who use it.", "co-production", "share the everyday running of it with the people who use it"),
    ("While co-production is aimed at improving the care one family receives, co-governance seeks to change how "
     "the whole hospital sets its priorities.", "co-production", "improving the care one family receives"),
    # relative clause that defines the term
    ("Co-production, which the health board describes as sharing power with patients at every stage, has shaped "
     "the new maternity pathway.", "co-production", "sharing power with patients at every stage"),
    # adjectival form with the noun it modifies
    ("Coproduced research is research in which patients and scientists share decisions from the first question "
     "to the last report.", "coproduced research",
     "research in which patients and scientists share decisions from the first question to the last report"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,term,definiens", POSITIVES)
def test_every_pattern_is_found_with_term_and_definiens(text, term, definiens, nlp, def_env):
    (res,) = detect([text], nlp, def_env)
    assert res is not None and res.is_definition, res
    assert res.term == term and res.is_target_term
    assert res.definiens == definiens
    assert text[res.definiens_start : res.definiens_end] == definiens
    assert res.evidence["pattern"] == res.pattern.removeprefix("window_") and 0 <= res.score <= 1


@pytest.mark.slow
def test_attribution_is_recorded_in_the_evidence(nlp, def_env):
    a, b = detect(["Needham and Carr define co-production as the joint delivery of services by users and staff.",
                   "According to Boyle and Harris, co-production means an equal and reciprocal relationship "
                   "between professionals and the people who use services."], nlp, def_env)
    assert a.evidence["attribution"] == "Needham and Carr" and a.evidence["cue_lemma"] == "define"
    assert b.evidence["attribution"] == "Boyle and Harris" and b.evidence["cue_lemma"] == "mean"


HARD_NEGATIVES = [
    "What co-production is remains unclear.",
    "The panel could not agree on how good co-production is.",
    "The board asked if co-production is a social movement.",
    "Co-production is essential.",
    "Co-production is the right approach.",
    "Co-production is increasingly popular.",
    "Recovery is defined as a personal journey in co-produced services.",
    "Is co-production a way of sharing power between users and staff?",
    "What does co-production mean for a ward manager?",
    "Co-production is not a way of cutting costs.",
    "The experience of co-production meant a new view of the clinician's role.",
    "While co-production is popular with councillors, the budget for it was cut again this year.",
    "While co-production aims to share power, most decisions in the pilot were still taken by managers.",
    "Co-production, which the mayor describes as a flagship policy, has yet to reach the housing department.",
    "Co-production is no longer considered an optional extra by the regulator.",
    "Expected results are that co-production is often described as a burden by frontline nurses.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_are_not_definitions_of_the_target(text, nlp, def_env):
    (res,) = detect([text], nlp, def_env)
    assert res is None or not res.is_definition, res


@pytest.mark.parametrize("text,term,other", [
    ("Co-production and co-creation are used to describe citizens and staff working on a service together.",
     "Co-production", "co-creation"),
    ("The concepts of co-production and co-design are used to describe ways of sharing power.", "co-production",
     "co-design"),
])
def test_coordinated_terms_are_read_past_the_second_term(text, term, other):
    (c,) = [x for x in _cands(text, term) if x.pattern == "used_to"]
    assert c.facts["coordinated"] == other and c.cue == "describe"
    assert c.definiens(text) == text[text.index("describe ") + 9 :].rstrip(".")


@pytest.mark.parametrize("text,term,paired,definiens", [
    ("While co-production is aimed at single services, co-creation seeks to change systems.", "co-production", True,
     "single services"),
    ("While co-production is aimed at single services, co-creation seeks to change systems.", "co-creation", True,
     "change systems"),
    ("While co-production aims to share power, budgets were cut.", "co-production", False, "share power"),
])
def test_contrastive_pattern_pairs_the_aims(text, term, paired, definiens):
    (c,) = [x for x in _cands(text, term) if x.pattern == "contrastive"]
    assert c.facts["contrast_paired"] is paired and c.definiens(text) == definiens


@pytest.mark.parametrize("raw,name", [("Peer Trainers", "Peer Trainers"), ("Role negotiation", "role negotiation"),
                                      ("Role negotiation between Practitioner and Peer Trainers",
                                       "Role negotiation between Practitioner and Peer Trainers"),
                                      ("the term NHS", "NHS"), ("Tokenism", "tokenism")])
def test_term_name_keeps_the_casing_of_names(raw, name):
    from pipelines.definitions.generic import term_name

    assert term_name(raw) == name


@pytest.mark.slow
@pytest.mark.parametrize("text,term", [
    ("Supervision between Senior Nurses and Peer Mentors is a process in which each learns from the other's "
     "experience of the ward.", "supervision"),
    ("Mediation between tenants and landlords is a process in which a neutral person helps both sides agree.",
     "mediation"),
])
def test_generic_term_is_the_subject_not_a_noun_in_its_modifier(text, term, nlp, def_env):
    (res,) = detect([text], nlp, def_env, term="ANY")
    assert res.is_definition and res.term == term


@pytest.mark.slow
def test_coordinated_terms_are_named_in_the_evidence(nlp, def_env):
    (res,) = detect(["Co-production and co-design refer to carers and ward staff deciding together how the unit is "
                     "run."], nlp, def_env)
    assert res.is_definition and res.evidence["terms"] == ["Co-production", "co-design"]


@pytest.mark.slow
def test_seed_002_definiens_is_extracted_exactly(nlp, def_env):
    text = SEED_002.read_text(encoding="utf-8")
    para = next(p for p in text.split("\n") if "simple definition" in p)
    (res,) = detect([para], nlp, def_env)
    assert res.is_definition and res.is_target_term
    assert res.definiens == "people who use services collaborate in the production of services"
    assert res.pattern == "definition_noun"


@pytest.mark.slow
@pytest.mark.parametrize("text,term", [
    ("Tokenism refers to inviting a single service user to a meeting so that a box can be ticked.", "tokenism"),
    ("Peer support: help offered by people who have been through similar experiences of distress.", "peer support"),
    pytest.param("Recovery is defined as a personal journey in co-produced services.", "recovery",
                 marks=pytest.mark.xfail(reason="known miss in generic mode: a short definiens ending in a "
                                                "locative phrase scores 0.40 < 0.5")),
    ("By lived experience we mean knowledge gained from first-hand contact with mental health services.",
     "lived experience"),
])
def test_generic_mode_names_the_defined_term(text, term, nlp, def_env):
    (res,) = detect([text], nlp, def_env, term="ANY")
    assert res.is_definition and res.term == term and not res.is_target_term


# --- families --------------------------------------------------------------------------------------------------

def test_families_from_one_two_and_many():
    assert assign_families([], np.zeros((0, 4)), seed=1).tolist() == []
    assert assign_families(["a"], np.ones((1, 4)), seed=1).tolist() == [0]
    same = np.array([[1.0, 0.1, 0, 0], [1.0, 0.0, 0.1, 0]])
    far = np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0]])
    assert assign_families(["a", "b"], same, seed=1).tolist() == [0, 0]
    assert assign_families(["a", "b"], far, seed=1).tolist() == [0, 1]
    rng = np.random.default_rng(0)
    centres = np.eye(8)[:3] * 5
    X = np.vstack([c + rng.normal(0, 0.3, (n, 8)) for c, n in zip(centres, (6, 4, 3))])
    labels = assign_families([str(i) for i in range(13)], X, seed=1)
    assert len(set(labels)) == 3 and labels[:6].tolist() == [0] * 6  # largest family first
    assert (assign_families([str(i) for i in range(13)], X, seed=1) == labels).all()  # seeded


@pytest.mark.slow
def test_families_of_real_definitions_have_labels_and_representatives(encoder):
    texts = ["a partnership of equals between people who use services and professionals",
             "an equal partnership between service users and staff in designing services",
             "people who use services and professionals sharing power as equal partners",
             "the contribution of citizens' time and resources to producing public goods",
             "citizens contributing their own resources to the production of public services",
             "the inputs of individuals outside an organisation to the goods and services it produces"]
    emb = encoder.encode(texts, normalize_embeddings=True)
    defs = pd.DataFrame({"definiens": texts, "genre": ["blog"] * 3 + ["book_chapter"] * 3, "year": ["2020"] * 6})
    table = build_families(defs, emb, seed=13, max_k=4)
    assert len(table.families) >= 2 and table.families["n_definitions"].sum() == 6
    assert set(table.labels[:3]).isdisjoint(table.labels[3:])
    for row in table.families.itertuples():
        assert row.representative in texts and row.top_terms and "the" not in row.top_terms.split(", ")
        assert sum(json.loads(row.genres).values()) == row.n_definitions


# --- stage, `colens define`, `colens classify` -----------------------------------------------------------------

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


def _write_inputs(nlp, paths):
    docs, sents = [], []
    for doc_id, (genre, year, text) in PASSAGES.items():
        docs.append({"doc_id": doc_id, "title": f"Title {doc_id}", "genre": genre, "year": year, "text": text})
        for k, s in enumerate(nlp(text).sents):
            sents.append({"doc_id": doc_id, "sent_id": k, "para_id": 0, "start": s.start_char, "end": s.end_char,
                          "text": s.text})
    from pipelines.io import write_table

    write_table(pd.DataFrame(docs), paths.documents)
    write_table(pd.DataFrame(sents), paths.sentences)
    from pipelines.senses.select import senses_path
    from pipelines.text.lexicon import lexicon_for

    lexicon = lexicon_for(Config.load().lexicon)
    mentions = [{"mention_id": f"{d}:{m.start}", "doc_id": d, "is_target": True, "start": m.start, "end": m.end}
                for d, (_, _, text) in PASSAGES.items() for m in lexicon.find_target(text)]
    write_table(pd.DataFrame(mentions), paths.mentions)
    write_table(pd.DataFrame([{"mention_id": m["mention_id"], "sense": SENSES[m["doc_id"]],
                               "in_sense": SENSES[m["doc_id"]] == "participatory"} for m in mentions]),
                senses_path(paths))


@pytest.mark.slow
def test_stage_and_define_command(nlp, def_env):
    from pipelines.cli import app
    from pipelines.definitions.stage import run

    runner = CliRunner()
    params = str(def_env["params"])
    missing = runner.invoke(app, ["define", "--params", params])
    assert missing.exit_code == 2 and "not found" in missing.output

    _write_inputs(nlp, def_env["paths"])
    metrics = run(def_env["cfg"], def_env["paths"])
    defs = pd.read_parquet(def_env["paths"].data / "definitions" / "definitions.parquet")
    fams = pd.read_parquet(def_env["paths"].data / "definitions" / "definition_families.parquet")
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


@pytest.mark.slow
def test_classify_definition_field(nlp, def_env, tmp_path, monkeypatch):
    from pipelines.classify import annotators, runner
    from pipelines.classify.passage import Context
    from pipelines.definitions.annotator import DefinitionAnnotator

    assert "pipelines.definitions.annotator:DefinitionAnnotator" in annotators.ANNOTATORS
    monkeypatch.setattr(runner, "load_annotators", lambda: annotators.load_annotators(
        ["pipelines.classify.mention_field:MentionAnnotator", "pipelines.definitions.annotator:DefinitionAnnotator"]))
    lines = [{"id": 1, "text": "Co-production refers to patients and staff designing services together as equals."},
             {"id": 2, "text": "Co-production is essential. Everyone says so."},
             {"id": 3, "text": "Peer support: help from people who have been through something similar."},
             "not json"]
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = runner.classify_file(inp, out, Context(def_env["cfg"], None, def_env["paths"]))
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert summary.n_ok == 3 and "in.jsonl:4" in summary.errors[0]
    d = rows[0]["definition"]
    assert d["is_definition"] and d["term"] == "co-production" and d["evidence"]["pattern"] == "refers_to"
    assert d["definiens"] == "patients and staff designing services together as equals"
    assert not rows[1]["definition"]["is_definition"]
    assert not rows[2]["definition"]["is_definition"]  # not the target term

    anyc = Context(def_env["cfg"], "ANY", def_env["paths"])
    summary = runner.classify_file(inp, out, anyc)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rows[2]["definition"]["is_definition"] and rows[2]["definition"]["term"] == "peer support"
    assert DefinitionAnnotator.name == "definition"


def test_sense_filter_keeps_in_sense_target_definitions_only():
    from pipelines.definitions.stage import apply_sense_filter

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
@pytest.mark.parametrize("sense,exclude,expected", [("film_media", True, False), ("film_media", False, True),
                                                    ("participatory", True, True), (None, True, True)])
def test_classify_flags_off_sense_target_definitions(sense, exclude, expected, def_env, tmp_path):
    from pipelines.classify.passage import Context, Passage
    from pipelines.definitions.annotator import DefinitionAnnotator

    raw = yaml.safe_load(def_env["params"].read_text(encoding="utf-8"))
    raw["senses"]["exclude_off_sense"] = exclude
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump(raw), encoding="utf-8")
    cfg = Config.load(params)
    text = "Co-production is a partnership in which two studios share the costs and rights of a feature film."
    p = Passage(1, text, {})
    if sense is not None:
        p.result["sense"] = {"label": sense, "scores": {}, "per_mention": [{"start": 0, "end": 13, "label": sense,
                                                                            "score": 0.9}]}
    DefinitionAnnotator().annotate([p], Context(cfg, None, def_env["paths"]))
    d = p.result["definition"]
    assert d["evidence"]["sense"] == sense and d["evidence"]["off_sense"] is (sense == "film_media")
    assert d["is_definition"] is expected


@pytest.mark.slow
def test_heldout_metrics_are_reported(def_env):
    m = def_env["metrics"]
    assert m["n_heldout"] > 80 and m["n_annotations"] >= 360
    for mode in ("target", "generic"):
        assert {"precision", "recall", "f1"} <= set(m["heldout"][mode]) and m["heldout"][mode]["f1"] > 0.75
    assert (def_env["paths"].models / "definitions" / "MODEL_CARD.md").exists()
