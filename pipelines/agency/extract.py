"""Agent / partner relations around trigger verbs and nouns in a spaCy parse.

A *trigger* is a participatory verb (involve, consult, co-produce, collaborate, ...), "work with / alongside /
together / in partnership with", `lead` in a co-production frame only ("led by X", "X-led", leading a review or a
co-design group; not "leads to", "lead our lives"), or a noun (co-production, involvement, partnership, ...).

Verbs: the subject (inherited through relative clauses, participles, control and coordination) or the passive
"by" phrase is the agent; the object of involve / consult / engage (or the passive subject) is the party acted
upon; "with / alongside / together with / in partnership with X", "between X and Y" and "X and Y co-produced" give
partners. Nouns: "between X and Y", "with X", "by X", "X's" give the parties directly; otherwise the clause the
noun sits in ("we embedded co-production", "people with lived experience are included in the co-design") or, when
the noun is what a definition is about ("co-production is a relationship where professionals and citizens share
power"), the definition's predicate. The first named party of a list is the agent (or the partner); a party the
text does not name is `none`. Every trigger gives at least one relation; one that names no party has agent and
partner `none` (`Relation.bare`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.agency.actors import ActorLexicon
from pipelines.agency.settings import NONE, OTHER, UNSPECIFIED, USERS, AgencyParams
from pipelines.text.normalize import normalize_for_matching

_CO_STEMS = {"produc": "co-produce", "design": "co-design", "deliver": "co-deliver", "creat": "co-create",
             "facilitat": "co-facilitate", "lead": "co-lead", "led": "co-lead"}
_CO_NOUNS = {"co-produce": "co-production", "co-design": "co-design", "co-create": "co-creation",
             "co-deliver": "co-delivery"}
_CO_RE = re.compile(r"^co-?(" + "|".join(_CO_STEMS) + ")")
_RELATIVE = {"who", "that", "which", "whom"}
_PHRASE_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "case", "prep", "pobj", "quantmod", "advmod"}
_PHRASE_PREPS = {"of", "with", "from", "by"}  # "people with lived experience", "experts by experience"
_CLAUSE_DEPS = {"relcl", "acl"}  # "people who use services", "people seeking support": kept whole
_MAX_PHRASE = 10
_COMPLEMENTS = {"of", "from", "in", "at", "by"}  # "members of the public": the member's own, not shared
_QUALIFIER_STARTS = {"who", "that", "with", "using", "living", "seeking", "experiencing", "affected", "from", "of",
                     "receiving", "accessing", "drawing", "in", "at", "whose", "themselves", "by", "working", "running",
                     "delivering", "responsible"}
_CORE_DEPS = {"det", "amod", "compound", "nummod", "poss"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
WORK = "work with"  # the trigger name of "work with / alongside / together / in partnership with"
_WITH = {"with", "alongside"}
_JOINT_NOUNS = {"partnership", "collaboration", "co-production", "co-design", "co-creation", "co-delivery"}
# A definition's subject: the term itself, or "the term / concept / notion / idea / definition of" the term.
_WRAPPERS = {"term", "concept", "notion", "idea", "definition", "word", "principle", "principles"}
_DEFINING = {"be", "mean", "involve", "include", "bring", "describe", "define", "refer", "understand", "consist",
             "use", "see", "take", "help", "enable", "happen", "occur", "represent", "require"}
_PREDICATE_DEPTH = 6
_CONTAIN_VERBS = {"include"}  # a trigger only with a party including, or someone included in something
_PRODUCTS = {"service", "services", "strategy", "plan", "policy", "support", "care"}  # what is co-produced
# Nouns whose "with X" names a partner (not "people with lived experience").
_RELATIONAL = {"relationship", "partnership", "collaboration", "working", "work", "model", "approach", "process"}
_LIGHT = {"have", "put", "use", "set", "give", "hold", "share"}  # only with the trigger as their object
_ADJECTIVES = ("collaborative", "co-productive", "coproductive")  # "a collaborative relationship between A and B"
# Verbs whose subject does the activity named by their object ("we embedded co-production", "citizens engage in
# co-production", "disabled people take up roles in co-production"); talking, studying or promoting it does not.
_DOING = {"do", "embed", "practise", "practice", "undertake", "participate", "engage", "adopt", "use", "deliver",
          "lead", "carry", "have", "take", "develop", "implement", "run", "hold", "conduct", "commit", "put",
          "start", "begin", "bring", "support", "facilitate", "work", "design", "share", "join", "contribute",
          "embrace", "champion", "pioneer", "invest", "offer", "provide", "organise", "organize", "host", "plan",
          "co-produce", "co-design", "co-deliver", "collaborate", "involve", "include", "consult", "empower",
          "strengthen", "establish", "set", "create", "apply"}


def trigger_regex(params: AgencyParams) -> re.Pattern[str]:
    """A cheap pre-filter for text that may hold a trigger (only matching sentences or passages are read)."""
    words = params.object_verbs + params.joint_verbs + params.lead_verbs + params.work_verbs + params.nouns
    stems = {re.escape(w).replace("co\\-", "co-?").replace("\\ ", r"\s+") for w in words}
    stems = {s[:-1] if s.endswith("e") else s for s in stems} | {"led"}
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(stems)) + r")\w*", re.IGNORECASE)


@dataclass(frozen=True)
class Relation:
    verb: str
    agent: str
    agent_category: str
    partner: str
    partner_category: str
    voice: str  # active | passive | nominal
    users_role: str  # agent | object | partner | absent
    start: int  # character offset of the trigger in the parsed text
    end: int

    @property
    def bare(self) -> bool:
        """The trigger names no party (agent and partner `none`)."""
        return self.agent_category == NONE and self.partner_category == NONE


def trigger_name(tok) -> str | None:
    """Canonical trigger of a token: 'co-produce' for co-produced/coproduces/'co - produced', else its lemma."""
    text = normalize_for_matching(tok.lower_)
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text in {"-", "\u2010"} and normalize_for_matching(doc[tok.i - 2].lower_) == "co":
        text = "co-" + text
    elif tok.i >= 1 and normalize_for_matching(doc[tok.i - 1].lower_) in {"co-", "co"} and doc[tok.i - 1].whitespace_ == "":
        text = "co-" + text
    m = _CO_RE.match(text)
    if m:
        return _CO_STEMS[m.group(1)]
    return tok.lemma_.lower()


def _phrase(head) -> tuple[str, str, str, str]:
    """(core, complement, phrase, with_clause): modifiers + head; its owner and prepositional complements
    ("citizens'", "of independent organisations"); the noun phrase with its complements; and that phrase with its
    relative or participle clause ("people who draw on care and support")."""
    core, todo = [head], [t for t in head.lefts if t.dep_ in _CORE_DEPS]
    k = head.i - 1
    while head.dep_ == "compound" and k >= 0 and head.doc[k].dep_ == "compound" and head.doc[k].head == head.head:
        todo.append(head.doc[k])  # flat compounds: "service" in "service user involvement"
        k -= 1
    while todo:  # nested modifiers: "peer support workers", "other research team members"
        t = todo.pop()
        core.append(t)
        todo.extend(c for c in t.lefts if c.dep_ in _CORE_DEPS)
    keep = list(core)

    def wanted(t) -> bool:
        return t.dep_ in _PHRASE_DEPS and (t.dep_ != "prep" or t.lower_ in _PHRASE_PREPS)

    stack = [c for c in head.children if wanted(c)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if wanted(c))
    clause = [t for c in head.rights if c.dep_ in _CLAUSE_DEPS for t in c.subtree]
    doc = head.doc

    def span(tokens) -> str:
        lo = max(min(t.i for t in tokens), head.i - _MAX_PHRASE)
        hi = min(max(t.i for t in tokens), head.i + _MAX_PHRASE)
        # Contiguous spans, so hyphenated modifiers ("survivor-led") keep their inner tokens.
        return doc[lo : hi + 1].text.strip(" ,;:-\u2013\u2014")

    owners = " ".join(t.text for c in head.children if c.dep_ == "poss" for t in c.subtree)
    right = [t for c in head.rights if c.dep_ == "prep" and c.lower_ in {"of", "by"} for t in c.subtree]
    complement = (owners + " " + (span(right) if right else "")).strip()  # not "the strategy with commissioners"
    return doc[min(t.i for t in core) : head.i + 1].text, complement, span(keep), span(keep + clause)


def _qualifier(head) -> tuple[str, str]:
    """What follows a head and may restrict it: (the words after it up to the next comma or coordinator when they
    open a qualifier, its relative / participle clause). The words catch "people using services" or "experts by
    experience" where the parser attaches "using" or "by" elsewhere."""
    doc = head.doc
    words: list = []
    verbs = 0
    for k, t in enumerate(doc[head.i + 1 : head.i + 1 + _MAX_PHRASE]):
        if t.is_punct and t.text not in {"-", "\u2010", "'", "\u2019"} or t.dep_ == "cc" or t.lower_ in {"and", "or"}:
            break
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod", "compound", "pcomp"} and t.tag_ != "VBN" or \
                t.dep_ in {"ROOT", "ccomp"}:  # "using services", "who (themselves) use services"; not "... involved"
            verbs += 1
            if verbs > 1 or not (k == 0 or (k <= 2 and words[0].lower_ in _RELATIVE)):
                break
        words.append(t)
    if not words or words[0].lower_ not in _QUALIFIER_STARTS:
        words = []
    clause = [t for c in head.rights if c.dep_ in _CLAUSE_DEPS for t in c.subtree]
    return (doc[words[0].i : words[-1].i + 1].text if words else "",
            doc[clause[0].i : clause[-1].i + 1].text if clause else "")


def _conjuncts(tok) -> list:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i and c.pos_ in {"NOUN", "PROPN", "PRON", "ADJ"}
                   and c.dep_ == "conj"]]


def _listed(tok) -> list:
    """The parties of a list headed by `tok`: its conjuncts and appositions ("your council, people who draw on care
    and support, carers"), and a conjunct the parser hung inside its relative clause ("people who use services and
    the people responsible for services")."""
    out = _conjuncts(tok) + [c for c in tok.children if c.dep_ == "appos" and c.pos_ in {"NOUN", "PROPN"}]
    if len(out) == 1:
        clause = [t for c in tok.rights if c.dep_ in _CLAUSE_DEPS for t in c.subtree]
        out += [t for t in clause if t.dep_ == "conj" and t.pos_ in {"NOUN", "PROPN"}
                and t.head.dep_ in {"dobj", "pobj"}][:1]
    return out


def _resolve(tok):
    """A relative pronoun stands for the noun its clause modifies ('clinicians who co-produced')."""
    if tok.lower_ in _RELATIVE:
        clause = tok.head
        while clause.dep_ == "conj":
            clause = clause.head
        if clause.dep_ == "relcl":
            return clause.head
    return tok


def _is_passive(verb) -> bool:
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head != verb and _is_passive(verb.head):
        return True  # "courses co-designed and co-delivered by tutors"
    if verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod", "advcl", "pcomp"}:
        return True  # "a plan co-produced with carers", "a co-produced plan"
    return verb.tag_ == "VBN" and any(c.lemma_ == "get" for c in verb.lefts)  # "people get involved"


def _infinitival(verb) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _controller(noun) -> list:
    """Who does what an infinitive attached to a noun says: 'our commitment to work together', 'a commitment from
    all involved to ...', 'the right to be involved' (the subject of the verb that has the right)."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children
               if p.dep_ == "pobj"]
    if owners:
        return owners
    t = noun
    for _ in range(3):  # "engage with people with lived experience to co-produce": the one who engages
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            t = t.head.head
        elif t.dep_ in {"dobj", "attr"}:
            t = t.head
        else:
            return []
        if t.pos_ in {"VERB", "AUX"}:
            subjects, passive = _subjects(t, depth=2)
            return [] if passive else subjects
        if t.pos_ not in {"NOUN", "PROPN"}:
            return []
    return []


def _subjects(verb, depth: int = 5) -> tuple[list, bool]:
    """Subject tokens of a verb (inherited through conj / xcomp / relcl / acl / pcomp / control) and whether it is
    passive."""
    v = verb
    passive = _is_passive(verb)
    for _ in range(depth):
        subj = [c for c in v.children if c.dep_ in _SUBJ]
        if subj:
            return [_resolve(s) for s in subj], passive
        if v.dep_ == "relcl":
            return [v.head], passive
        if v.dep_ in {"acl", "amod"} and v.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            if _infinitival(v):  # "an attempt to involve", "the right to be involved"
                return _controller(v.head), passive
            return [v.head], passive  # "clinicians co-producing workshops", "a plan co-produced with users"
        if v.dep_ == "xcomp":
            head = v.head
            if passive and head.dep_ == "relcl" and not _infinitival(v):
                return [head.head], passive  # "people who use services being consulted" (misattached participle)
            if head.pos_ == "ADJ" and head.dep_ in {"amod", "acomp"} and head.head.pos_ in {"NOUN", "PROPN"}:
                return [head.head], passive  # "citizens most likely to co-produce"
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects and _infinitival(v):
                return objects, passive  # "requires local authorities to involve" (object control)
            v = head
            continue
        if v.dep_ == "pcomp" and v.head.dep_ == "prep":  # "our principles for working with", "instead of consulted"
            host = v.head.head
            if host.pos_ in {"NOUN", "PROPN"}:  # "an approach of working with ..." owned by whoever has it
                return _controller(host), passive
            v = host
            continue
        if v.dep_ in {"conj", "advcl"} and v.head != v:
            v = v.head
            continue
        break
    return [], passive


def _hyphen_left(tok):
    """X in 'X-led': the word before a hyphen glued to the token."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text in {"-", "\u2010"} and doc[tok.i - 1].whitespace_ == "" \
            and doc[tok.i - 2].whitespace_ == "" and doc[tok.i - 2].pos_ in {"NOUN", "PROPN", "ADJ"}:
        return doc[tok.i - 2]
    return None


def _prep_objects(tok, preps: set[str]) -> list:
    """Objects of the token's prepositions `preps`; 'with people using them' (a clause) gives 'people'."""
    out = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
            out.extend(s for p in c.children if p.dep_ == "pcomp" for s in p.children if s.dep_ == "nsubj")
    return out


def _with_objects(tok) -> list:
    """Partners named by 'with / alongside X', 'together with X', 'in (equal) partnership / collaboration with X'."""
    out = _prep_objects(tok, _WITH)
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ == "together":
            out += _prep_objects(c, _WITH)
        if c.dep_ == "prep" and c.lower_ in {"in", "through"}:
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() in {"partnership", "collaboration"}:
                    out += _prep_objects(p, _WITH)
    return out


class AgencyExtractor:
    """Relations for every trigger in a parsed text."""

    def __init__(self, params: AgencyParams):
        self.params = params
        self.actors = ActorLexicon(params)
        self.object_verbs = set(params.object_verbs)
        self.joint_verbs = set(params.joint_verbs)
        self.lead_verbs = set(params.lead_verbs)
        self.work_verbs = set(params.work_verbs)
        self.lead_objects = {w.lower() for w in params.lead_objects}
        self.nouns = set(params.nouns)

    # --- parties -------------------------------------------------------------------------------------------------
    def _actor(self, tok) -> tuple[str, str]:
        """(phrase as shown, category) of the party a token names."""
        if tok is None or self._names_no_party(tok) or tok.pos_ in {"VERB", "AUX"}:
            return "", NONE
        core, complement, shown, with_clause = _phrase(tok)
        if self.actors.generic(tok, core):  # the clause says who "people" / "those" are
            shown = with_clause
        words, clause = _qualifier(tok)
        conj = [c for c in tok.conjuncts if c.i > tok.i]
        if conj:  # "individuals and families with dementia": the last conjunct's qualifier is shared
            shared = [q for q in _qualifier(conj[-1]) if q.split(" ")[0].lower() not in _COMPLEMENTS]
            clause = " ; ".join([clause, *shared])
        category = self.actors.categorise(tok, core, complement, words, clause)
        if category == UNSPECIFIED and tok.pos_ != "PRON":
            named = [self._category(t) for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod", "npadvmod"}
                     for t in c.subtree if t.pos_ == "NOUN" and t != tok]
            named = [c for c in named if c not in {NONE, OTHER, UNSPECIFIED}]
            if named:  # "a survivor-led group", "community partners": the group the modifier names
                category = named[0]
            elif any(self._category(c) == USERS for c in conj if c.pos_ != "PRON"):
                category = USERS  # "individuals, families and communities": the generic word stands for the users
        return shown, category

    def _category(self, tok) -> str:
        return self._actor(tok)[1]

    def _is_party(self, tok) -> bool:
        return self._category(tok) not in {NONE, OTHER}

    def _names_no_party(self, tok) -> bool:
        """A trigger noun ('co-production involves citizens') names no party, unless it is part of a name ('the
        Devon Partnership NHS Trust', 'the Local Area Partnership')."""
        if not self._is_trigger_noun(tok):
            return False
        return not (tok.pos_ == "PROPN" and any(c.pos_ == "PROPN" and c.dep_ in {"compound", "amod"}
                                                for c in tok.children))

    def _is_trigger_noun(self, tok) -> bool:
        return tok.pos_ in {"NOUN", "PROPN"} and _CO_NOUNS.get(trigger_name(tok), trigger_name(tok)) in self.nouns

    # --- triggers ------------------------------------------------------------------------------------------------
    def _kind(self, tok) -> tuple[str, str] | None:
        """(kind, trigger name) of a token that is a trigger here, else None."""
        name = trigger_name(tok)
        is_verb = tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")
        if name in self.work_verbs and is_verb:
            return ("work", WORK) if self._works_with(tok) else None
        if name in self.lead_verbs:
            return ("verb", name) if is_verb and self._lead_frame(tok) else None
        if name in _CONTAIN_VERBS and is_verb and not self._includes_someone(tok):
            return None  # "this could include service users, carers, ...": a list, not a participation
        if name in self.object_verbs | self.joint_verbs:
            if is_verb or (tok.pos_ == "ADJ" and tok.tag_ == "VBN") or tok.lower_.endswith("ed") and tok.pos_ == "ADJ":
                return "verb", name
        if tok.pos_ == "ADV" and tok.lower_.startswith("collaborativ") and tok.head.pos_ in {"VERB", "AUX"}:
            return "adverb", "collaborate"  # "the research team worked collaboratively"
        if tok.pos_ in {"NOUN", "PROPN"} and _CO_NOUNS.get(name, name) in self.nouns:
            return "noun", _CO_NOUNS.get(name, name)
        if tok.pos_ == "ADJ" and tok.lower_.startswith(_ADJECTIVES) and tok.head != tok:
            return "adjective", "collaboration"  # "a collaborative relationship between A and B"
        return None

    def _includes_someone(self, verb) -> bool:
        """`include` in its participatory sense: 'carers were included', 'we include carers in decisions', a party
        that includes; not 'the list includes X, Y and Z'."""
        if _is_passive(verb) or _prep_objects(verb, {"in", "into"}):
            return True
        subjects, _ = _subjects(verb)
        return any(self._category(s) not in {NONE, OTHER} for s in subjects)

    def _works_with(self, verb) -> bool:
        if _with_objects(verb):
            return True
        return any(c.dep_ == "advmod" and c.lower_ in {"together", "collaboratively", "jointly"} for c in verb.children)

    def _lead_frame(self, verb) -> bool:
        """`lead` counts only in a co-production frame: 'led by X' / 'X-led' with X a party, or a party leading a
        participatory activity ('service users led the review', 'carers co-lead the design group')."""
        left = _hyphen_left(verb)
        if left is not None:
            return self._is_party(left)  # "user-led", "survivor-led"
        if any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
            return False  # "leads to"
        by = _prep_objects(verb, {"by"})
        if by:
            return self._is_party(by[0])
        objects = [c for c in verb.children if c.dep_ == "dobj"] + _prep_objects(verb, {"on"})
        if not any(o.lemma_.lower() in self.lead_objects or self._is_trigger_noun(o)
                   or o.lower_.startswith("co-") for o in objects):
            return False
        subjects, _ = _subjects(verb)
        return any(self._is_party(s) for s in subjects)

    def extract(self, doc, skip: list[tuple[int, int]] = ()) -> list[Relation]:
        """All relations in `doc`, at least one per trigger (a trigger that names no party gives a `bare` one).
        Triggers overlapping a `skip` span (off-sense target mentions), and verbs whose complement is one ("leads
        to the co-production of fatty acids"), are ignored."""
        def skipped(tok) -> bool:
            return any(s < tok.idx + len(tok) and tok.idx < e for s, e in skip)

        out: list[Relation] = []
        for tok in doc:
            if skipped(tok):
                continue
            kind = self._kind(tok)
            if kind is None:
                continue
            kind, name = kind
            if kind != "noun" and skip and any(skipped(t) for c in tok.children if c.dep_ in {"dobj", "prep", "agent"}
                                               for t in c.subtree):
                continue
            if kind == "noun":
                out.extend(self._nominal(tok, name))
            elif kind == "adjective":
                out.extend(self._nominal(tok.head, name, trigger=tok))
            elif kind == "adverb":
                out.extend(self._verbal(tok.head, name, trigger=tok))
            else:
                out.extend(self._verbal(tok, name))
        return out

    # --- verbs ---------------------------------------------------------------------------------------------------
    def _verbal(self, verb, name: str, trigger=None) -> list[Relation]:
        subjects, passive = _subjects(verb)
        siblings = [verb, *verb.conjuncts]
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        if passive:
            agents = _prep_objects(verb, {"by"})
            if not agents and not _with_objects(verb):  # "co-designed and co-delivered by tutors"
                agents = [a for s in siblings if trigger_name(s) in self.joint_verbs | self.object_verbs
                          for a in _prep_objects(s, {"by"})]
            acted_on = subjects
        else:
            agents = subjects
            acted_on = objects
        left = _hyphen_left(verb) if name in self.lead_verbs else None
        if left is not None:  # "a user-led organisation": users lead the organisation
            agents, acted_on, passive = [left], ([verb.head] if verb.head != verb else []), True
        parties: list[tuple[object, str]] = []  # (token, relation: object | partner)
        if name in self.object_verbs:
            parties += [(t, "object") for o in acted_on for t in _conjuncts(o)]
        else:  # joint verbs: the object is the product ("co-produce services") unless it names an actor
            parties += [(t, "partner") for o in acted_on for t in _conjuncts(o)
                        if self._is_party(t) and t.lemma_.lower() not in _PRODUCTS]
        withs = _with_objects(verb)
        if not withs and not objects and name not in self.lead_verbs:  # "co-produced and co-delivered ... with X"
            withs = [p for s in siblings for p in _with_objects(s)]
            objects = [c for s in siblings for c in s.children if c.dep_ == "dobj"]
        withs += [p for o in objects for p in _prep_objects(o, _WITH) if self._is_party(p)]
        parties += [(t, "partner") for w in dict.fromkeys(withs) for t in _conjuncts(w)]
        parties += [(t, "partner") for s in siblings for b in _prep_objects(s, {"between"}) for t in _conjuncts(b)]
        agent_toks = [t for a in agents for t in _conjuncts(a)]
        if name not in self.object_verbs and len(agent_toks) > 1 and not parties:
            parties = [(t, "partner") for t in agent_toks[1:]]  # "X and Y co-produced", "X and Y work together"
            agent_toks = agent_toks[:1]
        voice = "passive" if passive else "active"
        return self._rows(trigger or verb, name, agent_toks, parties, voice)

    # --- nouns ---------------------------------------------------------------------------------------------------
    def _nominal(self, noun, name: str, trigger=None) -> list[Relation]:
        relation = "object" if name in self.object_verbs | {"involvement", "engagement", "consultation"} else "partner"
        if noun.dep_ == "compound" and self._category(noun.head) == "organisations" and noun.head.pos_ == "PROPN":
            return self._rows(trigger or noun, name, [noun.head], [], "nominal")  # "the Co-production Council"
        agents, parties, symmetric = self._direct(noun, relation)
        if not agents and not parties:  # "a collaborative approach where services are developed with those who ..."
            heads = [noun, *[c for c in noun.rights if c.dep_ == "appos"]]  # "co-production; the process whereby"
            for clause in (c for h in heads for c in h.rights if c.dep_ in _CLAUSE_DEPS):
                agents, parties, symmetric = self._frames(clause, {noun}, defining=False)
                if agents or parties:
                    break
        if not agents:  # "services work in collaboration with X": the agent from the clause
            in_agents, in_parties, in_symmetric = self._in_clause(noun, name, relation)
            if parties:
                agents = in_agents
            else:
                agents, parties, symmetric = in_agents, in_parties, in_symmetric
        if not agents and not parties:
            agents, parties, symmetric = self._defined(noun)
        return self._rows(trigger or noun, name, agents, parties, "nominal", symmetric=symmetric)

    def _between(self, tok) -> tuple[list, list]:
        """'X between A, B and C' -> agents [A], partners [B] (or [A] for 'between people who use services')."""
        between = [t for b in _prep_objects(tok, {"between"}) for t in _listed(b)]
        between = [t for t in between if self._category(t) != NONE] or between
        if not between:
            return [], []
        return between[:1], (between[1:2] or between[:1])

    def _direct(self, noun, relation: str) -> tuple[list, list, bool]:
        """Parties the noun phrase names itself: between / by / with / 's / of / compound."""
        holders = [noun, *[c for c in noun.conjuncts],
                   *([noun.head] if noun.dep_ in {"conj", "appos", "compound", "amod"} else [])]
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
        if governor is not None and governor.pos_ in {"VERB", "AUX"}:
            holders.append(governor)  # "call for co-design between A and B", "incorporates X via collaboration ..."
        agents, partners = [], []
        for h in holders:
            a, p = self._between(h)
            if a:
                return a, [(t, "partner") for t in p], True
        for h in holders:
            for via in _prep_objects(h, {"via", "through"}):  # "co-production via collaboration between X and Y"
                a, p = self._between(via)
                if a:
                    return a, [(t, "partner") for t in p], True
        agents = [t for a in _prep_objects(noun, {"by"}) for t in _conjuncts(a)]
        agents += [c for c in noun.children if c.dep_ == "poss"]
        withs = _with_objects(noun) or [w for h in holders[1:] if h != governor for w in _prep_objects(h, _WITH)]
        partners = [(t, "partner") for w in withs for t in _conjuncts(w)]
        partners += [(t, relation) for o in _prep_objects(noun, {"of"}) for t in _conjuncts(o) if self._is_party(t)
                     and (relation == "object" or self._category(t) != "organisations")]  # not "co-design of services"
        modifiers = self._modifiers(noun)
        if relation == "object":  # "community involvement", "parental involvement": the party involved
            partners += [(c, relation) for c in modifiers]
        elif not agents:  # "citizen co-production", "user-led co-design"
            agents += modifiers
        return agents, partners, False

    def _modifiers(self, noun) -> list:
        """The first party named before a noun: 'community involvement', 'service user involvement' (flat compounds
        read together), 'patient and public involvement' (the first of a coordination)."""
        mods = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod"}]
        for c in mods:
            if c.dep_ == "compound" and c.nbor(1) in mods and c.nbor(1).dep_ == "compound":
                continue  # "service" in "service user involvement": read with "user"
            if self._is_party(c):
                return [c]
            firsts = [t for t in sorted(c.subtree, key=lambda x: x.i) if t.pos_ in {"NOUN", "PROPN", "ADJ"}
                      and self._is_party(t)]
            if firsts:
                return firsts[:1]
        return []

    def _in_clause(self, noun, name: str, relation: str) -> tuple[list, list, bool]:
        """Parties of the clause the noun is the object of: 'we embedded co-production' (agent), 'including lay
        partners in co-design' (the party included), 'their involvement in co-production', 'our approach to X',
        'people and professionals delivering services together in equal partnership'."""
        t = noun
        for _ in range(3):
            if t.dep_ != "conj":
                break
            t = t.head
        middle = 0  # nouns between the trigger and the verb ("take up active roles in co-production")
        while True:
            if t.dep_ == "pobj" and t.head.dep_ == "prep":
                up = t.head.head
            elif t.dep_ in {"dobj", "attr", "appos", "conj"} and t.head != t:
                up = t.head
            elif t.dep_ == "compound" and t.head.pos_ == "NOUN" and not t.head.text[:1].isupper():
                up = t.head  # "our co-production work", not "Sandwell's Co-production Charter"
            else:
                return [], [], False
            if up.pos_ in {"VERB", "AUX"}:
                break
            if up.pos_ not in {"NOUN", "PROPN"}:
                return [], [], False
            owners = [c for c in up.children if c.dep_ == "poss"]
            if owners:
                return owners[:1], [], False
            if not self._is_trigger_noun(up):
                middle += 1
                if middle > 1 or up.dep_ not in {"dobj", "attr", "conj"}:
                    return [], [], False
            t = up
        verb = up
        if verb.lemma_.lower() in _LIGHT and middle:
            return [], [], False  # "we put the process of co-production under the microscope"
        if verb.lemma_.lower() not in _DOING and trigger_name(verb) not in self.object_verbs | self.joint_verbs:
            return [], [], False  # "we explore the role of co-production", "the NHS promotes co-production"
        subjects, passive = _subjects(verb)
        if trigger_name(verb) in self.object_verbs:
            objects = [o for c in verb.children if c.dep_ == "dobj" for o in _conjuncts(c) if self._is_party(o)]
            if objects:  # "including lay partners in co-design", "co-production includes people with ..."
                agents = [] if passive else [s for s in subjects if self._is_party(s)]
                return agents[:1], [(objects[0], relation)], False
            if passive:  # "service users were involved in the co-design"
                involved = [x for s in subjects for x in _conjuncts(s) if self._is_party(x)]
                agents = [b for b in _prep_objects(verb, {"by"}) if self._is_party(b)]
                if involved:
                    return agents[:1], [(involved[0], relation)], False
        if passive:
            subjects = _prep_objects(verb, {"by"})
        subjects = [s for s in subjects if self._is_party(s)]
        if not subjects:
            return [], [], False
        first = _conjuncts(subjects[0])
        together = any(c.lower_ == "together" for c in verb.children)
        if (name in {"partnership", "collaboration"} or together) and len(first) > 1:
            return first[:1], [(first[1], "partner")], True  # "people and professionals ... in equal partnership"
        return first[:1], [], False

    def _defined(self, noun) -> tuple[list, list, bool]:
        """When the noun is what a sentence defines ('co-production is / means / involves ...', 'by co-production we
        mean ...'), the parties its predicate names."""
        subject = noun
        for _ in range(4):
            if not (subject.dep_ in {"conj", "appos", "compound"} or (
                    subject.dep_ == "pobj" and subject.head.head.lemma_.lower() in _WRAPPERS)):
                break
            subject = subject.head if subject.dep_ != "pobj" else subject.head.head
        if subject != noun and subject.lemma_.lower() not in _WRAPPERS and not self._is_trigger_noun(subject):
            return [], [], False
        if subject.dep_ == "pobj" and subject.head.lower_ == "by" and subject.head.head.lemma_ in {"mean", "define"}:
            verb = subject.head.head  # "By co-production, we mean professionals and citizens ..."
            outside = set(subject.head.subtree) | {c for c in verb.children if c.dep_ in _SUBJ}
            return self._frames(verb, outside)
        if subject.dep_ not in {"nsubj", "nsubjpass"} or subject.head.lemma_.lower() not in _DEFINING:
            return [], [], False
        return self._frames(subject.head, set(subject.subtree))

    def _frames(self, root, outside: set, defining: bool = True) -> tuple[list, list, bool]:
        """The parties a predicate (or a relative clause) names, searched breadth first from `root`, leaving out the
        tokens in `outside`: 'a relationship between A and B'; 'working (in partnership) with X'; the object of
        involve / include, 'brings together A and B'; 'shaped by X'; 'when A and B work together', 'a relationship
        where A and B share power' (a clause with a named subject)."""
        depth, order = {root: 0}, [root]
        for t in order:
            if depth[t] >= _PREDICATE_DEPTH:
                continue
            for c in t.children:
                if c in outside or c in depth or (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and t == root):
                    continue  # the subject itself, or a second clause ("...; it is about ...")
                depth[c] = depth[t] + 1
                order.append(c)
        for t in order:  # 1. "a relationship between A and B"
            if t.pos_ in {"NOUN", "PROPN"} or t == root:
                a, p = self._between(t)
                if a:
                    return a, [(x, "partner") for x in p], True
        for t in order:  # 2. "involves / includes X", "brings together A and B"
            if t.pos_ in {"VERB", "AUX"} and depth[t] <= 1:
                objects = [o for c in t.children if c.dep_ == "dobj" for o in _listed(c) if self._is_party(o)]
                if trigger_name(t) in self.object_verbs and objects:
                    return [], [(objects[0], "object")], False
                if t.lemma_ == "bring" and len(objects) > 1:
                    return objects[:1], [(objects[1], "partner")], True
        for t in order:  # 3. "working (in partnership) with X", with the worker if named
            if not (t.pos_ in {"VERB", "AUX"} or self._is_trigger_noun(t) or t.lemma_ in _RELATIONAL):
                continue  # "people with lived experience" names no partner
            withs = [w for w in _with_objects(t) if self._is_party(w)]
            if withs and not (t == root and defining):
                subjects = [s for s in _subjects(t)[0] if self._is_party(s)] if t.pos_ in {"VERB", "AUX"} else []
                subjects = [s for s in subjects if s not in outside]
                return subjects[:1], [(w, "partner") for w in _conjuncts(withs[0])[:1]], False
        for t in order:  # 4. objects of involve / bring together, "by X", clauses with a named subject
            if t.pos_ not in {"VERB", "AUX"}:
                continue
            name = trigger_name(t)
            objects = [o for c in t.children if c.dep_ == "dobj" for o in _conjuncts(c) if self._is_party(o)]
            if name in self.object_verbs and objects:
                return [], [(objects[0], "object")], False
            if name == "bring" and len(objects) > 1:
                return objects[:1], [(objects[1], "partner")], True
            by = [b for b in _prep_objects(t, {"by"}) if self._is_party(b)]
            if by and _is_passive(t):
                return by[:1], [], False
            if t.lemma_ == "be" or (t == root and root.lemma_ in _DEFINING):
                if not (t == root and root.lemma_ in {"mean", "define"}):
                    continue
            own = [c for c in t.children if c.dep_ in _SUBJ and c not in outside]
            subjects = [_resolve(s) for s in own] or ([t.head] if t.dep_ in {"relcl", "acl"} else [])
            subjects = [x for s in subjects if s not in outside for x in _conjuncts(s) if self._is_party(x)]
            if subjects:
                return subjects[:1], [(x, "partner") for x in subjects[1:2]], len(subjects) > 1
            objects = [o for c in t.children if c.dep_ in {"dobj", "ccomp"} for o in _conjuncts(c)
                       if self._is_party(o)] if t == root and root.lemma_ in {"mean", "define"} else []
            if objects:  # "we mean professionals and citizens making better use of ..."
                return objects[:1], [(x, "partner") for x in objects[1:2]], len(objects) > 1
        return [], [], False

    # --- rows ----------------------------------------------------------------------------------------------------
    def _rows(self, trig, name, agent_toks, parties, voice, symmetric=False) -> list[Relation]:
        agents = [self._actor(t) for t in agent_toks]
        agents = [a for a in agents if a[1] != NONE] or [("", NONE)]
        partners = [(*self._actor(t), rel) for t, rel in parties]
        partners = [p for p in partners if p[1] != NONE] or [("", NONE, "")]
        rows = []
        for agent, acat in agents:
            for partner, pcat, rel in partners:
                if acat == USERS:
                    role = "partner" if symmetric else "agent"
                elif pcat == USERS:
                    role = rel
                else:
                    role = "absent"
                rows.append(Relation(name, agent, acat, partner, pcat, voice, role, trig.idx, trig.idx + len(trig)))
        return rows
