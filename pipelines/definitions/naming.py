"""The term a generic definition names, always a well-formed noun phrase: the slot of a naming cue ("is called X",
"known as X", "we call this X"), a glossary headword ("X: ...", "X The ..."), the best pattern candidate's term,
or the subject noun chunk. Pronouns, "how X", person names, symbols and run-on phrases are never terms.
"""

from __future__ import annotations

import re

from pipelines.definitions.cues import FINITE_TAGS
from pipelines.text.spans import doc_text, trim_span

_MAX_TOKENS = 6
_BAD_FIRST = {"how", "what", "why", "when", "where", "whether", "which", "who", "whom", "whose", "if", "that",
              "this", "these", "those", "it", "its", "they", "their", "we", "our", "you", "your", "he", "she", "his",
              "her", "i", "my", "me", "us", "them", "there", "here", "one", "some", "many", "most", "all", "each",
              "such", "other", "another", "both", "any", "every", "no", "not", "so", "and", "or", "but", "as"}
_ANAPHORIC = {"term", "concept", "idea", "approach", "word", "notion", "model", "process", "phenomenon", "thing",
              "way", "example", "case", "type", "kind", "one", "ones", "result", "answer", "problem", "point"}
_DETS = re.compile(r"^(?:(?:the|a|an)\s+)?(?:(?:term|concept|notion|word|phrase|expression)\s+(?:of\s+)?)?", re.I)
_CUE_SLOT = re.compile(
    r"\b(?:(?:is|are|was|were|be|been)\s+(?:\w+ly\s+|also\s+|often\s+|sometimes\s+)*(?:called|termed|named|dubbed|"
    r"labell?ed|known\s+as|referred\s+to\s+(?:\w+ly\s+)?as)|(?:we|they|scientists|economists|biologists|sociologists|"
    r"psychologists|researchers|people|ecologists|historians|chemists|physicists|lawyers)\s+(?:\w+ly\s+)?"
    r"(?:call|term|name|label)(?:\s+(?:this|these|it|them|such\s+\w+))?|so-called|also\s+called|also\s+known\s+as|"
    r"(?:use|uses|used)\s+the\s+(?:term|word|name|label))\s+(?:as\s+)?[‘“\"']?", re.I)
# "..., a state called X", "processes known as X": a naming participle right after a noun, no copula
_NOUN_CALLED = re.compile(r"\b(?:called|termed|dubbed|known\s+as|referred\s+to\s+(?:\w+ly\s+)?as)\s+[‘“\"']?", re.I)
_HEADWORD = re.compile(r"\s*(?:[-•*·▪]\s*|\d+[.)]\s*)?[‘“\"']?"
                       r"(?P<t>[A-Za-z][\w’'\-/ ]{0,50}?(?:\s*\([A-Za-z]{1,10}\))?)"
                       r"[’”\"']?\s*(?::|\s[–—-]\s|—|–)\s*\S")
#: Labels of abstract and report sections, question-and-answer markers and news datelines: a colon after them opens
#: a section, not a glossary entry ("Background: ...", "Summary: ...", "A: ...", "MUMBAI: ...").
SECTION_LABEL = re.compile(
    r"\s*[‘“\"']?(?:(?i:background|summary|abstract|aims?|objectives?|purpose|methods?|methodology|design|setting|"
    r"participants|results?|findings|conclusions?|discussion|context|introduction|implications|keywords|notes?|"
    r"source|update|q|a|question|answer|interventions?|outcomes?|limitations|recommendations?|key\s+(?:points?|"
    r"findings|messages?)|what\s+we\s+(?:did|found)|why\s+it\s+matters|originality(?:/value)?|practical\s+"
    r"implications|research\s+limitations(?:/implications)?|design/methodology/approach|problem|aim\s+of\s+the\s+"
    r"study)|\d+(?:\.\d+)*|[A-Z]{6,}(?:[ ,-]+[A-Z]{2,})*)\s*[’”\"']?\s*:")
_PERSONISH = {"PERSON", "GPE", "ORG", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


def well_formed(doc, start: int, end: int, strict: bool = False) -> tuple[int, int] | None:
    """The span [start, end) trimmed of determiners and quotes when it is a proper term (a noun phrase of at most
    six words, letters only, no pronoun, wh-word or person name); None otherwise. `strict` (a bare subject, no
    defining form names it) also refuses a single capitalised word tagged as a person, place or organisation."""
    text = doc_text(doc)
    start, end = trim_span(text, start, end, _DETS, " ‘“\"'(", " ’”\"',.;:)")
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or len(span) > _MAX_TOKENS:
        return None
    words = [t for t in span if not t.is_punct]
    if not words or words[0].lower_ in _BAD_FIRST or any(t.pos_ == "PRON" for t in words):
        return None
    if any(t.pos_ in {"VERB", "AUX"} and t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in words):
        return None
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9’'\-/ ()]*", span.text):
        return None
    if len(words) == 1 and len(words[0].text) < 2:
        return None
    if span.root.lower_ in _ANAPHORIC and len(words) <= 2 and words[0].lower_ in {"the", "a", "an"}:
        return None
    ents = [t.ent_type_ for t in words if t.ent_type_]
    if ents and len(ents) == len(words) and all(t.pos_ == "PROPN" for t in words) and (
            strict and ents[0] != "ORG" or len(words) > 1 and ents[0] == "PERSON"
            or ents[0] in _PERSONISH - {"PERSON", "ORG"} or span.start > span.sent.start and ents[0] == "PERSON"):
        return None  # a name, a place or a date, not a term
    if not any(t.pos_ in {"NOUN", "PROPN", "ADJ", "X"} or t.tag_ == "VBG" for t in words):  # "Safeguarding means"
        return None
    return span.start_char, span.end_char


def _slot_after(doc, pos: int, limit: int) -> tuple[int, int] | None:
    """The noun phrase that starts at `pos` ("... is called [the active site], ...")."""
    span = doc.char_span(pos, limit, alignment_mode="expand")
    if span is None or not len(span):
        return None
    end = span.start
    while end < span.end and end - span.start < _MAX_TOKENS + 1:
        t = doc[end]
        if t.is_punct and t.text not in {"-", "'", "’"} or t.lower_ in {"and", "or", "which", "that", "who",
                                                                       "because", "when", "where", "is", "are",
                                                                       "was", "were", "in", "for", "to", "by",
                                                                       "of", "from", "as", "with"}:
            break
        end += 1
    return well_formed(doc, span.start_char, doc[end - 1].idx + len(doc[end - 1].text)) if end > span.start else None


def cue_slot(doc, start: int, end: int) -> tuple[int, int] | None:
    """The term named by a naming cue inside [start, end): "is called X", "known as X", "we call this X", or a
    naming participle after a noun ("..., a state called X")."""
    text = doc_text(doc)
    cues = [*_CUE_SLOT.finditer(text, start, end),
            *(m for m in _NOUN_CALLED.finditer(text, start, end) if _after_noun(doc, m.start()))]
    for m in cues:
        found = _slot_after(doc, m.end(), end)
        if found:
            return found
    return None


def _after_noun(doc, pos: int) -> bool:
    """Does the token before the one at character `pos` name a thing ("a state | called")?"""
    tok = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return tok is not None and tok.start > 0 and doc[tok.start - 1].pos_ in {"NOUN", "PROPN"}


def headword(doc, start: int, end: int) -> tuple[int, int] | None:
    """A glossary entry's headword: "X: ...", "X – ...", or a verbless "X The ..." line; never a section label
    ("Background: ...") or a news dateline."""
    if SECTION_LABEL.match(doc_text(doc), start, end):
        return None
    m = _HEADWORD.match(doc_text(doc), start, end)
    if m:
        return well_formed(doc, m.start("t"), m.end("t"))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(t.tag_ in FINITE_TAGS for t in span):
        return None
    # "Diffusion The spreading of ...": a capitalised word (or two) followed by a capitalised determiner
    toks = [t for t in span if not t.is_space]
    for k in (1, 2, 3):
        if len(toks) > k + 2 and toks[k].text in {"A", "An", "The", "Any", "All", "Short-term", "Long-term"}:
            return well_formed(doc, toks[0].idx, toks[k - 1].idx + len(toks[k - 1].text))
    return None


#: Heads whose "of" phrase is the name itself: "the law of diminishing returns", "the tragedy of the commons".
_NAMED_BY_OF = {"law", "laws", "principle", "theory", "rule", "effect", "paradox", "tragedy", "theorem",
                "hypothesis", "model", "doctrine", "problem", "fallacy", "separation", "division", "balance"}


# "Boyle's law states that ...", "The second law of thermodynamics holds that ...": a law, principle or theory stated.
# Read from the text as well as the parse, which often takes "principle states" for a noun phrase.
_LAW_STATEMENT = re.compile(
    r"\s*(?:[‘“\"']\s*)?(?:the\s+)?(?P<t>[\w’'\-]+(?:\s+[\w’'\-]+){0,3}?\s+(?:law|principle|theory|rule|effect|theorem|"
    r"hypothesis|paradox|model|doctrine)(?:\s+of\s+[\w’'\-]+(?:\s+[\w’'\-]+){0,2})?)\s*(?:\([^)]{1,30}\)\s*)?,?\s+"
    r"(?:states|holds|says|asserts|predicts|proposes|posits|maintains)\s+that\b", re.I)


def law_statement(doc, sent) -> tuple[int, int] | None:
    """The law, principle or theory a sentence opens by stating ("X's principle states that ...")."""
    m = _LAW_STATEMENT.match(doc_text(doc), sent.start_char, sent.end_char)
    return well_formed(doc, m.start("t"), m.end("t")) if m else None


def subject(doc, sent) -> tuple[int, int] | None:
    """The noun chunk that is the subject of the sentence's root (with its "of" phrase when the head is a law,
    principle, theory or the like)."""
    for t in sent.root.children:
        if t.dep_ in {"nsubj", "nsubjpass"}:
            left = t.left_edge.idx
            # a relative or prepositional tail is the definiens, not the term ("An atom that ... is")
            right = t.idx + len(t.text)
            of = next((c for c in t.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            if t.lower_ in _NAMED_BY_OF and of is not None and of.right_edge.i - t.left_edge.i < _MAX_TOKENS:
                named = well_formed(doc, left, of.right_edge.idx + len(of.right_edge.text), strict=True)
                if named:
                    return named
            return well_formed(doc, left, right, strict=True)
    return None


_MODIFIER_PREPS = {"between", "among", "amongst", "in", "for", "with", "by", "on", "at", "from", "across"}


def _head_phrase(doc, start: int, end: int) -> tuple[int, int]:
    """A subject with a prepositional modifier defines its head phrase ("Mediation between tenants and landlords
    is ..." defines mediation; GUIDE.md); "of" phrases stay, they often make the term ("freedom of speech")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return start, end
    prep = next((t for t in span if t.dep_ == "prep" and t.head.i == span.root.i and t.i > span.start
                 and t.lower_ in _MODIFIER_PREPS), None)
    if prep is None:
        return start, end
    last = doc[prep.i - 1]
    return span.start_char, last.idx + len(last.text)


def name_term(doc, sents: list, candidates: list[tuple[float, int, int]]) -> tuple[tuple[int, int] | None, str]:
    """The term of a unit (its sentence Spans), with how it was found. `candidates` are pattern readings
    (score, term_start, term_end), best first."""
    start, end = sents[0].start_char, sents[-1].end_char
    found = cue_slot(doc, start, end)
    if found:
        return found, "cue_slot"
    found = headword(doc, sents[0].start_char, sents[0].end_char)
    if found:
        return found, "headword"
    for s in sents:
        found = law_statement(doc, s)
        if found:
            return found, "law_statement"
    for _, ts, te in candidates:
        found = well_formed(doc, *_head_phrase(doc, ts, te))
        if found:
            return found, "pattern"
    for s in sents:
        found = subject(doc, s)
        if found:
            return found, "subject"
    return None, "none"
