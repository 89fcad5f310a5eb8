"""The trained narrative detector and stance classifier on the shared template: held-out scores and cards,
detection and stance on passages written here, nearest annotated examples, a clear error when untrained."""

from __future__ import annotations

import json

import pytest

from pipelines.modeling import ENCODER_KEY, ModelMissing, TrainedClassifier
from pipelines.narratives.model import load_classifier

pytestmark = pytest.mark.slow


def test_heldout_scores_and_cards(trained):
    cfg, paths, metrics, detector, stance = trained
    assert metrics["detect_f1_narrative"] >= 0.8 and metrics["stance_macro_f1"] >= 0.65
    assert len(metrics["stance"]["heldout"]["confusion_matrix"]) == 3
    assert (paths.models / "narratives_detect" / "MODEL_CARD.md").exists()
    card = json.loads((paths.models / "narratives_detect" / "card.json").read_text(encoding="utf-8"))
    assert card["params"][ENCODER_KEY] == cfg.models.sentence_transformer
    assert isinstance(detector, TrainedClassifier)
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


def test_nearest_annotated_examples(trained):
    _, _, _, detector, _ = trained
    (near,) = detector.nearest(["When I was sectioned, nobody asked me what I needed."], k=3)
    assert len(near) == 3 and {"id", "label", "similarity", "text"} <= set(near[0])
    assert near[0]["similarity"] >= near[-1]["similarity"]


def test_missing_model_says_what_to_run(cfg, tmp_paths):
    with pytest.raises(ModelMissing, match="dvc repro train_narratives"):
        load_classifier(tmp_paths, cfg)
