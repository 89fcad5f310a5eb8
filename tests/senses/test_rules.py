"""Codebook rules after the model: a service user's own voice is never a film credit unless a medium is named; firms
and their customers are not the participatory sense; nor is knowledge co-production that names no one participatory
research is done with."""

import numpy as np

from pipelines.senses.features import MentionSpan
from pipelines.senses.rules import (
    apply_rules,
    customers_are_not_citizens,
    knowledge_without_people,
    trade_not_participatory,
    voice_is_not_film,
)
from pipelines.senses.settings import LABELS


def _span(sentence: str, mention: str, passage: str = "") -> MentionSpan:
    i = sentence.index(mention)
    return MentionSpan(sentence, i, i + len(mention), passage)


FILM_HEAVY = [0.30, 0.02, 0.60, 0.02, 0.02, 0.04]


def test_first_person_service_user_voice_loses_its_film_probability():
    voice = _span("Being in the co-production group gave me back my confidence after years of being ignored.",
                  "co-production")
    assert voice_is_not_film(voice)
    out = apply_rules(np.asarray([FILM_HEAVY]), [voice], LABELS)
    assert LABELS[int(out[0].argmax())] == "participatory"
    assert out[0, LABELS.index("film_media")] == 0.0 and np.isclose(out.sum(), 1.0)


def test_a_musician_naming_the_record_keeps_film():
    musician = _span("I co-produced the EP with my brother in his studio.", "co-produced")
    passage_names_film = _span("I joined as co-producer last year.", "co-producer",
                               "I joined as co-producer last year. The documentary premiered at a festival.")
    third_person = _span("The trust co-produced the leaflet with patients.", "co-produced")
    for span in (musician, passage_names_film, third_person):
        assert not voice_is_not_film(span)
    out = apply_rules(np.asarray([FILM_HEAVY] * 3), [musician, passage_names_film, third_person], LABELS)
    assert np.allclose(out, FILM_HEAVY)


PARTICIPATORY_HEAVY = [0.70, 0.10, 0.02, 0.02, 0.02, 0.14]
FILM_FIRST = [0.35, 0.05, 0.45, 0.02, 0.03, 0.10]  # film the top sense, participatory second


def test_firms_and_customers_lose_the_participatory_sense():
    """Service-management and marketing prose (the codebook's `other`) read as participatory by the model."""
    text = ("Self-service kiosks in hotels turn guests into co-producers. This chapter asks how customers' "
            "co-production of check-in shapes their loyalty to the brand.")
    span = _span(text, "co-production", text)
    assert customers_are_not_citizens(span)
    out = apply_rules(np.asarray([PARTICIPATORY_HEAVY]), [span], LABELS)
    assert LABELS[int(out[0].argmax())] == "other"
    assert out[0, LABELS.index("participatory")] == 0.0 and np.isclose(out.sum(), 1.0)


def test_customers_of_public_services_keep_the_participatory_sense():
    """A housing association's or a council's "customers", and firms in a health study, stay open to the model."""
    cases = [
        "Our customers co-produce the repairs service with us: tenants sit on every panel that sets our standards.",
        "The council's customer services team co-produced the new website with residents.",
        "Companies and patients co-produced the app in a study of diabetes self-management.",
        "The trust co-produced the leaflet with patients.",
        # "consumer participation" is how some health systems name the people that access their services
        "Here co-production means consumers and professionals planning how the people that access our services are "
        "supported. Consumer participation runs through every programme.",
    ]
    spans = [_span(t, "co-produc", t) for t in cases]
    for span in spans:
        assert not customers_are_not_citizens(span)
    out = apply_rules(np.asarray([PARTICIPATORY_HEAVY] * len(spans)), spans, LABELS)
    assert np.allclose(out, PARTICIPATORY_HEAVY)


def test_the_customer_rule_leaves_a_film_reading_alone():
    """Only a participatory reading moves: a film treaty page naming companies keeps its film probability."""
    text = "Under the treaty, companies from both countries may pool their finance in an official co-production."
    span = _span(text, "co-production", text)
    assert customers_are_not_citizens(span)
    assert np.allclose(apply_rules(np.asarray([FILM_FIRST]), [span], LABELS), FILM_FIRST)


def _spans(cases: list[str]) -> list[MentionSpan]:
    """Each case's first mention of co-production (any capitalisation), read in the case as its passage."""
    return [_span(t, t[t.lower().index("co-produc") :][:9], t) for t in cases]


def _moved_to(cases: list[str], rule, label: str) -> np.ndarray:
    """`rule` holds for every case and moves a participatory reading to `label`."""
    spans = _spans(cases)
    assert all(rule(span) for span in spans)
    out = apply_rules(np.asarray([PARTICIPATORY_HEAVY] * len(spans)), spans, LABELS)
    assert all(LABELS[int(row.argmax())] == label for row in out)
    return out


def test_the_film_trade_s_words_move_a_participatory_reading_to_film():
    """Treaty, status and financing words of film co-production, and stage works, with no one of the participatory
    sense named: a participatory reading is film_media (also before the customer rule, for companies in a treaty)."""
    _moved_to([
        "Securing Minority Co-production status unlocks public capital for up to a quarter of local spend.",
        "When support is granted for the Latvian share of an international co-production, the input must match it.",
        "Under the treaty, companies from both countries may pool their finance in an official co-production.",
        "Every summer we co-produce a street performance with two young circus companies.",
    ], trade_not_participatory, "film_media")


def test_the_film_trade_rule_keeps_people_and_services():
    """The same words next to the people or services of the participatory sense leave the model's reading."""
    spans = _spans([
        "The theatre co-produced the play with residents of the estate, with financing from the council.",
        "An international co-production of research with patients in three countries.",
        "Decision-makers saw co-production as a way to improve performance measures.",
    ])
    assert not any(trade_not_participatory(span) for span in spans)
    assert np.allclose(apply_rules(np.asarray([PARTICIPATORY_HEAVY] * len(spans)), spans, LABELS),
                       PARTICIPATORY_HEAVY)


def test_knowledge_coproduction_without_people_loses_the_participatory_sense():
    """Transdisciplinary knowledge co-production (the codebook's `knowledge`) read as participatory by the model."""
    out = _moved_to([
        "Hydrologists and water managers met monthly; this knowledge co-production shaped the drought forecasts.",
        "The centre co-produces actionable knowledge with regional planners and farm advisers on flood risk.",
        "We reflect on the co-production of knowledge between ecologists and ministry officials.",
    ], knowledge_without_people, "knowledge")
    assert np.allclose(out[:, LABELS.index("participatory")], 0.0) and np.allclose(out.sum(axis=1), 1.0)


def test_knowledge_coproduced_with_people_who_use_services_stays_participatory():
    """Participatory research names its people: patients, carers, communities, citizens keep the model's reading;
    a passage without the knowledge phrase is left alone, and so is a reading that is not participatory."""
    cases = [
        "Patients and researchers took part in knowledge co-production about the new discharge pathway.",
        "The co-production of knowledge with carers and young people shaped every chapter of the report.",
        "Residents and planners co-produced knowledge about flood risk in their community.",
        "Researchers and ministry officials co-produced the evaluation framework.",  # no knowledge phrase
    ]
    spans = [_span(t, "co-produc", t) for t in cases]
    for span in spans:
        assert not knowledge_without_people(span)
    out = apply_rules(np.asarray([PARTICIPATORY_HEAVY] * len(spans)), spans, LABELS)
    assert np.allclose(out, PARTICIPATORY_HEAVY)
    knowledge_span = _span(cases[0].replace("Patients and researchers", "Scientists"), "co-produc")
    assert knowledge_without_people(knowledge_span)
    assert np.allclose(apply_rules(np.asarray([FILM_FIRST]), [knowledge_span], LABELS), FILM_FIRST)


def test_the_document_around_a_passage_can_name_the_people():
    """A bullet of research questions ("the challenges to co-producing knowledge") in a paper about research with
    service users: its paragraph names no one, its document does (the stage passes the document as `scope`)."""
    bullet = "What are the challenges to co-producing knowledge in the research team"
    alone = MentionSpan(bullet, bullet.index("co-producing"), bullet.index("co-producing") + 12, bullet)
    in_document = MentionSpan(bullet, alone.start, alone.end, bullet,
                              "Service users and researchers co-produced this study.\n\n" + bullet)
    assert knowledge_without_people(alone) and not knowledge_without_people(in_document)
    out = apply_rules(np.asarray([PARTICIPATORY_HEAVY] * 2), [alone, in_document], LABELS)
    assert LABELS[int(out[0].argmax())] == "knowledge" and np.allclose(out[1], PARTICIPATORY_HEAVY)


def test_a_plain_mention_about_public_services_is_not_other():
    from pipelines.senses.rules import public_service_not_other

    public = "The city runs shared online tools for the co-production of neighbourhood services with residents."
    i = public.index("co-production")
    assert public_service_not_other(MentionSpan(public, i, i + len("co-production")))
    for text, mention in [
        ("Our firm's customers take part in the co-production of the products they buy.", "co-production"),
        ("The album, a co-production with a Leeds studio, was launched at the public library.", "co-production"),
        ("if (coProduction.length) { publicServices.render(); }", "coProduction"),
        # "family" and "governments" are public words here, but a coproduct of objects and a tank deal are `other`
        ("The coproduct of a family of objects comes with a morphism from each object into it.", "coproduct"),
        ("The two governments agreed that the state factory will co-produce tanks for the army.", "co-produce"),
    ]:
        i = text.index(mention)
        assert not public_service_not_other(MentionSpan(text, i, i + len(mention))), text


def test_the_public_service_rule_moves_other_to_participatory_only():
    text = "The city runs shared online tools for the co-production of neighbourhood services with residents."
    i = text.index("co-production")
    span = MentionSpan(text, i, i + len("co-production"))
    row = np.full(len(LABELS), 0.05)
    row[LABELS.index("other")] = 1 - 0.05 * (len(LABELS) - 1)
    (out,) = apply_rules(row[None, :], [span], list(LABELS))
    assert LABELS[int(out.argmax())] == "participatory" and out[LABELS.index("other")] == 0.0
    assert abs(out.sum() - 1) < 1e-9
    film = np.full(len(LABELS), 0.05)
    film[LABELS.index("film_media")] = 1 - 0.05 * (len(LABELS) - 1)
    (kept,) = apply_rules(film[None, :], [span], list(LABELS))
    assert (kept == film).all()


def test_a_co_product_is_never_a_film_or_the_knowledge_idiom():
    from pipelines.senses.rules import co_product

    text = "Overheads are shared between the main item and its co-products according to the weights set per plant."
    span = _span(text, "co-products")
    assert co_product(span)
    row = np.asarray([[0.05, 0.10, 0.50, 0.10, 0.20, 0.05]])  # film first, economics the likeliest output
    (out,) = apply_rules(row, [span], list(LABELS))
    assert LABELS[int(out.argmax())] == "economics"
    assert out[LABELS.index("film_media")] == 0.0 and out[LABELS.index("knowledge")] == 0.0
    assert np.isclose(out.sum(), 1.0) and out[LABELS.index("participatory")] == 0.05


def test_the_co_product_rule_leaves_co_production_and_co_producers_alone():
    from pipelines.senses.rules import co_product

    for text, mention in [("The series is a co-production with a Danish broadcaster.", "co-production"),
                          ("She joined the film as co-producer in 2019.", "co-producer")]:
        span = _span(text, mention)
        assert not co_product(span)
        (out,) = apply_rules(np.asarray([FILM_HEAVY]), [span], list(LABELS))
        assert np.allclose(out, FILM_HEAVY)
