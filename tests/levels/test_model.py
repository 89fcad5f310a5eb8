"""Needham & Carr levels: the trained classifier, the `levels` stage and the `level` field of `colens classify`."""

import json
import sqlite3

import pandas as pd
import pytest

from pipelines.classify.mention_field import MentionAnnotator
from pipelines.classify.passage import Context, Passage
from pipelines.embeddings import CACHE_FILE
from pipelines.levels.annotator import LevelAnnotator
from pipelines.levels.model import load_classifier
from pipelines.levels.settings import LABELS, LEVELS, LevelsParams, prob_column
from pipelines.levels.stage import by_document, by_genre, run as run_levels
from pipelines.levels.train import run as train
from pipelines.modeling import ENCODER_KEY, load_card
from pipelines.paths import ROOT
from pipelines.senses.settings import LABELS as SENSE_LABELS
from pipelines.tables import TABLES
from tests.catalogue_rows import write as write_toy
from tests.engine.helpers import logged_run, without_reuse

ANNOTATIONS = ROOT / "corpora" / "annotations" / "levels" / "annotations.jsonl"

CLEAR = {
    "descriptive": "We co-produced our new strategy: people were asked their views through an online survey "
                   "and two feedback events, and the board then agreed the final plan.",
    "intermediate": "Peer trainers and clinicians co-design and co-deliver every course as equal partners, "
                    "although the trust keeps control of the budget.",
    "transformative": "The survivor-led organisation controls the budget for the service, hires its own staff "
                      "and makes every decision through a board of people who use it.",
}
TOO_SHORT = "Co-production week"


@pytest.fixture(scope="module")
def trained(cfg, tmp_path_factory):
    """The level model trained into a temporary root (real annotations, real MiniLM)."""
    from pipelines.paths import Paths
    from tests.conftest import SEEDS

    root = tmp_path_factory.mktemp("levels")
    p = Paths.from_config(cfg, root=root)
    paths = Paths(**{**p.__dict__, "corpus": SEEDS, "metadata": SEEDS / cfg.corpus.metadata})
    (root / "corpora" / "annotations" / "levels").mkdir(parents=True)
    (root / "corpora" / "annotations" / "levels" / "annotations.jsonl").write_text(ANNOTATIONS.read_text())
    metrics = train(cfg, paths)
    return paths, metrics


def test_training_writes_heldout_metrics_and_model_card(trained):
    paths, metrics = trained
    saved = json.loads(paths.metric("levels").read_text())
    assert saved["heldout"]["n"] == metrics["heldout"]["n"] >= 100
    assert saved["heldout"]["macro_f1"] >= 0.7
    assert len(saved["heldout"]["confusion_matrix"]) == len(LEVELS)
    assert saved["labelling_agreement"]["cohen_kappa"] > 0.8
    card = (paths.models / "levels" / "MODEL_CARD.md").read_text()
    assert "held out" in card and "macro-F1" in card and "kappa" in card and "refitted" in card
    assert ENCODER_KEY in load_card(paths.models / "levels")["params"]


def test_level_models_read_float_vectors(trained, cfg):
    """The level model lost 0.05 macro-F1 on real prose when trained on int8 vectors, so it keeps the float export."""
    assert cfg.models.backend_for("levels") == "onnx"
    assert load_classifier(trained[0], cfg).encoder.backend == "onnx"
    with sqlite3.connect(trained[0].cache / CACHE_FILE) as db:
        stored = {m for (m,) in db.execute("SELECT DISTINCT model FROM emb")}
    assert stored == {cfg.models.sentence_transformer}


def test_classifier_grades_clear_passages_with_probabilities_and_evidence(trained, cfg):
    clf = load_classifier(trained[0], cfg)
    assert clf.labels == LEVELS
    texts = list(CLEAR.values())
    proba = clf.predict_proba(texts)
    assert proba.shape == (3, 3) and abs(proba.sum(axis=1) - 1).max() < 1e-6
    grades = clf.grade(texts, LevelsParams(n_neighbours=2))
    assert [g.label for g in grades] == list(CLEAR)
    for g in grades:
        assert set(g.scores) == set(LABELS) and abs(sum(g.scores.values()) - 1) < 1e-3 and g.scores["n/a"] == 0
    assert any(c["level"] == "descriptive" and c["cue"] == "survey" for c in grades[0].evidence["cues"])
    assert any(c["level"] == "transformative" for c in grades[2].evidence["cues"])
    assert len(grades[1].evidence["nearest"]) == 2 and grades[1].evidence["nearest"][0]["id"].startswith("lv2")


def test_a_passage_takes_its_highest_advocated_claim_and_names_it(trained, cfg):
    """Claim aggregation: a plain project description followed by a claim that co-production is about sharing
    power is graded by the blend, and the evidence points at the claim that decided it."""
    clf = load_classifier(trained[0], cfg)
    text = ("Our community mental health team meets monthly with a lived experience panel. "
            "For us co-production means people who use services sharing power and holding the budget, "
            "not simply being asked for their views.")
    [grade] = clf.grade([text], LevelsParams())
    assert grade.label == "transformative"
    claims = grade.evidence["claims"]
    assert len(claims) == 1 and text[claims[0]["start"]:claims[0]["end"]] == claims[0]["text"]
    assert grade.evidence["deciding_claim"] == 0 and "sharing power" in claims[0]["text"]


def test_too_little_to_judge_is_na(trained, cfg):
    [grade] = load_classifier(trained[0], cfg).grade([TOO_SHORT], LevelsParams(min_words=4))
    assert grade.label == "n/a" and grade.scores["n/a"] == 1.0 and "too little" in grade.evidence["reason"]


def test_temperature_softens_without_changing_the_label(trained, cfg):
    clf = load_classifier(trained[0], cfg)
    sharp, soft = (clf.grade([CLEAR["transformative"]], LevelsParams(temperature=t))[0] for t in (1.0, 3.0))
    assert sharp.label == soft.label
    assert max(soft.scores.values()) < max(sharp.scores.values())


def _tables(paths):
    """Mentions + senses for three claims in two documents (one off-sense mention)."""
    rows = [
        ("d1:0", "d1", 0, "policy_guidance", CLEAR["descriptive"], "participatory"),
        ("d1:200", "d1", 1, "policy_guidance", CLEAR["transformative"], "participatory"),
        ("d1:210", "d1", 1, "policy_guidance", CLEAR["transformative"], "participatory"),  # same sentence
        ("d2:0", "d2", 0, "blog", TOO_SHORT, "participatory"),
        ("d2:99", "d2", 3, "blog", "The film was a Franco-German co-production.", "film_media"),
    ]
    m = pd.DataFrame([{"mention_id": r[0], "doc_id": r[1], "concept": "co-production", "is_target": True,
                       "sent_id": r[2], "para_id": 0, "genre": r[3], "sentence": r[4]} for r in rows])
    s = pd.DataFrame([{"mention_id": r[0], "doc_id": r[1], "sense": r[5], "sense_score": 0.9, "in_sense":
                       r[5] == "participatory", **{f"p_{lab}": 0.1 for lab in SENSE_LABELS}} for r in rows])
    write_toy(m, "mentions", paths)
    write_toy(s, "senses", paths)


def test_levels_stage_labels_in_sense_claims_and_aggregates(cfg, trained):
    paths = trained[0]
    _tables(paths)
    run_levels(cfg.model_copy(update={"levels": {"context": "sentence"}}), paths)
    lv = TABLES["levels"].read(paths)
    assert list(lv["mention_id"]) == ["d1:0", "d1:200", "d1:210", "d2:0"]  # off-sense film mention dropped
    assert list(lv["level"]) == ["descriptive", "transformative", "transformative", "n/a"]
    assert {prob_column(lab) for lab in LABELS} <= set(lv.columns)
    ev = json.loads(lv["evidence"].iat[0])
    assert ev["cues"] and ev["nearest"]
    docs = by_document(lv).set_index("doc_id")
    assert docs.loc["d1", "n_claims"] == 2 and docs.loc["d1", "share_transformative"] == 0.5
    genres = TABLES["level_by_genre"].read(paths).set_index("genre")
    assert genres.loc["blog", "n_na"] == 1 and genres.loc["policy_guidance", "n_documents"] == 1
    assert by_genre(lv.iloc[:0]).empty


def test_levels_stage_reuses_unchanged_documents(cfg, trained, caplog):
    """Each document's levels rows are kept (`engine.reuse_results`): a re-run grades only the document whose claim
    changed, and the table equals a run without the store."""
    paths = trained[0]
    _tables(paths)
    cfg = cfg.model_copy(update={"levels": {"context": "sentence"}})
    run_levels(cfg, paths)
    first = TABLES["levels"].read(paths)
    assert "0 of 2 documents read" in logged_run(caplog, run_levels, cfg, paths)
    pd.testing.assert_frame_equal(TABLES["levels"].read(paths), first)

    mentions = TABLES["mentions"].read(paths)
    mentions.loc[mentions["mention_id"] == "d2:0", "sentence"] = CLEAR["intermediate"]
    write_toy(mentions, "mentions", paths)
    assert "1 of 2 documents read" in logged_run(caplog, run_levels, cfg, paths)
    again = TABLES["levels"].read(paths)
    assert again.set_index("mention_id").loc["d2:0", "level"] == "intermediate"
    pd.testing.assert_frame_equal(again[again["doc_id"] == "d1"], first[first["doc_id"] == "d1"])
    run_levels(without_reuse(cfg), paths)
    pd.testing.assert_frame_equal(TABLES["levels"].read(paths), again)


def test_classify_level_field(cfg, trained):
    ctx = Context(cfg, paths=trained[0])
    passages = [Passage(1, CLEAR["descriptive"], {}), Passage(2, "No relevant term in this passage.", {})]
    for annotator in (MentionAnnotator(), LevelAnnotator()):
        annotator.annotate(passages, ctx)
    first, second = passages[0].result["level"], passages[1].result["level"]
    assert first["label"] == "descriptive" and set(first["scores"]) == set(LABELS)
    assert first["evidence"]["cues"] and first["evidence"]["claims"]
    assert second == {"label": "n/a", "scores": None, "reason": "no mention of the term"}


def test_off_sense_passage_is_not_graded(cfg):
    ctx = Context(cfg)
    passage = Passage(1, "The film was a Franco-German co-production.", {})
    MentionAnnotator().annotate([passage], ctx)
    passage.result["sense"] = {"label": "film_media", "scores": {}, "per_mention": []}
    LevelAnnotator().annotate([passage], ctx)  # no model is loaded: nothing is left to grade
    assert passage.result["level"] == {"label": "n/a", "scores": None,
                                       "reason": "mention not in the participatory sense"}


def test_prior_weights_damp_a_level_before_the_claim_rule(trained, cfg):
    """`levels.prior_weights` corrects the balanced training prior for passage and claims alike: a damped level
    loses probability, scores still sum to one, a plainly transformative passage keeps its level at the shipped
    weights, and an unknown level is refused by name."""
    from pydantic import ValidationError

    clf = load_classifier(trained[0], cfg)
    text = CLEAR["transformative"]
    [plain] = clf.grade([text], LevelsParams())
    [damped] = clf.grade([text], LevelsParams(prior_weights={"transformative": 0.5}))
    assert damped.scores["transformative"] < plain.scores["transformative"]
    assert abs(sum(damped.scores.values()) - 1) < 1e-6
    shipped = cfg.section("levels", LevelsParams)
    assert [g.label for g in clf.grade(list(CLEAR.values()), shipped)] == list(CLEAR)
    with pytest.raises(ValidationError, match="unknown level"):
        LevelsParams(prior_weights={"radical": 0.5})
