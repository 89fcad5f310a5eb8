"""The lexical cue block and the two cue tests the codebook rules use (media named, a service user's own voice)."""

import numpy as np

from pipelines.senses.cues import cue_matrix, cue_names, cue_vector, media_evidence, service_user_voice


def _at(text: str, mention: str) -> tuple[str, int, int, str]:
    i = text.index(mention)
    return text, i, i + len(mention), text


def test_cue_block_has_one_value_per_name_and_counts_families():
    text = "Following Jasanoff, STS scholars read the co-production of climate science and political order."
    vec = dict(zip(cue_names(), cue_vector(*_at(text, "co-production"))))
    assert len(vec) == len(cue_names())
    assert vec["cue_sent_sts"] > 0 and vec["cue_ctx_sts"] > 0 and vec["cue_sent_stage_music"] == 0
    assert cue_matrix([]).shape == (0, len(cue_names()))
    assert cue_matrix([_at(text, "co-production")] * 2).shape == (2, len(cue_names()))


def test_mention_shape_marks_code_identifiers_and_credits():
    code = dict(zip(cue_names(), cue_vector(*_at("if (!coProduction.length) return null;", "coProduction"))))
    assert code["shape_camel"] == 1.0 and code["shape_code_neighbour"] == 1.0 and code["cue_sent_code"] > 0
    credit = dict(zip(cue_names(), cue_vector(*_at("Mixed by Jo Park. Co-producer: Lee Chan.", "Co-producer"))))
    assert credit["shape_agent"] == 1.0 and credit["shape_camel"] == 0.0
    plain = dict(zip(cue_names(), cue_vector(*_at("We value co-production with carers.", "co-production"))))
    assert plain["shape_capital_midsentence"] == 0.0 and plain["shape_code_neighbour"] == 0.0


def test_media_evidence_needs_a_word_only_media_works_have():
    assert media_evidence("The album was co-produced in a Leeds studio.")
    assert media_evidence("A Franco-German co-production, the film premiered in Berlin.")
    assert not media_evidence("Staff updated my records and we agreed a plan for the next stage of my care.")
    assert not media_evidence("Being in the co-production group helped me play a bigger part in my recovery.")


def test_service_user_voice_is_first_person_about_involvement():
    assert service_user_voice("Joining the co-production group meant I finally felt listened to.")
    assert service_user_voice("I use mental health services and I co-produced the new leaflet.")
    assert not service_user_voice("The trust co-produced the new leaflet with people who use services.")
    assert np.isfinite(cue_vector(*_at("I co-produced it.", "co-produced"))).all()


def test_customer_involvement_is_firm_prose_but_a_public_service_is_not():
    from pipelines.senses.cues import firm_customer_prose

    # "involvement" alone names no public service: customer involvement in a firm's products is marketing
    assert firm_customer_prose("Co-production is the customer's involvement in creating the products a firm sells, "
                               "and it gives companies an edge over their rivals.")
    assert not firm_customer_prose("The housing association's customers shaped the repairs service through "
                                   "tenant involvement panels.")
    assert not firm_customer_prose("Patient involvement helped the company redesign its home dialysis kit.")


def test_co_products_are_marked_and_their_context_counted():
    feed = "Wet milling leaves corn gluten feed as a coproduct that dairy rations absorb in large amounts."
    vec = dict(zip(cue_names(), cue_vector(*_at(feed, "coproduct"))))
    assert vec["shape_product"] == 1.0 and vec["cue_sent_life"] > 0
    assert vec["cue_sent_econ"] == 0  # the mention itself is no economics cue: the words around it decide
    plain = dict(zip(cue_names(), cue_vector(*_at("Residents co-produced the plan.", "co-produced"))))
    assert plain["shape_product"] == 0.0


def test_maths_and_defence_prose_are_counted():
    maths = "In the category of sets the coproduct is the disjoint union, with injections i: A \\to A + B."
    vec = dict(zip(cue_names(), cue_vector(*_at(maths, "coproduct"))))
    assert vec["cue_sent_maths"] > 0 and vec["cue_sent_defence"] == 0
    arms = "Under the deal the two governments will co-produce armoured vehicles and artillery shells."
    vec = dict(zip(cue_names(), cue_vector(*_at(arms, "co-produce"))))
    assert vec["cue_sent_defence"] > 0 and vec["cue_sent_maths"] == 0
