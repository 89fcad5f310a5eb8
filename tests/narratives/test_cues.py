"""Word-level narrative cues, the framing cues on each side of the stance and the critique-of-co-optation test
(pipelines.narratives.cues; no models). Cues are features and evidence, never a gate."""

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


def test_policy_text_is_not_worth_asking_about():
    # `is_candidate` only picks paragraphs for the active-learning loop; the scan scores every paragraph
    for text in (
        "Trusts should report survey results to the board quarterly and benchmark them nationally.",
        "Co-production is an equal relationship between professionals and the people who use services.",
    ):
        assert not find_cues(text).is_candidate, text


def _framing(text: str, side: str) -> set[str]:
    return {k.split(".", 1)[1] for k in find_cues(text).framing if k.startswith(side + ".")}


def test_co_opted_framing_cues():
    cases = {
        "institution_narrator": "We are proud to share Amal's story in our newsletter this month.",
        "success": "Thanks to the team, Ben says the service changed his life.",
        "journey": "Her road to recovery began with a referral to the crisis team.",
        "resilience": "Through resilience and a positive attitude he learned to manage his symptoms.",
        "employability": "Eighteen months later she is back in work and volunteering at the cafe.",
        "praise": "The nurses were brilliant and so kind; they gave me my confidence back.",
    }
    for group, text in cases.items():
        assert group in _framing(text, "coopted"), (group, text)


def test_transformative_framing_cues():
    cases = {
        "critique": "I was restrained and ignored, then turned away with a waiting list letter.",
        "rights": "We were denied our rights under the Mental Health Act because of racism.",
        "power": "The psychiatric system keeps power and control with the consultant.",
        "collective": "Our campaign brought survivors together in solidarity; we demand an end to forced treatment.",
        "user_led": "The group is survivor-led: nothing about us without us.",
    }
    for group, text in cases.items():
        assert group in _framing(text, "transformative"), (group, text)


def test_describing_the_use_of_stories_is_not_a_critique_of_cooptation():
    for text in (
        "Our trust shows patient stories to new staff at induction to inspire them.",
        "Patient stories are shared at every board meeting so that directors hear the patient voice.",
    ):
        assert not find_cues(text).critique_of_cooptation, text
    for text in (
        "Critics argue that patient stories have been co-opted by trusts to promote their own agendas.",
        "Survivor narratives are sanitised and polished until they sell the service back to us.",
        "Patient stories are used by the trust to promote its brand, but the people who tell them are never paid.",
    ):
        assert find_cues(text).critique_of_cooptation, text


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


def test_complaints_about_services_are_critique_framing():
    # a first-person complaint about how a service treated the narrator is a critique of services (codebook)
    cases = [
        "I was on hold to the crisis line for forty minutes and then they asked if I'd tried a bath.",
        "The letter said she did not meet the threshold, and I was told she was not ill enough to be seen.",
        "They weren't expecting me when I arrived, and my referral had gone to the wrong postcode.",
        "I had to chase them for months; nobody came and nobody explained why.",
    ]
    for text in cases:
        assert "critique" in _framing(text, "transformative"), text


def test_rights_and_respect_claims_are_transformative_framing():
    for text in ("I want people to listen to me and treat me with dignity.",
                 "It took a subject access request to see my own records, and a tribunal to put it right."):
        assert "rights" in _framing(text, "transformative"), text


def test_crisis_vocabulary_is_not_critique():
    # a crisis story stays neutral unless it turns into critique (codebook): these words describe the crisis
    for text in ("As a young adult I struggled with substance abuse and self harm after traumatic childhood events.",
                 "I was advised to look at power of attorney and a move to a care home.",
                 "I have had five admissions, the last one under the Mental Health Act.",
                 "They always talk to me about my problems, and I was angry and alone before I came."):
        assert not _framing(text, "transformative"), (text, find_cues(text).framing)


def test_trust_page_and_appeal_tropes_are_co_opted_framing():
    cases = {
        "praise": "It's very rewarding, and being able to give something back makes it all worthwhile.",
        "success": "Your gift of £25 could help another young person like Jay; he now works as an apprentice.",
        "resilience": "There were services trying to help me, but I wasn't ready until I hit rock bottom.",
    }
    for group, text in cases.items():
        assert group in _framing(text, "coopted"), (group, text)


def test_mistreatment_institution_role_and_collective_survivor_cues():
    harm = find_cues("The registrar examined me without my consent and I was left on my own for hours.").framing
    assert harm.get("transformative.mistreatment")
    role = find_cues("Priya joined as a peer support worker; her own experience means she can build trust fast.").framing
    assert role.get("coopted.institution_role") and not role.get("transformative.mistreatment")
    assert find_cues("Those of us who have been sectioned know what a locked door does.").framing.get(
        "transformative.collective")
    # self-blame and a crisis symptom are not a critique of services
    assert not find_cues("I fail to find a dress and had thoughts of wanting to harm others.").framing.get(
        "transformative.critique")


def test_caring_for_someone_and_being_handed_a_leaflet_are_not_praise():
    # praise is an adjective about staff or a gift of confidence, not a carer's work or a leaflet handed over
    assert "praise" not in _framing("When I started caring for my father I had no idea how hard it would be.", "coopted")
    assert "praise" not in _framing("They gave me a leaflet about anxiety and told me to go home.", "coopted")
    assert "praise" in _framing("The staff on the ward were so caring with my mum.", "coopted")
    assert "praise" in _framing("Volunteering gave me the confidence to apply for college.", "coopted")
    assert "success" not in _framing("I was awarded the higher rate of the benefit for an indefinite period.", "coopted")


def test_a_participants_recommendation_is_endorsement_framing():
    # a participant promising to bring others, or recommending the course, speaks for the organiser's event
    for text in ["“I would definitely recommend the course to other dads on the estate.”",
                 "“I'll tell my friends at the mosque about the group, they would love it.”",
                 "“I will come again to the next café and bring my sister.”"]:
        assert "endorsement" in _framing(text, "coopted"), text
    assert "endorsement" not in _framing("The GP recommended physiotherapy, but the waiting list was five months.",
                                         "coopted")
