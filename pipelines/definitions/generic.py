"""Where a defined term can be: occurrences of the target concept, or (generic mode) any short noun phrase,
glossary headword or "by X we mean" slot; plus the name a term gets in the glossary and anaphoric windows.
"""

from __future__ import annotations

import re

from pipelines.text.lexicon import Lexicon
from pipelines.text.spans import doc_text, sentence_noun_chunks, trim_span

_MAX_TERM_TOKENS = 6
_LEADING = re.compile(
    r"\s*(?:[-•*·▪]\s*|\d+[.)]\s*)?[‘“\"']?(?P<t>[A-Za-z][\w’'\-/ ]{1,60}?)[’”\"']?"
    r"(?=\s*(?::|–|—|\s-\s|\(|,?\s+(?:is|are|means|refers|describes|denotes|can|may|might|could|has|have|was|"
    r"should|will|must|involves|entails|encompasses)\b))")
_SLOTS = (
    re.compile(r"\b[Bb]y\s+[‘“\"']?(?P<t>[\w’'\- ]{2,50}?)[’”\"']?\s*,?\s+(?:we|I|they|the authors?)\s+(?:\w+ly\s+)?mean"),
    re.compile(r"\b(?:define[sd]?|conceptuali[sz]e[sd]?|understand|see|view)\s+[‘“\"']?(?P<t>[\w’'\- ]{2,50}?)"
               r"[’”\"']?\s+as\b", re.I),
    re.compile(r"\bdefinitions?\s+of\s+[‘“\"']?(?P<t>[\w’'\- ]{2,50}?)[’”\"']?\s*(?:[:—–(]|\s-\s|\s(?:is|as)\s)",
               re.I),
)
_STRIP = re.compile(r"^(?:(?:the|a|an|this|that|our|their|its|such)\s+)?(?:(?:term|concept|notion|word|idea|"
                    r"label|phrase)\s+(?:of\s+)?)?", re.I)
_ANAPHOR_CORE = (r"(?:(?:but|and|so|yet|rather)\s*,?\s+)?(?P<a>(?:this\s+term|the\s+term|this\s+concept|the\s+concept|"
                 r"this\s+idea|such\s+an?\s+approach|this\s+approach|the\s+approach|it|this))\b(?!\s+(?:of|that|which)\b)")
ANAPHOR = re.compile(r"\s*(?:(?:put\s+simply|in\s+short|simply\s+put|in\s+brief|briefly|in\s+essence|essentially|basically|"
                     r"fundamentally|ideally|at\s+its\s+(?:simplest|core|heart)|in\s+simple\s+terms|in\s+a\s+nutshell),?\s*)?"
                     + _ANAPHOR_CORE, re.I)
# Target and candidate windows also read an anaphor after any short opener set off by a comma ("Generally speaking,
# it is about ...", "In the housing team's view, it means ..."); the model weighs the sentence as it weighs any other.
OPENED_ANAPHOR = re.compile(r"\s*[A-Za-z]+(?:\s+[A-Za-z]+){0,3}\s*,\s*" + _ANAPHOR_CORE, re.I)
# "Definitions of X vary. The authors define it as ...": the anaphor is the object of a defining verb ("defines it
# as… ‘…’": an ellipsis may stand for the space).
OBJECT_ANAPHOR = re.compile(r"[^.;:?!]{0,80}?\b(?:define[sd]?|defining|describe[sd]?|describing|conceptuali[sz]e[sd]?|"
                            r"understand|understands)\s+(?P<a>it|this)\s+as(?:\s|(?=…))", re.I)
# "Essentially it:\n • involves tenants …": the anaphor's verb opens the first item of a list after a colon
LIST_LEAD = re.compile(r"\s*:\s*(?:[•▪·*\-–]\s*)?(?=[a-z]+s\b)")
_WHAT_IS = re.compile(r"\b(?:what|who)\s+(?:is|are)\s+(?:meant\s+by\s+)?[‘“\"']?(?P<t>[\w’'\- ]{2,50}?)[’”\"']?\s*\?",
                      re.I)
# "What is X? • A model for ...": a question heading answered by a noun phrase (a bullet may open the answer).
ANSWER = re.compile(r"\s*(?:[-•*·▪]\s*)?(?=(?:an?|one)\s+[a-z])", re.I)
NEXT_BULLET = re.compile(r"\s[•▪·]\s")  # where the answer's noun phrase ends
_ANAPHORIC_NP = {"the term", "this term", "the concept", "this concept", "the idea", "this idea", "the approach",
                 "this approach", "the word", "this word", "the notion", "this notion", "the model", "this model"}
_PRONOUNS = {"it", "this", "that", "these", "those", "they", "we", "i", "you", "he", "she", "which", "who", "what",
             "there", "here", "one", "all", "each", "both", "such", "some", "many", "most", "others", "us", "them"}


def target_anchors(lexicon: Lexicon, text: str, start: int, end: int, concepts: list[str]) -> list[tuple[int, int]]:
    """Occurrences of the given concepts inside [start, end) (offsets into `text`)."""
    return [(start + m.start, start + m.end) for m in lexicon.find(text[start:end], concepts)]


#: Head nouns that make a compound with the term a kind, not one named group or event ("co-production initiatives",
#: not "the co-production group").
KIND_HEADS = {"approach", "initiative", "model", "method", "methodology", "process", "principle", "framework",
              "paradigm", "perspective", "practice", "strategy"}


def with_head_nouns(doc, anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Anchors plus, for an adjectival mention ("coproduced research", "co-productive work"), the mention with
    the noun it modifies: that noun phrase is what a following "is ..." defines."""
    out = list(anchors)
    for ts, te in anchors:
        span = doc.char_span(ts, te, alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = span[-1]
        head = tok.head
        # a sentence-initial "Co-produced research" is often tagged a proper noun: its ending tells the adjective
        adjectival = tok.pos_ in {"ADJ", "VERB"} or tok.lower_.endswith(("ed", "ive"))
        if (tok.dep_ in {"amod", "compound"} and head.pos_ in {"NOUN", "PROPN"} and head.i > tok.i
                and head.i - tok.i <= 3 and adjectival):
            out.append((ts, head.idx + len(head.text)))
        # "Co-production initiatives were defined as ...", "the co-production approach involves ...": a kind of
        # thing named by the term, which a following verb defines like the term itself
        if tok.dep_ == "compound" and head.i == tok.i + 1 and head.lemma_.lower() in KIND_HEADS:
            out.append((ts, head.idx + len(head.text)))
        # A gerund clause as subject ("Co-producing a research project is an approach in which ..."): the clause
        # is the term a following "is ..." defines.
        if tok.tag_ == "VBG" and tok.dep_ in {"csubj", "nsubj"}:
            last = max(t.i for t in tok.subtree)
            if last > tok.i and last - tok.i <= 6 and doc[last].i < tok.head.i:
                out.append((ts, doc[last].idx + len(doc[last].text)))
    return sorted(set(out))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    return trim_span(text, s, e, _STRIP, " ‘“\"'", " ’”\"',")


def generic_anchors(lexicon: Lexicon, doc, sent) -> list[tuple[int, int]]:
    """Candidate term spans for generic mode: known concepts, short noun phrases, leading headwords, slots."""
    text = doc_text(doc)
    s0, s1 = sent.start_char, sent.end_char
    known = target_anchors(lexicon, text, s0, s1, lexicon.concepts)
    spans: set[tuple[int, int]] = set()
    for chunk in sentence_noun_chunks(sent):
        if len(chunk) > _MAX_TERM_TOKENS or chunk.root.lower_ in _PRONOUNS or chunk.root.pos_ == "PRON":
            continue
        if chunk.text.lower() in _ANAPHORIC_NP:
            continue
        spans.add(_trim(text, chunk.start_char, chunk.end_char))
    m = _LEADING.match(text, s0, s1)
    if m and len(m.group("t").split()) <= _MAX_TERM_TOKENS and not any(w.lower() in _PRONOUNS
                                                                        for w in m.group("t").split()):
        lead = doc.char_span(m.start("t"), m.end("t"), alignment_mode="expand")
        if lead is not None and not any(t.tag_ in {"VBD", "VBZ", "VBP", "VBN", "MD"} or t.dep_ == "prep" and t.i == lead.start
                                         for t in lead) and lead.text.lower() not in _ANAPHORIC_NP:
            spans.add(_trim(text, m.start("t"), m.end("t")))
    for regex in _SLOTS:
        for m in regex.finditer(text, s0, s1):
            spans.add(_trim(text, m.start("t"), m.end("t")))
    # A known concept is the better anchor: drop phrases that overlap it without being it
    # ("production" inside "co-production", "co-production in research" starting at the same place).
    def clashes(sp: tuple[int, int]) -> bool:
        return any(sp != k and sp[0] < k[1] and k[0] < sp[1] and (sp[0] >= k[0] or sp[1] <= k[1]) for k in known)

    spans = {sp for sp in spans if not clashes(sp)} | set(known)
    return sorted(sp for sp in spans if sp[1] - sp[0] >= 2)


def question_term(lexicon: Lexicon, doc, sent, concepts: list[str] | None) -> tuple[int, int] | None:
    """The term a question sentence 'What is X?' asks about (only the target concept in target mode)."""
    text = doc_text(doc)
    m = _WHAT_IS.search(text, sent.start_char, sent.end_char)
    if not m:
        return None
    span = _trim(text, m.start("t"), m.end("t"))
    if concepts is None or target_anchors(lexicon, text, span[0], span[1], concepts):
        return span
    return None


# A heading line that is only the term, maybe with a short of/in/for phrase: "Coproduction of Healthcare Services"
_HEADING_TAIL = re.compile(r"(?:\s+(?:of|in|for)\s+[\w’'\-]+(?:\s+[\w’'\-]+){0,3})?[’”\"']?\s*[.:]?\s*$")
_HEADING_LEAD = re.compile(r"\s*(?:[-•*·▪]|\d+[.)])?\s*$")
_STOPPED = re.compile(r"[’”\"']?\s*\.\s*")


def heading_term(lexicon: Lexicon, doc, heading, concepts: list[str]) -> tuple[int, int] | None:
    """The target term a heading line consists of, when a line break follows it ('Co-production\n\nA way of ...')."""
    text = doc_text(doc)
    s0, s1 = heading.start_char, heading.end_char
    if "\n" not in text[s1 - 1 : s1 + 3]:  # a line break ends the heading or follows it,
        found = target_anchors(lexicon, text, s0, s1, concepts)
        # or the "sentence" is the term alone with a full stop: "Co-production. A term used to describe ..."
        alone = len(found) == 1 and _HEADING_LEAD.match(text[s0 : found[0][0]]) and _STOPPED.fullmatch(text, found[0][1], s1)
        return found[0] if alone else None
    for ts, te in target_anchors(lexicon, text, s0, s1, concepts):
        if _HEADING_LEAD.match(text[s0:ts]) and _HEADING_TAIL.match(text, te, s1):
            return ts, te
    return None


def antecedent(lexicon: Lexicon, doc, prev_sent, concepts: list[str] | None) -> tuple[int, int] | None:
    """The term an anaphoric next sentence ('It is ...') defines: a question 'What is X?', a heading, or the
    last concept occurrence in the previous sentence (only the target concept in target mode)."""
    text = doc_text(doc)
    s0, s1 = prev_sent.start_char, prev_sent.end_char
    if _WHAT_IS.search(text, s0, s1):
        return question_term(lexicon, doc, prev_sent, concepts)
    # a verb ("we coproduced it. This would mean ...") is an event, not a term a next sentence can define
    found = [a for a in target_anchors(lexicon, text, s0, s1, concepts or lexicon.concepts) if _nominal(doc, *a)]
    if found:
        return found[-1]
    words = text[s0:s1].strip().rstrip(":.").split()
    if concepts is None and 0 < len(words) <= 4 and not any(w.lower() in _PRONOUNS for w in words):
        start = s0 + (len(text[s0:s1]) - len(text[s0:s1].lstrip()))
        return _trim(text, start, start + len(text[s0:s1].strip().rstrip(":.")))
    return None


def clausal_antecedent(doc, prev_sent, start: int, end: int) -> bool:
    """Does a next sentence's "This means …" / "It's …" point at the previous clause rather than at the term found
    there? So when the term is the means of that clause ("The scheme aims to strengthen local support through
    co-production. This means …") or sits in the predicate of a demonstrative subject ("This to me is the beginning
    of co-production. It's the courage to ask …")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in {"through", "via"}:
        return True
    subjects = [t for t in prev_sent if t.dep_ in {"nsubj", "nsubjpass"} and t.head == prev_sent.root]
    return bool(subjects) and all(t.lower_ in {"this", "that", "it"} for t in subjects) and root.i > subjects[0].i


#: Participles that still say what a term is: "It is defined / understood / known as ...".
_DEFINING_PARTICIPLES = {"define", "describe", "understand", "know", "call", "refer", "see", "term", "mean", "view",
                         "conceive", "conceptualise", "conceptualize", "characterise", "characterize", "regard", "frame",
                         "think", "name", "label", "use"}


def subject_antecedent(doc, prev_sent, sent, start: int, end: int) -> bool:
    """Does a next sentence's "It is built on …" / "It is concerned with …" speak of the previous sentence's subject
    rather than of the term found in its predicate? So when that subject is a noun phrase without the term and the
    next sentence says of "it" only a participle or an adjective that defines nothing ("The strategy's strength comes
    from its co-production with tenants. It is rooted in tenants' own accounts …")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    subjects = [t for t in prev_sent if t.dep_ in {"nsubj", "nsubjpass"} and t.head == prev_sent.root]
    if not subjects or any(t.pos_ not in {"NOUN", "PROPN"} or span.root in t.subtree for t in subjects):
        return False
    root = sent.root
    said = root if root.tag_ == "VBN" else next((c for c in root.children if c.dep_ == "acomp"), None)
    it = any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ == "it" for c in root.children)
    return it and said is not None and said.tag_ in {"VBN", "JJ"} and said.lemma_.lower() not in _DEFINING_PARTICIPLES


def _nominal(doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or not len(span) or span.root.pos_ in {"NOUN", "PROPN", "PRON", "X", "ADJ"}


def term_name(text: str) -> str:
    """The glossary headword: determiners and 'the term' removed, quotes stripped, sentence case undone (a
    capitalised first word is lowered only when no later word is capitalised)."""
    t = re.sub(r"\s+", " ", text.strip(" ‘’“”\"'.,:;"))
    m = _STRIP.match(t)
    if m and m.end() < len(t):
        t = t[m.end() :]
    words = t.split(" ")
    # Only sentence case is undone: an acronym ("NHS"), a capital inside the word ("McKinsey") or a later
    # capitalised word ("Peer Trainers", "Practitioner and Peer Trainers") marks a name, kept as written.
    named = any(w[:1].isupper() for w in words[1:])
    if words and not named and not (len(words[0]) > 1 and (words[0].isupper() or words[0][1].isupper())):
        parts = words[0].split("-")  # "Co-Production" as a heading writes each part in title case
        title = len(parts) > 1 and all(p[:1].isupper() and p[1:].islower() for p in parts if p)
        words[0] = words[0].lower() if title else words[0][:1].lower() + words[0][1:]
    return " ".join(words)
