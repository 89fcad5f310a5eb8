"""The cheap cue pass and framing cues of pipelines.narratives.cues (no models)."""

from pipelines.narratives.cues import FEATURE_NAMES, feature_vector, find_cues
from tests.conftest import SEEDS


def _seed_paragraph(prefix: str, needle: str) -> str:
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    return next(p for p in text.splitlines() if needle in p)


def test_first_person_testimony_is_a_candidate():
    h = find_cues("When I was sectioned, nobody asked me what I needed. I was restrained on my second night.")
    assert h.is_candidate and h.first_person_experience and h.narrative_type == "first_person"
    assert "nobody asked" in " ".join(h.framing["transformative.critique"]).lower()


def test_attributed_quote_and_standalone_quote():
    h = find_cues("'It changed my life,' says Sarah, who uses the service.")
    assert h.attributed_quote and h.narrative_type == "quoted"
    assert "changed my life" in h.framing["coopted.success"][0]
    feedback = _seed_paragraph("003", "The role-play was helpful")
    assert find_cues(feedback).standalone_quote and find_cues(feedback).is_candidate


def test_retold_story_is_a_candidate():
    h = find_cues("Jo's story shows how the team helped her back into work after years of struggling.")
    assert h.is_candidate and h.narrative["story_word"] == ["story"]
    assert h.framing["coopted.employability"]


def test_policy_text_is_not_a_candidate():
    for text in (
        "Trusts should report survey results to the board quarterly and benchmark them nationally.",
        "Co-production is an equal relationship between professionals and the people who use services.",
    ):
        assert not find_cues(text).is_candidate, text


def test_seed002_commodity_passage_is_a_critique_of_cooptation():
    para = _seed_paragraph("002", "commodity")
    h = find_cues(para)
    assert h.critique_of_cooptation and h.is_candidate and h.narrative_type == "discussed"
    assert any("commodit" in p for p in h.cooptation_phrases)
    assert any("narratives" in p for p in h.cooptation_phrases)
    # the neighbouring definition paragraph talks about co-production, not about narratives
    assert not find_cues(_seed_paragraph("002", "excessive elasticity")).critique_of_cooptation


def test_feature_vector_shape_and_range():
    v = feature_vector(find_cues("\"I felt ignored,\" says one patient. Our service is proud of its award."))
    assert v.shape == (len(FEATURE_NAMES),) and (v >= 0).all() and (v < 1).all() and v.sum() > 0
