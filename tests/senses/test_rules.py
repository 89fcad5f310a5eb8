"""Codebook rules after the model: a service user's own voice is never a film credit unless a medium is named."""

import numpy as np

from pipelines.senses.features import MentionSpan
from pipelines.senses.rules import apply_rules, voice_is_not_film
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
