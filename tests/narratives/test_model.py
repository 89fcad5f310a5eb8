"""The trained narrative detector and stance classifier on the shared template: held-out scores and cards,
detection and stance on passages written here, nearest annotated examples, a clear error when untrained."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipelines.modeling import ENCODER_KEY, ModelMissing, TrainedClassifier
from pipelines.narratives.settings import NarrativesParams
from pipelines.narratives.model import load_classifier, load_stance_classifier
from pipelines.paths import Paths

pytestmark = pytest.mark.slow


def test_heldout_scores_and_cards(trained):
    cfg, paths, metrics, detector, stance = trained
    assert metrics["detect_f1_narrative"] >= 0.85 and metrics["stance_macro_f1"] >= 0.7
    assert len(metrics["stance"]["heldout"]["confusion_matrix"]) == 3
    assert (paths.models / "narratives_detect" / "MODEL_CARD.md").exists()
    card = json.loads((paths.models / "narratives_detect" / "card.json").read_text(encoding="utf-8"))
    assert card["params"][ENCODER_KEY] == cfg.models.sentence_transformer
    assert card["params"]["blocks"] == ["embedding", "cues", "voice"] and card["params"]["spacy"] == cfg.models.spacy
    passes = card["params"]["labelling_passes"]
    assert passes["n_double_labelled"] >= 600 and "stance_kappa" in passes
    assert any("independent labelling passes" in n for n in card["notes"])
    assert detector.blocks == card["params"]["blocks"] and "speaker" in stance.blocks
    assert isinstance(detector, TrainedClassifier)
    assert detector.labels == ["narrative", "not_narrative"]
    assert stance.labels == ["co-opted", "transformative", "neutral"]
    p = stance.predict_proba(["I was ignored by every service I asked for help."])
    assert p.shape == (1, 3) and abs(p.sum() - 1) < 1e-6


VOICES = {
    "first person, narrated events": "When I was admitted to the ward, nobody told me my rights. I spent three days "
    "not knowing if I could leave.",
    "first person, no experience verb": "A carers' forum was started at the hospice, which I became part of after my "
    "husband died. We rewrote the leaflet families get on the first day, using what had happened to us.",
    "attributed quotation": "\"The group gave me somewhere to belong,\" says Marie, who has used the day service for "
    "six years.",
    "one service user told us": "One service user told us she had been discharged at midnight with no money for a "
    "taxi and had to walk home in the rain.",
    "named person with age": "Kwame, 38, had been sleeping in his car for a month when a housing officer finally "
    "called him back. He moved into a flat in March.",
    "third-person story of a patient": "Joan was admitted after a fall at home. On the ward she stopped eating, and "
    "her daughter noticed she no longer recognised the nurses.",
}
NEGATIVES = {
    "policy": "All trusts must publish the results of the annual community mental health survey on their websites.",
    "about narratives": "Patient stories are a powerful way of helping boards understand what matters to the people "
    "who use their services, and they should be heard at every meeting.",
    "invitation": "Do you want to tell us about your time on our wards? Please email the patient experience team "
    "or sign up for one of our listening events.",
    "professional's own experience": "I have worked as a community psychiatric nurse for twenty years, and in my "
    "career I have seen the wards change beyond recognition.",
    "aggregate findings": "Respondents reported long waits for a first appointment; 62% of participants said they "
    "had been offered no support while they waited.",
}


def test_detection_of_each_voice_form_and_each_negative(trained):
    _, _, _, detector, _ = trained
    texts = list(VOICES.values()) + list(NEGATIVES.values())
    p = detector.predict_proba(texts)[:, 0]
    found = dict(zip(list(VOICES) + list(NEGATIVES), p.round(2)))
    assert (p[: len(VOICES)] > 0.5).all() and (p[len(VOICES) :] < 0.5).all(), found


def test_stance_on_clear_cases(trained):
    _, _, _, _, stance = trained
    texts = {
        "co-opted (institution narrates success, employability)": "\"The Trust's team were amazing and gave me my life "
        "back,\" says Leon, now volunteering for our charity appeal.",
        "co-opted (journey, resilience)": "We are proud to share Dana's recovery journey. With the support of our "
        "team she built her resilience and is now back in full-time work.",
        "transformative (collective, power)": "We survivors are organising to end forced treatment. Our stories are "
        "evidence of harm, and we demand the power to decide.",
        "transformative (critique, rights)": "I waited fourteen months and was turned away twice. Nobody told me my "
        "rights, and when I complained the service ignored me.",
        "neutral (daily life)": "I take my tablets in the morning and walk the dog before work. Some weeks are better "
        "than others.",
        "neutral (crisis story)": "In March I had a breakdown at work and was admitted to hospital for three weeks. "
        "My sister looked after the children while I was away.",
        "co-opted (trust-page peer worker)": "Peer support worker Anil joined the ward team last spring after his "
        "own stay with us. \"It's very rewarding to give something back,\" he says. \"The Trust gave me my life back.\"",
        "co-opted (charity appeal, retold)": "When Ava was seven her mum noticed she had stopped eating. Our family "
        "support workers helped them through the hardest year, and Ava is now back at school. A gift of £20 could "
        "help another family like Ava's.",
        "transformative (first-person complaint)": "I rang the surgery every morning for a week and was told the queue "
        "was full. When I finally got through they said I wasn't ill enough for a referral. I shouldn't have to beg "
        "to be seen.",
        "transformative (first-person rights claim)": "I want the people who support me to talk to me, not to my "
        "support worker. I have rights, and it is my life they are making decisions about.",
        "neutral (crisis story with sectioning)": "My family called an ambulance and I was sectioned for two months. "
        "I remember very little of the first weeks apart from the garden and the smell of toast.",
    }
    predicted = dict(zip(texts, stance.predict(list(texts.values()))))
    expected = ["co-opted"] * 2 + ["transformative"] * 2 + ["neutral"] * 2 + ["co-opted"] * 2 + [
        "transformative"] * 2 + ["neutral"]
    assert list(predicted.values()) == expected, predicted


def test_nearest_annotated_examples(trained):
    _, _, _, detector, _ = trained
    (near,) = detector.nearest(["When I was sectioned, nobody asked me what I needed."], k=3)
    assert len(near) == 3 and {"id", "label", "similarity", "text"} <= set(near[0])
    assert near[0]["similarity"] >= near[-1]["similarity"]


def test_missing_model_says_what_to_run(cfg, tmp_paths):
    with pytest.raises(ModelMissing, match="dvc repro train_narratives"):
        load_classifier(tmp_paths, cfg)


def test_narrative_models_read_float_vectors(trained):
    """On int8 vectors the detector lost 0.004 F1 on 3,112 real paragraphs (interval wholly below 0), so the
    narrative models keep the float export while the definition models read int8 (`models.task_encoder_backends`)."""
    cfg, _, _, detector, stance = trained
    assert cfg.models.backend_for("narratives") == "onnx" != cfg.models.encoder_backend == "onnx_int8"
    assert detector.encoder.backend == stance.encoder.backend == "onnx"


@pytest.mark.parametrize("key, metric, folder, texts, expected", [
    ("stance_second_opinion", "stance", "narratives_stance",
     ["Nobody on the ward listened to me until I went to the press, and now our group is taking the trust to task "
      "over how it treats people in crisis.", "Our peer pathway helped me rebuild my confidence and find a job."],
     ["transformative", "co-opted"]),
    ("detection_second_opinion", "detect", "narratives_detect",
     ["I was sectioned in 2019 and spent four months on a ward miles from home.",
      "The ward has twelve beds and a garden, and visiting is from 2pm to 8pm."], ["narrative", "not_narrative"]),
])
def test_each_second_opinion_is_fine_tuned_on_all_its_models_passages_and_exported(trained, key, metric, folder,
                                                                                    texts, expected):
    cfg, paths, metrics, detector, stance = trained
    model = stance if metric == "stance" else detector
    opinion = metrics[key]
    assert opinion["n_train"] == metrics[metric]["n_train"] + metrics[metric]["n_heldout"]
    assert opinion["export"]["max_export_gap"] < 1e-3 and opinion["max_tokens"] == 256
    assert (paths.models / folder / "second_opinion" / "model.onnx").is_file()
    assert any("Second opinion" in n for n in json.loads(
        (paths.models / folder / "card.json").read_text(encoding="utf-8"))["notes"])
    p = model.second_opinion.proba(texts)
    assert model.second_opinion.labels == model.labels and np.allclose(p.sum(axis=1), 1)
    assert [model.second_opinion.labels[i] for i in p.argmax(axis=1)] == expected


@pytest.mark.parametrize("model, key, load", [
    ("narratives_stance", "stance_second_opinion", load_stance_classifier),
    ("narratives_detect", "detection_second_opinion", load_classifier),
])
def test_a_weight_without_a_second_opinion_says_what_to_do(trained, tmp_path, model, key, load):
    import shutil

    cfg, paths, *_ = trained
    for folder in ("narratives_detect", "narratives_stance"):
        shutil.copytree(paths.models / folder, tmp_path / "models" / folder)
    shutil.rmtree(tmp_path / "models" / model / "second_opinion")
    bare = Paths(**{**paths.__dict__, "models": tmp_path / "models"})
    with pytest.raises(ModelMissing, match=f"{key}_weight: 0"):
        load(bare, cfg)
    maps = ("stance_calibration", "stance_calibration_with_publisher")
    params = cfg.section("narratives", NarrativesParams)
    readers = [m for m in maps if (cal := getattr(params, m)) is not None and cal.reads_second_opinion]
    if key == "stance_second_opinion" and readers:
        with pytest.raises(ModelMissing, match=" and ".join(f"narratives.{m}" for m in readers) + " reads? it too"):
            load(bare, cfg)
        off = cfg.model_copy(update={"narratives": {**cfg.narratives, f"{key}_weight": 0.0}})
        with pytest.raises(ModelMissing):  # the maps still ask for it
            load(bare, off)
    off = cfg.model_copy(update={"narratives": {**cfg.narratives, f"{key}_weight": 0.0, **dict.fromkeys(maps)}})
    assert load(bare, off).second_opinion is None
