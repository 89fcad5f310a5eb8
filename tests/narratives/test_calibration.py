"""The stance and detection calibrations (pipelines.narratives.calibration): the maps, their checks, their fits."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.narratives.calibration import (
    DETECTION_FEATURES,
    STANCE_CONTEXT_FEATURES,
    DetectionCalibration,
    StanceCalibration,
    StanceContext,
    detection_inputs,
    fit,
    fit_detection,
    stance_inputs,
)
from pipelines.narratives.settings import STANCES, NarrativesParams

IDENTITY = np.eye(3).tolist()


def test_identity_map_returns_the_model_probabilities():
    cal = StanceCalibration(labels=STANCES, coef=IDENTITY, intercept=[0.0, 0.0, 0.0])
    scores = {"co-opted": 0.2, "transformative": 0.5, "neutral": 0.3}
    assert cal.apply(scores) == pytest.approx(scores, abs=1e-4)


def test_intercepts_shift_the_decision_and_zero_scores_stay_finite():
    cal = StanceCalibration(labels=STANCES, coef=IDENTITY, intercept=[0.0, -1.0, 0.0])
    out = cal.apply({"co-opted": 0.0, "transformative": 0.5, "neutral": 0.4})
    assert max(out, key=out.get) == "neutral" and all(np.isfinite(list(out.values())))
    assert sum(out.values()) == pytest.approx(1.0, abs=1e-3)


def test_the_map_must_be_square_and_name_the_three_stances():
    with pytest.raises(ValueError, match="3 x 3"):
        StanceCalibration(labels=STANCES, coef=[[1.0, 0.0], [0.0, 1.0]], intercept=[0.0, 0.0, 0.0])
    bad = {"labels": ["co-opted", "transformative", "hopeful"], "coef": IDENTITY, "intercept": [0, 0, 0]}
    with pytest.raises(ValueError, match="labels must be"):
        NarrativesParams(stance_calibration=bad)
    assert NarrativesParams().stance_calibration is None


def test_fit_learns_a_map_in_the_stances_order():
    rng = np.random.default_rng(0)
    scores, gold = [], []
    for _ in range(300):
        p = rng.dirichlet([1.0, 1.0, 1.0])
        s = dict(zip(STANCES, p))
        scores.append(s)
        gold.append(min(s, key=s.get))  # the annotated stance is the one the model rates lowest
    cal = fit(scores, gold, STANCES, C=10.0)
    assert cal.labels == STANCES
    assert all(cal.coef[k][k] < 0 for k in range(3))
    hits = sum(max(o := cal.apply(s), key=o.get) == g for s, g in zip(scores, gold))
    assert hits / len(gold) > 0.8


def test_a_map_may_read_the_second_opinion_and_the_evidence_and_names_what_it_reads():
    features = ["model.co-opted", "second.co-opted", "framing.coopted.praise", "speaker.own_voice", "type.quoted"]
    cal = StanceCalibration(labels=STANCES, features=features, coef=[[1, 1, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]],
                            intercept=[0.0, 0.0, 0.0])
    scores = {"co-opted": 0.5, "transformative": 0.3, "neutral": 0.2}
    assert cal.reads_second_opinion and cal.apply(scores) is None  # no opinion: the map cannot decide
    plain = cal.apply(scores, StanceContext(opinion=scores))
    praised = cal.apply(scores, StanceContext(opinion=scores, framing={"coopted.praise": ["a wonderful service"]}))
    assert praised["co-opted"] > plain["co-opted"]
    quoted = cal.apply(scores, StanceContext(opinion=scores, narrative_type="quoted"))
    assert quoted["neutral"] > plain["neutral"]
    assert not StanceCalibration(labels=STANCES, coef=IDENTITY, intercept=[0.0] * 3).reads_second_opinion
    with pytest.raises(ValueError, match="unknown or repeated features"):
        StanceCalibration(labels=STANCES, features=["model.co-opted", "framing.hope"], coef=[[1, 0]] * 3,
                          intercept=[0.0] * 3)
    with pytest.raises(ValueError, match="3 x 2 coef"):
        StanceCalibration(labels=STANCES, features=["model.co-opted", "second.neutral"], coef=IDENTITY,
                          intercept=[0.0] * 3)


def test_reasons_split_the_log_odds_of_the_stance_over_the_runner_up():
    features = ["model.co-opted", "second.co-opted", "framing.coopted.praise", "framing.transformative.rights"]
    cal = StanceCalibration(labels=STANCES, features=features,
                            coef=[[0.5, 0.5, 1.5, -1.0], [0.2, 0.1, -0.5, 2.0], [0.0, 0.0, 0.0, 0.0]],
                            intercept=[0.0, 0.0, 0.5])
    scores = {"co-opted": 0.6, "transformative": 0.2, "neutral": 0.2}
    context = StanceContext(opinion=scores, framing={"coopted.praise": ["a wonderful team"]})
    why = cal.reasons(scores, context)
    probs = cal.apply(scores, context)
    assert why["stance"] == max(probs, key=probs.get) == "co-opted" and why["over"] == "neutral"
    assert list(why["for"]) == ["framing.coopted.praise"] and why["for"]["framing.coopted.praise"] == 1.5
    assert set(why["against"]) == {"model.co-opted", "second.co-opted"}  # log p < 0 under a positive weight
    x = stance_inputs(scores, STANCES, context)
    log_odds = np.log(probs["co-opted"] / probs["neutral"])
    shares = sum((cal.coef[0][k] - cal.coef[2][k]) * x[f] for k, f in enumerate(features))
    assert log_odds == pytest.approx(shares + cal.intercept[0] - cal.intercept[2], abs=1e-2)
    assert cal.reasons(scores) is None  # no second opinion: the map does not decide


def test_stance_inputs_read_the_evidence_as_classify_reports_it():
    evidence = {"stance_second_opinion": {"co-opted": 0.7, "transformative": 0.2, "neutral": 0.1},
                "framing": {"co-opted": {"praise": ["brilliant", "amazing", "superb"]}, "transformative": {"rights": ["my rights"]}},
                "speaker": {"quoted_user": 0.5}, "narrative_type": "quoted"}
    context = StanceContext.from_evidence(evidence)
    x = stance_inputs({"co-opted": 0.2, "transformative": 0.0, "neutral": 0.8}, STANCES, context)
    assert set(STANCE_CONTEXT_FEATURES) < set(x) and x["second.co-opted"] == pytest.approx(np.log(0.7))
    assert x["model.transformative"] == pytest.approx(np.log(1e-4))  # floored, finite
    assert x["framing.coopted.praise"] == 2.0 and x["framing.transformative.rights"] == 1.0  # at most 2 a group
    assert x["speaker.quoted_user"] == 0.5 and x["type.quoted"] == 1.0 and x["type.first_person"] == 0.0
    assert "second.co-opted" not in stance_inputs({"neutral": 1.0}, STANCES, StanceContext.from_evidence({}))


def test_fit_reads_the_inputs_it_is_given():
    rng = np.random.default_rng(3)
    rows, gold = [], []
    for _ in range(300):
        m, o = dict(zip(STANCES, rng.dirichlet([1.0] * 3))), dict(zip(STANCES, rng.dirichlet([1.0] * 3)))
        rows.append(stance_inputs(m, STANCES, StanceContext(opinion=o)))
        gold.append(max(o, key=o.get))  # the annotated stance is the second opinion's
    cal = fit(rows, gold, STANCES, C=10.0, features=[f"{src}.{s}" for src in ("model", "second") for s in STANCES])
    assert cal.reads_second_opinion and all(cal.coef[k][3 + k] > abs(cal.coef[k][k]) for k in range(3))


def test_fit_needs_every_stance():
    with pytest.raises(ValueError, match="every stance"):
        fit([{"co-opted": 0.5, "transformative": 0.3, "neutral": 0.2}] * 2, ["neutral", "co-opted"], STANCES)


# --- the detection calibration (narratives.detection_calibration) ---


def test_detection_inputs_read_the_scan_evidence():
    x = detection_inputs(0.5, {"own_voice": 0.8}, {"user_noun": ["patients", "service users"], "story_word": []})
    assert list(x) == DETECTION_FEATURES
    assert x["detector_logit"] == pytest.approx(0.0) and x["speaker.own_voice"] == 0.8
    assert x["cue.user_noun"] == pytest.approx(np.log(3)) and x["cue.story_word"] == 0.0
    assert np.isfinite(detection_inputs(1.0, {}, {})["detector_logit"])  # a certain score is floored, not infinite


def test_detection_map_on_the_logit_alone_returns_the_detector_score():
    cal = DetectionCalibration(features=["detector_logit"], coef=[1.0], intercept=0.0)
    assert cal.apply(0.73, {}, {}) == pytest.approx(0.73, abs=1e-4)
    story_talk = DetectionCalibration(features=["detector_logit", "cue.story_word"], coef=[1.0, -2.0], intercept=0.0)
    assert story_talk.apply(0.73, {}, {"story_word": ["stories"]}) < 0.5 < story_talk.apply(0.73, {}, {})


def test_detection_map_names_known_features_once_with_one_coef_each():
    with pytest.raises(ValueError, match="distinct features"):
        DetectionCalibration(features=["detector_logit", "cue.hashtags"], coef=[1.0, 1.0], intercept=0.0)
    with pytest.raises(ValueError, match="one coef each"):
        DetectionCalibration(features=["detector_logit"], coef=[1.0, 2.0], intercept=0.0)
    assert NarrativesParams().detection_calibration is None


def test_fit_detection_learns_what_a_cue_is_worth():
    rng = np.random.default_rng(0)
    rows, gold = [], []
    for _ in range(400):
        p, talk = float(rng.uniform(0.05, 0.95)), int(rng.integers(0, 3))
        rows.append(detection_inputs(p, {}, {"story_word": ["story"] * talk}))
        gold.append(bool(rng.random() < p) and talk == 0)  # paragraphs about stories are never narratives here
    cal = fit_detection(rows, gold, C=10.0)
    coef = dict(zip(cal.features, cal.coef))
    assert coef["detector_logit"] > 0 and coef["cue.story_word"] < -1.0
    with pytest.raises(ValueError, match="narratives and other paragraphs"):
        fit_detection(rows[:3], [True] * 3)
