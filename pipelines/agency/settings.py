"""The typed `agency:` section of params.yaml: actor lexicon, trigger verbs and nouns."""

from __future__ import annotations

from pydantic import Field

from pipelines.config import Section

USERS = "people_who_use_services"
UNSPECIFIED = "unspecified"
OTHER = "other"
NONE = "none"  # no phrase in that slot

DEFAULT_ACTORS: dict[str, list[str]] = {
    USERS: [
        "service user", "user", "patient", "people with lived experience", "lived experience",
        "people who use services", "people who use the service", "people using services", "expert by experience",
        "experts by experience", "carer", "family carer", "peer worker", "peer support worker", "peer supporter",
        "peer trainer", "peer researcher", "peer", "survivor", "client", "consumer", "people with dementia",
        "people with learning disabilities", "disabled people", "young people who use services",
    ],
    "professionals": [
        "clinician", "staff", "practitioner", "practitioner trainer", "nurse", "health professional",
        "professional", "psychiatrist", "psychologist", "doctor", "gp", "social worker", "therapist",
        "occupational therapist", "manager", "commissioner", "clinical team", "care team", "worker", "officer",
    ],
    "organisations": [
        "service", "trust", "nhs", "government", "council", "college", "recovery college", "charity",
        "organisation", "organization", "provider", "authority", "department", "ministry", "board", "agency",
        "hospital", "integrated care board", "commissioning group", "local authority", "sector",
    ],
    "researchers": ["researcher", "research team", "academic", "investigator", "scientist", "research group"],
    "communities": [
        "community", "citizen", "public", "member of the public", "resident", "local people", "neighbourhood",
        "tenant", "population", "the public",
    ],
}


class AgencyParams(Section):
    """Actors and triggers for stage `agency` and the `agency` field of `colens classify`."""

    actors: dict[str, list[str]] = Field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_ACTORS.items()})
    pronouns: list[str] = Field(default_factory=lambda: ["we", "us", "they", "them", "i", "me", "you", "it",
                                                         "he", "she", "our", "their", "this", "these"])
    # Verbs whose direct object is the party acted upon ("we involved service users").
    object_verbs: list[str] = Field(default_factory=lambda: ["involve", "consult", "engage", "empower", "include"])
    # Verbs done jointly: the object is the product, the partner comes with "with"/"alongside"/coordination.
    joint_verbs: list[str] = Field(default_factory=lambda: [
        "co-produce", "co-design", "co-deliver", "co-create", "co-facilitate", "co-lead", "lead", "collaborate"])
    # Nouns whose "between X and Y" / "with X" / "by X" / "of X" name the parties.
    nouns: list[str] = Field(default_factory=lambda: [
        "co-production", "co-design", "co-creation", "involvement", "engagement", "collaboration", "partnership"])
    include_trigger_sentences: bool = True  # also sentences with a trigger verb but no target mention
    top_pairs: int = 5  # agent -> partner category pairs kept per genre in the profile
