"""Parse-based voice features (pipelines.narratives.voice): each voice form of a user narrative, each look-alike
negative, and the heading rule. Passages written for these tests."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.narratives.features import speaker_matrix, voice_matrix
from pipelines.narratives.voice import SPEAKER_FEATURES, VOICE_FEATURES, find_voice, is_heading


@pytest.fixture(scope="module")
def voice(nlp):
    from pipelines.nlp import parse_texts

    def read(text: str):
        return find_voice(next(parse_texts(nlp, [text])))

    return read


def test_first_person_narrated_events_without_experience_verbs(voice):
    v = voice("A steering group was set up at the day centre, which I joined in the spring. Over the next year we "
              "wrote a training course for reception staff, drawing on what had happened to us.")
    assert v.count("first_person_past") >= 1 and v.count("first_person_plural_past") >= 1 and v.own_voice >= 2
    assert "I joined" in v.evidence()["first_person_past"]


def test_reported_speech_of_one_service_user(voice):
    v = voice("One service user told us that the new booking line left her on hold for an hour every morning.")
    assert v.count("user_speaks") == 1 and not v.count("aggregate")


def test_quotation_with_attribution(voice):
    v = voice("“I stopped going because nobody remembered my name,” says Tomasz, who used the drop-in for two years.")
    assert v.count("quote_first_person") == 1 and v.count("quote_attributed") == 1


def test_named_person_with_age_and_third_person_story(voice):
    v = voice("Marika, 52, was referred to the memory clinic after she got lost driving home from work. "
              "She waited five months for an assessment.")
    assert v.count("named_person_age") >= 1 and v.count("third_person_story") >= 2 and v.own_voice == 0


def test_professional_speaking_of_their_own_work_is_marked(voice):
    v = voice("As a community psychiatric nurse, I have visited families in their homes for twenty years. "
              "My caseload has doubled since 2015.")
    assert v.count("professional_self") >= 2
    staff = voice("Ward manager Priya Nair said the unit had reduced waiting times by a third.")
    assert staff.count("professional_speaks") == 1 and not staff.count("user_speaks")


def test_aggregate_findings_invitations_and_passages_about_stories_are_marked(voice):
    assert voice("Respondents reported that 62% of appointments started late; most participants wanted "
                 "evening clinics.").count("aggregate") >= 2
    assert voice("Would you like to tell us about your care? Please get in touch with the patient "
                 "experience team.").count("invitation") >= 2
    assert voice("Patient stories are a powerful way to help staff understand what matters to the people "
                 "they care for.").count("about_stories") >= 1


def test_headings_and_one_line_titles(voice):
    for heading in ("Patient stories", "My recovery journey", "Share your story", "Anxiety: Living With It",
                    "By Amira, peer support worker", "Why do we collect patient stories?",
                    "Ten Things Nobody Tells You About The Ward.",
                    "Below is part of the letter he sent to the ward manager:"):
        assert is_heading(heading), heading
        assert voice(heading).heading
    for sentence in ("I remember sleeping in my car for most of that January.",
                     "My name is Dylan and I am in recovery.",
                     "Visiting hours are from 10am to 8pm on all wards."):
        assert not is_heading(sentence), sentence


def test_feature_vectors_have_the_named_shape(nlp):
    from pipelines.nlp import parse_texts

    docs = list(parse_texts(nlp, ["I was discharged on a Friday with no plan.", "Our strategy for 2025"]))
    v = voice_matrix(docs)
    assert v.shape == (2, len(VOICE_FEATURES)) and np.isfinite(v).all()
    assert v[1, VOICE_FEATURES.index("heading")] == 1 and v[0, VOICE_FEATURES.index("heading")] == 0
    s = speaker_matrix(docs)
    assert s.shape == (2, len(SPEAKER_FEATURES)) and s[0, SPEAKER_FEATURES.index("own_voice")] > 0


def test_collective_we_of_a_user_led_group(voice):
    v = voice("We are a survivor-led collective and most of us have been detained at some point. We meet monthly "
              "and our members decide what we campaign on.")
    assert v.count("collective_user_voice") >= 2 and not v.vetoed_by("professional_and_media")


def test_single_line_first_person_claims_of_lived_experience(voice):
    for line in ("I know what it is like to sleep in a bus shelter in February.",
                 "My name is Ruth, and I'm an alcoholic.",
                 "I have had three admissions to the same ward in four years."):
        assert voice(line).count("lived_experience_claim") >= 1, line


def test_professional_career_and_media_voices_are_not_user_voices(voice):
    nurse = voice("I always wanted to become a nurse, and after twelve years as a ward sister I still love my career.")
    assert nurse.count("professional_career") >= 1
    assert nurse.vetoed_by("professional_and_media") and not nurse.vetoed_by("media")
    review = voice("I think the lead actor gave a tour de force performance; the movie captures the loneliness well.")
    assert review.count("media") >= 2 and review.vetoed_by("media") and not review.vetoed_by("off")
    peer = voice("As a peer worker I draw on my own lived experience: I was sectioned twice in my twenties.")
    assert not peer.vetoed_by("professional_and_media")


def test_a_writer_naming_their_own_care_job_is_a_staff_voice_unless_they_claim_lived_experience(voice):
    """The default `staff_and_media` rule: "I'm a psychiatrist" (contracted too) vetoes; a career frame alone does
    not (it opens service users' own stories), and a claim of lived experience lifts the veto."""
    staff = ["I’m a psychiatrist. At parties the next question is nearly always whether I section people.",
             "I am a community nurse and spend most of my week on home visits across the valley.",
             "I have worked in a small rural hospital for eleven years, mostly on nights."]
    for line in staff:
        v = voice(line)
        assert v.count("staff_identity") == 1 and v.vetoed_by("staff_and_media") and not v.vetoed_by("media"), line
    both = ["I'm a nurse, and I was sectioned twice in my twenties.",
            "I am a support worker and I have lived experience of psychosis myself.",
            "I worked on a busy surgical ward for years before I became unwell myself."]
    for line in both:
        v = voice(line)
        assert v.count("lived_experience_claim") >= 1 and not v.vetoed_by("staff_and_media"), line
    nurse = voice("I always wanted to become a nurse, and after twelve years as a ward sister I still love my career.")
    assert not nurse.vetoed_by("staff_and_media") and nurse.vetoed_by("professional_and_media")


def test_everyday_words_shared_with_media_reviews_are_no_media_voice(voice):
    """"wrong track", "tour agent" and a work "performance" veto nothing (they dropped real stories once)."""
    for line in ("My life started off on the wrong track when I was sent to a special school.",
                 "I was working as a nanny and a tour agent when I became unwell for the first time.",
                 "After my performance review I went off sick, and the GP signed me off for a month.",
                 "Since the treatment I cannot remember conversations, books, movies, holidays or birthdays."):
        v = voice(line)
        assert v.count("media") == 0 and not v.vetoed_by("media"), line


def test_speaker_interactions_institution_framing_and_own_critique(nlp):
    from pipelines.nlp import parse_texts

    docs = list(parse_texts(nlp, [
        "Leon was referred to our recovery college after a long stay on the ward. He now volunteers with our team.",
        "I waited nine months for therapy and nobody listened when I said I was getting worse.",
    ]))
    s = speaker_matrix(docs)
    frames, critique = SPEAKER_FEATURES.index("institution_frames_story"), SPEAKER_FEATURES.index("own_voice_critique")
    assert s[0, frames] > 0 and s[0, critique] == 0
    assert s[1, critique] > 0 and s[1, frames] == 0


def test_inpatient_stays_and_peer_roles_claim_lived_experience(voice):
    # a former in-patient or a peer worker speaks from lived experience, even next to a film or a job
    for line in ("I spent three weeks in total as an in-patient, and it was nothing like the films.",
                 "Being a peer support worker in the NHS was harder than my own admission.",
                 "I was two months in a psychiatric unit after my son was born."):
        v = voice(line)
        assert v.count("lived_experience_claim") >= 1 and not v.vetoed_by("professional_and_media"), line
    assert voice("As a nurse I spent years on the ward.").count("lived_experience_claim") == 0


def test_a_docs_voice_is_read_once_and_never_stored_with_its_parse(nlp):
    """The scan, the detector and the stance model share one reading of a paragraph's voice; it lives in the
    Doc's user data, which the parse cache (a DocBin) does not serialise."""
    from spacy.tokens import DocBin

    from pipelines.nlp import parse_texts

    doc = next(parse_texts(nlp, ["I was admitted to the ward in May and nobody explained why."]))
    first = find_voice(doc)
    assert find_voice(doc) is first and find_voice(doc, 3) is not first
    assert first.count("first_person_past") >= 1
    restored = next(DocBin().from_bytes(DocBin(docs=[doc]).to_bytes()).get_docs(nlp.vocab))
    assert not restored.user_data


def test_a_group_of_users_acting_together_is_marked_not_an_aggregate(voice):
    v = voice("Parents of children who use the Larkfield respite unit gathered outside county hall on Monday, saying "
              "the closure would leave their families with nowhere to turn.")
    assert v.count("users_act") == 1 and v.user_voice
    tenants = voice("Tenants of the supported flats have written to the housing association, accusing it of "
                    "ignoring reports of damp.")
    assert tenants.count("users_act") == 1
    finding = voice("Most residents said they felt safe and that staff knew them well.")
    assert not finding.count("users_act") and finding.count("aggregate")


def test_a_professional_on_their_own_role_or_ward_is_marked(voice):
    assert voice("My role as the trust's head of patient experience is to make sure feedback reaches the teams who "
                 "can act on it.").count("professional_self") == 1
    assert voice("I have worked on an acute admissions ward for nine years and spend most shifts chasing "
                 "beds.").count("professional_self") == 1


def test_a_relative_naming_their_role_and_findings_about_people_spoken_to(voice):
    # a carer's claim of lived experience in one line (a letter to a paper), and a finding about the people a
    # study spoke with (aggregate, not anyone's voice)
    assert voice("SIR - I am the father of a young woman who lives at the Elms, which is to close next "
                 "spring.").count("lived_experience_claim") == 1
    assert voice("Peer groups online mattered to many of the people we spoke with; they felt less alone "
                 "there.").count("aggregate") >= 1


def test_care_workers_and_the_doctor_on_call_speak_as_staff(voice):
    assert voice("I've been a support worker for six years, mostly with older people in their own "
                 "homes.").count("staff_identity") == 1
    assert voice("At midnight I was the only on-call junior doctor for the whole psychiatric "
                 "unit.").count("staff_identity") == 1
    # a claim of lived experience beside a past job: both are read, the claim lifts the veto (voice_rule)
    mixed = voice("I was a care assistant for years before I became unwell myself and was admitted.")
    assert mixed.count("staff_identity") == 1 and mixed.count("lived_experience_claim") == 1


def test_a_charity_we_beside_a_user_group_is_no_collective_user_voice(voice):
    # "we" beside a user group is a collective user voice only when the two are the same people
    assert voice("We're here for people with learning disabilities and their families, every day of the "
                 "year.").count("collective_user_voice") == 0
    assert voice("We are all people with lived experience of the benefits system.").count("collective_user_voice") == 1


MEETING_RECORDS = [
    "Councillor Haddon asked whether tenants on the Elm Court estate had been told about the boiler works. He said "
    "that residents felt ignored and that several had waited weeks for hot water.",
    "· The Panel noted that fewer people now met the criteria for the day service, which raised a concern about "
    "whether families were being supported.",
    "RT stated that when the service first opened there had been lots of involvement and asked if this still happens. "
    "PW confirmed the new plan brings the groups together.",
    "Councillor Amos praised the new carers' strategy but felt that young carers had been left out of it.",
    "A spokesperson said: “We are sorry that Mrs Hale's care fell short and we have apologised to her family.”",
    "A council spokeswoman said the respite unit would reopen in the spring.",
]


@pytest.mark.parametrize("text", [
    "The GP confirmed my diagnosis after three appointments, and I finally understood why I had been so tired.",
    "The committee was set up in 2019 by parents who wanted a say in how the respite service was run.",
    "I told the Chair that I had waited nine months for an assessment, and nobody had called me back.",
])
def test_a_meeting_word_in_a_users_own_story_is_no_meeting_record(voice, text):
    assert voice(text).count("meeting_record") == 0, text


@pytest.mark.parametrize("text", [
    "For nearly twenty years I've been a respiratory therapist, and I still love the night shifts.",
    "I am a caseworker and our team has noticed that more claims are refused at review.",
    "As a student nurse I remember asking to spend time on the learning disability ward.",
])
def test_any_care_role_the_writer_names_is_a_staff_voice(voice, text):
    v = voice(text)
    assert v.count("staff_identity") >= 1 and v.vetoed_by("staff_and_media"), text


def test_being_a_patient_or_a_carer_is_no_staff_role(voice):
    for text in ["I was a very frightened patient on that ward for three weeks.", "As a carer, I know how hard it is."]:
        assert voice(text).count("staff_identity") == 0, text


OFFICIALS = [
    "“We know the wait for a first appointment is too long right now,” said Dana Whitfield, the trust's associate "
    "director of community services.",
    "“If anyone is worried about a friend, we will always make time to see them the same day,” explains Carl "
    "Ibbotson, a senior lecturer and wellbeing lead at the college.",
    "Priya Nandra, Chief Executive of Northgate Mind, said the new crisis café had seen 400 visitors in its first "
    "year.",
    "Marion is a retired district nurse and now sits on the board. “You meet people at the worst time of their "
    "lives,” she says.",
    "Aisha, an outreach worker from Bradford, spends her mornings at the bus station. Aisha said: “Most of them just "
    "want someone to sit down with them for ten minutes.”",
]


@pytest.mark.parametrize("text", [
    # a peer role is a user's own voice
    "“Nobody explained my section to me until day four,” said Kieran Doyle, a peer support worker at the hub.",
    # a user's story told beside the official's comment
    "Tom, 34, waited eleven hours in the emergency department before he was seen. “We are reviewing what "
    "happened,” said Ruth Lowe, the hospital's director of nursing.",
    # a story told of someone the official is not
    "Sarah saw Dr Jones, a psychiatrist at St Ann's, who said there was no bed for her until the following week.",
    # the writer's own account with an official named in it
    "I rang the helpline three times that week. Eventually I spoke to Ann Pryce, the duty manager, who promised a "
    "call back that never came.",
])
def test_an_official_beside_a_users_voice_vetoes_nothing(voice, text):
    assert not voice(text).vetoed_by("staff_and_media"), text


HELPERS = [
    "“In my first month I have supported families to get their heating fixed and helped a man back onto his "
    "medication. It feels good to be useful,” said Joe.",
    "“The town is small, so you run into people you've supported. Years later they have a flat and a job and they "
    "stop to say thank you.”",
    "Whilst working in a crisis house I came to dread Friday evenings, when the phones would not stop.",
    "I started at the hospice last spring. On my first shift I made tea in the day room all afternoon and had no "
    "idea what to say to anyone.",
    "Most weeks I help to sort the donations and I always say hello to the clients as they come through the door.",
]


@pytest.mark.parametrize("group,text", [
    *[("meeting_record", t) for t in MEETING_RECORDS],  # minutes and press statements speak for the body
    *[("official_speaker", t) for t in OFFICIALS],  # staff and officials named with their role
    *[("helper_voice", t) for t in HELPERS],  # a worker's or volunteer's view of the people they serve
])
def test_a_staff_voice_vetoes_a_narrative_under_the_staff_rule_only(voice, group, text):
    v = voice(text)
    assert v.count(group) >= 1 and v.vetoed_by("staff_and_media") and not v.vetoed_by("media"), text


def test_a_member_who_now_volunteers_tells_her_own_story(voice):
    v = voice("Wanting company after her husband died, Joan joined the lunch club in 2009. Four years later she began "
              "helping out as a volunteer on the reception desk, and she is still there every Tuesday.")
    assert v.count("helper_voice") == 0 and not v.vetoed_by("staff_and_media")


def test_a_helper_who_was_a_patient_is_a_users_voice(voice):
    v = voice("I was admitted to the unit twice in 2017. Since then I have supported other people on the same ward, "
              "which is the best thing I have ever done.")
    assert v.count("helper_voice") >= 1 and not v.vetoed_by("staff_and_media")


def test_a_claim_of_ones_own_condition_lifts_the_media_veto(voice):
    memoir = voice("This book sat inside me for years. In the first months of my stroke recovery I could not talk "
                   "about it, let alone write it down.")
    assert memoir.count("media") >= 1 and memoir.count("own_condition") == 1
    assert not memoir.vetoed_by("media")
    review = voice("This book is a tender portrait of a family living through a stroke, and the author writes well.")
    assert review.count("own_condition") == 0 and review.vetoed_by("media")


@pytest.mark.parametrize("text,vetoed", [
    ("Hi @pebble22 and welcome to the forum! I'm so sorry to hear that your dad's claim was turned down. Lots of "
     "members here have appealed, so I hope someone can share what helped.", True),
    ("Answer: I am sorry that you are both facing this. Support groups can help, and it is worth asking the GP.",
     True),
    ("Hi Jen, I'm sorry to hear that you're going through this. When my mum's claim was refused in 2019 we appealed "
     "and won after nine months.", False),
])
def test_a_reply_to_someone_elses_post_is_no_narrative_unless_the_replier_tells_their_own(voice, text, vetoed):
    v = voice(text)
    assert v.count("reply_to_poster") >= 1 and v.vetoed_by("staff_and_media") is vetoed and not v.vetoed_by("media")


@pytest.mark.parametrize("text", [
    # organisations speak as institutions ...
    "The Carers Alliance reported that most families had given up on the appeal long before the deadline.",
    "Waiting times for an autism assessment rose again last year, the NDRC found.",
    "The Inquiry heard evidence from relatives of people who died on the wards.",
    "In 2004, Parliament changed how councils charge for care at home.",
    # ... and dates, events and laws name no one
    "Lockdown has been hard on every family we support.",
    "September was the month the new charges began.",
    "The Care Act gave carers a right to an assessment.",
])
def test_a_capitalised_subject_that_is_no_person_tells_no_story(voice, text):
    v = voice(text)
    assert not any(v.count(g) for g in ("named_subject", "third_person_story", "user_speaks")), text


@pytest.mark.parametrize("text, name", [
    ("Maya was admitted to the ward after a fall at home, and stayed for three weeks.", "Maya"),
    ("Kidney patient Tom Reid said the unit had been his second home for a decade.", "Reid"),
])
def test_a_person_named_as_subject_still_tells_a_story(voice, text, name):
    v = voice(text)
    assert name in v.evidence().get("named_subject", []) and v.count("third_person_story") >= 1, text
