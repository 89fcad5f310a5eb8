"""Evidence features of one candidate: pattern flags, parse facts of term and definiens, definiens properties.

The same dictionary is the classifier's input (DictVectorizer) and, in part, the evidence a user sees.
"""

from __future__ import annotations

import re

from pipelines.definitions.cues import FINITE_TAGS
from pipelines.definitions.patterns import Candidate
from pipelines.text.spans import doc_text

GENUS = {"way", "process", "approach", "relationship", "partnership", "model", "practice", "method", "term",
         "concept", "idea", "principle", "form", "mode", "collaboration", "involvement", "participation",
         "arrangement", "ethos", "philosophy", "set", "range", "activity", "provision", "delivery", "engagement",
         "work", "working", "framework", "situation", "state", "condition", "type", "kind", "label", "word",
         "phrase", "system", "mechanism", "strategy", "means", "ability", "capacity", "sharing", "act", "exchange",
         "commitment", "value", "values", "belief", "movement", "service", "services", "support", "experience",
         "knowledge", "expertise", "person", "people", "role", "practices", "principles", "methods", "ways"}
EVALUATIVE = {"essential", "important", "vital", "crucial", "key", "central", "necessary", "right", "wrong", "good",
              "best", "better", "popular", "fashionable", "increasingly", "valuable", "beneficial", "effective",
              "difficult", "hard", "challenging", "complex", "unclear", "contested", "problematic", "promising",
              "useful", "helpful", "powerful", "possible", "impossible", "fundamental", "critical", "appropriate",
              "desirable", "welcome", "growing", "buzzword", "priority", "success", "successful", "costly",
              "expensive", "rare", "common", "worth", "worthwhile", "easy", "simple", "messy", "slow", "risky",
              "tokenistic", "meaningless", "misunderstood", "rhetoric", "fad", "trendy", "ambiguous", "vague",
              "great", "excellent", "poor", "bad", "strong", "weak", "new", "here", "ongoing", "lacking",
              "limited", "unique", "special", "exciting", "rewarding", "transformative", "radical", "central",
              "needed", "required", "missing", "absent", "present", "widespread", "underway", "likely", "forward",
              "dependent", "valued", "consuming",  # spaCy splits "time-consuming": "consuming" is the token
              "preferred", "favoured", "favored", "proven", "recommended"}
PARTICIPANTS = {"people", "user", "users", "professional", "professionals", "citizen", "citizens", "staff", "carer",
                "carers", "patient", "patients", "community", "communities", "together", "equal", "equals",
                "equally", "partnership", "partner", "partners", "power", "share", "sharing", "shared",
                "collaboration", "collaborate", "jointly", "joint", "reciprocal", "reciprocity", "experience",
                "expertise", "decision", "decisions", "provider", "providers", "service", "services", "member",
                "members", "public", "individual", "individuals", "person", "someone", "one", "whose", "their"}
WH = {"what", "how", "whether", "if", "why", "when", "whatever", "which", "unless", "once"}
LABEL_NOUNS = {"term", "concept", "notion", "idea", "word", "label", "phrase", "language", "principle", "practice",
               "terms", "concepts", "notions", "ideas", "words", "labels"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "his", "her", "my",
               "your", "such", "any", "some", "every", "each", "no"}
_ABOUT_HEDGES = {"all", "really", "essentially", "simply", "basically", "fundamentally", "ultimately", "mainly", "mostly"}
FIRST_WORDS = {"a", "an", "the", "about", "when", "where", "that", "not", "to", "how", "what", "one", "any",
               "more", "less", "much", "often", "also", "now", "still", "in", "at", "both", "simply", "just",
               "rooted", "based", "used", "seen", "being", "likely", "unlikely", "too", "very", "so", "it",
               "nothing", "little", "something", "different", "everything", "anything", "another", "many"}
# Degree words before an adjective ("is highly context dependent", "is very time-consuming"): an evaluation, not a genus.
INTENSIFIERS = {"very", "highly", "extremely", "incredibly", "hugely", "deeply", "particularly", "so", "too", "quite",
                "rather", "fairly", "really", "enormously", "immensely", "truly"}
AUX_WORDS = {"often", "sometimes", "now", "increasingly", "usually", "generally", "commonly", "simply", "best",
             "essentially", "basically", "also", "still", "really", "should", "must", "can", "may", "will", "has"}
_WORDS = re.compile(r"[A-Za-z’']+")
_NOMINAL = re.compile(r"(?:^co-?\w+|(?:tion|sion|ment|ance|ence|ery|ship|ing|ure))$")


def _bin(n: int, edges=(2, 4, 7, 12, 20, 35)) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def candidate_features(doc, sent, cand: Candidate, window: bool = False, known_term: bool = True) -> dict:
    """Feature dictionary for a candidate found in `sent` (a spaCy Span of `doc`)."""
    text = doc_text(doc)
    f: dict[str, float] = {}

    def flag(name: str, on: bool = True) -> None:
        if on:
            f[name] = 1.0

    flag(f"pattern={cand.pattern}")
    flag(f"cue={cand.cue}")
    flag(f"pattern_cue={cand.pattern}:{cand.cue}")  # "used to describe" is not "described as"
    flag("attributed", bool(cand.attribution))
    flag("citation", bool(cand.facts.get("citation")))
    flag("modal", bool(cand.facts.get("modal")))
    flag("negated", bool(cand.facts.get("negated")))
    flag("aside", "aside" in cand.facts)
    flag("paren_after_term", "paren_after_term" in cand.facts)
    flag("appos_cue", bool(cand.facts.get("appos_cue")))
    flag("appos_open", cand.pattern == "appositive" and not cand.facts.get("appos_closed"))
    flag("appos_relative", bool(cand.facts.get("appos_relative")))
    flag("definition_names_term", bool(cand.facts.get("definition_names_term")))
    flag("window", window)
    flag("coordinated", "coordinated" in cand.facts)
    flag(f"contrast={cand.facts.get('contrast')}", "contrast" in cand.facts)
    flag("known_term", known_term)
    aux = str(cand.facts.get("aux", "")).split()
    flag("past", any(w in {"was", "were", "had"} for w in aux))
    for w in set(aux) & AUX_WORDS:
        flag(f"aux={w}")
    flag("pp_after_term", "pp" in cand.facts)
    flag("perfect", any(w in {"has", "have"} for w in aux))
    flag("fallback", bool(cand.facts.get("fallback")))
    flag("quoted_definiens", text[max(0, cand.definiens_start - 1) : cand.definiens_start] in {"‘", "“", '"', "'"})
    flag(f"rejected={cand.facts.get('rejected')}", bool(cand.facts.get("rejected")))
    flag(f"appos_sep={cand.facts.get('appos_sep')}", bool(cand.facts.get("appos_sep")))
    flag(f"reverse_cue={str(cand.facts.get('reverse_cue', '')).split()[-1:]}", bool(cand.facts.get("reverse_cue")))
    flag("definiens_before_term", cand.definiens_end <= cand.term_start)

    # Where the term sits in its sentence.
    sent_text = text[sent.start_char : sent.end_char]
    flag("question", sent_text.rstrip().rstrip("’”\"')").endswith("?"))
    before = [w.lower() for w in _WORDS.findall(text[sent.start_char : cand.term_start])]
    flag("term_initial", not before)
    flag("wh_before", any(w in WH for w in before[-4:]))
    flag("before_label_noun", any(w in LABEL_NOUNS for w in before[-3:]))
    # "the concept(s) of X" names X like "the concept X": not the complement of another noun.
    flag("before_of", before[-1:] == ["of"] and not any(w in LABEL_NOUNS for w in before[-3:-1]))
    flag("before_preposition", bool(before) and before[-1] in {"in", "on", "for", "with", "to", "from", "about",
                                                                   "through", "into", "at", "by", "than"})
    # "says that X is ...": a complementiser, not a determiner
    prev_tok = doc.char_span(cand.term_start, cand.term_end, alignment_mode="expand")
    prev_tok = doc[prev_tok.start - 1] if prev_tok is not None and len(prev_tok) and prev_tok.start > 0 else None
    complementiser = prev_tok is not None and prev_tok.lower_ == "that" and prev_tok.dep_ == "mark"
    flag("before_det", bool(before) and before[-1] in DETERMINERS and not complementiser)
    flag("before_complementiser", complementiser)
    flag(f"before_len={_bin(len(before), (0, 2, 5, 10))}")
    flag("before_comma", text[sent.start_char : cand.term_start].rstrip(" ‘“\"'").endswith(","))

    term = doc.char_span(cand.term_start, cand.term_end, alignment_mode="expand")
    if term is not None and len(term):
        root = term.root
        flag(f"term_dep={root.dep_}")
        flag("term_pron", root.pos_ == "PRON")
        flag("term_propn", any(t.pos_ == "PROPN" for t in term))
        flag(f"term_len={_bin(len(term), (1, 2, 3, 5))}")
        flag("term_capital_mid", bool(before) and term.text[:1].isupper())

    span = doc.char_span(cand.definiens_start, cand.definiens_end, alignment_mode="expand")
    toks = [t for t in span if not t.is_punct] if span is not None else []
    n = len(toks)
    # No continuous length feature: it let the model learn "long = definition" from the annotations.
    flag(f"def_len={_bin(n)}")
    if toks:
        first = toks[0]
        # "one form of participation" opens with a genus as "a form of" does; "one of the most …" stays "one"
        one_genus = first.lower_ == "one" and n > 2 and toks[1].lemma_.lower() in GENUS and toks[2].lower_ == "of"
        # "all about / really about sharing power" opens as "about" does
        about = first.lower_ in _ABOUT_HEDGES and n > 1 and toks[1].lower_ == "about"
        if about:
            first = toks[1]
        flag(f"def_first_pos={'DET' if one_genus else first.pos_}")
        flag(f"def_first={'a' if one_genus else first.lower_ if first.lower_ in FIRST_WORDS else 'other'}")
        root = span.root
        flag(f"def_root_pos={root.pos_}")
        content = [t for t in toks if t.lower_ not in DETERMINERS]
        flag("def_genus", root.lemma_.lower() in GENUS or any(t.lemma_.lower() in GENUS for t in content[:3]))
        # "the co-delivery of services by users": a nominalised action as the head names what the term is
        flag("def_nominal_head", root.pos_ == "NOUN" and bool(_NOMINAL.search(root.lower_)))
        flag("def_relative", any(t.lower_ in {"where", "which", "whereby", "who", "whom", "whose"} for t in toks[1:])
             or any(t.dep_ in {"relcl", "acl"} for t in toks))
        evaluative = [t for t in toks if t.lower_ in EVALUATIVE]
        f["def_eval_share"] = len(evaluative) / n
        flag("def_eval_first", bool(content) and content[0].lower_ in EVALUATIVE)
        flag("def_adj_head", root.pos_ in {"ADJ", "ADV"})
        flag("def_short_adj", n <= 4 and root.pos_ in {"ADJ", "ADV", "VERB"})
        flag("intensified", (bool(aux) and aux[-1] in INTENSIFIERS) or first.lower_ in INTENSIFIERS)
        f["def_participants"] = min(4, sum(t.lower_ in PARTICIPANTS for t in toks)) / 4
        flag("def_finite_verb", any(t.tag_ in FINITE_TAGS for t in toks))
        flag("def_comparative", any(t.tag_ in {"JJR", "JJS", "RBR", "RBS"} for t in toks[:4]))
        flag("def_pronoun_first", first.pos_ == "PRON")
        flag("def_personal_pronoun", any(t.lower_ in {"we", "i", "you", "us"} for t in toks[:5]))
        flag("def_gerund_first", first.tag_ == "VBG")
        flag("def_to_infinitive", first.lower_ == "to")
        flag("def_proper_first", first.pos_ == "PROPN")
        flag("def_number", not one_genus and any(t.like_num for t in toks[:3]))
    # Sentence-level cues, read wherever they are (the fallback candidate has no pattern to say what it is).
    low = sent_text.lower()
    for name, rx in _SENT_CUES:
        flag(f"sent_{name}", bool(rx.search(low)))
    if toks:
        head6 = " ".join(t.lower_ for t in toks[:8])
        for name, rx in _DEF_OPENERS:
            flag(f"def_opens_{name}", bool(rx.search(head6)))
    if cand.facts.get("fallback"):
        # A mention no pattern reads gets its own copy of every feature (feature augmentation): the linear model
        # weighs "a relative clause after the term" differently when no defining cue stands between them.
        f.update({f"fb|{k}": v for k, v in list(f.items())})
    return f


_SENT_CUES = [(n, re.compile(r)) for n, r in (
    ("way_of_working", r"\bway of (?:working|doing|thinking)|\bapproach (?:to|in which|where|that)\b"),
    ("defin", r"\bdefin(?:e|ed|es|ition|itions)\b"),
    ("mean", r"\bmeans?\b|\bmeaning\b|\bmeant\b"),
    ("term_word", r"\b(?:the|this) (?:term|concept|word|notion|phrase)\b"),
    ("refer", r"\brefer(?:s|red|ring)? to\b"),
    ("call", r"\b(?:called|known as|termed|what we call)\b"),
    ("equal", r"\bequal(?:s|ly)?\b|\bas equals\b|\bshar(?:e|ed|es|ing) power\b|\btogether\b"),
    ("eval", r"\b(?:essential|important|vital|crucial|exciting|right approach|key|priority|buzzword|fashionable)\b"),
    ("history", r"\b(?:not a new|originated|was first|history|19[5-9]0s|coined|dates back|emerged)\b"),
    ("conditional", r"^(?:if|when|unless|whether|once)\b|\bif (?:co-?production|coproduction|it|we)\b"),
    ("film", r"\b(?:film|films|movie|studio|studios|feature|broadcast|television|tv|album|record label)\b"),
    ("fields", r"\b(?:used in (?:many|a variety|various|different)|variety of fields|many fields|buzzword|"
               r"means different things)\b"),
)]
_DEF_OPENERS = [(n, re.compile(r)) for n, r in (
    ("genus", r"^(?:a|an|the|one)\s+(?:\w+\s+){0,3}(?:way|process|approach|method|model|relationship|partnership|"
              r"practice|framework|philosophy|principle|form|mode|set|concept|term|idea|collaboration|type|kind|"
              r"mechanism|strategy|system|ethos)\b"),
    ("relative", r"\b(?:where|whereby|in which|through which|by which|when)\b"),
    ("about", r"^(?:(?:" + "|".join(sorted(_ABOUT_HEDGES)) + r")\s+)?about\b"),
    ("gerund", r"^\w+ing\b"),
    ("when", r"^(?:when|where)\b"),
)]
