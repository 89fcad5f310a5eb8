"""The glossary name of a defined term (pipelines.definitions.generic; no models)."""

from __future__ import annotations

import pytest

from pipelines.definitions.generic import term_name


@pytest.mark.parametrize("raw,name", [("Peer Trainers", "Peer Trainers"), ("Role negotiation", "role negotiation"),
                                      ("Role negotiation between Practitioner and Peer Trainers",
                                       "Role negotiation between Practitioner and Peer Trainers"),
                                      ("the term NHS", "NHS"), ("Tokenism", "tokenism")])
def test_term_name_keeps_the_casing_of_names(raw, name):
    assert term_name(raw) == name
