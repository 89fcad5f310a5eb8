"""Hard negatives the annotation guide rules out whatever the classifier says (GUIDE.md, "never a definition").

A candidate is dropped when its sentence is a question, the term sits in a wh-/if-clause ("what co-production
is", "if co-production is ..."), the statement is negated, the term is the complement of another noun
("experience of co-production meant", "negotiation between X and Y is"), the sentence reports a finding ("results
are that X is ..."), a contrast lacks the second term's aim, or the predicate is not a definiens (passive "is known for",
progressive "is increasing in use", "is to be", "are that ...", a parenthetical "(which ...)", a place or state
"is at the heart of ...").
"""

from __future__ import annotations

import re

from pipelines.definitions.cues import FINITE_TAGS
from pipelines.definitions.features import INTENSIFIERS
from pipelines.definitions.patterns import Candidate, is_gloss_cue
from pipelines.text.spans import doc_text

_WH = {"what", "how", "whether", "if", "why", "when", "whatever", "unless", "once", "however", "whenever"}
#: A link label a page's HTML leaves in the text: "(opens new window)", "(external link)", "(PDF, 2MB)".
_LINK_TEXT = re.compile(r"\s*(?:opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:window|tab)|external\s+(?:link|site|website)|"
                        r"link\s+is\s+external|(?:pdf|docx?|word|xlsx?)\b[^a-z]*(?:\d+(?:\.\d+)?\s*[km]b)?)\W*$", re.I)
_LABEL = {"term", "terms", "concept", "concepts", "notion", "notions", "idea", "ideas", "word", "words", "label",
          "labels", "definition", "definitions", "meaning", "meanings", "phrase"}
_VERBAL = {"copula", "means", "refers_to", "describes", "defined_as", "understood_as", "used_to"}
_PAREN_OPENERS = {"which", "who", "whom", "whose", "see", "e.g.", "eg", "for", "as", "and", "or", "but", "like",
                  "drawing", "with", "including", "such", "also", "although", "though", "if", "when", "where", "cf",
                  "cf.", "n", "p"}
_PROGRESSIVE = {"booming", "moving", "gaining", "growing", "becoming", "happening", "increasing", "emerging",
                "changing", "spreading", "taking", "getting", "coming", "going", "being", "developing", "evolving",
                "expanding", "rising", "starting", "beginning", "continuing", "gathering", "proving", "making",
                "seeing", "receiving", "attracting", "enjoying", "having", "doing", "finding", "reaching"}
_ABOUT_THE_WORD = re.compile(
    r"(?:a|an|the)\s+(?:\w+\s+)?(?:term|word|label|phrase|buzzword|concept)\s+(?:that\s+(?:is|has\s+been)\s+|which\s+is\s+)?"
    r"(?:\w+ly\s+)?(?:used|found|heard|applied|adopted|borrowed)\s+(?:in|across|by|within)\s+(?:many|a\s+(?:variety|range|"
    r"number|host)|various|different|several|numerous|all\s+sorts|diverse|multiple)\b", re.I)
# "X is an umbrella term whose meaning has been widely debated", "X is a slippery concept": about the word's meaning,
# not what it means
_CONTESTED_WORD = re.compile(
    r"(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:term|word|label|concept|notion)\s+(?:whose|with\s+(?:a|no|many|multiple|"
    r"several|various|different))\s+(?:\w+\s+){0,2}?(?:meanings?|definitions?|interpretations?)\b|"
    r"(?:a|an)\s+(?:(?:very|rather|notoriously|highly|much|often|somewhat)\s+)?(?:slippery|contested|ambiguous|elastic|"
    r"fuzzy|vague|nebulous|contentious|malleable|overused|misunderstood|ill-defined|poorly\s+defined|loosely\s+defined)"
    r"\s+(?:term|word|label|concept|notion|idea)\b(?!\s*,?\s*(?:that|which)\s+(?:means|refers|describes|denotes))", re.I)
_TO_DESCRIBE = re.compile(r"\bto\s+(?:describe|mean|refer\s+to|denote|capture)\b", re.I)
_WORDS = re.compile(r"[\w’'.]+")
# "Expected results are that X ...", "our findings suggest that X ...": a reported finding about X, not a definition.
_FINDING = re.compile(r"\b(?:results?|findings?|data|analysis|analyses|evidence|interviews?)\b[^.;:]{0,40}?\b(?:are|is|was|"
                      r"were|show|shows|showed|suggest|suggests|suggested|indicate|indicates|indicated|reveal|reveals|"
                      r"revealed|confirm|confirms|confirmed|underline|underlines|underlined|highlight|highlights|"
                      r"highlighted|demonstrate|demonstrates|demonstrated)\s+that\s+[\w’'\- ]{0,30}$", re.I)


# The people a study reports on: when they "describe X as ...", the sentence is a finding, not a definition.
_STUDY_PEOPLE = re.compile(r"^(?:the\s+|most\s+|many\s+|some\s+|all\s+)?(?:participants|respondents|interviewees|"
                           r"informants|stakeholders|staff|practitioners|patients|service\s+users|carers|members|"
                           r"professionals|young\s+people|students)$", re.I)


# "X should be at the heart of ...", "X is on the agenda", "X is in its infancy": a place or state, not a definiens;
# adverbial openers that precede a definiens ("X is, in essence, ...", "at its core", "in short") stay readable.
_LOCATIVE = re.compile(
    r"(?:at|on|under|behind|beyond|among|within|across|near|above|below|alongside|inside|outside|into|onto|in)\s+"
    r"(?!(?:essence|short|effect|other\s+words|simple\s+terms|plain\s+(?:english|terms)|practice|principle|brief|sum|"
    r"summary|general|a\s+nutshell|many\s+ways|some\s+ways|(?:large\s+)?part|heart|core|root|bottom|"
    r"its\s+(?:simplest|most\s+basic|basic|broadest|widest|heart|core|best|essence|purest)|this\s+(?:context|sense|"
    r"report|strategy|guide|document|paper|chapter))\b)", re.I)


# Degree words before an adjective: the features' intensifiers, less those that may open a definiens ("is rather a
# way of …", "is really about …", "is truly a partnership …")
_DEGREE = INTENSIFIERS - {"quite", "rather", "really", "truly"}
# "X is (clearly) the way forward / the answer / the future": a verdict on X, not a definiens (CODEBOOK: evaluations)
_VERDICT = re.compile(r"(?:\w+ly\s+)?(?:the|our)\s+(?:only\s+|best\s+|right\s+|obvious\s+|real\s+|true\s+)?"
                      r"(?:way\s+(?:forward|back|ahead|to\s+go)|future|answer|solution|key|norm|exception|gold\s+standard|benchmark)\b(?!\s+(?:of|in\s+which|by\s+which|where|whereby|that|to\s+\w+ing)\b)",
                      re.I)
# "X is an exciting approach to research", "X might be a particularly valuable approach to democratic innovation":
# a praised kind with no gloss of its own (a purpose, "an effective approach to producing ...", or a relative clause
# after it may still say what X is)
_PRAISE = re.compile(r"(?:also\s+|therefore\s+)?an?\s+(?:\w+ly\s+|very\s+|more\s+|most\s+)?(?:valuable|useful|powerful|"
                     r"promising|effective|important|helpful|good|great|beneficial|vital|essential|crucial|exciting|meaningful|"
                     r"excellent|worthwhile|welcome)\s+(?:[a-z\-]+\s+){0,1}?(?:approach|way|tool|method|means|model|"
                     r"mechanism|strategy|vehicle|resource|step|addition|ingredient|component|part|element)\b"
                     r"(?!\s+(?:to|of|for)\s+[a-z]+ing\b)"
                     r"(?![^.;:]{0,80}\b(?:where|whereby|in\s+which|through\s+which|by\s+which|that|which)\b)", re.I)
# "It is also an opportunity for partners to …", "X is a chance to …": what X offers, not what it is (an evaluation)
_OPPORTUNITY = re.compile(r"(?:also\s+|therefore\s+)?an?\s+(?:\w+\s+)?(?:opportunity|chance)\b", re.I)
# "X is a foundation of all our work", "X is at the heart of …", "X is part of …": the role X plays in something
_ROLE = re.compile(r"(?:(?:also|therefore|now|very\s+much)\s+)?(?:at\s+the\s+(?:heart|core|centre|center)\s+of|"
                   r"(?:an?|the)\s+(?:\w+\s+)?(?:foundation|cornerstone|bedrock|backbone|pillar|hallmark|linchpin|"
                   r"centrepiece|centerpiece|heart|core|prerequisite|precondition|pre-requisite)\s+(?:of|for)|"
                   r"(?:an?\s+)?(?:integral\s+|key\s+|important\s+|essential\s+)?part\s+of)\b", re.I)
# "This is particularly the case in …", "It is true of …", "This is why …": an idiom of the copula, never a gloss
_IDIOM = re.compile(r"(?:not\s+)?(?:the\s+case|true|why|so)\b", re.I)
# an adjective before an infinitive or a that-clause ("It is gratifying to see …", "X may be able to support …",
# "X is essential to good care") evaluates; these adjectives instead equate ("X is akin to …"), so the model decides
_EQUATING = {"equivalent", "akin", "analogous", "synonymous", "tantamount", "identical", "similar", "comparable"}
# "(in Swedish, ‘samverkan’)", "(Welsh: ‘cyd-gynhyrchu’)": a translation of the word, not a gloss of the concept
_TRANSLATION = re.compile(r"\s*(?:in\s+)?[A-Z][\w’'-]+\s*[,:]\s*[‘’“”\"'«]")
# "… it won't automatically be called X": a naming denied
_DENIED_NAMING = re.compile(r"(?:\bnot|\bnever|n[’']t)\s+(?:\w+\s+){0,2}(?:be\s+)?(?:called|termed|known|referred|"
                            r"described|labell?ed|considered)\b[^.;:]*$", re.I)
# "For organisations, this means …", "For example, this means …": what follows for someone, or an example, not a gloss
_FOR_WHOM = re.compile(r"\s*for\s+[\w’'\- ]{1,40},\s*$", re.I)
# "X is nothing new", "X is the word of the moment", "X is part of a shift towards …", "X is today a popular …",
# "X is big": where the concept stands (news, history, trend), not what it is.
_TREND = re.compile(
    r"(?:(?:today|now|currently|still)\s+)?(?:nothing\s+new|not\s+new|(?:the\s+)?(?:word|buzzword|phrase|term|flavour)\s+of"
    r"\s+the\s+(?:moment|day|month|year|decade)|part\s+of\s+a\s+(?:\w+\s+){0,2}(?:shift|trend|move|movement|turn|wave|"
    r"drive|push)\b|(?:a|an)\s+(?:\w+ly\s+)?(?:popular|fashionable|trendy|hot)\s+(?:\w+\s+)?(?:term|word|topic|theme|"
    r"phenomenon|idea|concept|buzzword|subject)\b(?!\s+(?:of|for|in\s+which|by\s+which|where|whereby|that\s+(?:describes|"
    r"means|refers)))|(?:a|an)\s+(?:\w+\s+)?(?:concept|term|idea|approach|notion|practice)\s+(?:(?:that|which)\s+is\s+)?"
    r"(?:gaining|growing\s+in|receiving|attracting|enjoying)\s+(?:\w+\s+)?(?:recognition|traction|popularity|ground|"
    r"momentum|attention|interest)\b|(?:a|an)\s+(?:\w+\s+)?(?:concept|term|idea|approach|notion|practice|buzzword)\s+(?:(?:that|which)\s+is\s+)?"
    r"(?:(?:increasingly|widely|now|more\s+and\s+more)\s+(?:recogni[sz]ed|used|adopted|promoted|advocated|popular|common)|"
    r"(?:popping|cropping)\s+up)\b|(?:big|novel|new|everywhere|fashionable|trendy|popular)\s*(?:[,;.–—-]|$|and\b|but\b))",
    re.I)
# A reference list entry: authors and a year in brackets right before a title that reads like a glossary line.
_REFERENCE_BEFORE = re.compile(r"\(\s*(?:19|20)\d\d[a-z]?\s*\)\s*[.,]?\s*$")
# "X means that projects can reach more people", "… that residents are more likely to stay": a that-clause with a
# modal or a likelihood says what X makes possible, not what X is ("X means that tenants are equal partners" is read)
_CONSEQUENCE = re.compile(r"(?:[\w’'\-]+\s+){1,6}?(?:can|could|will|would|may|might|(?:are|is)\s+(?:more|less)\s+likely)\b",
                          re.I)
# The last item of a list that runs to the end of the sentence: "the X process, the outcomes … and those outcomes …"
_LAST_CONJUNCT = re.compile(r",?\s+and\s+(?:the|those|these|its|their|a|an|other)\s+\w+", re.I)
# "X means lots of (different) things to (different) people": the word's many uses, not one meaning
_MANY_THINGS = re.compile(r"(?:(?:very\s+)?(?:many|lots\s+of|a\s+lot\s+of|different|various|all\s+sorts\s+of|"
                          r"so\s+many|several|multiple)\s+)+(?:different\s+)?things\b", re.I)
# "It is time to ...", "It is worth ...", "It is a pity that ...": an expletive "it" read as a window's anaphor
_EXPLETIVE = re.compile(r"(?:(?:high|about|now)\s+)?time\s+(?:to|for|that)\b|worth\b|(?:a\s+)?(?:pity|shame|wonder)\b",
                        re.I)
# "This is a question our members raise at every meeting": what people talk about, not what X is
_TOPIC = re.compile(r"(?:a|an|the)\s+(?:\w+\s+)?(?:topic|question|theme|subject|issue)\b", re.I)
# "X is often described as “working with parents,” but …": how the word is used, then corrected
_USAGE_BUT = re.compile(r"[^.;:]{0,120}?[’”\"']?\s*,?\s+but\b", re.I)
_FREQUENCY = {"often", "frequently", "commonly", "usually", "sometimes", "typically", "generally", "widely"}
_PRESCRIBING = {"should", "must", "ought"}
# A sentence opened by one of these frames a view as a condition ("Where managers view X as …, it becomes …")
_CONDITIONAL_OPENERS = (_WH | {"where"}) - {"however", "what", "how"}
_NOT_THAT = re.compile(r",?\s+(?:not|rather\s+than)\s+(?:a|an|the|as|just|merely|simply|only)\b", re.I)
_PROPOSAL = re.compile(r"\b(?:we|I|they|authors?)\s+(?:propose|suggest|argue|contend|recommend)\s+that\b", re.I)
# Perception verbs of "X is seen / viewed / regarded as ...": in the past tense they report a view, not a definition.
_PERCEPTION = {"see", "view", "regard", "think"}
# Participles that are not a passive: "X is concerned with A" states what X is about (GUIDE.md, contrastive forms);
# "X is based on a combination of ...", "X is centred around equal relationships" state what X consists in, but only
# without a modal ("X should be grounded in ..." prescribes, it does not define)
_CONCERNED = re.compile(r"concerned\s+with\b", re.I)
_GROUNDED = re.compile(r"(?:based\s+(?:on|upon)|built\s+(?:on|upon|around)|premised\s+on|founded\s+(?:on|upon)|grounded\s+in|"
                       r"cent(?:red|ered)\s+(?:on|around|upon))\b", re.I)


def _term_token(doc, cand: Candidate):
    """The syntactic head of the candidate's term, or None when the term spans no token."""
    span = doc.char_span(cand.term_start, cand.term_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _inside_noun_modifier(doc, cand: Candidate) -> bool:
    """The term is the object of a preposition that modifies a noun ("negotiation between practitioners and
    trainers is ..."): the noun phrase, not the term, is the subject of the definition. A label noun ("the
    concepts of X and Y are used to describe ...") does not count."""
    tok = _term_token(doc, cand)
    if tok is None:
        return False
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    noun = tok.head.head
    return (tok.dep_ == "pobj" and tok.head.dep_ == "prep" and noun.pos_ in {"NOUN", "PROPN"}
            and noun.lower_ not in _LABEL)  # "the concept of X is ..." still defines X


def _in_predicate_of_another(doc, cand: Candidate) -> bool:
    """The term modifies the predicate noun of a copula whose subject is something else ("IKT is a model of
    research X, whereby …"): a gloss after it describes that subject's genus, so it defines the subject."""
    tok = _term_token(doc, cand)
    if tok is None:
        return False
    while tok.dep_ in {"conj", "pobj", "prep", "compound", "amod"} and tok.head is not tok:
        tok = tok.head
        if tok.dep_ == "attr" and tok.head.lemma_ == "be":
            return True
    return False


def _object_of_gerund_subject(doc, cand: Candidate) -> bool:
    """The term is the object of a gerund that is the subject ("Achieving X is ...", "Embedding X has ..."), an
    activity other than being or having X."""
    tok = _term_token(doc, cand)
    if tok is None:
        return False
    gerund = tok.head
    return (tok.dep_ == "dobj" and gerund.tag_ == "VBG" and gerund.dep_ in {"csubj", "nsubj"}
            and gerund.lemma_ not in {"have", "be", "get"})  # "Having hypertension means ..." defines a state


#: Verbs whose object is construed rather than acted on ("we treat X as", "took X to be", "called the approach X").
CONSTRUING = frozenset({"define", "call", "term", "name", "treat", "take", "use", "see", "view", "understand",
                        "describe", "conceptualise", "conceptualize", "frame", "regard", "consider", "characterise",
                        "characterize", "interpret", "read", "label", "dub", "mean", "know", "think", "construe",
                        "portray", "present", "cast", "position", "envisage", "envision", "imagine", "reframe"})


def acted_on(head) -> bool:
    """A term the sentence does something to, not says something of: the direct object of a verb that does not
    construe it and has no "as" or "to be" reading of it ("publishing co-produced papers", "reviewing X")."""
    verb = head.head
    if head.dep_ != "dobj" or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in CONSTRUING:
        return False
    return not any(c.dep_ in {"oprd", "xcomp", "ccomp"} or c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _term_is_finite_verb(doc, cand: Candidate) -> bool:
    """The term is a clause's finite or passive verb ("The allotment plan has been co-produced with plot holders and is
    the outcome of ..."): the clause's subject, not the term, is what the copula describes."""
    tok = _term_token(doc, cand)
    return (tok is not None and tok.pos_ in {"VERB", "AUX"} and tok.tag_ in {"VBD", "VBN", "VBZ", "VBP"}
            and tok.dep_ in {"ROOT", "conj", "relcl", "advcl", "ccomp"})


def _term_root(doc, cand: Candidate) -> str:
    tok = _term_token(doc, cand)
    return tok.dep_ if tok is not None else ""


# "Co-production Week", "the co-production group": the term names an event or a body, whose gloss is no definition
# of the concept.
NAMED_COMPOUND = re.compile(r"[’”\"']?\s+(?:week|day|festival|awards?|network|board|group|forum|charter|conference|"
                            r"leads?|officers?|team|hub|panel|collective|champions?|co-?ordinators?|managers?|"
                            r"workers?|steering|fund|grants?|café|cafe)\b"
                            # "The Co-production and Involvement Audit is a tool …": a title coordinating the term
                            r"|(?-i:\s+(?:and|&)\s+[A-Z][\w\-]*\s+(?:[A-Z][\w\-]*\s+)?(?:Audit|Framework|Toolkit|Strategy|"
                            r"Network|Group|Board|Charter|Programme|Program|Project|Policy|Standards?|Guide|Plan|Team|"
                            r"Forum|Awards?|Week|Hub|Panel|Fund|Service|Unit|Lead|Officer|Tool)\b)", re.I)


def _finite_clause(doc, start: int, end: int) -> bool:
    """Whether the text at start..end is a clause with its own subject and finite verb ("researchers are …", "that
    we can …"), not a noun phrase or gerund ("carers and staff deciding together")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    finite = root.tag_ in FINITE_TAGS or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in root.children)
    return finite and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.i >= span.start for c in root.children)


def _possessive_term(doc, cand: Candidate) -> bool:
    """The term is a possessor ("X's value", "X’s role"): what the sentence says is said of the possessed noun."""
    span = doc.char_span(cand.term_start, cand.term_end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or doc[span.end].tag_ != "POS":
        return False
    # "The term ‘X’ dates from ...": the parser may tag the quotation's closing mark a possessive
    quoted = cand.term_start > 0 and doc_text(doc)[cand.term_start - 1] in "‘'"
    return not (quoted and doc[span.end].text in {"’", "'"})


_EXAMPLE_OPENER = re.compile(r"\s*(?:especially|including|includes?|e\.\s?g\.|eg\b|such\s+as|for\s+(?:example|instance)|"
                             r"notably|particularly|mainly|mostly|see\b|cf\.|in\s+the\s+(?:city|town|county|region|"
                             r"country|state|province|district|municipality|borough)\s+of)", re.I)
# An appositive that opens with another co- word ("co-production, co-design and co-delivery ...") lists siblings.
_SIBLING_TERM = re.compile(r"\s*co-?[‐‑]?(?:design|creat|deliver|commission|govern|operat|ordinat|research|evaluat|"
                           r"develop|manag|innovat|decid|plan|lead|learn|invest|own)\w*\b", re.I)
_QUOTES = {"‘": "’", "“": "”", '"': '"'}
# the rest of a quoted name after the term: one to three words, not a conjunct or a prepositional phrase
_NAME_HEAD = re.compile(r"(?!(?:and|or|nor|vs|versus|of|in|for|with|by|on|at|to|from|between|among)\b)"
                        r"[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,2}")
# "The central principle of X is that ...": what the principle states is what X is
_PRINCIPLE_OF = re.compile(r"\b(?:(?:the\s+)?(?:central|core|key|basic|underlying|main|guiding|fundamental|defining)\s+"
                           r"(?:principle|idea|premise|tenet|notion)\s+(?:of|behind)|"
                           # "At the heart of X is the idea that ...": what lies at its heart
                           r"at\s+the\s+(?:very\s+)?(?:heart|core|centre|center)\s+of|"
                           # "his idea of X is that: ‘…’": someone's own understanding of X, attributed
                           r"(?:his|her|their|its)\s+(?:idea|understanding|notion|conception|definition)\s+of)"
                           r"\s+(?:[a-z][\w\-]*\s+)?[‘“\"']?$", re.I)
# "X is a concept that is becoming increasingly popular ...", "X is a term that has gained increased attention as
# ...": the word's fortunes, not its meaning
_POPULAR_WORD = re.compile(r"(?:a|an)\s+(?:\w+\s+)?(?:term|word|concept|notion|idea|buzzword|label)\s+(?:that|which)\s+"
                           r"(?:is|has\s+been|has)\s+(?:become\s+|becoming\s+|gained\s+|gaining\s+|attracted\s+|"
                           r"received\s+)?(?:\w+ly\s+)?(?:(?:increased|increasing|growing|renewed|more|much|"
                           r"considerable|significant|wide)\s+)?"
                           r"(?:popular|fashionable|common|widespread|prominent|prevalent|used|adopted|in\s+vogue|"
                           r"ubiquitous|traction|currency|attention|interest|prominence|momentum|popularity)\b", re.I)
# "the determinants of X, the process of binding together A and B": a genus of process opens a gloss of X
_GENUS_GLOSS = re.compile(r"\s*(?:the|a|an)\s+(?:[a-z\-]+\s+)?(?:process|practice|way|act|arrangement|relationship|"
                          r"approach)\s+(?:of|in\s+which|by\s+which|through\s+which|whereby|where)\s", re.I)


def _imperative_gloss(doc, cand: Candidate) -> bool:
    """The gloss opens with a verb in the base form ("Make sure ...", "Ensure ...", "Involve ..."): an instruction."""
    span = doc.char_span(cand.definiens_start, cand.definiens_end, alignment_mode="expand")
    words = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
    return bool(words) and words[0].tag_ == "VB" and words[0].text[:1].isupper()


def _nouns_before_of(head: list[str]) -> list[str]:
    """The words that can govern a closing "of" ("the term of", "the definitions and applications of"): the two before
    it, and the first conjunct of a coordination before it."""
    words = head[-3:-1]
    if len(head) >= 4 and head[-3] in {"and", "or", "&"}:
        words = words + head[-4:-3]
    return words


def quoted_compound(text: str, ts: int, te: int) -> bool:
    """The term [ts, te) is a modifier or a complement inside a quoted multi-word name ("‘co-productive agility’",
    "the notion of ‘ecologies of co-production’") or a quoted title with a subtitle: the name, not the term, is what
    the sentence introduces."""
    for op, cl in _QUOTES.items():
        start = text.rfind(op, max(0, ts - 60), ts)
        if start < 0 or (op != cl and text.find(cl, start + 1, ts) >= 0) or (op == cl and text.count(op, start, ts) != 1):
            continue
        end = text.find(cl, te, te + 60)
        if end < 0:
            continue
        before, after = text[start + 1 : ts].strip().lower(), text[te:end].strip(" ’'\"”")
        if ":" in text[start + 1 : end] and len(text[start + 1 : end].split()) >= 3:
            return True  # "‘Inclusive Justice: Co-producing Change’ is the result of ...": a title, not the term
        if after and _NAME_HEAD.fullmatch(after):
            return True  # "‘co-productive agility’": the term modifies the name's head
        if re.search(r"\b[a-z][\w\-]*\s+(?:of|for|in)(?:\s+the)?$", before):
            return True  # "‘ecologies of co-production’": the term complements the name's head
    return False


def _glossed_in_question(text: str, cand: Candidate) -> bool:
    """'With the advent of X, a way of approaching care which ..., are we entering ...?': a long noun-phrase gloss
    set off by a comma says what X is even inside a question."""
    gloss = text[cand.definiens_start : cand.definiens_end]
    return (cand.pattern == "appositive" and cand.facts.get("appos_sep") == "," and not cand.facts.get("appos_cue")
            and re.match(r"an?\s", gloss, re.I) is not None and len(gloss.split()) >= 6)


def rejection(doc, sent, cand: Candidate) -> str | None:
    """Why this candidate can never be a definition, or None when the classifier should decide."""
    text = doc_text(doc)
    if (text[sent.start_char : sent.end_char].rstrip().rstrip("’”\"')").endswith("?")
            and not _glossed_in_question(text, cand)):
        return "question"
    if NAMED_COMPOUND.match(text, cand.term_end):
        return "named_compound"
    if quoted_compound(text, cand.term_start, cand.term_end):
        return "other_term_quoted"  # "we conceptualise ‘co-productive agility’ as ...": another term is defined
    before = [w.lower() for w in _WORDS.findall(text[sent.start_char : cand.term_start])]
    saying = cand.pattern == "by_term_we_mean" and re.search(r"\bwhen\s+(?:we|i)\s+(?:say|talk|speak|use)\b",
                                                            text[sent.start_char : cand.term_start], re.I)
    if cand.pattern in _VERBAL | {"glossary", "by_term_we_mean", "corrective"} and not saying and (
            set(before[-4:]) & _WH or before[:1] and before[0] in _WH - {"however"}):
        return "wh_or_conditional_clause"
    if cand.facts.get("negated"):
        return "negated"
    if cand.pattern == "glossary" and _REFERENCE_BEFORE.search(text, max(0, sent.start_char - 80), sent.start_char):
        return "reference_title"  # "Grey, F. (2018). Co-production: Putting principles into practice ...": a title
    if cand.pattern == "parenthesis" and ":" in text[cand.definiens_start : cand.definiens_end]:
        return "parenthetical_list"  # "(Households: service receptors and Municipalities: service providers)"
    if cand.pattern == "glossary" and _imperative_gloss(doc, cand):
        return "instruction"  # "X: Make sure everyone has a shared understanding of ...": advice under a heading
    if cand.pattern == "parenthesis" and _EXAMPLE_OPENER.match(text, cand.definiens_start, cand.definiens_end):
        return "example_parenthesis"  # "co-produced research (especially participatory action research)"
    if cand.pattern == "appositive" and _SIBLING_TERM.match(text, cand.definiens_start, cand.definiens_end):
        return "list_of_terms"  # "This requires co-production, co-design with communities ...": a list of co- words
    if cand.pattern == "parenthesis" and _LINK_TEXT.match(text, cand.definiens_start, cand.definiens_end):
        return "link_text"  # "co-production (opens new window)": a web page's link label, not a gloss
    if cand.pattern in _VERBAL | {"mention"} and _possessive_term(doc, cand):
        return "possessive_term"  # "Co-production's value to the sector is ...": the subject is the value
    if cand.pattern == "parenthesis" and text.count(";", cand.definiens_start, cand.definiens_end) >= 2:
        return "parenthetical_list"  # "the principles of X (active agents; equality of partners; reciprocity)"
    if cand.pattern == "reverse_named" and _DENIED_NAMING.search(text, max(sent.start_char, cand.term_start - 80),
                                                                 cand.term_start):
        return "negated"  # "it won't automatically be called X because …"
    if cand.pattern == "parenthesis" and _TRANSLATION.match(text, cand.definiens_start, cand.definiens_end):
        return "translation"
    if cand.pattern == "means" and text[cand.term_start : cand.term_end].lower() in {"this", "that"}:
        if _FOR_WHOM.fullmatch(text, sent.start_char, cand.term_start):
            return "implication_for_someone"  # "For us, X means …" still reads as a definition in the writer's voice
        if _finite_clause(doc, cand.definiens_start, cand.definiens_end):
            return "consequence"  # "This means researchers are without guidance": what follows, not a meaning
    if (cand.pattern == "means" and not cand.facts.get("aux")
            and text[cand.term_end : cand.definiens_start].split()[:1] == ["meant"]):
        return "past_meaning"  # "Co-production meant engaging with everyone …": what it came to in one project
    if cand.pattern == "means" and _MANY_THINGS.match(text, cand.definiens_start, cand.definiens_end):
        return "statement_about_the_word"  # "X means lots of different things to lots of different choirs"
    if cand.pattern == "copula" and text[cand.term_start : cand.term_end].lower() == "it" and _EXPLETIVE.match(
            text, cand.definiens_start, cand.definiens_end):
        return "expletive_it"  # "It is time to take stock of what it has found": no anaphor, the sentence names nothing
    if cand.pattern == "means" and _CONSEQUENCE.match(text, cand.definiens_start, cand.definiens_end):
        return "consequence"  # "X means that projects can reach more people": what X brings about
    head = before[:-1] if before[-1:] in (["the"], ["a"], ["an"]) else before
    appos_cue = str(cand.facts.get("appos_cue", "")).lower()
    cued_gloss = is_gloss_cue(appos_cue)  # "X, i.e., ...", "X—that is, ...": the cue announces a gloss
    # "a process of ‘X’ i.e. ‘...’", "the benefits of X, or the mixing of A and B in C,": the cue marks a gloss
    dash_gloss = cand.pattern == "appositive" and (
        cand.facts.get("appos_sep") in {"–", "—", ";", ":"}
        or cued_gloss
        or appos_cue == "or" and len(text[cand.definiens_start : cand.definiens_end].split()) >= 6)
    genus_gloss = cand.pattern == "appositive" and _GENUS_GLOSS.match(text, cand.definiens_start, cand.definiens_end)
    principle = (cand.pattern == "copula" and bool(_PRINCIPLE_OF.search(text, sent.start_char, cand.term_start))
                 and re.match(r"that[\s:]", text[cand.definiens_start : cand.definiens_start + 5], re.I) is not None)
    if (cand.pattern in _VERBAL | {"appositive", "mention"} and not dash_gloss and head[-1:] == ["of"]
            and not (set(_nouns_before_of(head)) & _LABEL) and not cand.facts.get("concept_of") and not genus_gloss
            and not principle):
        return "term_is_complement"
    aux_words = set(str(cand.facts.get("aux", "")).lower().split())
    if (cand.pattern == "understood_as" and cand.cue in _PERCEPTION and not cand.attribution
            and aux_words & {"was", "were"}):
        return "reported_view"  # "X was seen as a societal good": how people saw it in one study, not what it is
    if cand.pattern == "understood_as" and aux_words & _PRESCRIBING and (
            _NOT_THAT.search(text, cand.definiens_start, cand.definiens_end)
            or _PROPOSAL.search(text, sent.start_char, cand.term_start)):
        return "prescription"  # "X should be understood as a habit, not a single meeting": a stance on how X
        # ought to be run ("X should be understood as a partnership between A and B" still reads as a definition)
    if (cand.pattern == "understood_as" and aux_words & _FREQUENCY
            and _USAGE_BUT.match(text, cand.definiens_start, cand.definiens_end)):
        return "usage_contrasted"  # "X is often described as “…”, but in youth services it must …"
    if cand.pattern == "understood_as" and (_VERDICT.match(text, cand.definiens_start, cand.definiens_end)
                                            or _PRAISE.match(text, cand.definiens_start, cand.definiens_end)):
        return "verdict_predicate"  # "X is widely viewed as the gold standard for involving tenants"
    if cand.pattern == "attributed_define" and before[:1] and before[0] in _CONDITIONAL_OPENERS:
        return "wh_or_conditional_clause"  # "Where managers view X as a paperwork exercise, it becomes …"
    if cand.pattern == "attributed_define" and _STUDY_PEOPLE.match(cand.attribution or ""):
        return "reported_view"  # "Participants described X as a relational process": a finding of one study
    if (cand.pattern == "contrastive" and not cand.facts.get("contrast_paired")
            and cand.facts.get("contrast") != "difference"):
        return "contrast_without_a_second_aim"  # "While co-production aims to share power, budgets ..."
    if cand.pattern in _VERBAL and _inside_noun_modifier(doc, cand) and not principle:
        return "term_in_noun_modifier"
    if cand.pattern in _VERBAL and _term_is_finite_verb(doc, cand):
        return "term_is_verb"
    if cand.pattern == "copula" and before[-1:] in (["words"], ["terms"]) and cand.facts.get("coordinated"):
        return "statement_about_the_word"  # "The words “X” and “outreach” are a constant refrain": two words' use
    if cand.pattern in _VERBAL and _object_of_gerund_subject(doc, cand):
        return "activity_as_subject"  # "Achieving X is something we strive for": the activity is the subject
    if _FINDING.search(text[sent.start_char : cand.term_start]):
        return "reported_finding"
    span = doc.char_span(cand.definiens_start, cand.definiens_end, alignment_mode="expand")
    toks = [t for t in span if not t.is_punct] if span is not None else []
    if not toks:
        return "empty_definiens"
    first = toks[0]
    if cand.pattern == "corrective" and first.lower_ in _PROGRESSIVE:
        return "progressive_predicate"  # "X is not a new concept, but it is gaining attention …"
    if cand.pattern == "frame" and any(t.tag_ == "MD" and t.head == span.root for t in span):
        return "modal_frame"  # "In X, volunteers may find that ...": what might happen in X, not what happens in it
    if cand.pattern == "appositive" and cand.facts.get("appos_relative") and _in_predicate_of_another(doc, cand):
        return "term_in_another_terms_predicate"  # "IKT is a model of research X, whereby …" defines IKT
    if cand.pattern == "copula":
        if first.tag_ == "VBN" and not _CONCERNED.match(text, cand.definiens_start, cand.definiens_end) and (
                cand.facts.get("modal") or not _GROUNDED.match(text, cand.definiens_start, cand.definiens_end)):
            return "passive_predicate"
        if first.tag_ == "VBG" and any(w in {"has", "have", "been", "currently"} for w in str(cand.facts.get("aux")).split()):
            return "progressive_predicate"
        if _LOCATIVE.match(text, cand.definiens_start, cand.definiens_end):
            return "locative_predicate"
        if first.lower_ in _DEGREE and first.i + 1 < len(doc) and doc[first.i + 1].pos_ in {"ADJ", "ADV", "NOUN"} \
                and doc[first.i + 1].lower_ != "much":
            return "degree_predicate"  # "X is highly context dependent", "X is very time-consuming": an evaluation
        if (first.pos_ == "ADJ" or first.tag_ in {"JJ", "VBG"}) and set(str(cand.facts.get("aux")).split()) & _DEGREE:
            return "degree_predicate"  # "X is particularly appealing in …": the adverb was read as an auxiliary
        if _ROLE.match(text, cand.definiens_start, cand.definiens_end):
            return "role_predicate"  # "X is a foundation of all the work we do": X's place in something, not what it is
        if (first.pos_ == "ADJ" or first.tag_ == "VBG") and first.lower_ not in _EQUATING and first.i + 1 < len(doc) \
                and doc[first.i + 1].lower_ in {"to", "that"}:
            return "adjective_complement"  # "It is gratifying to see …", "X may be able to …": an evaluation
        if _IDIOM.match(text, cand.definiens_start, cand.definiens_end):
            return "idiom_predicate"
        if _OPPORTUNITY.match(text, cand.definiens_start, cand.definiens_end):
            return "verdict_predicate"
        if _PRAISE.match(text, cand.definiens_start, cand.definiens_end):
            return "verdict_predicate"  # "X might be a particularly valuable approach to ...": praise, not a definiens
        if first.lower_ == "like":
            return "simile"  # "X is like a new lens on ..." compares, it does not say what X is
        if first.lower_ in {"because", "since"} or first.lower_ == "due" and len(toks) > 1 and toks[1].lower_ == "to":
            return "causal_predicate"  # "This is because someone who ...": a reason, not what X is
        if _VERDICT.match(text, cand.definiens_start, cand.definiens_end):
            return "verdict_predicate"  # "X is the way forward", "X is the answer": an evaluation
        if _TREND.match(text, cand.definiens_start, cand.definiens_end):
            return "trend_predicate"
        if _TOPIC.match(text, cand.definiens_start, cand.definiens_end):
            return "topic_predicate"  # "This is a question our members raise at every meeting"
        if first.lower_ in _PROGRESSIVE:
            return "progressive_predicate"  # "X is booming", "X is gaining traction", "X is moving from ..."
        if first.lower_ == "already":
            return "trend_predicate"  # "X is already a significant factor in many libraries": how far X has spread
        if ((_ABOUT_THE_WORD.match(text, cand.definiens_start, cand.definiens_end)
             or _POPULAR_WORD.match(text, cand.definiens_start, cand.definiens_end)) and not _TO_DESCRIBE.search(
                text, cand.definiens_start, cand.definiens_end)) or _CONTESTED_WORD.match(text, cand.definiens_start,
                                                                                         cand.definiens_end):
            return "statement_about_the_word"  # "X is a term used in many fields" says where the word is used
        colon = text[cand.definiens_start - 2 : cand.definiens_start].strip() == ":"
        quoted_after_colon = text[cand.definiens_start - 1 : cand.definiens_start + 1].strip() in set("‘“\"'")
        if first.lower_ in {"to", "not"} or (first.lower_ == "that" and not principle) or (colon and not quoted_after_colon):
            return "clausal_predicate"
    # "X; supporting ...", "X, where ...": a clause glosses the term
    clausal_gloss = cand.facts.get("appos_gerund") or cand.facts.get("appos_relative")
    # "X, i.e., a public service is produced by ...", "citizens coproduce—that is, contribute to ...": the cue says a
    # gloss follows, whatever its form; "X—the joint efforts of A and B in ...—is ...": a closed dash pair around a
    # noun phrase (the parser often takes the dashes for a new clause)
    dash_pair = (cand.facts.get("appos_sep") in {"–", "—"} and cand.facts.get("appos_closed")
                 and first.lower_ in {"the", "a", "an"})
    clausal_gloss = clausal_gloss or cued_gloss or dash_pair or cand.facts.get("appos_actors")
    if cand.pattern == "appositive" and not clausal_gloss and (span.root.pos_ not in {"NOUN", "PROPN", "PRON"}
                                                               or any(t.dep_ == "ROOT" for t in span)):
        return "appositive_not_nominal"
    if (cand.pattern == "appositive" and cand.facts.get("appos_sep") == "," and not cand.facts.get("appos_closed")
            and not clausal_gloss and _LAST_CONJUNCT.search(text, cand.definiens_start, cand.definiens_end)):
        return "list_of_objects"  # "next year we should evaluate the X process, the outcomes of that process and …"
    if cand.pattern == "appositive" and cand.facts.get("appos_gerund") and _term_root(doc, cand) in {"dobj", "conj"}:
        return "clause_after_object"  # "we help people do X; working across Wales ..." goes on with the main clause
    if cand.pattern == "appositive" and not cand.facts.get("appos_closed") and not cand.facts.get("concept_of"):
        lead = doc.char_span(sent.start_char, cand.term_start, alignment_mode="contract")
        if lead is None or not any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in lead):
            return "appositive_is_main_clause"  # "Using ..., interviews, the research aimed ..."
    anaphor = text[cand.term_start : cand.term_end].lower() in {"it", "this", "that"}  # a window's second sentence
    if (cand.pattern == "copula" and (before[-1:] in (["the"], ["this"], ["these"], ["our"], ["their"]) or anaphor)
            and set(str(cand.facts.get("aux")).split()) & {"was", "were"}):
        return "past_description_of_a_definite_thing"
    if cand.pattern == "parenthesis" and (first.lower_ in _PAREN_OPENERS or first.like_num):
        return "parenthetical_not_definiens"
    return None
