"""Agent / partner relations around trigger verbs and nouns in a spaCy parse.

Verbs: subject (or passive "by" agent) = agent; the object of involve/consult/... (or the passive subject)
is the party acted upon; "with"/"alongside" X, "between X and Y" and "X and Y co-produced" give partners.
Nouns (co-production, involvement, ...): "between X and Y", "with X", "by X", "of X", "user involvement".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.agency.actors import ActorLexicon
from pipelines.agency.settings import NONE, USERS, AgencyParams
from pipelines.text.normalize import normalize_for_matching

_CO_STEMS = {"produc": "co-produce", "design": "co-design", "deliver": "co-deliver", "creat": "co-create",
             "facilitat": "co-facilitate", "lead": "co-lead", "led": "co-lead"}
_CO_NOUNS = {"co-produce": "co-production", "co-design": "co-design", "co-create": "co-creation"}
_CO_RE = re.compile(r"^co-?(" + "|".join(_CO_STEMS) + ")")
_RELATIVE = {"who", "that", "which", "whom"}
_PHRASE_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "case", "prep", "pobj", "quantmod", "advmod"}
_PHRASE_PREPS = {"of", "with", "from"}  # "people with lived experience", "members of the public"
_MAX_PHRASE = 8
_CORE_DEPS = {"det", "amod", "compound", "nummod", "poss"}


def trigger_regex(params: AgencyParams) -> re.Pattern[str]:
    """A cheap pre-filter for text that may hold a trigger verb (only matching sentences or passages are read)."""
    stems = {w.replace("co-", "co-?")[:-1] if w.endswith("e") else w.replace("co-", "co-?")
             for w in params.object_verbs + params.joint_verbs}
    stems |= {"led"}
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


def _phrase(head) -> tuple[str, str]:
    """(core, full): modifiers + head, and the noun phrase with its prepositional complements."""
    core, todo = [head], [t for t in head.lefts if t.dep_ in _CORE_DEPS]
    while todo:  # nested modifiers: "peer support workers", "other research team members"
        t = todo.pop()
        core.append(t)
        todo.extend(c for c in t.lefts if c.dep_ in _CORE_DEPS)
    keep = [head]
    def wanted(t) -> bool:
        return t.dep_ in _PHRASE_DEPS and (t.dep_ != "prep" or t.lower_ in _PHRASE_PREPS)

    stack = [c for c in head.children if wanted(c)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if wanted(c))
    doc = head.doc
    lo = max(min(t.i for t in keep), head.i - _MAX_PHRASE)
    hi = min(max(t.i for t in keep), head.i + _MAX_PHRASE)
    # Contiguous spans, so hyphenated modifiers ("survivor-led") keep their inner tokens.
    return doc[min(t.i for t in core) : head.i + 1].text, doc[lo : hi + 1].text


def _conjuncts(tok) -> list:
    return [tok, *[c for c in tok.conjuncts if c.pos_ in {"NOUN", "PROPN", "PRON"}]]


def _resolve(tok):
    """A relative pronoun stands for the noun its clause modifies ('clinicians who co-produced')."""
    if tok.lower_ in _RELATIVE:
        clause = tok.head
        while clause.dep_ == "conj":
            clause = clause.head
        if clause.dep_ == "relcl":
            return clause.head
    return tok


def _subjects(verb) -> tuple[list, bool]:
    """Subject tokens of a verb (inherited through conj / xcomp / relcl) and whether it is passive."""
    v = verb
    own_passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    for _ in range(4):
        subj = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
        passive = own_passive or any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children)
        if subj:
            return [_resolve(s) for s in subj], passive
        if v.dep_ == "relcl":
            return [v.head], passive
        if v.dep_ == "acl":  # "clinicians co-producing workshops" / "a plan co-produced with users"
            return [v.head], passive or v.tag_ == "VBN"
        if v.dep_ in {"conj", "xcomp", "advcl"} and v.head is not v:
            v = v.head
            continue
        break
    return [], any(c.dep_ == "auxpass" for c in verb.children)


def _prep_objects(tok, preps: set[str]) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


class AgencyExtractor:
    """Relations for every trigger in a parsed text."""

    def __init__(self, params: AgencyParams):
        self.params = params
        self.actors = ActorLexicon(params)
        self.object_verbs = set(params.object_verbs)
        self.joint_verbs = set(params.joint_verbs)
        self.nouns = set(params.nouns)

    def _actor(self, tok) -> tuple[str, str]:
        core, full = _phrase(tok)
        return full, self.actors.categorise(tok, core, full)

    def extract(self, doc, skip: list[tuple[int, int]] = ()) -> list[Relation]:
        """All relations in `doc`; triggers overlapping a `skip` span (off-sense mentions) are ignored."""
        out: list[Relation] = []
        for tok in doc:
            if any(s <= tok.idx < e for s, e in skip):
                continue
            name = trigger_name(tok)
            is_verb = tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")
            if is_verb and name in self.object_verbs | self.joint_verbs:
                out.extend(self._verbal(tok, name))
            elif tok.pos_ in {"NOUN", "PROPN"} and _CO_NOUNS.get(name, name) in self.nouns:
                out.extend(self._nominal(tok, _CO_NOUNS.get(name, name)))
        return out

    def _verbal(self, verb, name: str) -> list[Relation]:
        subjects, passive = _subjects(verb)
        siblings = [verb, *verb.conjuncts]
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        if passive:
            agents = _prep_objects(verb, {"by"})
            acted_on = subjects
        else:
            agents = subjects
            acted_on = objects
        parties: list[tuple[object, str]] = []  # (token, relation: object | partner)
        if name in self.object_verbs:
            parties += [(t, "object") for o in acted_on for t in _conjuncts(o)]
        else:  # joint verbs: the object is the product unless it names an actor
            parties += [(t, "partner") for o in acted_on for t in _conjuncts(o) if self._actor(t)[1] not in {"other"}]
        withs = _prep_objects(verb, {"with", "alongside"})
        if not withs and not objects:  # "co-produced and co-delivered workshops with X": shared complements
            withs = [p for s in siblings for p in _prep_objects(s, {"with", "alongside"})]
            objects = [c for s in siblings for c in s.children if c.dep_ == "dobj"]
        withs += [p for o in objects for p in _prep_objects(o, {"with", "alongside"}) if self._actor(p)[1] != "other"]
        parties += [(t, "partner") for w in dict.fromkeys(withs) for t in _conjuncts(w)]
        parties += [(t, "partner") for s in siblings for b in _prep_objects(s, {"between"}) for t in _conjuncts(b)]
        agent_toks = [t for a in agents for t in _conjuncts(a)]
        if name in self.joint_verbs and len(agent_toks) > 1 and not parties:
            parties = [(t, "partner") for t in agent_toks[1:]]  # "X and Y co-produced"
            agent_toks = agent_toks[:1]
        voice = "passive" if passive else "active"
        return self._rows(verb, name, agent_toks, parties, voice)

    def _nominal(self, noun, name: str) -> list[Relation]:
        between = [t for b in _prep_objects(noun, {"between"}) for t in _conjuncts(b)]
        agents = [t for a in _prep_objects(noun, {"by"}) for t in _conjuncts(a)]
        parties = [(t, "partner") for w in _prep_objects(noun, {"with", "alongside"}) for t in _conjuncts(w)]
        if between:
            agents, parties = agents or between[:1], parties + [(t, "partner") for t in between[1:]]
        relation = "object" if name in self.object_verbs | {"involvement", "engagement"} else "partner"
        parties += [(t, relation) for o in _prep_objects(noun, {"of"}) for t in _conjuncts(o)
                    if self._actor(t)[1] != "other"]
        parties += [(c, relation) for c in noun.children if c.dep_ in {"compound", "poss", "amod"}
                    and c.pos_ in {"NOUN", "PROPN"} and self._actor(c)[1] != "other"]
        if not agents and not parties:
            return []
        return self._rows(noun, name, agents, parties, "nominal", symmetric=bool(between))

    def _rows(self, trig, name, agent_toks, parties, voice, symmetric=False) -> list[Relation]:
        agents = [self._actor(t) for t in agent_toks] or [("", NONE)]
        partners = [(*self._actor(t), rel) for t, rel in parties] or [("", NONE, "")]
        if agents == [("", NONE)] and partners == [("", NONE, "")]:
            return []
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
