"""Needham & Carr levels: annotations, cue lexicon, the trained classifier, the stage and the classify field."""

import json

import pandas as pd
import pytest

from pipelines.classify.mention_field import MentionAnnotator
from pipelines.classify.passage import Context, Passage
from pipelines.io import read_table, write_table
from pipelines.levels.aggregate import by_document, by_genre
from pipelines.levels.annotations import AnnotationError, load_annotations
from pipelines.levels.annotator import LevelAnnotator
from pipelines.levels.cues import find_cues
from pipelines.levels.model import load_classifier
from pipelines.levels.settings import LABELS, prob_column
from pipelines.levels.stage import run as run_levels
from pipelines.levels.train import train
from pipelines.paths import ROOT
from pipelines.senses.select import senses_path
from pipelines.senses.settings import LABELS as SENSE_LABELS

ANNOTATIONS = ROOT / "corpora" / "annotations" / "levels" / "annotations.jsonl"

CLEAR = {
    "descriptive": "We co-produced our new strategy: people were asked their views through an online survey "
                   "and two feedback events, and the board then agreed the final plan.",
    "intermediate": "Peer trainers and clinicians co-design and co-deliver every course as equal partners, "
                    "although the trust keeps control of the budget.",
    "transformative": "The survivor-led organisation controls the budget for the service, hires its own staff "
                      "and makes every decision through a board of people who use it.",
    "n/a": "The literature on co-production has grown quickly, and definitions of the concept remain contested.",
}


def test_annotation_set_is_large_balanced_and_varied():
    ann = load_annotations(ANNOTATIONS)
    assert len(ann) >= 320
    counts = ann["label"].value_counts()
    assert set(counts.index) == set(LABELS) and counts.min() >= 70
    assert ann["genre"].nunique() >= 6
    assert ann["id"].is_unique


def test_bad_annotation_lines_are_reported_with_file_and_line(tmp_path):
    bad = tmp_path / "a.jsonl"
    good = {"id": "x1", "text": "t", "label": "descriptive", "genre": "blog", "source": "s"}
    bad.write_text("\n".join([json.dumps(good), "{not json", json.dumps({**good, "id": "x2", "label": "high"}),
                              json.dumps({**good, "label": "n/a"})]) + "\n")
    with pytest.raises(AnnotationError) as err:
        load_annotations(bad)
    msg = str(err.value)
    assert f"{bad}:2: not valid JSON" in msg and f"{bad}:3: label 'high'" in msg and "already used on line 1" in msg


def test_cues_find_each_level_with_offsets():
    text = "We consulted patients by survey; peer trainers co\u2010designed it; the user-led board holds the budget."
    cues = find_cues(text)
    levels = {c.level for c in cues}
    assert {"descriptive", "intermediate", "transformative"} <= levels
    for c in cues:
        assert text[c.start:c.end] == c.phrase
    assert any(c.phrase == "co\u2010designed" for c in cues)  # unicode hyphen matched, original offsets


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
    assert saved["heldout"]["n"] == metrics["heldout"]["n"] >= 60
    assert saved["heldout"]["macro_f1"] >= 0.7
    assert len(saved["heldout"]["confusion_matrix"]) == len(LABELS)
    card = (paths.models / "levels" / "MODEL_CARD.md").read_text()
    assert "held out" in card and "macro-F1" in card


def test_classifier_gets_clear_passages_right_with_probabilities_and_evidence(trained):
    clf = load_classifier(trained[0])
    assert clf.labels == LABELS
    texts = list(CLEAR.values())
    proba = clf.predict_proba(texts)
    assert proba.shape == (4, 4) and abs(proba.sum(axis=1) - 1).max() < 1e-6
    assert clf.predict(texts) == list(CLEAR)
    evidence = clf.explain(texts, k=2)
    assert any(c["level"] == "descriptive" and c["cue"] == "survey" for c in evidence[0]["cues"])
    assert any(c["level"] == "transformative" for c in evidence[2]["cues"])
    assert len(evidence[1]["nearest"]) == 2 and evidence[1]["nearest"][0]["id"].startswith("lev-")


def _tables(paths):
    """Mentions + senses for three claims in two documents (one off-sense mention)."""
    rows = [
        ("d1:0", "d1", 0, "policy_guidance", CLEAR["descriptive"], "participatory"),
        ("d1:200", "d1", 1, "policy_guidance", CLEAR["transformative"], "participatory"),
        ("d1:210", "d1", 1, "policy_guidance", CLEAR["transformative"], "participatory"),  # same sentence
        ("d2:0", "d2", 0, "blog", CLEAR["n/a"], "participatory"),
        ("d2:99", "d2", 3, "blog", "The film was a Franco-German co-production.", "film_media"),
    ]
    m = pd.DataFrame([{"mention_id": r[0], "doc_id": r[1], "concept": "co-production", "is_target": True,
                       "sent_id": r[2], "para_id": 0, "genre": r[3], "sentence": r[4]} for r in rows])
    s = pd.DataFrame([{"mention_id": r[0], "doc_id": r[1], "sense": r[5], "sense_score": 0.9, "in_sense":
                       r[5] == "participatory", **{f"p_{lab}": 0.1 for lab in SENSE_LABELS}} for r in rows])
    write_table(m, paths.mentions)
    write_table(s, senses_path(paths))


def test_levels_stage_labels_in_sense_claims_and_aggregates(cfg, trained):
    paths = trained[0]
    _tables(paths)
    run_levels(cfg, paths)
    lv = read_table(paths.data / "levels" / "levels.parquet")
    assert list(lv["mention_id"]) == ["d1:0", "d1:200", "d1:210", "d2:0"]  # off-sense film mention dropped
    assert list(lv["level"]) == ["descriptive", "transformative", "transformative", "n/a"]
    assert {prob_column(lab) for lab in LABELS} <= set(lv.columns)
    ev = json.loads(lv["evidence"].iat[0])
    assert ev["cues"] and ev["nearest"]
    docs = by_document(lv).set_index("doc_id")
    assert docs.loc["d1", "n_claims"] == 2 and docs.loc["d1", "share_transformative"] == 0.5
    genres = read_table(paths.data / "levels" / "level_by_genre.parquet").set_index("genre")
    assert genres.loc["blog", "n_na"] == 1 and genres.loc["policy_guidance", "n_documents"] == 1
    assert by_genre(lv.iloc[:0]).empty


def test_classify_level_field(cfg, trained):
    ctx = Context(cfg, paths=trained[0])
    passages = [Passage(1, CLEAR["descriptive"], {}), Passage(2, "No relevant term in this passage.", {})]
    for annotator in (MentionAnnotator(), LevelAnnotator()):
        annotator.annotate(passages, ctx)
    first, second = passages[0].result["level"], passages[1].result["level"]
    assert first["label"] == "descriptive" and set(first["scores"]) == set(LABELS)
    assert first["evidence"]["cues"]
    assert second == {"label": "n/a", "scores": None, "reason": "no mention of the term"}
