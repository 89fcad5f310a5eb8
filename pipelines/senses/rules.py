"""Constraints applied to the model's probabilities, each one a line of the codebook the model may miss.

A first-person voice about one's own involvement ("being part of the co-production group gave me my voice back")
is never a film or music credit unless the passage names a medium: the film_media probability of such a mention
moves to participatory. Musicians' and producers' first person ("I co-produced the EP") names its medium, so it
keeps its probabilities.

Firms and their customers co-producing a service (service management, marketing: "customer co-production in
hotels", "servuction", knowledge-intensive business services) are `other`, not the participatory sense, when the
passage names nothing of public services or research with people: when the model reads such a mention as
participatory, that probability moves to `other` (a film or economics reading is left alone; a council's or housing
association's "customers" keep the participatory sense).

Conversely, a plain mention the model reads as `other` in a passage about public services, their users or research
with people, that names no firm, customer, media work or code, is participatory: none of the codebook's `other`
kinds is left ("open platforms for the co-production of citizen-centric public services" is not marketing).

The film and stage trade's own words ("Minority Co-production status", "an international co-production agreement",
"the Finnish coproducer's application", "a co-produced circus performance") in a passage that names none of the
people or services of the participatory sense are film_media: a participatory reading moves there.

Knowledge co-production named as such ("knowledge co-production", "co-producing actionable knowledge") in a passage
whose document (or whole passage) names none of the people participatory research is done with (service users,
patients, carers, communities, citizens …) is the `knowledge` sense (transdisciplinary knowledge co-production with stakeholders): when the model
reads such a mention as participatory, that probability moves to `knowledge`.

A co-product ("the co-products of a refinery", "co-product items in a job") is a joint output: never a film credit or
the knowledge idiom. Their probability moves to the likeliest of economics, life sciences and other (a participatory
reading, "services as the co-product of staff and citizens", is left to the model).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from pipelines.senses.cues import (
    film_trade_prose,
    firm_customer_prose,
    joint_output,
    knowledge_coproduction_prose,
    media_evidence,
    public_service_prose,
    service_user_voice,
)
from pipelines.senses.features import MentionSpan
from pipelines.senses.settings import IN_SENSE


def voice_is_not_film(span: MentionSpan) -> bool:
    """Whether the rule applies: a service user's first-person sentence in a passage that names no medium."""
    return service_user_voice(span.text) and not media_evidence(span.passage)


def customers_are_not_citizens(span: MentionSpan) -> bool:
    """Whether the rule applies: the mention's passage speaks of firms and customers and of no public service."""
    return firm_customer_prose(span.passage)


def public_service_not_other(span: MentionSpan) -> bool:
    """Whether the rule applies: a plain mention in a passage about public services and nothing of `other`."""
    return public_service_prose(span.passage, span.text[span.start : span.end])


def trade_not_participatory(span: MentionSpan) -> bool:
    """Whether the rule applies: the passage speaks the film and stage trade's co-production words and names no
    people or services of the participatory sense."""
    return film_trade_prose(span.passage)


def knowledge_without_people(span: MentionSpan) -> bool:
    """Whether the rule applies: the passage names knowledge co-production and its document (or whole passage) no
    one participatory research is done with."""
    return knowledge_coproduction_prose(span.passage, span.whole)


def co_product(span: MentionSpan) -> bool:
    """Whether the rule applies: the mention is a co-product, a joint output."""
    return joint_output(span.text[span.start : span.end])


def apply_rules(proba: np.ndarray, spans: Sequence[MentionSpan], labels: list[str]) -> np.ndarray:
    """Probabilities after the rules (rows still sum to 1)."""
    out = proba.astype(float).copy()
    film, part, other = labels.index("film_media"), labels.index(IN_SENSE), labels.index("other")
    knowledge = labels.index("knowledge")
    outputs = [labels.index(name) for name in ("economics", "life_sciences", "other")]
    for row, span in zip(out, spans):
        if voice_is_not_film(span):
            _move(row, film, part)
        if row.argmax() == part and trade_not_participatory(span):
            _move(row, part, film)
        elif row.argmax() == part and customers_are_not_citizens(span):
            _move(row, part, other)
        elif row.argmax() == part and knowledge_without_people(span):
            _move(row, part, knowledge)
        elif row.argmax() == other and public_service_not_other(span):
            _move(row, other, part)
        if co_product(span):
            output = max(outputs, key=lambda i: row[i])
            _move(row, film, output)
            _move(row, knowledge, output)
    return out


def _move(row: np.ndarray, src: int, dst: int) -> None:
    """A rule's verdict: sense `src` is ruled out and its probability goes to `dst` (the row keeps its sum)."""
    row[dst] += row[src]
    row[src] = 0.0
