"""Sentence-level cue features for generic definitions (`--term ANY`): which defining forms ("is called", "known
as", "is a type of", "is the process by which", "X: ..." entries, "refers to", "we define ... as", parentheses) and
which non-defining signals (examples, evaluation, history, numbers, questions, instructions) a sentence or
two-sentence window shows. Features for the sentence model, never a filter.
"""

from __future__ import annotations

import re

_I = re.I
#: Defining forms (positive evidence).
DEFINING = [(n, re.compile(r, f)) for n, r, f in (
    ("called", r"\b(?:is|are|was|were|be|been)\s+(?:\w+ly\s+|also\s+|often\s+|sometimes\s+)*(?:called|termed|named|"
               r"dubbed|labell?ed|known\s+as|referred\s+to\s+as|described\s+as)\b", _I),
    ("we_call", r"\b(?:we|they|scientists|economists|biologists|sociologists|psychologists|researchers|people|"
                r"lawyers|doctors|engineers|ecologists|historians|chemists|physicists)\s+(?:\w+ly\s+)?(?:call|term|"
                r"name|label)\b|\brefer\s+to\s+(?:this|these|it|them|such)\b.{0,40}\bas\b", _I),
    ("known_as", r"\bknown\s+as\b|\bso-called\b|\balso\s+called\b|\bor\s+simply\b", _I),
    ("type_of", r"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:a|an|one|the)\s+(?:\w+\s+){0,2}(?:type|kind|form|class|"
                r"category|branch|subset|variety|family|field|area|subfield)\s+of\b", _I),
    ("process_which", r"\b(?:process|means|way|method|mechanism|state|condition|situation|ability|capacity|"
                      r"tendency|practice|procedure|system|set|arrangement|period|point|place|area|study)\s+"
                      r"(?:by|through|in|of|under|during|at|from|with)\s+(?:which|whom)\b|\bwhereby\b", _I),
    ("is_the_study", r"\b(?:is|are)\s+(?:the|a)\s+(?:\w+\s+)?(?:study|science|measure|amount|rate|number|process|"
                     r"ability|tendency|sum|ratio|quantity|movement|transfer|conversion|breakdown|loss|use|practice|"
                     r"act|state|condition|change|capacity|degree|extent|branch|discipline)\b(?:\s+of\b)?", _I),
    ("defined_as", r"\bdefined\s+(?:\w+\s+){0,3}as\b|\bdefinition\s+of\b|\bis\s+defined\b|\bcan\s+be\s+defined\b",
     _I),
    ("define_verb", r"\bdefines?\b|\bdefining\b", _I),
    ("refers_to", r"\brefers?\s+to\b|\breferring\s+to\b|\bis\s+used\s+to\s+(?:describe|mean|refer)\b", _I),
    ("means", r"\bmeans\b(?!\s+of\b)|\bmean(?:s|t)?\s+by\b|\bto\s+mean\b|\bmeaning\b", _I),
    ("we_mean", r"\b(?:we|i|they|the\s+authors?|this\s+\w+)\s+(?:\w+ly\s+|will\s+|shall\s+|also\s+)?mean\b|"
                r"^\s*by\s+[‘“\"']?[\w’'\- ]{2,50}?[’”\"']?\s*,?\s+(?:we|i|they)\b", _I),
    ("we_define", r"\b(?:we|i|this\s+(?:paper|article|report|study|chapter|book|guide))\s+(?:\w+\s+)?(?:define|"
                  r"use\s+the\s+term|understand|conceptuali[sz]e|treat)\b", _I),
    ("term_word", r"\b(?:the|this|a)\s+(?:term|word|concept|notion|phrase|expression|label)\b", _I),
    ("headword_colon", r"^\s*[‘“\"']?[A-Za-z][\w’'\-/ ()]{0,50}?[’”\"']?\s*(?::|\s[–—-]\s|—)\s*\S", 0),
    ("which_is", r"^[^,.;]{2,60},\s+(?:which|who)\s+(?:is|are|refers?|means?|describes?|involves?)\b", _I),
    ("which_is_genus", r"^[^,.;]{2,60},\s+(?:which|that)\s+(?:is|are)\s+(?:(?:a|an|the)\s+)?(?:\w+\s+){0,3}?"
                       r"(?:\w+)\s+(?:made|used|formed|produced|found|that|which|in\s+which|where|of)\b", _I),
    ("dash_aside", r"[—–]\s*[^—–]{8,}\s*[—–]|\s-\s[^-]{8,}\s-\s", 0),
    ("paren_gloss", r"\((?:i\.e\.|that\s+is|or|also\s+(?:called|known)|meaning|literally|from\s+the\s+greek|"
                    r"abbreviated)\b", _I),
    ("acronym_paren", r"[a-z]\s+\([A-Z]{2,7}s?\)", 0),
    ("that_is", r"\bthat\s+is,|\bi\.e\.|\bin\s+other\s+words\b|\bput\s+simply\b|\bsimply\s+put\b", _I),
    ("or_synonym", r"^[^,]{2,40},\s+or\s+[^,]{2,40},\s+(?:is|are)\b", _I),
    ("occurs_when", r"\b(?:occurs?|happens?|exists?|arises?|takes\s+place)\s+(?:when|where|if)\b|\b(?:is|are)\s+"
                    r"(?:when|where)\b", _I),
    ("describes", r"\b(?:describes?|denotes?|stands\s+for|signifies|comprises|consists\s+of|involves|encompasses)\b",
     _I),
    ("copula_article", r"^\s*(?:an?\s+|the\s+)?[\w’'\- ]{1,40}?\s+(?:is|are)\s+(?:an?|the)\s", _I),
    ("that_which", r"\b(?:is|are)\s+(?:an?|the)\s+\w+(?:\s+\w+)?\s+(?:that|which|who|whose|in\s+which|where)\b", _I),
    ("plural_are", r"^\s*[A-Z]\w+(?:\s+\w+)?\s+are\s+(?:\w+\s+)?(?:\w+s)\s+(?:that|which|who)\b", 0),
)]
#: Non-defining signals (negative evidence).
NONDEFINING = [(n, re.compile(r, f)) for n, r, f in (
    ("example", r"\bfor\s+(?:example|instance)\b|\be\.g\.|\bsuch\s+as\b|\bexample\s+of\b|\billustrat", _I),
    ("evaluative", r"\b(?:important|essential|vital|crucial|key|best|better|worse|good|bad|effective|useful|"
                   r"dangerous|harmful|popular|famous|largest|biggest|leading|major|main|significant|"
                   r"interesting|exciting|difficult|easy|hard|common|rare|cheap|expensive)\b", _I),
    ("superlative", r"\bthe\s+(?:most|least|largest|smallest|first|last|only|biggest|fastest|oldest)\b", _I),
    ("history", r"\b(?:1[5-9]\d\d|20\d\d)s?\b|\bcentury\b|\bwas\s+first\b|\bcoined\b|\boriginated\b|"
                r"\bhistorians?\b|\bancient\b", _I),
    ("number", r"\d", 0),
    ("percent", r"\bper\s*cent\b|%", _I),
    ("question", r"\?\s*[’”\"')]*\s*$", 0),
    ("you", r"\b(?:you|your)\b", _I),
    ("we_our", r"\b(?:we|our|us)\b", _I),
    ("comparison", r"\b(?:than|unlike|compared\s+(?:with|to)|whereas|differs?|difference\s+between|similar\s+to)\b",
     _I),
    ("reported", r"\b(?:said|says|told|according\s+to|reported|announced|claimed|argued|found|showed|suggests?)\b",
     _I),
    ("modal", r"\b(?:may|might|could|should|must|will|would)\b", _I),
    ("negation", r"\b(?:not|no|never|cannot)\b|n[’']t\b", _I),
    ("past", r"\b(?:was|were|had|did)\b", _I),
    ("pronoun_start", r"^\s*[‘“\"']?(?:it|this|these|those|they|he|she|that|there|such)\b", _I),
    ("anaphor_start", r"^\s*[‘“\"']?(?:this|these|such)\s+(?:\w+\s+)?(?:is|are|process|phenomenon|idea|concept|"
                      r"type|kind|approach|pattern|effect|situation|condition)\b", _I),
    ("results", r"\b(?:results?|findings?|participants|respondents|sample|survey|interviews?|data)\b", _I),
    ("instruction", r"^\s*(?:click|press|type|select|enter|write|complete|use|try|see|read|call|ask|speak|contact|"
                    r"check|make\s+sure|remember|note|do\s+not|don[’']t|always|never|consider|suppose|imagine|"
                    r"think)\b", _I),
    ("figure_ref", r"\b(?:figure|fig\.|table|chapter|section|appendix|box|page)\s+[\dA-Z]", _I),
    ("quote", r"[“\"].{0,200}[”\"]\s*,?\s*(?:he|she|they|it)?\s*(?:said|says|added)", _I),
    ("person_title", r"\b(?:mr|mrs|ms|dr|prof|professor|minister|president|chief\s+executive)\b", _I),
)]


def _bin(n: int, edges=(3, 6, 10, 16, 25, 40)) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def text_cues(text: str) -> dict[str, float]:
    """Regex cue flags of one sentence or window (`cue:NAME` for defining forms, `neg:NAME` for the others)."""
    f: dict[str, float] = {}
    for name, rx in DEFINING:
        if rx.search(text):
            f[f"cue:{name}"] = 1.0
    for name, rx in NONDEFINING:
        if rx.search(text):
            f[f"neg:{name}"] = 1.0
    f[f"len:{_bin(len(text.split()))}"] = 1.0
    return f


#: Defining forms that only describe a sentence's shape ("X is a ...", "X are ... that"): no cue of their own.
SHAPE_ONLY = frozenset({"copula_article", "that_which", "plural_are"})


def defining_forms(text: str) -> list[str]:
    """The defining forms (`DEFINING`, shape-only ones left out) that `text` shows."""
    return [name for name, rx in DEFINING if name not in SHAPE_ONLY and rx.search(text)]


#: Penn tags of a finite verb (a modal included): what makes a span a clause rather than a phrase.
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})

_DEFINING_LEMMAS = {"call", "term", "name", "define", "mean", "refer", "describe", "denote", "know", "involve",
                    "occur", "happen", "consist", "comprise", "measure", "represent"}


def parse_cues(span) -> dict[str, float]:
    """Parse facts of a sentence (a spaCy Span): root verb, subject kind, finite verb, a leading verb (an
    instruction), named people, a verbless headword line."""
    f: dict[str, float] = {}
    toks = [t for t in span if not t.is_space]
    if not toks:
        return f
    finite = [t for t in toks if t.tag_ in FINITE_TAGS]
    f["parse:no_finite_verb"] = float(not finite)
    root = span.root
    lemma = root.lemma_.lower()
    f[f"parse:root_lemma={lemma if lemma in _DEFINING_LEMMAS | {'be'} else 'other'}"] = 1.0
    f[f"parse:root={lemma}"] = 1.0  # every verb: "can be addressed", "are available", "discovered" describe
    aux = [c for c in root.children if c.dep_ in {"aux", "auxpass"}]
    f["parse:root_modal"] = float(any(c.tag_ == "MD" for c in aux))
    f["parse:root_passive"] = float(any(c.dep_ == "auxpass" for c in root.children))
    f["parse:root_copula_present"] = float(lemma == "be" and root.tag_ in {"VBZ", "VBP"})
    subj = [t for t in root.children if t.dep_ in {"nsubj", "nsubjpass"}]
    if subj:
        s = subj[0]
        f[f"parse:subj_pos={s.pos_}"] = 1.0
        f["parse:subj_person"] = float(s.ent_type_ in {"PERSON", "NORP"})
        f["parse:subj_det_def"] = float(any(c.lower_ in {"the", "this", "these", "that"} and c.dep_ == "det"
                                            for c in s.children))
        f["parse:subj_det_indef"] = float(any(c.lower_ in {"a", "an"} and c.dep_ == "det" for c in s.children))
    else:
        f["parse:no_subject"] = 1.0
    first = toks[0]
    f["parse:starts_with_verb"] = float(first.tag_ == "VB")
    f["parse:person_entity"] = float(any(t.ent_type_ == "PERSON" for t in toks))
    f["parse:date_entity"] = float(any(t.ent_type_ in {"DATE", "CARDINAL", "PERCENT", "MONEY"} for t in toks))
    attr = [t for t in root.children if t.dep_ in {"attr", "acomp", "oprd"}]
    if root.lemma_ == "be" and attr:
        a = attr[0]
        f[f"parse:attr_pos={a.pos_}"] = 1.0
        f["parse:attr_has_clause"] = float(any(t.dep_ in {"relcl", "acl", "prep"} for t in a.children))
        det = [c.lower_ for c in a.children if c.dep_ == "det"]
        f[f"parse:attr_det={det[0] if det else 'none'}"] = 1.0  # "is a process" vs "is the goal"
        f["parse:attr_genus_clause"] = float(a.pos_ == "NOUN" and bool(det) and det[0] in {"a", "an"}
                                             and any(t.dep_ in {"relcl", "acl"} for t in a.children))
    return f
