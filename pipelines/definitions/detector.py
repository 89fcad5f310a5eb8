"""Find definitions in parsed text: candidates from the patterns for every sentence and two-sentence window,
scored by a scoring function (the trained classifier's, see model.py). The stage reads whole documents with
`Detector.detect_doc`; passages (`colens classify`, `colens elasticity`) through annotator.passage_definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from pipelines.definitions.cues import defining_forms
from pipelines.definitions.features import candidate_features
from pipelines.definitions.filters import NAMED_COMPOUND, acted_on, quoted_compound, rejection
from pipelines.definitions.generic import (
    ANAPHOR,
    ANSWER,
    LIST_LEAD,
    NEXT_BULLET,
    OBJECT_ANAPHOR,
    OPENED_ANAPHOR,
    antecedent,
    clausal_antecedent,
    generic_anchors,
    heading_term,
    target_anchors,
    question_term,
    subject_antecedent,
    term_name,
    with_head_nouns,
)
from pipelines.definitions.naming import name_term, well_formed
from pipelines.definitions.patterns import (
    BY_WE_MEAN,
    MEAN_AT_END,
    Candidate,
    find_candidates,
    mention_candidate,
    named_back,
    trim_definiens,
)
from pipelines.definitions.sentence_model import Unit, units_of
from pipelines.text.lexicon import Lexicon
from pipelines.text.spans import doc_text

#: Rejections that also hold for a mention no pattern reads (the fallback candidate): the term is not the subject.
FALLBACK_REJECTIONS = {"term_is_complement", "possessive_term"}
# A pattern's rejection that holds for the whole sentence: its fallback reading would say the same of the term
# ("Implementing X involves ...": what the sentence says is said of the activity, whichever reading).
SENTENCE_REJECTIONS = {"activity_as_subject"}
# A gloss under a heading is a noun phrase, never one that opens with a pronoun ("It was ...", "Our team ...").
PRONOUN_OPENERS = {"it", "this", "that", "these", "those", "they", "we", "our", "i", "my", "you", "your", "he", "she"}


@dataclass
class Definition:
    """The best reading of one sentence (or window) as a definition, with offsets into the analysed text."""

    is_definition: bool
    score: float
    term: str
    definiens: str
    pattern: str
    start: int                 # sentence / window span
    end: int
    sent_index: int            # index of the (first) sentence in the parsed text
    term_start: int
    term_end: int
    definiens_start: int
    definiens_end: int
    is_target_term: bool
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class Scored:
    sent_index: int
    window: bool
    cand: Candidate
    features: dict
    start: int
    end: int
    anaphor: str = ""


def model_features(item: Scored) -> dict:
    """The classifier's input: the features without the private bookkeeping keys."""
    return {k: v for k, v in item.features.items() if not k.startswith("_")}


def _evidence(doc, item: Scored, features: dict) -> dict[str, Any]:
    c = item.cand
    span = doc.char_span(c.term_start, c.term_end, alignment_mode="expand")
    anchor = doc.char_span(*item.features.get("_anchor", (c.term_start, c.term_end)), alignment_mode="expand")
    head = (anchor.root if anchor is not None and len(anchor) else None)
    dspan = doc.char_span(c.definiens_start, c.definiens_end, alignment_mode="expand")
    facts = {k: v for k, v in c.facts.items() if k in {"aux", "aside", "agent", "appos_cue", "definition_sep",
                                                          "coordinated", "contrast", "rejected", "fallback"}}
    return {
        "pattern": c.pattern,
        "cue_lemma": c.cue,
        "subject_head": span.root.text if span is not None and len(span) else doc_text(doc)[c.term_start : c.term_end],
        "term_dep": head.dep_ if head is not None else "",
        "governor_lemma": head.head.lemma_ if head is not None else "",
        "definiens_head": dspan.root.lemma_ if dspan is not None and len(dspan) else "",
        "attribution": c.attribution,
        "modal": bool(c.facts.get("modal")),
        "negated": bool(c.facts.get("negated")),
        "window": item.window,
        "anaphor": item.anaphor,
        **facts,
        # coordinated terms share the definiens ("X and Y are used to describe ..."): all of them are named
        "terms": [t for t in (c.facts.get("coordinated_before"), doc_text(doc)[c.term_start : c.term_end],
                              c.facts.get("coordinated")) if t],
        "features": sorted(k for k, v in features.items() if v and not k.startswith("_") and "=" in k)[:12],
    }


#: How `naming.name_term` named a unit's term when no cue says it is defined: its grammatical subject, or nothing.
UNCUED_NAMING = frozenset({"subject", "none"})


class Detector:
    """Candidates + features + a scoring function (the classifier's P(definition) for feature dicts)."""

    def __init__(self, lexicon: Lexicon, score: Callable[[list[dict]], list[float]], threshold: float,
                 windows: bool = True, unit_score: Callable[[list[Unit]], list[float]] | None = None,
                 generic_threshold: float = 0.5, linked_windows: bool = True,
                 fallback_threshold: float | None = None, window_threshold: float | None = None,
                 generic_fallback_threshold: float | None = None):
        self.lexicon = lexicon
        self.score = score
        self.threshold = threshold
        # the bars for a candidate no pattern reads (`_fallback`) and for a two-sentence window; None: `threshold`
        self.fallback_threshold = fallback_threshold
        self.window_threshold = window_threshold
        self.windows = windows
        # generic mode (`concepts=None`): the sentence model scores every sentence and window (sentence_model.py)
        self.unit_score = unit_score
        self.generic_threshold = generic_threshold
        # generic mode's bar for a unit no cue reads (`UNCUED_NAMING`); None: `generic_threshold`
        self.generic_fallback_threshold = generic_fallback_threshold
        # generic mode reads only the windows whose sentences are linked (sentence_model.linked): the rest cannot
        # define what neither sentence defines, and embedding them doubled the sentence model's work
        self.linked_windows = linked_windows

    def candidates(self, doc, concepts: list[str] | None, sents: list | None = None) -> list[Scored]:
        """Every candidate in `doc`; `concepts=None` is generic mode (any term). `sents` (Spans of `doc`) are the
        sentences to read, spaCy's by default (the stage passes the `sentences` table's)."""
        sents = list(doc.sents) if sents is None else sents
        out: list[Scored] = []
        for i, sent in enumerate(sents):
            s0, s1 = sent.start_char, sent.end_char
            if concepts is None:
                anchors = generic_anchors(self.lexicon, doc, sent)
            else:
                anchors = with_head_nouns(doc, target_anchors(self.lexicon, doc_text(doc), s0, s1, concepts))
            kept, reasons, fallbacks = 0, [], []
            for ts, te in anchors:
                known = bool(self.lexicon.find(doc_text(doc)[ts:te]))
                for c in find_candidates(doc_text(doc), s0, s1, ts, te):
                    why = rejection(doc, sent, c)
                    if why:
                        reasons.append(why)
                        continue
                    feats = candidate_features(doc, sent, c, window=False, known_term=known)
                    out.append(Scored(i, False, c, feats, s0, s1))
                    kept += 1
                fallbacks.append((ts, te, known))
            # No gate: a sentence that mentions the term and that no pattern reads is still scored, through its
            # first nominal mention (patterns are evidence and features, not a filter).
            if not kept and concepts is not None:
                for ts, te, known in fallbacks:
                    fb = self._fallback(doc, sent, ts, te, reasons)
                    if fb is not None:
                        feats = candidate_features(doc, sent, fb, window=False, known_term=known)
                        out.append(Scored(i, False, fb, feats, s0, s1))
                        break
            if self.windows and i > 0:
                out.extend(self._window(doc, sents[i - 1], sent, i, concepts, sents))
        return out

    @staticmethod
    def _fallback(doc, sent, ts: int, te: int, reasons: list[str]):
        """A mention no pattern reads, as a candidate; only a nominal mention ("co-produced with carers" is an
        event, not a term) in a statement (not a question) that is not the name of an event or a body."""
        if doc_text(doc)[sent.start_char : sent.end_char].rstrip().rstrip("’”\"')").endswith("?"):
            return None
        if NAMED_COMPOUND.match(doc_text(doc), te):
            return None  # "Co-production Week ...": an event or a body, not the concept
        span = doc.char_span(ts, te, alignment_mode="expand")
        if span is not None and len(span):
            if span.root.pos_ not in {"NOUN", "PROPN", "PRON", "X"} or span[0].tag_ == "VBG" and span[0].pos_ == "VERB":
                return None  # "co-producing curricula which ..." is an activity, not the term
            if acted_on(span.root):
                return None  # "publishing co-produced papers; attending ...": an object the sentence acts on
            # "Riverside Pledge is an informal, co-produced agreement between ...": the subject is defined
            if span.root.dep_ == "attr" and not any(
                    t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ in {"this", "that", "it"} for t in span.root.head.children):
                return None
        fb = mention_candidate(doc_text(doc), sent.start_char, sent.end_char, ts, te)
        if fb is not None and (rejection(doc, sent, fb) in FALLBACK_REJECTIONS or SENTENCE_REJECTIONS & set(reasons)):
            return None  # "the benefits of X", "X's value": what the sentence says is not said of the term
        if fb is not None and reasons:
            fb.facts["rejected"] = reasons[0]
        return fb

    def _window(self, doc, prev, sent, i: int, concepts: list[str] | None, sents: list | None = None) -> list[Scored]:
        named = self._named_back(doc, prev, sent, i, concepts) or self._meant_next(doc, prev, sent, i, concepts)
        if named:
            return named
        m = (ANAPHOR.match(doc_text(doc), sent.start_char, sent.end_char)
             or OPENED_ANAPHOR.match(doc_text(doc), sent.start_char, sent.end_char)
             or OBJECT_ANAPHOR.match(doc_text(doc), sent.start_char, sent.end_char))
        if not m:
            return self._answer(doc, prev, sent, i, concepts, sents)
        ante = antecedent(self.lexicon, doc, prev, concepts)
        if ante is None and sents is not None and i > 1 and ANAPHOR.match(doc_text(doc), prev.start_char,
                                                                            prev.end_char):
            ante = antecedent(self.lexicon, doc, sents[i - 2], concepts)  # "X ... . But it is ... . It is about ..."
        if (ante is None or NAMED_COMPOUND.match(doc_text(doc), ante[1]) or clausal_antecedent(doc, prev, *ante)
                or subject_antecedent(doc, prev, sent, *ante)):
            return []
        if any(quoted_compound(doc_text(doc), a, b) for a, b in target_anchors(
                self.lexicon, doc_text(doc), prev.start_char, prev.end_char, concepts or self.lexicon.concepts)):
            return []  # "we introduce the notion of ‘ecologies of X’ ... We define this as ...": the notion is defined
        out = []
        lead = LIST_LEAD.match(doc_text(doc), m.end("a"), sent.end_char)  # "Essentially it:\n • involves ..."
        cands = find_candidates(doc_text(doc), sent.start_char, sent.end_char, m.start("a"),
                                lead.end() if lead else m.end("a"))
        kept = [c for c in cands if not rejection(doc, sent, c)]
        if not kept and concepts is not None:
            fb = self._fallback(doc, sent, m.start("a"), m.end("a"),
                                [r for r in (rejection(doc, sent, c) for c in cands) if r])
            kept = [fb] if fb is not None else []
        for c in kept:
            known = bool(self.lexicon.find(doc_text(doc)[ante[0] : ante[1]]))
            feats = candidate_features(doc, sent, c, window=True, known_term=known)
            feats["_anchor"] = (c.term_start, c.term_end)
            c.term_start, c.term_end = ante
            out.append(Scored(i - 1, True, c, feats, prev.start_char, sent.end_char, m.group("a")))
        return out

    def _named_back(self, doc, prev, sent, i: int, concepts: list[str] | None) -> list[Scored]:
        """'This means including carers in design. That's called X.': the sentence before the naming is the
        definiens (target mode; generic mode reads the same window through its sentence model)."""
        if concepts is None:
            return []
        text = doc_text(doc)
        for ts, te in target_anchors(self.lexicon, text, sent.start_char, sent.end_char, concepts):
            named = named_back(text, sent.start_char, sent.end_char, ts, te)
            if named is None:
                continue
            cue, anaphor = named
            return self._sentence_definiens(
                doc, prev, sent, i, prev, anaphor,
                lambda start, end, cited: Candidate("reverse_named", ts, te, start, end, "call", cited,
                                                    {"reverse_cue": cue.lower(), "named_back": anaphor.lower()}))
        return []

    def _meant_next(self, doc, prev, sent, i: int, concepts: list[str] | None) -> list[Scored]:
        """'When we talk about X we mean...', then the next sentence: it says what is meant (target mode)."""
        if concepts is None:
            return []
        text = doc_text(doc)
        for ts, te in target_anchors(self.lexicon, text, prev.start_char, prev.end_char, concepts):
            if not (BY_WE_MEAN.search(text[prev.start_char : ts]) and MEAN_AT_END.match(text, te, prev.end_char)):
                continue
            return self._sentence_definiens(
                doc, prev, sent, i, sent, "",
                lambda start, end, cited: Candidate("by_term_we_mean", ts, te, start, end, "mean", cited,
                                                    {"agent": "we", "meant_next": True}))
        return []

    @staticmethod
    def _sentence_definiens(doc, prev, sent, i: int, definiens_sent, anaphor: str, make) -> list[Scored]:
        """A window whose definiens is one whole sentence of it (`definiens_sent`) and whose term is in the other:
        the sentence trimmed, at least three words, `make(start, end, cited)` built, rejected or scored."""
        text = doc_text(doc)
        start, end, cited = trim_definiens(text, definiens_sent.start_char, definiens_sent.start_char,
                                           definiens_sent.end_char)
        if len(text[start:end].split()) < 3:
            return []
        c = make(start, end, cited)
        if rejection(doc, sent, c):
            return []
        feats = candidate_features(doc, sent, c, window=True, known_term=True)
        return [Scored(i - 1, True, c, feats, prev.start_char, sent.end_char, anaphor)]

    def _answer(self, doc, prev, sent, i: int, concepts: list[str] | None, sents: list | None = None) -> list[Scored]:
        """'What is X? • A model for ...': the answer's noun phrase, up to the next bullet, glosses X."""
        text = doc_text(doc)
        if sents is not None and i > 1 and not text[prev.start_char : prev.end_char].strip(" \n•▪·*-"):
            prev = sents[i - 2]  # the parser may make the bullet between question and answer a sentence
        a = ANSWER.match(text, sent.start_char, sent.end_char)
        term = question_term(self.lexicon, doc, prev, concepts) if a else None
        if term is None:
            return self._heading_gloss(doc, prev, sent, i, concepts)
        bullet = NEXT_BULLET.search(text, a.end(), sent.end_char)
        start, end, cited = trim_definiens(text, sent.start_char, a.end(), bullet.start() if bullet else sent.end_char)
        if len(text[start:end].split()) < 3:
            return []
        c = Candidate("glossary", sent.start_char, sent.start_char, start, end, "?", cited, {"answer": True})
        feats = candidate_features(doc, sent, c, window=True, known_term=bool(self.lexicon.find(text[term[0] : term[1]])))
        feats["_anchor"] = term
        c.term_start, c.term_end = term
        return [Scored(i - 1, True, c, feats, prev.start_char, sent.end_char)]

    def _heading_gloss(self, doc, prev, sent, i: int, concepts: list[str] | None) -> list[Scored]:
        """'Coproduction of Healthcare Services', a line break, 'The interdependent work of users and ...': a
        heading that is only the term, then a noun phrase with no verb of its own (or a bare when-clause), is a
        glossary entry."""
        if concepts is None:
            return []
        text = doc_text(doc)
        term = heading_term(self.lexicon, doc, prev, concepts)
        words = [t for t in sent if not t.is_punct and not t.is_space]
        # "Co-production. When an individual is involved as an equal partner in ...": a when-clause with no main
        # clause glosses the heading as a noun phrase would
        fragment = bool(words) and words[0].lower_ in {"when", "where", "whereby"} and words[0].head == sent.root
        if (term is None or len(words) < 5 or (sent.root.pos_ not in {"NOUN", "PROPN"} and not fragment)
                or words[0].lower_ in PRONOUN_OPENERS or target_anchors(self.lexicon, text, sent.start_char,
                                                                       sent.end_char, concepts)):
            return []
        start, end, cited = trim_definiens(text, sent.start_char, sent.start_char, sent.end_char)
        c = Candidate("glossary", sent.start_char, sent.start_char, start, end, "heading", cited, {"heading": True})
        feats = candidate_features(doc, sent, c, window=True, known_term=True)
        feats["_anchor"] = term
        c.term_start, c.term_end = term
        return [Scored(i - 1, True, c, feats, prev.start_char, sent.end_char)]

    def detect_doc(self, doc, concepts: list[str] | None, target: str, sents: list | None = None) -> list[Definition]:
        """The best candidate of each sentence / window (definitions and rejected candidates alike)."""
        if concepts is None and self.unit_score is not None:
            return self.detect_generic(doc, target, sents)
        items = self.candidates(doc, concepts, sents)
        return self.decide(doc, items, self.score([model_features(it) for it in items]) if items else [], target)

    def threshold_for(self, cand: Candidate, window: bool = False) -> float:
        """The score a candidate needs: the fallback reading of a mention no pattern reads has its own bar, then a
        two-sentence window reading, then every other candidate the common threshold."""
        if cand.facts.get("fallback") and self.fallback_threshold is not None:
            return self.fallback_threshold
        if window and self.window_threshold is not None:
            return self.window_threshold
        return self.threshold

    def decide(self, doc, items: list[Scored], scores: list[float], target: str) -> list[Definition]:
        """Keep the best-scoring candidate per sentence / window and turn it into a `Definition`."""
        best: dict[tuple[int, bool], tuple[float, Scored]] = {}
        for it, s in zip(items, scores):
            key = (it.sent_index, it.window)
            if key not in best or s > best[key][0]:
                best[key] = (float(s), it)
        out = []
        for (_, _), (s, it) in sorted(best.items()):
            c = it.cand
            term = doc_text(doc)[c.term_start : c.term_end]
            out.append(Definition(
                is_definition=s >= self.threshold_for(c, it.window), score=round(s, 4), term=term_name(term),
                definiens=c.definiens(doc_text(doc)), pattern=("window_" if it.window else "") + c.pattern,
                start=it.start, end=it.end, sent_index=it.sent_index, term_start=c.term_start, term_end=c.term_end,
                definiens_start=c.definiens_start, definiens_end=c.definiens_end,
                is_target_term=bool(self.lexicon.find(term, [target])),
                evidence={**_evidence(doc, it, it.features), "score": round(s, 4)},
            ))
        # A window only counts when the second sentence alone does not already define the term.
        alone = {d.sent_index for d in out if not d.evidence["window"] and d.is_definition}
        return [d for d in out if not (d.evidence["window"] and d.sent_index + 1 in alone)]

    def _generic_bar(self, reading: Scored | None, how: str, text: str = "") -> float:
        """The score a generic unit needs: higher when no cue reads it (no pattern reading, the term named only as
        the sentence's subject or not at all, and no defining form in its text such as "X, which is ..."), as target
        mode's `fallback_threshold` is for a mention no pattern reads."""
        if (reading is None and how in UNCUED_NAMING and self.generic_fallback_threshold is not None
                and not defining_forms(text)):
            return max(self.generic_threshold, self.generic_fallback_threshold)
        return self.generic_threshold

    def detect_generic(self, doc, target: str, sents: list | None = None) -> list[Definition]:
        """Generic mode: every sentence and window scored by the sentence model, or by its best pattern reading
        (candidate model) when that is higher and names a well-formed term; the term is named by
        `naming.name_term`."""
        sents = list(doc.sents) if sents is None else sents
        units = units_of(doc, sents, self.windows, self.linked_windows)
        scores = self.unit_score([u for _, _, u in units]) if units else []
        # Pattern readings (every noun phrase, the candidate model's score) name the term, bound the definiens,
        # and are a second opinion: a unit scores the better of the sentence model and its best reading.
        items = self.candidates(doc, None, sents)
        cscores = self.score([model_features(it) for it in items]) if items else []
        readings: dict[tuple[int, bool], list[tuple[float, Scored]]] = {}
        for it, cs in zip(items, cscores):
            readings.setdefault((it.sent_index, it.window), []).append((float(cs), it))
        text = doc_text(doc)
        out = []
        for (i, window, unit), s in zip(units, scores):
            # a window's readings: its anaphoric reading and those of both its sentences
            own = readings.get((i, window), [])
            if window:
                own = own + readings.get((i, False), []) + readings.get((i + 1, False), [])
            cands = sorted(own, key=lambda x: -x[0])
            span, how = name_term(doc, unit.spans, [(cs, it.cand.term_start, it.cand.term_end) for cs, it in cands])
            sentence_score = float(s)
            s = max([sentence_score] + [cs for cs, it in cands if it.window == window
                                        and well_formed(doc, it.cand.term_start, it.cand.term_end)][:1])
            ts, te = span if span else (unit.spans[0].start_char, unit.spans[0].start_char)
            reading = next((it for _, it in cands if it.cand.term_start < te and ts < it.cand.term_end), None)
            if reading is not None:
                ds, de = reading.cand.definiens_start, reading.cand.definiens_end
            else:  # the unit's text on the far side of the term
                u0, u1 = unit.spans[0].start_char, unit.spans[-1].end_char
                ds, de = (te, u1) if te - u0 < (u1 - u0) / 2 else (u0, ts)
            definiens = text[ds:de].strip(" ,:;—–-.").strip()
            term = text[ts:te]
            out.append(Definition(
                is_definition=s >= self._generic_bar(reading, how, unit.text), score=round(float(s), 4),
                term=term_name(term) if term else "", definiens=definiens,
                pattern=("window_" if window else "") + (reading.cand.pattern if reading is not None else how),
                start=unit.spans[0].start_char, end=unit.spans[-1].end_char, sent_index=i, term_start=ts,
                term_end=te, definiens_start=ds, definiens_end=de,
                is_target_term=bool(term) and bool(self.lexicon.find(term, [target])),
                evidence={"pattern": reading.cand.pattern if reading is not None else how, "naming": how,
                          "window": window, "anaphor": reading.anaphor if reading is not None else "",
                          "terms": [term] if term else [], "score": round(float(s), 4),
                          "sentence_score": round(sentence_score, 4),
                          "candidate_score": round(cands[0][0], 4) if cands else None,
                          "cue_lemma": reading.cand.cue if reading is not None else ""},
            ))
        # A window counts only when neither of its sentences alone reads as a definition at the common bar (a
        # sentence held back only by the uncued bar still holds its windows back).
        alone = {d.sent_index for d in out if not d.evidence["window"] and d.score >= self.generic_threshold}
        return [d for d in out if not (d.evidence["window"] and {d.sent_index, d.sent_index + 1} & alone)]

    def best(self, doc, concepts: list[str] | None, target: str) -> Definition | None:
        return best_of(self.detect_doc(doc, concepts, target))


def best_of(found: list[Definition]) -> Definition | None:
    """The passage's best reading: its best-scoring definition, else its best-scoring candidate (a fallback reading
    can outscore a pattern's definition and still fall below its own bar)."""
    return max(found, key=lambda d: (d.is_definition, d.score)) if found else None

