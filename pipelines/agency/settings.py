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
        "service user", "user", "patient", "inpatient", "people with lived experience", "lived experience",
        "living experience", "with experience of", "by experience", "expert by experience", "experts by experience",
        "people who use services", "who use services", "who use our services", "who use the service",
        "who use their services", "using services", "using the service", "who receive services",
        "receive and use services", "who access services", "accessing services", "recipients of services",
        "people who draw on care and support", "who draw on care", "drawing on care", "draw on care and support",
        "who need care and support", "seeking support", "carer", "family carer", "unpaid carer", "young carer",
        "parent carer", "next of kin", "relative", "peer worker", "peer support worker", "peer supporter",
        "peer trainer", "peer researcher", "peer mentor", "peer leader", "peer", "survivor", "victim-survivor",
        "client", "consumer", "user representative", "people with dementia", "who have dementia",
        "living with dementia", "learning disability", "learning disabilities", "with disabilities",
        "with a disability", "disabled people", "disabled person", "disabled resident", "disabled adult",
        "disabled children", "with mental health problems", "mental health service users", "older people",
        "older adults", "young people", "young person", "children and young people", "child", "children",
        "parent", "parental", "family", "families", "tenant", "who use them", "using them", "student", "pupil",
        "learner", "long-term condition", "long-term conditions", "long-term health condition",
        "long-term health conditions", "with health conditions",
    ],
    "professionals": [
        "clinician", "staff", "staff member", "practitioner", "practitioner trainer", "nurse", "health professional",
        "health and care professional", "professional", "psychiatrist", "psychologist", "doctor", "gp",
        "social worker", "therapist", "occupational therapist", "manager", "commissioner", "clinical team",
        "care team", "worker", "care worker", "support worker", "officer", "coordinator", "participation lead",
        "involvement lead", "engagement lead", "strategic lead", "decision-maker", "decision maker", "personnel",
        "teacher", "tutor", "educator", "midwife", "leader", "policymaker", "policy maker", "councillor",
        "head of service", "heads of services", "people responsible for", "people working in", "who run services",
        "who deliver services", "who commission services", "who work in services", "by profession",
        "expert by profession",
        "experts by profession",
    ],
    "organisations": [
        "service", "public service", "trust", "nhs", "nhs trust", "government", "council", "county council",
        "college", "recovery college", "university", "school", "charity", "organisation", "organization",
        "voluntary and community organisation", "voluntary and community sector", "vcse", "vcs", "third sector",
        "provider", "service provider", "authority", "local authority", "department", "ministry", "board",
        "health board", "agency", "public agency", "hospital", "integrated care board", "icb",
        "integrated care system", "ics", "commissioning group", "clinical commissioning group", "ccg", "sector",
        "public sector", "commission", "local area partnership", "institution", "foundation", "municipality",
        "region", "police", "regulator", "centre", "center",
    ],
    "researchers": [
        "researcher", "research team", "academic", "investigator", "scientist", "research group", "author",
        "scholar", "evaluator",
    ],
    "communities": [
        "community", "citizen", "public", "member of the public", "members of the public", "resident",
        "local people", "neighbourhood", "population", "the public", "community member", "community leader",
        "lay member", "lay partner", "lay people", "lay person", "women", "men", "volunteer",
    ],
    UNSPECIFIED: [
        "people", "person", "individual", "stakeholder", "partner", "everyone", "everybody", "all", "anyone",
        "others", "participant", "group", "party", "member", "those", "co-producer", "team", "colleague",
        "actor",
    ],
}


class AgencyParams(Section):
    """Actors and triggers for stage `agency` and the `agency` field of `colens classify`."""

    actors: dict[str, list[str]] = Field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_ACTORS.items()})
    # Words that name an unspecified party ("we", "they") and words that name none ("it", "this").
    pronouns: list[str] = Field(default_factory=lambda: [
        "we", "us", "they", "them", "i", "me", "you", "he", "she", "our", "their", "my", "your", "his", "her",
        "one", "someone", "ourselves", "themselves", "yourself"])
    non_parties: list[str] = Field(default_factory=lambda: [
        "it", "its", "this", "these", "that", "which", "there", "what", "something"])
    # Verbs whose direct object is the party acted upon ("we involved service users").
    object_verbs: list[str] = Field(default_factory=lambda: ["involve", "consult", "engage", "empower", "include"])
    # Verbs done jointly: the object is the product, the partner comes with "with"/"alongside"/coordination.
    joint_verbs: list[str] = Field(default_factory=lambda: [
        "co-produce", "co-design", "co-deliver", "co-create", "co-facilitate", "co-lead", "collaborate"])
    # `lead` counts only in a co-production frame: "led by X", "X-led", a party leading one of `lead_objects`
    # (or a co-X noun); never "leads to", "lead our lives", "lead singer".
    lead_verbs: list[str] = Field(default_factory=lambda: ["lead"])
    lead_objects: list[str] = Field(default_factory=lambda: [
        "review", "design", "development", "delivery", "evaluation", "research", "project", "group", "work",
        "programme", "program", "change", "process", "initiative", "session", "training", "course", "workshop",
        "meeting", "board", "forum", "strategy", "plan", "consultation", "engagement", "involvement", "study",
        "inspection", "recruitment", "campaign", "network", "committee", "panel"])
    # Verbs that are a trigger only with a partner frame: "work with / alongside / together (with) / in
    # partnership with" (trigger name "work with").
    work_verbs: list[str] = Field(default_factory=lambda: ["work"])
    # Nouns whose "between X and Y" / "with X" / "by X" / "X's" name the parties.
    nouns: list[str] = Field(default_factory=lambda: [
        "co-production", "co-design", "co-creation", "co-delivery", "involvement", "engagement", "collaboration",
        "partnership", "consultation"])
    include_trigger_sentences: bool = True  # also sentences with a trigger verb but no target mention
    bare_triggers: bool = False  # also write a row for a trigger that names no party (agent and partner none)
    top_pairs: int = Field(5, ge=1)  # agent -> partner category pairs kept per genre in the profile
