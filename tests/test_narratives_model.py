"""The narrative models end to end: trained from the real annotations (temp folder), detection and stance on
passages written here, the seed 002 critique of co-optation, the `narratives` stage and the classify field, quote
context carried from an introducing paragraph and sentence-window scoring of long paragraphs."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipelines.config import Config
from pipelines.narratives.data import AnnotationError, load_annotations
from pipelines.narratives.model import (
    NarrativeModelMissing,
    load_classifier,
    load_stance_classifier,
)
from pipelines.narratives.scan import analyse
from pipelines.narratives.settings import NarrativesParams
from pipelines.paths import ROOT, Paths
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow
ANNOTATIONS = ROOT / "corpora" / "annotations" / "narratives" / "annotations.jsonl"


@pytest.fixture(scope="module")
def trained(cfg, encoder, tmp_path_factory):
    """Both models trained into a temporary folder from the project's annotations."""
    from pipelines.narratives.train import train

    root = tmp_path_factory.mktemp("narr")
    raw = cfg.model_dump()
    raw["train_narratives"] = {**(cfg.model_extra or {}).get("train_narratives", {}), "annotations": str(ANNOTATIONS)}
    tcfg = Config.model_validate(raw)
    paths = Paths.from_config(tcfg, root=root)
    metrics = train(tcfg, paths)
    return tcfg, paths, metrics, load_classifier(paths, tcfg), load_stance_classifier(paths, tcfg)


def test_annotations_are_valid_and_balanced():
    df = load_annotations(ANNOTATIONS)
    assert len(df) >= 350 and 0.5 <= df["is_narrative"].mean() <= 0.62
    stances = df.loc[df["is_narrative"], "stance"].value_counts()
    assert set(stances.index) == {"co-opted", "transformative", "neutral"} and stances.min() >= 60
    assert df["genre"].nunique() >= 7


def test_bad_annotation_line_is_named(tmp_path):
    bad = tmp_path / "a.jsonl"
    bad.write_text(
        '{"id": "x1", "text": "I was sectioned.", "is_narrative": true, "stance": "angry", "genre": "blog", "source": "s"}\n'
        "not json\n",
        encoding="utf-8",
    )
    with pytest.raises(AnnotationError) as exc:
        load_annotations(bad)
    assert f"{bad}:1" in str(exc.value) and "angry" in str(exc.value) and f"{bad}:2" in str(exc.value)


def test_heldout_scores_and_cards(trained):
    _, paths, metrics, detector, stance = trained
    assert metrics["detect_f1_narrative"] >= 0.8 and metrics["stance_macro_f1"] >= 0.65
    assert len(metrics["stance"]["heldout"]["confusion_matrix"]) == 3
    assert (paths.models / "narratives_detect" / "MODEL_CARD.md").exists()
    assert detector.labels == ["narrative", "not_narrative"]
    assert stance.labels == ["co-opted", "transformative", "neutral"]
    p = stance.predict_proba(["I was ignored by every service I asked for help."])
    assert p.shape == (1, 3) and abs(p.sum() - 1) < 1e-6


def test_detection_on_written_passages(trained):
    _, _, _, detector, _ = trained
    narratives = [
        "When I was admitted to the ward, nobody told me my rights. I spent three days not knowing if I could leave.",
        "\"The group gave me somewhere to belong,\" says Marie, who has used the day service for six years.",
        "Kwame's story shows how a housing officer who listened made more difference than any appointment.",
    ]
    others = [
        "All trusts must publish the results of the annual community mental health survey on their websites.",
        "The commissioning framework sets out four priorities for the next financial year.",
    ]
    p = detector.predict_proba(narratives + others)[:, 0]
    assert (p[:3] > 0.5).all() and (p[3:] < 0.5).all(), p


def test_stance_on_clear_cases(trained):
    _, _, _, _, stance = trained
    texts = [
        "\"The Trust's team were amazing and gave me my life back,\" says Leon, now volunteering for our charity appeal.",
        "We survivors are organising to end forced treatment. Our stories are evidence of harm, and we demand the power to decide.",
        "I take my tablets in the morning and walk the dog before work. Some weeks are better than others.",
    ]
    assert stance.predict(texts) == ["co-opted", "transformative", "neutral"]


def test_seed002_commodity_point_is_found_as_critique_of_cooptation(trained):
    cfg, _, _, detector, stance = trained
    text = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    para = next(p for p in text.splitlines() if "commodity" in p)
    [r] = analyse([para], detector, stance, cfg.section("narratives", NarrativesParams))
    assert r.is_user_narrative and r.stance == "transformative"
    assert r.evidence["critique_of_cooptation"] and r.evidence["narrative_type"] == "discussed"
    assert len(r.evidence["nearest_examples"]) == 3
    assert {"id", "label", "similarity", "text"} <= set(r.evidence["nearest_examples"][0])


def test_stage_writes_tables(trained):
    from pipelines.narratives.stage import by_genre, scan_paragraphs

    cfg, paths, _, _, _ = trained
    paras = pd.DataFrame({
        "doc_id": ["d1", "d1", "d2"], "para_id": [0, 1, 0], "start": [0, 50, 0], "end": [49, 120, 60],
        "text": ["Visiting hours are 10am to 8pm on all wards.",
                 "\"Nobody listened to me until I joined the survivors' network,\" says Dee. \"Now we set the agenda.\"",
                 "I was discharged with a leaflet and a phone number that nobody answered."],
    })
    table = scan_paragraphs(paras, pd.Series({"d1": "blog", "d2": "news"}), cfg, paths)
    assert list(table["candidate"]) == [False, True, True]
    assert pd.isna(table.loc[0, "score"]) and table.loc[0, "stance"] == "n/a"
    assert table.loc[1, "is_user_narrative"] and table.loc[1, "stance"] in {"transformative", "neutral", "co-opted"}
    ev = json.loads(table.loc[1, "evidence"])
    assert ev["narrative_type"] == "quoted" and ev["quotes"] and ev["nearest_examples"]
    g = by_genre(table)
    assert set(g["genre"]) == {"blog", "news"} and g["n_paragraphs"].sum() == 3


def test_classify_emits_narrative_field(trained, monkeypatch, tmp_path):
    from pipelines.classify import runner
    from pipelines.classify.annotators import ANNOTATORS
    from pipelines.classify.mention_field import MentionAnnotator
    from pipelines.classify.passage import Context
    from pipelines.narratives.annotator import NarrativeAnnotator

    assert "pipelines.narratives.annotator:NarrativeAnnotator" in ANNOTATORS
    cfg, paths, _, _, _ = trained
    monkeypatch.setattr(runner, "load_annotators", lambda: [MentionAnnotator(), NarrativeAnnotator()])
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text(
        json.dumps({"id": 1, "text": "When I was sectioned, nobody asked me what I needed and I was restrained."}) + "\n"
        + json.dumps({"id": 2, "text": "The board approved the estates strategy."}) + "\n",
        encoding="utf-8",
    )
    runner.classify_file(inp, out, Context(cfg, paths=paths))
    first, second = [json.loads(line)["narrative"] for line in out.read_text().splitlines()]
    assert first["is_user_narrative"] and first["stance"] in first["stance_scores"]
    assert first["evidence"]["cues"]["first_person"]
    assert not second["is_user_narrative"] and second["stance"] == "n/a" and second["score"] is None


def test_missing_model_says_what_to_run(tmp_paths):
    with pytest.raises(NarrativeModelMissing, match="dvc repro train_narratives"):
        load_classifier(tmp_paths)


CURATED_BLOG = [
    ("This spring our charity co-hosted three creative workshops with the local NHS trust, bringing together parents, "
    "young people and school nurses. Some of the comments shared by participants who came along included:"),
    ("“The drama exercise was brilliant. We got to show the nurses what it feels like to wait for an answer. "
    "I want every clinic to work like this!”"),
    "“It gave us a space where we were listened to, and we are looking forward to the next session.”",
    "“I will tell other parents at the school gate about it, because I think they would get a lot out of it too.”",
    "If your organisation would like to host a workshop, please get in touch with the project team.",
]
LONG_ABSTRACT = (
    "Background: Co-production between practitioners and people with lived experience is widely promoted in "
    "community mental health policy, yet little is known about how it affects professional practice. "
    "Aim: To examine how community psychiatric nurses experienced co-designing a training programme with peer "
    "educators. Method: Ten nurses took part in semi-structured interviews, which were analysed thematically. "
    "Results: Nurses described their experience of co-design as unsettling at first and later as valuable. "
    "Three themes were identified: sharing expertise, negotiating professional boundaries, and changes in "
    "how they talked with patients. Several participants said that hearing peer educators' stories made them "
    "reconsider their own assumptions about recovery. Conclusion: Co-design can shift practitioners' views of "
    "expertise, but organisational support is needed to sustain these changes."
)
LONG_REPORT = (
    "The review covered all twelve community teams and examined waiting times, staffing and the use of care plans. "
    "Teams with a dedicated duty worker had shorter waits for a first assessment. "
    "One woman we spoke to described her experience: “I rang the crisis line four times in one night and nobody "
    "called me back. In the end my neighbour took me to A&E.” "
    "The review recommends that every team publishes its response times quarterly. "
    "Commissioners should also fund an out-of-hours duty post in each locality."
)


def _scan(trained, docs: dict[str, list[str]]):
    from pipelines.narratives.stage import scan_paragraphs

    cfg, paths, _, _, _ = trained
    rows = [(d, i, t) for d, texts in docs.items() for i, t in enumerate(texts)]
    paras = pd.DataFrame(rows, columns=["doc_id", "para_id", "text"]).assign(start=0, end=0)
    table = scan_paragraphs(paras, pd.Series({d: "charity_blog" for d in docs}), cfg, paths)
    return table, [json.loads(e) for e in table["evidence"]]


def test_curated_quotes_in_a_blog_are_found_with_their_introduction(trained):
    table, ev = _scan(trained, {"blog": CURATED_BLOG})
    intro = "Some of the comments shared by participants who came along included:"
    assert list(table["is_user_narrative"]) == [False, True, True, True, False], table["score"].tolist()
    for i in (1, 2, 3):
        assert ev[i]["context"] == intro and ev[i]["narrative_type"] == "quoted" and ev[i]["quote_intro"]
        assert table.loc[i, "stance"] in {"co-opted", "neutral"}  # curated feedback: co-opted, or neutral unframed
    assert ev[0]["context"] is None and not table.loc[4, "candidate"]


def test_quotes_without_their_introduction_score_lower(trained):
    cfg, _, _, detector, stance = trained
    params = cfg.section("narratives", NarrativesParams)
    alone = analyse(CURATED_BLOG[1:4], detector, stance, params)
    intro = "Some of the comments shared by participants who came along included:"
    carried = analyse(CURATED_BLOG[1:4], detector, stance, params, [intro] * 3)
    assert sum(r.score for r in carried) > sum(r.score for r in alone)
    with pytest.raises(ValueError, match="contexts"):
        analyse(CURATED_BLOG[1:4], detector, stance, params, [intro])


def test_long_research_abstract_paragraph_is_not_a_narrative(trained):
    table, ev = _scan(trained, {"abs": [LONG_ABSTRACT]})
    assert table.loc[0, "candidate"] and not table.loc[0, "is_user_narrative"], table.loc[0, "score"]
    assert table.loc[0, "stance"] == "n/a" and ev[0]["window"] is None  # no voice of its own: scored whole


def test_long_paragraph_is_scored_by_its_best_sentence_window(trained):
    table, ev = _scan(trained, {"rep": [LONG_REPORT]})
    assert table.loc[0, "is_user_narrative"] and ev[0]["narrative_type"] == "quoted"
    w = ev[0]["window"]
    assert w["n_windows"] > 1 and LONG_REPORT[w["start"] : w["end"]] == w["text"]
    assert "crisis line" in w["text"] and "out-of-hours duty post" not in w["text"]
