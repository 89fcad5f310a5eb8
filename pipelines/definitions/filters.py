"""Hard negatives the annotation guide rules out whatever the classifier says (GUIDE.md, "never a definition").

A candidate is dropped when its sentence is a question, the term sits in a wh-/if-clause ("what co-production
is", "if co-production is ..."), the statement is negated, the term is the complement of another noun
("experience of co-production meant"), or the predicate is not a definiens (passive "is known for",
progressive "is increasing in use", "is to be", "are that ...", a parenthetical "(which ...)").
"""

from __future__ import annotations

import re

from pipelines.definitions.patterns import Candidate

_WH = {"what", "how", "whether", "if", "why", "when", "whatever", "unless", "once", "however", "whenever"}
_LABEL = {"term", "concept", "notion", "idea", "word", "label", "definition", "definitions", "meaning", "phrase"}
_VERBAL = {"copula", "means", "refers_to", "describes", "defined_as", "understood_as", "used_to"}
_PAREN_OPENERS = {"which", "who", "whom", "whose", "see", "e.g.", "eg", "for", "as", "and", "or", "but", "like",
                  "including", "such", "also", "although", "though", "if", "when", "where", "cf", "cf.", "n", "p"}
_WORDS = re.compile(r"[\w’'.]+")


def rejection(doc, sent, cand: Candidate) -> str | None:
    """Why this candidate can never be a definition, or None when the classifier should decide."""
    text = doc.text
    if text[sent.start_char : sent.end_char].rstrip().rstrip("’”\"')").endswith("?"):
        return "question"
    before = [w.lower() for w in _WORDS.findall(text[sent.start_char : cand.term_start])]
    if cand.pattern in _VERBAL | {"glossary", "by_term_we_mean"} and (set(before[-4:]) & _WH or before[:1]
                                                                      and before[0] in _WH - {"however"}):
        return "wh_or_conditional_clause"
    if cand.facts.get("negated"):
        return "negated"
    head = before[:-1] if before[-1:] in (["the"], ["a"], ["an"]) else before
    if cand.pattern in _VERBAL | {"appositive"} and head[-1:] == ["of"] and not (set(head[-3:-1]) & _LABEL):
        return "term_is_complement"
    span = doc.char_span(cand.definiens_start, cand.definiens_end, alignment_mode="expand")
    toks = [t for t in span if not t.is_punct] if span is not None else []
    if not toks:
        return "empty_definiens"
    first = toks[0]
    if cand.pattern == "copula":
        if first.tag_ == "VBN":
            return "passive_predicate"
        if first.tag_ == "VBG" and any(w in {"has", "have", "been", "currently"} for w in str(cand.facts.get("aux")).split()):
            return "progressive_predicate"
        if first.lower_ in {"that", "to", "not"} or text[cand.definiens_start - 2 : cand.definiens_start].strip() == ":":
            return "clausal_predicate"
    if cand.pattern == "appositive" and (span.root.pos_ not in {"NOUN", "PROPN", "PRON"}
                                         or any(t.dep_ == "ROOT" for t in span)):
        return "appositive_not_nominal"
    if cand.pattern == "appositive" and not cand.facts.get("appos_closed"):
        lead = doc.char_span(sent.start_char, cand.term_start, alignment_mode="contract")
        if lead is None or not any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in lead):
            return "appositive_is_main_clause"  # "Using ..., interviews, the research aimed ..."
    if (cand.pattern == "copula" and before[-1:] in (["the"], ["this"], ["these"], ["our"], ["their"])
            and set(str(cand.facts.get("aux")).split()) & {"was", "were"}):
        return "past_description_of_a_definite_thing"
    if cand.pattern == "parenthesis" and (first.lower_ in _PAREN_OPENERS or first.like_num):
        return "parenthetical_not_definiens"
    return None
