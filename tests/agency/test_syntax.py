"""Agency on the syntax of real policy prose: relative clauses and their heads, coordination, "work with", nominal
co-production, passives, `lead` only in a co-production frame, the actor lexicon, and `none` only when no one is
named. Sentences written for these tests."""

import pytest

from pipelines.agency.extract import AgencyExtractor
from pipelines.agency.settings import AgencyParams
from pipelines.text.normalize import normalize_for_matching

U, P, O, R, C, X, N = ("people_who_use_services", "professionals", "organisations", "researchers", "communities",
                       "unspecified", "none")


@pytest.fixture(scope="module")
def extract(cfg, nlp):
    ex = AgencyExtractor(cfg.section("agency", AgencyParams))
    return lambda text: [(r.verb, r.agent_category, r.partner_category, r.voice, r.users_role)
                         for r in ex.extract(nlp(normalize_for_matching(text)))]


def first(rels, verb):
    """The first relation of a trigger: the one a reader takes (first named party of a list)."""
    return next(r for r in rels if r[0] == verb)


@pytest.mark.parametrize("text, expected", [
    # relative clauses and their heads
    ("The council consulted people who use services about the new strategy.", ("consult", O, U, "active", "object")),
    ("Those who draw on care and support co-designed the strategy with commissioners.",
     ("co-design", U, P, "active", "agent")),
    ("People who use our services were involved in the review of the ward.", ("involve", N, U, "passive", "object")),
    ("The trust wants people who use services being consulted before every change.",
     ("consult", N, U, "passive", "object")),  # the partner is the head of the clause, not "services"
    ("Young people who use mental health services were consulted on the draft.",
     ("consult", N, U, "passive", "object")),
    # coordination: the first named party
    ("Service users and carers co-produced the discharge guide with nurses.", ("co-produce", U, P, "active", "agent")),
    ("The trust involved family carers and social workers in recruitment.", ("involve", O, U, "active", "object")),
    ("Family carers and commissioners co-designed the respite offer.", ("co-design", U, P, "active", "agent")),
    # work with / alongside / together (with) / in partnership with
    ("Commissioners work with experts by experience to shape the service.", ("work with", P, U, "active", "partner")),
    ("Peer support workers worked alongside ward staff on the new rota.", ("work with", U, P, "active", "agent")),
    ("Housing officers and tenants worked together on the repairs plan.", ("work with", P, U, "active", "partner")),
    ("The ICB works in partnership with voluntary and community organisations.",
     ("work with", O, O, "active", "absent")),
    ("The researchers worked together with citizens on the survey.", ("work with", R, C, "active", "absent")),
    # nominal co-production
    ("Co-production between local authorities and residents takes time.", ("co-production", O, C, "nominal", "absent")),
    ("Co-production with carers is at the heart of the plan.", ("co-production", N, U, "nominal", "partner")),
    ("Patients' involvement in the audit was welcomed by the board.", ("involvement", U, N, "nominal", "agent")),
    ("Service user involvement in recruitment has grown.", ("involvement", N, U, "nominal", "object")),
    ("We embedded co-production in every team.", ("co-production", X, N, "nominal", "absent")),
    # passives with and without an agent
    ("The strategy was co-produced by peer researchers and the council.", ("co-produce", U, O, "passive", "agent")),
    ("The plan was co-designed with local people.", ("co-design", N, C, "passive", "absent")),
    # definitions: the parties the predicate names
    ("Co-production is a relationship where professionals and citizens share power.",
     ("co-production", P, C, "nominal", "absent")),
    ("Co-production means working with people who draw on care and support as equal partners.",
     ("co-production", N, U, "nominal", "partner")),
    ("Co-production is when staff and patients work together as equals.",
     ("co-production", P, U, "nominal", "partner")),
    # lead only in a co-production frame
    ("A peer-led group runs the cafe on Fridays.", ("lead", U, U, "passive", "agent")),
    ("Carers led the co-design of the new respite service.", ("lead", U, N, "active", "agent")),
])
def test_syntactic_forms(extract, text, expected):
    assert first(extract(text), expected[0]) == expected


def test_purpose_clause_inherits_the_agent_and_keeps_the_product_out(extract):
    """'engage with people with lived experience to co-produce services': people with lived experience are engaged
    (not 'lived experience'), the trust co-produces, and the services are what is produced, not a partner."""
    rels = extract("Local authorities should engage with people with lived experience to co-produce services.")
    assert first(rels, "engage") == ("engage", O, U, "active", "partner")
    assert first(rels, "co-produce")[1:3] == (O, N)


@pytest.mark.parametrize("text", [
    "Fermentation in the gut leads to the co-production of short-chain fatty acids.",
    "Disabled people want the support to lead their own lives.",
    "The band's lead singer left in May.",
    "We work hard every day to keep the wards clean.",
])
def test_no_participatory_verb(extract, text):
    """`lead` and `work` outside a co-production frame are no trigger."""
    assert [r for r in extract(text) if r[0] in {"lead", "work with"}] == []


def test_include_only_in_its_participatory_sense(extract):
    assert [r for r in extract("This list could include service users, carers and nurses.") if r[0] == "include"] == []
    assert first(extract("We include carers in every decision about the ward."), "include") == (
        "include", X, U, "active", "object")
    assert first(extract("Carers were included in the interview panels."), "include")[2:4] == (U, "passive")


@pytest.mark.parametrize("text", [
    "The literature on co-production is growing.",
    "Care plans are co-produced.",
])
def test_none_only_when_no_one_is_named(extract, text):
    (rel,) = extract(text)
    assert rel[1:3] == (N, N)


@pytest.mark.parametrize("phrase, category", [
    ("Experts by experience", U), ("Peer support workers", U), ("Family carers", U), ("Unpaid carers", U),
    ("People with learning disabilities", U), ("Those who draw on care and support", U), ("Commissioners", P),
    ("Social workers", P), ("The trust board", O), ("Local authorities", O), ("ICBs", O),
    ("Voluntary and community organisations", O), ("The VCSE sector", O), ("Municipalities", O), ("Researchers", R),
    ("Residents", C), ("Members of the public", C), ("Patients and the public", U), ("Stakeholders", X),
    ("They", X), ("A group of service users", U), ("Groups of people", X),
])
def test_actor_lexicon(extract, phrase, category):
    """UK and Nordic policy language: the partner of "X were consulted"."""
    rel = first(extract(f"{phrase} were consulted on the draft."), "consult")
    assert rel[2] == category
