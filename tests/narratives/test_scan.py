"""The narrative scan (pipelines.narratives.scan) with the trained models: no cue gate, headings as recorded
negatives, the seed 002 critique of co-optation, seed 003's quoted participants, evidence for every label, and
quotations scoring higher with the sentence that introduced them."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.narratives.calibration import StanceCalibration, StanceContext
from pipelines.narratives.context import quote_contexts
from pipelines.narratives.publisher import Publisher
from pipelines.narratives.scan import analyse, close_call
from pipelines.narratives.settings import STANCES, NarrativesParams
from pipelines.narratives.voice import SPEAKER_FEATURES
from tests.conftest import SEEDS
from tests.narratives.conftest import CURATED_BLOG

pytestmark = pytest.mark.slow


def _params(cfg) -> NarrativesParams:
    return cfg.section("narratives", NarrativesParams)


def test_seed002_commodity_point_is_found_as_critique_of_cooptation(trained):
    cfg, _, _, detector, stance = trained
    text = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    para = next(p for p in text.splitlines() if "commodity" in p)
    [r] = analyse([para], detector, stance, _params(cfg))
    # a passage about narratives in general, with no one's experience in it: not itself a user narrative
    # (codebook), but found as a critique of the co-optation of user narratives
    assert r.evidence["critique_of_cooptation"] and r.evidence["narrative_type"] == "discussed"
    assert any("commodit" in p for p in r.evidence["cooptation_phrases"])
    assert not r.is_user_narrative and r.stance == "n/a" and r.is_candidate
    assert len(r.evidence["nearest_examples"]) == 3
    assert {"id", "label", "similarity", "text"} <= set(r.evidence["nearest_examples"][0])


def test_describing_how_stories_are_used_is_not_flagged(trained):
    cfg, _, _, detector, stance = trained
    [r] = analyse(["Each month the hospital plays a recorded patient story to its board to inspire the directors."],
                  detector, stance, _params(cfg))
    assert not r.evidence["critique_of_cooptation"] and not r.is_user_narrative


def test_seed003_quoted_participants_are_found(trained):
    cfg, _, _, detector, stance = trained
    paras = [p.strip() for p in next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8").split("\n\n") if p.strip()]
    start = next(i for i, p in enumerate(paras) if p.startswith("“The role-play was helpful"))
    contexts = quote_contexts(paras, _params(cfg).context_max_quotes)
    results = analyse(paras, detector, stance, _params(cfg), contexts)
    quotes = results[start : start + 3]
    assert all(r.evidence["context"] and r.evidence["quote_intro"] for r in quotes)
    # the participants' voices on the workshop ("We want more health professionals to be like that!", "a space
    # for us") are found; the third quote only promises to promote the event, which is no one's experience
    found = quotes[:2]
    assert all(r.is_user_narrative and r.evidence["narrative_type"] == "quoted" for r in found), [
        r.score for r in quotes]
    assert not results[start - 1].is_user_narrative  # the introducing paragraph itself is no one's voice


def test_every_paragraph_is_scored_and_headings_are_recorded_negatives(trained):
    cfg, _, _, detector, stance = trained
    texts = [
        "Patient stories",
        "My recovery journey",
        "Share your story",
        "Imagine being put in the back of a police van because there was no bed. That is what happened to me.",
    ]
    results = analyse(texts, detector, stance, _params(cfg))
    for r in results[:3]:
        assert not r.is_candidate and not r.is_user_narrative and r.score is None and r.stance == "n/a"
        assert r.evidence["heading"] and r.evidence["decided_by"] == "heading rule"
    last = results[3]
    assert last.is_candidate and last.score is not None and last.evidence["decided_by"] != "heading rule"
    assert last.is_user_narrative and last.evidence["narrative_type"] == "first_person"


def test_evidence_has_voice_framing_on_each_side_and_nearest_examples(trained):
    cfg, _, _, detector, stance = trained
    text = ("\"The staff were brilliant and helped me get back into work,\" says Ola, 44. But she also told us "
            "she had waited a year and felt ignored by the system.")
    [r] = analyse([text], detector, stance, _params(cfg))
    ev = r.evidence
    assert r.is_user_narrative and r.stance in r.stance_scores
    assert ev["voice"]["quote_first_person"] and ev["voice"]["named_person_age"]
    assert {"praise", "employability"} <= set(ev["framing"]["co-opted"])
    assert {"critique", "power"} <= set(ev["framing"]["transformative"])
    assert len(ev["nearest_examples"]) == _params(cfg).n_neighbours
    # who speaks, as the stance model reads it: a quoted user whose story the institution tells
    assert ev["speaker"].get("quoted_user", 0) > 0 and set(ev["speaker"]) <= set(SPEAKER_FEATURES)


BARE_FEEDBACK = [
    "“Brilliant session, really well organised and the lunch was good.”",
    "“It made a real difference to hear from others in the same boat.”",
    "“Very useful day.”",
]


def test_quotes_without_their_introduction_score_lower(trained):
    cfg, _, _, detector, stance = trained
    params = _params(cfg)
    alone = analyse(BARE_FEEDBACK, detector, stance, params)
    intro = "Some of the comments shared by participants who came along included:"
    carried = analyse(BARE_FEEDBACK, detector, stance, params, [intro] * 3)
    assert all(c.score > a.score for c, a in zip(carried, alone)), ([a.score for a in alone], [c.score for c in carried])
    assert all(r.evidence["context"] == intro for r in carried)
    with pytest.raises(ValueError, match="contexts"):
        analyse(CURATED_BLOG[1:4], detector, stance, params, [intro])


def test_professional_and_media_voices_without_lived_experience_are_not_narratives(trained):
    cfg, _, _, detector, stance = trained
    texts = ["I always wanted to become a nurse. After twelve years as a ward sister I still love my career, even on "
             "the nights when I get home after midnight.",
             "I think the lead actor gave a tour de force performance; the movie captures the loneliness of the ward."]
    for r in analyse(texts, detector, stance, _params(cfg)):
        assert not r.is_user_narrative and r.stance == "n/a"
        assert r.evidence["decided_by"] in ("detector", "voice rule")


def test_collective_and_bracket_attributed_voices_are_narratives_and_staff_roles_are_not(trained):
    cfg, _, _, detector, stance = trained
    voices = ["We are a group run by and for people who have been through the psychiatric system. We have all been "
              "detained, and we want an end to restraint on the wards.",
              "“Nobody explained what the medication was for or why my dose kept changing.” (Service user, focus "
              "group)"]
    staff = ["My role as the trust's head of patient experience is to make sure the feedback we receive reaches the "
             "teams who can act on it, and I meet the complaints team every Monday.",
             "I have worked on an acute admissions ward for nine years and spend much of every shift on the phone "
             "chasing beds for people in crisis.",
             "Below we share a selection of the letters readers sent us after last month's article on care home fees."]
    found = analyse(voices + staff, detector, stance, _params(cfg))
    assert [r.is_user_narrative for r in found] == [True, True, False, False, False], [r.score for r in found]
    assert all(r.stance == "transformative" for r in found[:2])


def test_stance_weights_are_validated():
    with pytest.raises(ValueError):
        NarrativesParams(stance_weights={"hopeful": 2.0})
    assert NarrativesParams(stance_weights={"co-opted": 1.25}).stance_weights["co-opted"] == 1.25


STORY = ["I was admitted to the ward in March after my second breakdown. My sister visited every evening and the "
         "nurses let her stay late. After six weeks I went home on new medication and started seeing a community "
         "nurse once a fortnight."]


#: A map of the stance model's scores alone (the identity: calibrated = the model's probabilities).
MODEL_MAP = StanceCalibration(labels=STANCES, coef=np.eye(3).tolist(), intercept=[0.0, 0.0, 0.0])
#: A map that reads both models: p proportional to p_model x p_second_opinion.
BLEND_MAP = StanceCalibration(labels=STANCES, features=[f"{src}.{s}" for src in ("model", "second") for s in STANCES],
                              coef=np.hstack([np.eye(3), np.eye(3)]).tolist(), intercept=[0.0, 0.0, 0.0])


def _with(cfg, **changes) -> NarrativesParams:
    return NarrativesParams(**{**_params(cfg).model_dump(), **changes})


def test_the_stance_blends_the_model_with_its_fine_tuned_second_opinion(trained):
    cfg, _, _, detector, stance = trained
    params = _with(cfg, stance_calibration=MODEL_MAP, stance_second_opinion_weight=0.5)
    assert stance.second_opinion is not None
    [r] = analyse(STORY, detector, stance, params)
    assert r.is_user_narrative and r.evidence["decided_by"] == "detector + stance model + second opinion"
    opinion, w = r.evidence["stance_second_opinion"], params.stance_second_opinion_weight
    assert set(opinion) == set(r.stance_scores) and abs(sum(opinion.values()) - 1) < 1e-3
    blend = {k: (1 - w) * r.stance_scores[k] + w * opinion[k] for k in opinion}
    assert r.stance == max(blend, key=blend.get)
    assert r.evidence["stance_calibrated"] == MODEL_MAP.apply(r.stance_scores)  # kept as evidence
    assert r.evidence["stance_reasons"] is None  # the fixed blend decided, not the map
    [again] = analyse(["A heading line", *STORY], detector, stance, params)[1:]
    assert again.evidence["stance_second_opinion"] == opinion  # one paragraph per call: batch-mates change nothing


def test_a_map_that_reads_the_second_opinion_is_the_blend_and_reads_what_classify_reports(trained):
    cfg, _, _, detector, stance = trained
    params = _with(cfg, stance_calibration=BLEND_MAP, stance_second_opinion_weight=0.0)
    assert params.stance_second_opinion_used  # the map asks for the second opinion whatever the weight
    [r] = analyse(STORY, detector, stance, params)
    opinion, cal = r.evidence["stance_second_opinion"], r.evidence["stance_calibrated"]
    assert opinion is not None and r.evidence["decided_by"] == "detector + stance model + second opinion"
    product = {k: r.stance_scores[k] * opinion[k] for k in opinion}
    assert r.stance == max(cal, key=cal.get) == max(product, key=product.get)
    # a fit on `colens classify` output rebuilds the same inputs from the evidence
    assert BLEND_MAP.apply(r.stance_scores, StanceContext.from_evidence(r.evidence)) == cal
    why = r.evidence["stance_reasons"]
    assert why["stance"] == r.stance and why["over"] in set(cal) - {r.stance}
    assert set(why["for"]) | set(why["against"]) <= set(BLEND_MAP.features)
    if (shipped := _params(cfg).stance_calibration) is not None:
        [s] = analyse(STORY, detector, stance, _params(cfg))
        assert s.evidence["stance_calibrated"] == shipped.apply(s.stance_scores, StanceContext.from_evidence(s.evidence))


def test_without_the_second_opinion_the_stance_is_read_through_the_calibration(trained):
    cfg, _, _, detector, stance = trained
    params = _with(cfg, stance_calibration=MODEL_MAP.model_copy(update={"intercept": [0.0, -0.5, 0.2]}),
                   stance_calibration_with_publisher=None, stance_second_opinion_weight=0.0)
    assert not params.stance_second_opinion_used
    [r] = analyse(STORY, detector, stance, params)
    assert r.is_user_narrative and r.evidence["decided_by"] == "detector + stance model"
    assert r.evidence["stance_second_opinion"] is None
    cal = r.evidence["stance_calibrated"]
    assert cal == params.stance_calibration.apply(r.stance_scores) and r.stance == max(cal, key=cal.get)
    plain = NarrativesParams(**{**params.model_dump(), "stance_calibration": None})
    [raw] = analyse(STORY, detector, stance, plain)
    assert raw.evidence["stance_calibrated"] is None and raw.stance_scores == r.stance_scores
    assert raw.stance == max(raw.stance_scores, key=raw.stance_scores.get)


def test_the_detection_calibration_maps_the_score_and_keeps_the_detector_own(trained):
    cfg, _, _, detector, stance = trained
    # the second opinion off: a close call's blended score would stand between the map and the detector's own
    params = NarrativesParams(**{**_params(cfg).model_dump(), "detection_calibration": None,
                                 "detection_second_opinion_weight": 0.0})
    texts = ["I was admitted to the ward in March after my second breakdown. My sister visited every evening and the "
             "nurses let her stay late. After six weeks I went home on new medication.",
             "Patient stories help our staff learn. We invite patients to share their story with the board."]
    plain = analyse(texts, detector, stance, params)
    assert all(r.evidence["detector_score"] == r.score for r in plain)
    # a map that reads "story" words as strongly against a voice turns the second paragraph down, never the first
    cal = {"features": ["detector_logit", "cue.story_word"], "coef": [1.0, -8.0], "intercept": 0.0}
    mapped = analyse(texts, detector, stance, NarrativesParams(**{**params.model_dump(), "detection_calibration": cal}))
    assert [r.evidence["detector_score"] for r in mapped] == [r.score for r in plain]
    assert mapped[0].is_user_narrative and mapped[0].score == pytest.approx(plain[0].score, abs=1e-3)
    assert mapped[1].evidence["cues"].get("story_word") and mapped[1].score < plain[1].score
    assert not mapped[1].is_user_narrative and mapped[1].score < 0.01
    assert all(r.evidence["detection_calibrated"] for r in mapped)
    assert not any(r.evidence["detection_calibrated"] for r in plain)


def test_a_quotation_read_with_its_introduction_keeps_the_detector_own_score(trained):
    """The map is fitted on stand-alone passages: a quotation that inherits its introduction is scored by the
    detector alone, whatever the map says of the introduction's words."""
    cfg, _, _, detector, stance = trained
    params = _params(cfg)
    assert params.detection_calibration is not None  # on in params.yaml since 2026-12-06 (twenty-first session)
    paras = ["At the end of the course we asked the parents what had helped. Some of the things said by parents included:",
             "“We finally felt listened to, and the group gave us somewhere to say how hard the waiting had been.”"]
    contexts = quote_contexts(paras, params.context_max_quotes)
    assert contexts[1]
    [intro, quote] = analyse(paras, detector, stance, params, contexts)
    assert quote.evidence["context"] and not quote.evidence["detection_calibrated"]
    assert quote.score == quote.evidence["detector_score"]
    assert intro.evidence["detection_calibrated"] and intro.score != intro.evidence["detector_score"]


def test_close_calls_run_from_the_floor_to_where_a_blend_can_no_longer_change_the_decision():
    params = NarrativesParams(threshold=0.3, detection_second_opinion_weight=0.3, detection_second_opinion_floor=0.2)
    edge = 0.3 / 0.7
    assert [close_call(s, params) for s in (0.19, 0.2, 0.3, edge - 1e-6, edge, 0.9)] == [
        False, True, True, True, False, False]
    off = NarrativesParams(**{**params.model_dump(), "detection_second_opinion_weight": 0.0})
    assert not any(close_call(s, off) for s in (0.0, 0.25, 0.3, 0.5))


#: Paragraphs near the line: staff retelling, aggregate feedback, a carer's aside, a quote with no speaker named.
BORDERLINE = [
    "One mum told our volunteer that the group was the first place she had felt listened to since the birth, and "
    "she now comes every week with her baby.",
    "Feedback from people who used the crisis café was mostly positive, although some said the opening hours did "
    "not suit them.",
    "My dad has been in the care home since January. The staff are kind but we are never told when his "
    "medication changes, and I have had to ring three times this month.",
    "\u201cIt made a real difference to have someone who had been there too.\u201d",
    "As a peer worker I draw on my own recovery every day, and I know how frightening the first appointment can be.",
    "The report includes the accounts of twelve young people who left care at eighteen, several of whom described "
    "sofa-surfing for months before a council flat was found.",
    "I waited eleven months for an assessment. In the end my GP wrote to the MP.",
    "Patients said that the new booking system was confusing and that they could not get through on the phone.",
]


def test_close_calls_are_decided_with_the_detectors_second_opinion(trained):
    cfg, _, _, detector, stance = trained
    params = _params(cfg)
    w = params.detection_second_opinion_weight
    assert detector.second_opinion is not None and w == 0.3 and detector.second_opinion.labels == detector.labels
    results = analyse(BORDERLINE, detector, stance, params)
    asked = [r for r in results if r.evidence["detection_second_opinion"] is not None]
    assert asked, [r.score for r in results]
    for r in results:
        opinion = r.evidence["detection_second_opinion"]
        if opinion is None:
            assert r.evidence["voice_veto"] or not close_call(r.score, params)
            assert r.is_user_narrative == (r.score >= params.threshold and not r.evidence["voice_veto"])
            continue
        before = opinion["score_before"]
        assert close_call(before, params) and 0 <= opinion["narrative"] <= 1
        assert r.score == round((1 - w) * before + w * opinion["narrative"], 4)
        assert r.is_user_narrative == (r.score >= params.threshold)
        assert r.evidence["decided_by"].startswith("detector + second opinion")
    # one paragraph per call: the same verdicts alone as in a batch
    alone = [analyse([t], detector, stance, params)[0] for t in BORDERLINE]
    assert [(r.score, r.is_user_narrative) for r in alone] == [(r.score, r.is_user_narrative) for r in results]


def test_without_the_detectors_second_opinion_its_score_decides(trained):
    cfg, _, _, detector, stance = trained
    params = NarrativesParams(**{**_params(cfg).model_dump(), "detection_second_opinion_weight": 0.0})
    with_it = analyse(BORDERLINE, detector, stance, _params(cfg))
    results = analyse(BORDERLINE, detector, stance, params)
    for r, s in zip(results, with_it):
        assert r.evidence["detection_second_opinion"] is None
        assert r.score == (s.evidence["detection_second_opinion"] or {"score_before": s.score})["score_before"]
        assert r.is_user_narrative == (r.score >= params.threshold and not r.evidence["voice_veto"])


def test_a_map_that_reads_the_publisher_decides_where_the_publisher_is_known(trained):
    cfg, _, _, detector, stance = trained
    features = [*(f"model.{s}" for s in STANCES), "publisher.public_body"]
    towards_coopted = StanceCalibration(labels=STANCES, features=features, coef=[[1, 0, 0, 9], [0, 1, 0, 0], [0, 0, 1, 0]],
                                        intercept=[0.0, 0.0, 0.0])
    params = _with(cfg, stance_calibration=MODEL_MAP, stance_calibration_with_publisher=towards_coopted,
                   stance_second_opinion_weight=0.0)
    trust = Publisher("public_body", "url: https://www.example.nhs.uk/stories")
    unknown, known = analyse(STORY * 2, detector, stance, params, publishers=[Publisher(), trust])
    assert unknown.evidence["publisher"] is None and unknown.evidence["stance_map"] == "stance_calibration"
    assert unknown.stance == max(unknown.stance_scores, key=unknown.stance_scores.get)  # the identity map decided
    assert known.evidence["publisher"] == {"kind": "public_body", "read_from": "url: https://www.example.nhs.uk/stories"}
    assert known.evidence["stance_map"] == "stance_calibration_with_publisher" and known.stance == "co-opted"
    assert "publisher.public_body" in known.evidence["stance_reasons"]["for"]
    # a fit on `colens classify` output rebuilds the map's inputs, the publisher included, from the evidence
    context = StanceContext.from_evidence(known.evidence)
    assert towards_coopted.apply(known.stance_scores, context) == known.evidence["stance_calibrated"]
    with pytest.raises(ValueError, match="1 publishers for 2 texts"):
        analyse(STORY * 2, detector, stance, params, publishers=[trust])
