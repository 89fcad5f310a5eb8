"""Agency: agent / partner extraction from real parses (the shared pipeline), actor categories, the stage and the
classify field."""

import pandas as pd
import pytest

from pipelines.agency.annotator import AgencyAnnotator
from pipelines.agency.extract import AgencyExtractor
from pipelines.agency.settings import AgencyParams
from pipelines.agency.stage import run as run_agency
from pipelines.classify.mention_field import MentionAnnotator
from pipelines.classify.passage import Context, Passage
from pipelines.io import write_table
from pipelines.tables import TABLES
from pipelines.text.normalize import normalize_for_matching
from tests.conftest import SEEDS
from tests.engine.helpers import logged_run, without_reuse

U, P, O, C, X = "people_who_use_services", "professionals", "organisations", "communities", "unspecified"


@pytest.fixture(scope="module")
def extract(cfg, nlp):
    """Relations in the shared pipeline's parse of the text after length-preserving normalisation, so that
    Unicode hyphens ("co\u2010delivered") do not change the tagging."""
    ex = AgencyExtractor(cfg.section("agency", AgencyParams))
    return lambda text: [(r.verb, r.agent_category, r.partner_category, r.voice, r.users_role)
                         for r in ex.extract(nlp(normalize_for_matching(text)))]


@pytest.mark.parametrize("text, expected", [
    ("Service users led the review.", ("lead", U, "none", "active", "agent")),
    ("We involved service users in the design of the new ward.", ("involve", X, U, "active", "object")),
    ("Service users were consulted by the trust on the draft strategy.", ("consult", O, U, "passive", "object")),
    ("The strategy was co-produced with people with lived experience.", ("co-produce", "none", U, "passive", "partner")),
    ("Carers and clinicians co-produced the new discharge plan.", ("co-produce", U, P, "active", "agent")),
    ("Co\u2010production between service users and clinicians is desirable.", ("co-production", U, P, "nominal", "partner")),
    ("Peer trainers co-design courses alongside occupational therapists.", ("co-design", U, P, "active", "agent")),
    ("The council will empower local communities.", ("empower", O, C, "active", "absent")),
    ("Nurses coproduced care plans with patients.", ("co-produce", P, U, "active", "partner")),
    ("The survivor-led group holds the budget and was consulted by the council.",
     ("consult", O, U, "passive", "object")),  # passive conjunct; subject inherited; a group its modifier names
])
def test_relations(extract, text, expected):
    assert expected in extract(text)


def test_agent_and_partner_phrases(cfg, nlp):
    ex = AgencyExtractor(cfg.section("agency", AgencyParams))
    doc = nlp("Service users were consulted by the trust on the draft.")  # ASCII already: no normalisation
    (r,) = ex.extract(doc)
    assert (r.agent, r.partner) == ("the trust", "Service users")


def test_no_actor_bare_relation(cfg, nlp):
    """A trigger that names no party gives one bare relation (agent and partner none, for its voice); the table
    and the classify field leave bare relations out unless `agency.bare_triggers`."""
    ex = AgencyExtractor(cfg.section("agency", AgencyParams))
    (r,) = ex.extract(nlp("The literature on co-production is growing."))
    assert r.bare and (r.verb, r.voice) == ("co-production", "nominal")


def test_params_section_matches_the_defaults(cfg):
    """params.yaml spells out the agency defaults (lexicon and triggers), so that a reader sees them; the two agree."""
    assert cfg.section("agency", AgencyParams) == AgencyParams()


def test_seed_000_clinicians_and_peer_trainers(extract):
    text = (SEEDS / "000_b2c23d1a37783c66.txt").read_text(encoding="utf-8")
    sentence = next(line for line in text.splitlines() if line.startswith("Method:"))
    rel = extract(sentence)
    assert ("co-produce", P, U, "active", "partner") in rel
    assert ("co-deliver", P, U, "active", "partner") in rel


def _seed_tables(paths):
    """Documents, paragraphs, sentences, mentions and senses for seed 000 (one paragraph and one sentence per line;
    all in-sense)."""
    from pipelines.text.lexicon import lexicon_for
    from pipelines.config import Config

    text = (SEEDS / "000_b2c23d1a37783c66.txt").read_text(encoding="utf-8")
    lex = lexicon_for(Config.load().lexicon)
    sents, mentions, pos = [], [], 0
    for i, line in enumerate(text.splitlines(keepends=True)):
        body = line.rstrip("\n")
        sents.append({"doc_id": "seed000", "sent_id": i, "para_id": i, "start": pos, "end": pos + len(body),
                      "text": body})
        for m in lex.find_target(body):
            mentions.append({"mention_id": f"seed000:{pos + m.start}", "doc_id": "seed000", "concept": m.concept,
                             "is_target": True, "start": pos + m.start, "end": pos + m.end, "sent_id": i,
                             "para_id": i, "sentence": body, "sent_start": pos, "genre": "journal_abstract",
                             "surface": m.surface, "lemma": m.lemma, "pos": m.pos, "left": body[:m.start],
                             "right": body[m.end:], "year": "unknown", "title": "seed000"})
        pos += len(line)
    write_table(pd.DataFrame([{"doc_id": "seed000", "genre": "journal_abstract", "text": text,
                               "content_hash": "seed000"}]), TABLES["documents"].path(paths))
    paras = pd.DataFrame(sents)[["doc_id", "para_id", "start", "end", "text"]]
    write_table(paras, TABLES["paragraphs"].path(paths))
    write_table(pd.DataFrame(sents), TABLES["sentences"].path(paths))
    m = pd.DataFrame(mentions)
    write_table(m, TABLES["mentions"].path(paths))
    write_table(pd.DataFrame({"mention_id": m["mention_id"], "doc_id": m["doc_id"], "sense": "participatory",
                              "sense_score": 0.9, "in_sense": True, "sense_sentence": "participatory"}),
                TABLES["senses"].path(paths))


def test_agency_stage_on_seed_000(cfg, tmp_paths):
    _seed_tables(tmp_paths)
    summary = run_agency(cfg, tmp_paths)
    table = TABLES["agency"].read(tmp_paths)
    assert summary["n_relations"] == len(table) > 0
    hit = table[(table["agent"] == "clinicians") & (table["partner"] == "a Recovery College Peer Trainer")]
    assert set(hit["verb"]) == {"co-produce", "co-deliver"} and hit["mention_id"].notna().any()
    pair = table[(table["verb"] == "co-production") & (table["partner_category"] == P)]
    assert (pair["agent_category"] == U).any() and (pair["users_role"] == "partner").all()
    profile = TABLES["agency_profile"].read(tmp_paths)
    assert list(profile["genre"]) == ["journal_abstract"] and profile["share_users_partner"].iat[0] > 0
    assert "professionals->people_who_use_services" in profile["top_pairs"].iat[0]


def test_agency_rows_are_reused_until_the_text_or_a_mention_sense_changes(cfg, tmp_paths, caplog):
    """Per-document results: a re-run reads no document; a genre change alone is applied to the stored rows; a
    mention turned off-sense makes the document be read again, and every table equals a run without the store."""
    _seed_tables(tmp_paths)
    run_agency(cfg, tmp_paths)
    first = TABLES["agency"].read(tmp_paths)
    assert "0 of 1 documents read" in logged_run(caplog, run_agency, cfg, tmp_paths)
    pd.testing.assert_frame_equal(TABLES["agency"].read(tmp_paths), first)

    docs = TABLES["documents"].read(tmp_paths, columns=["doc_id", "genre", "text", "content_hash"])
    write_table(docs.assign(genre="policy"), TABLES["documents"].path(tmp_paths))
    senses = pd.read_parquet(TABLES["senses"].path(tmp_paths))
    linked = first["mention_id"].dropna().iat[0]
    write_table(senses.assign(in_sense=senses["mention_id"] != linked), TABLES["senses"].path(tmp_paths))
    assert "1 of 1 documents read" in logged_run(caplog, run_agency, cfg, tmp_paths)
    reused = TABLES["agency"].read(tmp_paths)
    assert linked not in set(reused["mention_id"].dropna()) and set(reused["genre"]) == {"policy"}
    off = without_reuse(cfg)
    run_agency(off, tmp_paths)
    pd.testing.assert_frame_equal(TABLES["agency"].read(tmp_paths), reused)


def test_classify_agency_field(cfg):
    ctx = Context(cfg)
    passages = [Passage(1, "We co-produced the plan with carers.", {}), Passage(2, "Nothing here.", {})]
    for annotator in (MentionAnnotator(), AgencyAnnotator()):
        annotator.annotate(passages, ctx)
    (rel,) = passages[0].result["agency"]
    assert rel["agent"] == "We" and rel["agent_category"] == X and rel["partner_category"] == U
    assert rel["voice"] == "active" and passages[1].result["agency"] == []


def test_agency_field_requires_mentions_and_sense():
    from pipelines.classify.annotators import AnnotatorOrderError, check_order

    assert AgencyAnnotator.requires == ("mentions", "sense")
    with pytest.raises(AnnotatorOrderError, match="requires mentions"):
        check_order([AgencyAnnotator(), MentionAnnotator()])
    with pytest.raises(AnnotatorOrderError, match="requires sense"):
        check_order([MentionAnnotator(), AgencyAnnotator()])


def _with_sense(passage: Passage, label: str) -> Passage:
    """The `sense` field as the sense annotator writes it, every target mention labelled `label`."""
    from pipelines.text.lexicon import lexicon_for
    from pipelines.config import Config

    found = lexicon_for(Config.load().lexicon).find_target(passage.text)
    passage.result["sense"] = {"label": label, "scores": {}, "per_mention": [
        {"start": m.start, "end": m.end, "label": label, "score": 0.9} for m in found]}
    return passage


@pytest.mark.parametrize("text, in_sense", [
    ("Residents engage in the co-production of biogas with the council.", {"engage", "co-production"}),
    ("Engineers co-produce hydrogen with the university.", {"co-produce"}),
    ("Fermentation leads to the co-production of fatty acids.", set()),  # `lead` is no trigger here anyway
])
def test_classify_agency_field_sense_filter(cfg, text, in_sense):
    """Off-sense target mentions are no trigger, and no verb whose complement is one counts either; the same text
    with its mentions in the participatory sense keeps them."""
    ctx = Context(cfg)
    off = _with_sense(Passage(1, text, {}), "life_sciences")
    on = _with_sense(Passage(2, text, {}), "participatory")
    MentionAnnotator().annotate([off, on], ctx)
    AgencyAnnotator().annotate([off, on], ctx)
    assert off.result["agency"] == []
    assert {r["verb"] for r in on.result["agency"]} == in_sense


def test_classify_agency_field_keeps_in_sense_relations(cfg):
    ctx = Context(cfg)
    p = _with_sense(Passage(1, "The strategy was co-produced with carers and led by people who use services.", {}),
                    "participatory")
    MentionAnnotator().annotate([p], ctx)
    AgencyAnnotator().annotate([p], ctx)
    got = {(r["verb"], r["agent_category"], r["partner_category"]) for r in p.result["agency"]}
    assert ("co-produce", "none", U) in got and ("lead", U, "none") in got
