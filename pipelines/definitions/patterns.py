"""Lexical definition patterns anchored on a term occurrence: which cue follows the term, and where the definiens is.

Each pattern returns a `Candidate` with character offsets into the analysed text; the parse facts and the
classifier (detector.py) decide whether the candidate really defines the term. Offsets are never shifted:
trimming only moves `definiens_start` / `definiens_end` inwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words that may sit between the term and the cue verb: auxiliaries, modals, negation, hedging adverbs.
_BE = {"is", "are", "was", "were", "be", "been", "being", "remains", "remain", "'s", "’s"}
_MODAL = {"can", "could", "may", "might", "should", "must", "would", "will", "shall"}
_NEG = {"not", "never", "n't", "no"}  # "is no longer considered", "is no panacea"
# Words before a present-tense cue verb that make it no characterisation of the term ("has involved", "may
# involve", "does not involve"); adverbs ("consistently involves", "often involves") leave it one.
_NOT_DESCRIBING = _BE | _MODAL | _NEG | {"has", "have", "had", "then", "now", "still", "therefore", "thus"}
_FILLER = {"has", "have", "had", "also", "often", "here", "thus", "therefore", "then", "now", "still", "simply",
           "best", "most", "perhaps", "sometimes", "usually", "commonly", "generally", "broadly", "typically",
           "essentially", "basically", "fundamentally", "both", "primarily", "ultimately", "really", "increasingly",
           "widely", "frequently", "traditionally", "formally", "loosely", "narrowly", "strictly", "first", "longer"}
# A scope phrase between the term and its verb, also before a hedging adverb or an acronym: "X in its simplest form
# simply means", "The X of knowledge (CPK) is a method ...".
_ACRONYM_PAREN = r"\s*\((?P<p>[A-Z][\w\-]{1,12})\)"
# "X in health and social care however, is used to describe ...": a discourse adverb between the scope and the verb
_DISCOURSE_ADVERB_RX = r"\s*,?\s*(?:however|though|then|therefore|instead)\s*,"
_PP = re.compile(r"\s*(?P<pp>(?:in|within|for|among|between|with|of|as\s+(?:an?|the))\s+(?:(?!\b(?:who|which|that|where|it|they)\b)[\w’'\- ]){2,60}?)(?=(?:" + _ACRONYM_PAREN + r")?(?:" + _DISCOURSE_ADVERB_RX + r")?\s+(?:(?:\w+ly|also|often)\s+)?(?:is|are|was|means|meant|refers|"
                 r"describes|denotes|involves|entails|implies|encompasses|comprises|envisages?|focuses|varies|differs|can|may|has|"
                 r"have)\b)")
_ACRONYM = re.compile(_ACRONYM_PAREN)
_DISCOURSE_ADVERB = re.compile(_DISCOURSE_ADVERB_RX + r"(?=\s)", re.I)
_ASIDE_SOURCE = re.compile(r"\s*(?:as|following)\s+(?:(?:first|originally|usefully|helpfully)\s+)?(?:defined|described|"
                           r"conceptuali[sz]ed|understood|set out|put)\s+by\s+(?P<agent>.+)", re.I)
_WORD = re.compile(r"\s*(?:,\s*)?([A-Za-z']+|’s)\b")
# A second term coordinated with the first before the cue: "X and Y are used to describe ...", "X or Y refers to",
# also the last of a list: "X, co-design and co-delivery refers to ...".
_COORD = re.compile(r"[’”\"']?(?:\s*,\s*[‘“\"']?[\w’'\-/]+(?:\s+[\w’'\-/]+)?[’”\"']?){0,3}"
                    r"\s*,?\s*(?:and|or|&)\s+[‘“\"']?(?P<c>[\w’'\-/]+(?:\s+[\w’'\-/]+){0,3}?)[’”\"']?"
                    r"(?=\s+(?:are|were|both|together|can|could|may|might|should|must|have|refers?|means?|describes?|"
                    r"denotes?|signify|used|occur|happen|take\s+place|envisage)\b)")
_COORD_BEFORE = re.compile(r"(?P<c>[\w’'\-]{3,})[’”\"']?,?\s+(?:and|or|&)\s+[‘“\"']?$")
_NOT_CONJUNCT = {"the", "both", "between", "among", "its", "their", "this", "that", "these", "those"}
# A relative clause that defines the term: "X, which the trust describes as Y, ...", "X, which is defined as Y".
_WHICH_DEFINE = re.compile(
    r"[’”\"']?(?:\s*\([^()]{0,200}?(?:1[89]|20)\d\d[a-z]?[^()]{0,40}\))?"  # "X (Author 2006, 2009), which ..."
    r"\s*,\s*which\s+(?:(?P<agent>(?!is\b|are\b|was\b|has\b|can\b|may\b|could\b|might\b)[^,;]{1,60}?)\s+(?:\w+ly\s+)?"
    r"(?P<v>define[sd]?|describe[sd]?|understands?|understood|conceptuali[sz]e[sd]?|characteri[sz]e[sd]?|sees|"
    r"frames?|framed)|(?:is|are|was|has\s+been|(?:can|could|may|might)\s+be)\s+(?:\w+ly\s+)?(?P<pv>defined|described|understood|"
    r"conceptuali[sz]ed|characteri[sz]ed)(?:\s+(?:by|in)\s+(?P<pagent>[^,;]{1,60}?))?)\s+as\s+", re.I)
# Contrastive definitions: "While/Whereas X is aimed at A, Y seeks to B" — the aim of each term sets them apart.
_CONTRAST_OPEN = re.compile(r"(?:^|[;:]\s*)(?:while|whereas)\s+[‘“\"']?$", re.I)
_CONTRAST_MAIN = re.compile(r"^\s*(?:while|whereas)\s+[^,;]{3,200},\s*(?:(?:the|a|an)\s+)?[‘“\"']?$", re.I)
_AIM_CUE = re.compile(r"(?P<v>(?:is|are)\s+(?:(?:\w+ly|mainly|more)\s+)?(?:aimed|directed|oriented|geared)\s+(?:at|towards?)|"
                      r"(?:is|are)\s+(?:(?:\w+ly|mainly|more)\s+)?concerned\s+with|"
                      r"(?:(?:\w+ly|mainly|more)\s+)?(?:aims?|seeks?|tries|try|strives?|sets?\s+out)\s+to|"
                      r"(?:(?:\w+ly|mainly|more)\s+)?(?:focus(?:es)?|centres?|centers?)\s+on)\s+", re.I)

_HERE = r"(?:here|above|below|broadly|narrowly|simply|formally|loosely|in\s+this\s+\w+)\s+"
# Hedging adverbs a writer puts inside or before a defining verb ("refers specifically to", "essentially
# describes", "means, quite simply,"): they leave the definition intact.
_CUE_ADVERBS = {"specifically", "simply", "essentially", "basically", "broadly", "fundamentally", "primarily",
                "mainly", "generally", "ultimately", "literally", "principally", "chiefly"}
_CUE_ADV = r"(?:,?\s*(?:quite\s+)?(?:" + "|".join(sorted(_CUE_ADVERBS)) + r"|here|in\s+essence),?\s+)?"
# A finite verb after a comma closes a parenthetical definiens ("X, defined as Y, is now ...").
_CLAUSE_END = re.compile(r",\s+(?:is|are|was|were|has|have|had|can|could|should|will|would|may|might|must|remains|"
                         r"offers|requires|became|becomes|matters|needs)\b")
#: Words that announce a gloss of what precedes them ("X, i.e., ...", "X—that is, ...", "namely").
_GLOSS_CUE = r"(?:i\.e\.|that\s+is|namely)"
_DEF_CUE = re.compile(_GLOSS_CUE + r"\s*,?\s+", re.I)


def is_gloss_cue(cue: str) -> bool:
    """Whether an appositive's recorded cue (`appos_cue`: "i.e.,", "that is", "or", ...) announces a gloss."""
    return re.fullmatch(_GLOSS_CUE + r"\s*,?", cue.strip(), re.I) is not None
# Cue verbs directly after the auxiliary chain: (regex, pattern name, lemma of the cue).
_CUES: list[tuple[re.Pattern[str], str, str]] = [
    # "defined by Slay and Stephens (2013, p.3) as ...", "defined as: the provision of ..."
    (re.compile(r"defined\s+(?:" + _HERE + r")?(?:by\s+(?P<agent>[^,;()]{1,60}?)(?:\s*\([^()]{1,40}\))?\s+)?"
                r"(?:as|to\s+be|to\s+mean)(?:\s*:)?\s+", re.I),
     "defined_as", "define"),
    (re.compile(r"(?P<v>understood|conceptuali[sz]ed|operationali[sz]ed|seen|thought\s+of|viewed|conceived(?:\s+of)?|"
                r"characteri[sz]ed|described|framed|construed|interpreted|regarded|agreed|presents\s+itself)\s+(?:" + _HERE + r")?"
                r"(?:by\s+(?P<agent>[^,;]{1,60}?)\s+)?as\s+", re.I), "understood_as", ""),
    # "X can be considered any regular relationship between ...": only after a modal (see _verbal)
    (re.compile(r"(?P<v>considered)\s+(?:as\s+)?(?=(?:any|a|an)\s)", re.I), "understood_as", "consider"),
    (re.compile(r"(?:(?:used|understood|taken|thought|said|considered)\s+(?:\w+ly\s+)?"
                r"(?:(?:in|within|across|by)\s+(?!which\b|order\b)[\w’'\- ]{2,50}?\s+)?)?to\s+(?P<v>describe|mean|"
                r"refer\s+to|denote|signify|capture)\s+", re.I), "used_to", ""),
    # "X has emerged as a general description of the process whereby ...", "X emerged to describe ..."
    (re.compile(r"emerged\s+(?:as\s+(?:an?|the)\s+(?:[a-z\-]+\s+){0,2}?(?:description|term|label|name|shorthand|word)\s+"
                r"(?:of|for)|to\s+(?:describe|denote|capture|refer\s+to))\s+", re.I), "used_to", "describe"),
    (re.compile(r"(?:refers?|referred|referring)\s+" + _CUE_ADV + r"to\s+", re.I), "refers_to", "refer"),
    # "X has to do with collaboration between ...": only after "has" (see _verbal)
    (re.compile(r"(?P<v>to\s+do\s+with)\s+", re.I), "describes", "concern"),
    (re.compile(r"(?:means|meant|mean|stands\s+for)\b" + _CUE_ADV + r"\s*(?:that\s+)?", re.I), "means", "mean"),
    (re.compile(r"=\s*"), "means", "mean"),  # "So co-production = creating something together" (informal prose)
    (re.compile(r"(?P<v>describes|denotes|signifies|designates|encompasses|encapsulates|involves|entails|implies|comprises|captures|"
                r"concerns(?=\s+(?:the|a|an|how|what|ways?)\b)|"
                r"focus(?:es|ses)\s+on|"
                r"consists\s+of|includes|sets\s+out|represents|embodies|brings\s+together|is\s+when|is\s+where|"
                r"(?:happens|occurs|takes\s+place)\s+(?:when|where)|(?:holds|posits|assumes|presumes|envisages)\s+that|"
                r"(?:builds|rests)\s+on|is\s+(?:premised|founded|grounded)\s+(?:on|in))\s+",
                re.I), "describes", ""),
]
# Plural cue verbs, read only after coordinated terms ("X and Y describe ..."): a lone plural subject is too often
# a group of people doing something ("Staff involve patients ...").
_PLURAL_CUE = re.compile(r"(?:(?:all|both)\s+)?(?P<v>describe|denote|signify|designate|encompass|capture|envisage\s+that|"
                         r"(?:happen|occur|take\s+place)\s+(?:when|where))\s+", re.I)

_LEMMA = {"consists of": "consist", "sets out": "set out", "brings together": "bring together",
          "is when": "be_when", "is where": "be_when",
          "happens when": "happen_when", "happens where": "happen_when", "occurs when": "happen_when",
          "happen when": "happen_when", "happen where": "happen_when", "occur when": "happen_when",
          "occur where": "happen_when", "take place when": "happen_when", "take place where": "happen_when",
          "occurs where": "happen_when", "takes place when": "happen_when", "takes place where": "happen_when",
          "understood": "understand", "conceptualised": "conceptualise", "conceptualized": "conceptualise",
          "seen": "see", "thought of": "think", "viewed": "view", "conceived": "conceive",
          "conceived of": "conceive", "characterised": "characterise", "characterized": "characterise",
          "described": "describe", "framed": "frame", "construed": "construe", "interpreted": "interpret",
          "regarded": "regard", "refer to": "refer", "agreed": "agree", "presents itself": "present",
          "envisages that": "envisage", "envisage that": "envisage", "focuses on": "focus", "focusses on": "focus"}

BY_WE_MEAN = re.compile(r"(?:(?:^|[\s,(])by|\bwhen\s+(?:we|I)\s+(?:say|talk\s+about|speak\s+of|use\s+the\s+(?:term|word)))"
                         r"\s*[‘“\"']?\s*$", re.I)
#: "... X we mean..." closing its sentence: the next sentence says what is meant (detector._meant_next)
MEAN_AT_END = re.compile(r"[’”\"']?\s*,?\s*(?:we|I|they)\s+(?:\w+ly\s+)?mean[st]?\s*(?:\.{2,}|…|:)\s*$", re.I)
_AGENT_MEAN = re.compile(r"(?:,\s*[’”\"']|[’”\"']?\s*,?)\s*(?P<agent>we|I|they|the\s+authors?|[A-Z][\w&.\- ]{1,40}?)\s+"
                         r"(?:(?:\w+ly|will|shall|would|also)\s+)?mean[st]?(?:\s*,\s*\w+ly\s*,)?"
                         r"(?:\s*(?:\.{2,}|…|:))?\s+(?:that\s+)?")  # "When we talk about X we mean...  Families …"
# The verb, or "adopt / use the term", may be followed by up to two modifiers of the term: "we define research X as".
_DEFINE_VERB_END = (r"(?:(?P<v>define[sd]?|conceptuali[sz]e[sd]?|characteri[sz]e[sd]?|theori[sz]e[sd]?|describe[sd]?|understand|understands|"
                    r"understood|frame[sd]?|see|sees|saw|view|views|viewed|sets?\s+out|presents?|presented|"
                    r"consider|considers|believe|believes|refers?\s+to|referred\s+to)|"
                    r"(?P<t>adopt|adopts|use|uses|employ|employs)\s+the\s+(?:term|word|label|concept))"
                    r"(?:\s+(?!as\b|how\b|what\b|why\b|that\b|this\b|it\b)[a-z][a-z\-]+){0,3}\s*[‘“\"']?\s*$")
# Who defines or names X, before the verb: a citation or an aside's comma may follow the authors
_AGENT_BEFORE = r"(?P<agent>[\w&.’'\- ]{1,60}?)(?:\s*\([^()]{1,40}\))?,?\s+"
_ACTIVE_DEFINE = re.compile(
    _AGENT_BEFORE + r"(?:(?:\w+ly|also|here|first|often|will|would|can|could|might|may)\s+)?" + _DEFINE_VERB_END, re.I)
# The verb must close the text before the term: checked first, as the agent's lazy group made a failing search
# cost (text length x 60) steps, most of the definitions stage's pattern time.
_ENDS_WITH_DEFINE_VERB = re.compile(_DEFINE_VERB_END, re.I)
_EXHORT = re.compile(r"\b(?:invite|invites|encourage|encourages|urge|urges|ask|asks|want|wants|challenge|"
                     r"challenges|need|needs|help|helps)\s+(?:you|us|readers|partners|people|everyone|them|\w+s)\s+to\s*$", re.I)
#: Nouns that name a term as a concept ("the X concept", "the X approach").
_CONCEPT_NOUNS = "concept|idea|notion|approach|model|principle|paradigm"
# "we define X as", also with a short scope or a comma-delimited aside between ("We define X, for the purpose of
# this article, as ..."); a head noun may follow X ("define the X process as ...")
_AS = re.compile(rf"[’”\"']?\s*(?:(?:{_CONCEPT_NOUNS}|process|framework)\s+)?"
                 r"(?:(?:in|for|within|throughout|of)\s+(?:[\w’'\-]+\s+){1,3}?)?(?:,[^,.;:()]{2,80},\s*)?"
                 r"(?:as(?:\s*(?::|…|\.\.\.))?|(?P<tobe>to\s+be))\s+", re.I)
_GLOSS_BEFORE = re.compile(r"^\s*(?:[-•*·▪|]|\d+[.)]|[A-Z]\.)?\s*[‘“\"']?\s*$")
_GLOSS_AFTER = re.compile(r"(?:\s+(?:of|in)\s+(?:[\w’'\-]+\s+){0,1}[\w’'\-]+)?[’”\"']?\s*(?:\([^()]{0,40}\)\s*)?(?::|\s*[–—]|\s+-)\s+|[’”\"']?\s*:\s*|\s*\|\s*(?=\w)", re.I)
_APPOS = re.compile(r"(?P<pp>\s+(?:of|in|for)\s+(?:[\w’'\-]+\s+){0,2}?[\w’'\-]+)?"
                    r"(?P<head>\s+(?:approach|model|process|ethos|methodology|way\s+of\s+working))?"
                    r"[’”\"']?(?P<cite>\s*\([^()]{0,200}?(?:1[89]|20)\d\d[a-z]?\))?"  # a citation, before a relative gloss only
                    r"\s*(?P<sep>,|[–—;:]|\s-)\s*(?P<cue>i\.e\.,?\s*|that\s+is,?\s*|or\s+|namely,?\s*)?", re.I)
# A dash apposition may open with a relative word: "X of research—where researchers and the public ...—is ...".
_APPOS_RELATIVE = {"where", "whereby", "when", "in which", "through which", "by which"}
# "the concept of X – where it came from, how it works ..." lists questions about X: no gloss
_BACK_REFERENCE = re.compile(r"\s*\w+(?:\s+which)?\s+(?:it|they|this|these)\b", re.I)
_COMMA_RELATIVE = re.compile(r"\s*(?:where|whereby|when|in\s+which|through\s+which|by\s+which|which\s+(?:is|are)\s+"
                             r"(?:when|where|whereby)|which\s+(?:\w+ly\s+)?(?:involves|means|refers\s+to|describes|"
                             r"entails|denotes|comprises|encompasses|consists\s+of|captures)|meaning(?:\s+that)?|"
                             r"which\s+(?:is|are)\s+(?:(?:essentially|basically|simply)\s+)?(?:a|an|the)\s+(?:\w+\s+){0,2}?"
                             r"(?:practice|process|approach|way|method|model|idea|concept|principle|philosophy|ethos)\s+(?:of|for|in\s+which|by\s+which|where|whereby|that|to)|"
                             # "knowledge coproduction, which is collaborative research with farmers to ...": a bare
                             # genus noun and its partners
                             r"which\s+(?:is|are)\s+(?!(?:a|an|the)\b)(?:[a-z\-]+\s+){0,2}?(?:collaboration|partnership|"
                             r"research|work|practice|engagement|involvement|participation)\s+(?:between|with|among|by|of))\s+"
                             r"(?!(?:possible|appropriate|relevant|necessary|applicable|feasible|needed|required|"
                             r"available|it|they|this|these|we|you|I|done|used|applied|implemented|practi[sc]ed|"
                             r"carried|delivered|undertaken|conducted|successful|effective|properly|well)\b)"
                             r"(?:[\w’'\-]+,?\s+){3}", re.I)
_WHEREBY = re.compile(r"[’”\"']?\s+(?=whereby\s+(?!(?:it|they|this|these)\b)(?:[\w’'\-]+,?\s+){3})", re.I)
_BARE_GLOSS = re.compile(r"\s*[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+){0,2}\s+"
                         r"(?:that|which|where|whereby|in\s+which|through\s+which)\s")
_ACTOR_GLOSS = re.compile(r"\s*(?:with\s+)?(?:(?:(?![\w\-]*ing\b)[\w\-]+\s+){0,2}?)(?:people|service\s+users|users|patients|citizens|"
                          r"communities|residents|carers|families|professionals|practitioners|staff|researchers|"
                          r"stakeholders|partners|providers|clinicians|state)\b(?:\s+[^.;:?!–—]{0,80}?)?\s+"
                          r"(?:(?:and|&)\s+[^.;:?!–—]{0,60}?\s+)?(?:work|working|come\s+together|coming\s+together|"
                          r"collaborate|collaborating|share|sharing|design|designing|are\s+involved|being\s+involved|"
                          r"take\s+part|taking\s+part|act|acting|contribute|contributing)\b", re.I)
_PAREN = re.compile(r"[’”\"']?\s*\((?P<d>[^()]{3,240})\)")
_CITATION = re.compile(r"\b(1[89]|20)\d\d\b|et al|ibid|p\.\s*\d")
_DEFINITION_NOUN = re.compile(
    r"\bdefinitions?\b(?P<mid>[^:—–.;?!]{0,100}?)\s*(?P<sep>[:—–]|\s-\s|\s(?:is|was|would\s+be|remains)\s+"
    r"(?:that\s+(?!of\b))?|\s(?:is|was),\s+|\sas\s+)", re.I)
_SUCH = re.compile(r"\bsuch$", re.I)
_CLAUSE_IN_MID = re.compile(r"\b(?:and|or)\s+(?:how|what|whether|why|when|where|who)\b", re.I)
_THAT_OF = re.compile(r"(?:that|the\s+one)\s+(?:of|by|offered\s+by|given\s+by|used\s+by)\s+(?P<a>[^:]{2,60}):\s*",
                      re.I)
_ACCORDING = re.compile(r"^\s*(?:according\s+to|as\s+(?:defined|described|put|used)\s+by|for|following|"
                        r"in\s+the\s+words\s+of|drawing\s+on)\s+(?P<a>[^,]{2,80}),", re.I)
_REPORTED = re.compile(r"(?P<a>[A-Z][\w&.’'\- ]{1,60}?)\s+(?:\w+ly\s+)?(?:argue|argues|argued|suggest|suggests|"
                       r"suggested|state|states|stated|write|writes|wrote|note|notes|noted|claim|claims|claimed|"
                       r"propose|proposes|proposed|contend|contends|explain|explains|explained)\s+that\s*$")
_TRAILING_CITATION = re.compile(r"\s*\((?P<c>[^()]*(?:\b(?:1[89]|20)\d\d\b|et al)[^()]*)\)\s*[.;:,]?\s*$")
SECTION_LABELS = {"aim", "aims", "background", "method", "methods", "result", "results", "conclusion",
                  "conclusions", "objective", "objectives", "purpose", "design", "setting", "participants",
                  "keywords", "key words", "implications", "implications for practice", "discussion",
                  "introduction", "findings", "note", "notes", "source", "title", "abstract", "summary", "context",
                  "question", "answer", "q", "a", "update", "edit", "warning", "contents", "see also", "example"}
_PREPOSITIONS = {"in", "on", "for", "at", "to", "from", "by", "with", "about", "as", "of", "into", "after", "before"}
_SELF = {"we", "i", "they", "the author", "the authors", "this paper", "this report", "this study"}


@dataclass
class Candidate:
    """A possible definition: the term, the definiens and how they were found (offsets into the text)."""

    pattern: str
    term_start: int
    term_end: int
    definiens_start: int
    definiens_end: int
    cue: str = ""                     # lemma of the defining verb or cue ("be", "mean", "definition", ":")
    attribution: str = ""
    facts: dict = field(default_factory=dict)  # lexical facts: modal, negated, aux chain, leading aside

    def term(self, text: str) -> str:
        return text[self.term_start : self.term_end]

    def definiens(self, text: str) -> str:
        return text[self.definiens_start : self.definiens_end]


def _unclosed_quote_end(text: str, sent_start: int, start: int, limit: int) -> int | None:
    """If `start` is inside an open quotation, where that quotation closes (else None)."""
    for op, cl in (("‘", "’"), ("“", "”")):
        last_open = text.rfind(op, sent_start, start)
        if last_open < 0:
            continue
        closes = [m.start() for m in re.finditer(re.escape(cl) + r"(?![A-Za-z])", text[last_open:start])]
        if closes:
            continue
        m = re.compile(re.escape(cl) + r"(?![A-Za-z])").search(text, start, limit)
        if m:
            return m.start()
    if text.count('"', sent_start, start) % 2 == 1:
        end = text.find('"', start, limit)
        if end > 0:
            return end
    return None


# A sentence end glued to a footnote number ("is highly context dependent.6 What works …"): the parser does not
# split there, so the definiens stops at it.
_FOOTNOTE_END = re.compile(r"(?<=[a-z)])[.?!]\d{1,3}(?=\s+[A-Z‘“\"'])")


def trim_definiens(text: str, sent_start: int, start: int, end: int) -> tuple[int, int, str]:
    """Tighten a definiens span: closing quotation, trailing citation (returned as attribution), a sentence end
    with a footnote number, punctuation."""
    attribution = ""
    quote_end = _unclosed_quote_end(text, sent_start, start, end)
    if quote_end is not None:
        end = quote_end
    footnote = _FOOTNOTE_END.search(text, start, end)
    if footnote:
        end = footnote.start()
    while start < end and text[start].isspace():
        start += 1
    cue = _DEF_CUE.match(text, start, end)
    if cue:
        start = cue.end()
    if start < end and text[start] in "‘“\"":
        close = {"‘": "’", "“": "”", '"': '"'}[text[start]]
        m = re.compile(re.escape(close) + r"(?![A-Za-z])").search(text, start + 1, end)
        if m and not text[m.end() : end].strip(" .;:,"):
            start, end = start + 1, m.start()
    m = _TRAILING_CITATION.search(text, start, end)
    if m and m.start() > start:
        attribution = m.group("c").strip()
        end = m.start()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".;:,"):
        end -= 1
    if end > start and text[end - 1] in "’”" and not any(q in text[start:end] for q in "‘“"):
        end -= 1
    return start, end, attribution


def _attribution_before(before: str) -> str:
    m = _ACCORDING.search(before) or _REPORTED.search(before)
    return m.group("a").strip() if m else ""


def _aux_chain(text: str, pos: int, limit: int) -> tuple[int, list[str]]:
    """Consume auxiliaries, modals, negation and adverbs after the term; returns the new position and the words."""
    words: list[str] = []
    while pos < limit:
        m = _WORD.match(text, pos, limit)
        if not m:
            break
        w = m.group(1).lower()
        if w in _BE or w in _MODAL or w in _NEG or w in _FILLER or (w.endswith("ly") and len(w) > 4):
            words.append(w)
            pos = m.end()
            continue
        break
    return pos, words


# "The idea of X, which was introduced by Ostrom, describes how ...": a relative aside skipped only before a verb that
# states what X is.
_AFTER_RELATIVE_ASIDE = re.compile(r"(?:is|are|means|refers|describes|denotes|involves|entails)\b", re.I)
# a longer relative aside, commas of citations inside, only before a verb that says what the term means
_LONG_RELATIVE_ASIDE = re.compile(r",\s*(?P<a>(?:which|who)\b[^?!]{1,220}?)\s*,\s*(?=(?:\w+ly\s+)?(?:refers\s+to|"
                                  r"means|describes|denotes)\b)", re.I)


# also "X has many context dependent meanings, across ..., but in general refers to ..."
_VARIES_BUT = re.compile(r"\s*(?:(?:varies|differs)(?:\s+\w+){0,2}?|has\s+(?:many|several|various|multiple|different|"
                         r"a\s+(?:range|variety|number)\s+of)\s+(?:[\w\-]+\s+){0,3}?(?:meanings|definitions|"
                         r"interpretations|uses|usages)\b[^.;:?!]{0,120}?)\s*,?\s+but\s+"
                         r"(?:(?:in\s+general|in\s+essence|at\s+(?:its\s+)?(?:core|heart))\s*,?\s+)?"
                         r"(?=(?:\w+ly\s+)?(?:involves|means|is|are|refers|describes|includes|entails)\b)", re.I)
_HEAD_NOUN = re.compile(rf"\s*(?P<h>{_CONCEPT_NOUNS})\s+", re.I)


def _lead(text: str, pos: int, limit: int) -> tuple[int, dict]:
    """Skip a closing quote, a parenthesis and one short comma-delimited aside after the term."""
    facts: dict = {}
    m = re.compile(r"(?:[’”\"'](?!s\b))?\s*(?:\((?P<p>[^()]{0,120})\)\s*)?").match(text, pos, limit)
    if m and m.group("p") is not None:
        facts["paren_after_term"] = m.group("p")
    pos = m.end() if m else pos
    m = _COORD.match(text, pos, limit)
    if m:
        facts["coordinated"] = m.group("c")
        pos = m.end()
    m = re.compile(r",\s*(?P<a>[^,]{1,60}?)\s*,\s*").match(text, pos, limit)
    if m and (_AFTER_RELATIVE_ASIDE.match(text, m.end(), limit) if re.match(r"\s*(?:which|who)\b", m.group("a"))
              else not re.match(r"\s*(?:defined|understood|seen|described)\b", m.group("a"))):
        cited = _ASIDE_SOURCE.match(m.group("a"))
        if cited:  # "X, as defined by Filipe et al. (2017), is ...": the aside names the definition's source
            facts["aside_source"] = cited.group("agent").strip()
        else:
            facts["aside"] = m.group("a")
        pos = m.end()
    else:
        m = _LONG_RELATIVE_ASIDE.match(text, pos, limit)
        if m:  # "X, which was brought into planning by Vogel (1979; Vogel & Ruiz, 1984), refers to ...": a cited aside
            facts["aside"] = m.group("a")
            pos = m.end()
    m = _PP.match(text, pos, limit)
    if m:
        facts["pp"] = m.group("pp")
        pos = m.end("pp")
        m = _DISCOURSE_ADVERB.match(text, pos, limit)
        if m:
            pos = m.end()
        m = _ACRONYM.match(text, pos, limit)
        if m:
            facts["paren_after_term"] = m.group("p")
            pos = m.end()
    m = _VARIES_BUT.match(text, pos, limit)
    if m:  # "X varies greatly, but usually involves ...": the hedge concedes variety, then characterises
        facts["varies_but"] = True
        pos = m.end()
    m = _HEAD_NOUN.match(text, pos, limit)
    if m and any(rx.match(text, m.end(), limit) for rx, _, _ in _CUES):
        facts["head_noun"] = m.group("h")  # "the X concept encapsulates ...": only before a cue verb, never a copula
        pos = m.end()
    return pos, facts


_COPULA_HEDGE = re.compile(r"\s*,\s*(?P<h>in\s+essence|at\s+(?:its\s+)?(?:heart|core|simplest)|essentially|basically|"
                           r"fundamentally|in\s+short|simply\s+put|put\s+simply|in\s+other\s+words|in\s+effect|"
                           r"by\s+definition|at\s+root)\s*,\s*", re.I)


def _verbal(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """TERM [aside] (aux)* cue definiens, or TERM (aux)* be definiens (copula)."""
    out: list[Candidate] = []
    pos, facts = _lead(text, te, sent_end)
    first = _COORD_BEFORE.search(text, sent_start, ts)
    if first and first.group("c").lower() not in _NOT_CONJUNCT:
        facts["coordinated_before"] = first.group("c")  # "X and TERM are used to describe ..."
    pos, words = _aux_chain(text, pos, sent_end)
    facts.update(aux=" ".join(words), modal=any(w in _MODAL for w in words), negated=any(w in _NEG for w in words))
    hedge = _COPULA_HEDGE.match(text, pos, sent_end) if set(words) & _BE else None
    if hedge:  # "X is, in essence, a resource allocation process": the hedge leaves the copula a definition
        facts["hedge"] = hedge.group("h").lower()
        pos = hedge.end()
    while pos < sent_end and text[pos].isspace():
        pos += 1
    if not words and text.startswith(",", pos):
        facts["comma_cue"] = True
        pos += 1
        while pos < sent_end and text[pos].isspace():
            pos += 1
    coordinated = facts.get("coordinated") or facts.get("coordinated_before")
    cues = _CUES + ([(_PLURAL_CUE, "describes", "")] if coordinated and not words else [])
    for regex, name, lemma in cues:
        m = regex.match(text, pos, sent_end)
        if m:
            v = (m.groupdict().get("v") or "").lower()
            v = re.sub(r"\s+", " ", v)
            cue = lemma or _LEMMA.get(v, v.rstrip("s") if v.endswith("s") and not v.endswith("ss") else v)
            if name == "describes" and set(words) & _NOT_DESCRIBING and v != "to do with":
                continue  # "is describes" never happens; "has involved" is narrative, not definitional
            if v == "considered" and not facts["modal"]:
                continue  # "X is considered a priority" weighs X; "X can be considered a ..." says what it may be
            if "," in text[te : m.start()] and re.match(r"referred\s+to\s+as\b", text[m.start() : m.end() + 3], re.I):
                continue  # "X, also referred to as A or B, is ...": an alias in an aside, not what X refers to
            if v == "to do with" and words[-1:] not in (["has"], ["have"]):
                continue  # "X has to do with ...", not "X is to do with the budget" or "how to do with X"
            agent = (m.groupdict().get("agent") or "").strip()
            end = sent_end
            if _CONTRAST_OPEN.search(text[sent_start:ts]):  # "While X means A, Y ...": A ends at the comma
                comma = text.find(",", m.end(), sent_end)
                end, facts["contrast"] = (comma if comma > 0 else sent_end), "subordinate"
            if facts.get("comma_cue"):
                close = _CLAUSE_END.search(text, m.end(), sent_end)
                end = close.start() if close else sent_end
            out.append(Candidate(name, ts, te, m.end(), end, cue, agent, dict(facts)))
            return out
    if facts.get("comma_cue"):
        return out
    if words and any(w in _BE for w in words):
        end = sent_end
        colon = re.compile(r":\s*(?=[‘“\"'])").match(text, pos, sent_end)  # "X is: ‘...’" (a quoted definiens)
        if colon:
            pos = colon.end()
        if _CONTRAST_OPEN.search(text[sent_start:ts]):
            comma = text.find(",", pos, sent_end)
            end, facts["contrast"] = (comma if comma > 0 else sent_end), "subordinate"
        out.append(Candidate("copula", ts, te, pos, end, "be", "", dict(facts)))
    return out


# "X is not a new concept and is often referred to as a way of working …": a second predicate of the same subject
_CONJOINED = re.compile(r"\s(?:and|but)\s+(?P<aux>is|are|has\s+been|have\s+been)\s+(?:(?:often|also|sometimes|"
                        r"commonly|usually|generally|widely|best|now)\s+)?(?P<v>referred\s+to|described|defined|"
                        r"understood|seen|known|thought\s+of|regarded)\s+as\s+", re.I)
# "The term X dates from the 1970s and has more recently become a new way of describing ...": a second predicate
# that makes X a name for what follows
_BECAME_NAME = re.compile(r"\s(?:and\s+|but\s+)?(?:has|have|had)\s+(?:[a-z]+\s+){0,2}?become\s+(?:an?|the)\s+"
                          r"(?:[a-z\-]+\s+){0,2}?(?:way\s+of\s+(?P<v>describing|denoting|referring\s+to|naming)|"
                          r"(?:term|label|word|shorthand|name)\s+(?:for|to\s+describe))\s+", re.I)
_NEW_SUBJECT = re.compile(r"[.;:?!]\s|\b(?:it|they|this|which|who|that|we|i)\b", re.I)


def _conjoined(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    m = _CONJOINED.search(text, te, sent_end)
    if not m or m.start() - te > 120 or _NEW_SUBJECT.search(text, te, m.start()):
        return []
    v = m.group("v").lower().split()[0]
    cue = {"referred": "refer", "described": "describe", "defined": "define", "understood": "understand",
           "seen": "see", "known": "know", "thought": "think", "regarded": "regard"}[v]
    return [Candidate("defined_as" if v == "defined" else "understood_as", ts, te, m.end(), sent_end, cue, "",
                      {"aux": m.group("aux").lower(), "conjoined": True})]


# "X is a concept which is increasingly popular in the planning field to refer to ...": the infinitive glosses X
_WORD_USED_TO = re.compile(r"[’”\"']?\s+(?:is|was|has\s+been)\s+(?:a|an)\s+(?:[a-z\-]+\s+)?(?:concept|term|word|label|"
                           r"notion)\s+(?:which|that)\s+(?:is|has\s+been|was)\s+(?:[\w\-]+\s+){0,8}?(?:used\s+)?"
                           r"to\s+(?P<v>refer\s+to|describe|denote|mean|capture)\s+", re.I)


def _word_used_to(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    m = _WORD_USED_TO.match(text, te, sent_end)
    if not m:
        return []
    v = m.group("v").split()[0].lower()
    return [Candidate("used_to", ts, te, m.end(), sent_end, "refer" if v == "refer" else v, "", {"word_used_to": True})]


def _became_name(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    m = _BECAME_NAME.search(text, te, sent_end)
    if not m or m.start() - te > 120 or _NEW_SUBJECT.search(text, te, m.start()):
        return []
    v = (m.group("v") or "describing").lower()
    cue = {"describing": "describe", "denoting": "denote", "naming": "describe"}.get(v.split()[0], "refer")
    return [Candidate("used_to", ts, te, m.end(), sent_end, cue, "", {"became_name": True})]


def _by_we_mean(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    if not BY_WE_MEAN.search(text[sent_start:ts]):
        return []
    m = _AGENT_MEAN.match(text, te, sent_end)
    if not m:
        return []
    agent = m.group("agent").strip()
    return [Candidate("by_term_we_mean", ts, te, m.end(), sent_end, "mean",
                      "" if agent.lower() in _SELF else agent, {"agent": agent})]


def _active_define(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    before = text[sent_start:ts]
    m = _ACTIVE_DEFINE.search(before) if _ENDS_WITH_DEFINE_VERB.search(before) else None
    a = _AS.match(text, te, sent_end) if m else None
    if not m or not a:
        return []
    v = re.sub(r"^theori(?=[sz])", "conceptuali", (m.group("v") or "").lower())  # the same act: one cue
    if v.startswith(("consider", "believe")) != bool(a.group("tobe")):
        return []  # "I believe X to be ...", "we consider X to be ...", but "define / see X as ..."
    agent = _agent_of(m.group("agent"))
    if agent is None:
        return []
    if m.group("t"):
        cue = "adopt_term"  # "we adopt / use the term X as ..."
    else:
        cue = {"see": "see", "sees": "see", "saw": "see", "believe": "consider", "believes": "consider",
               "considers": "consider"}.get(v, "refer" if v.startswith("refer") else re.sub(r"(e?[sd])$", "", v) or v)
    return [_define_candidate(agent, ts, te, a.end(), sent_end, cue, {})]


def _agent_of(raw: str) -> str | None:
    """Who defines or names X, from the words before the verb; None where no one does: an infinitive ("a lens from
    which to view X as ...") or a plea ("we invite you to see X as ...", "we encourage partners to call X ...")."""
    if re.search(r"\bto$", raw.strip(), re.I) or _EXHORT.search(raw):
        return None
    agent = raw.strip().split(",")[-1].strip()
    return re.sub(r"^(?:and|but|so|here|in\s+this\s+\w+)\s+", "", agent, flags=re.I)


def _define_candidate(agent: str, ts: int, te: int, start: int, sent_end: int, cue: str, facts: dict) -> Candidate:
    """A defining verb's reading: the writer's own ("we define X as", `we_define`) or another's, who is attributed."""
    self_ = agent.lower() in _SELF or agent.lower().split()[-1:] in (["we"], ["i"])
    return Candidate("we_define" if self_ else "attributed_define", ts, te, start, sent_end, cue,
                     "" if self_ else agent, {"agent": agent, **facts})


# "The Think Local Act Personal partnership calls X a ‘meeting of minds ...’": naming what X is, with its agent
_CALLS_VERB_END = r"(?P<v>calls?|called|terms?|termed|dubs|dubbed)\s+[‘“\"']?$"
_CALLS_BEFORE = re.compile(_AGENT_BEFORE + r"(?:(?:\w+ly|also|often|even)\s+)?" + _CALLS_VERB_END, re.I)
# checked first, as for _ACTIVE_DEFINE: the agent's lazy group makes a failing search cost (length x 60) steps
_ENDS_WITH_CALLS_VERB = re.compile(r"\b" + _CALLS_VERB_END, re.I)
_CALLS_AFTER = re.compile(r"[’”\"']?\s+(?=(?:an?|the)\s+\S)", re.I)


def _calls(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    before = text[sent_start:ts]
    m = _CALLS_BEFORE.search(before) if _ENDS_WITH_CALLS_VERB.search(before) else None
    a = _CALLS_AFTER.match(text, te, sent_end) if m else None
    agent = _agent_of(m.group("agent")) if m and a else None
    if agent is None:
        return []
    return [_define_candidate(agent, ts, te, a.end(), sent_end, "call", {"calls": True})]


# "There are many definitions of X; the New Economics Foundation define it as: ...": the next clause takes X up as "it".
_CLAUSE_ANAPHOR = re.compile(r"[’”\"']?[^.;:?!]{0,40}?;\s*(?P<agent>[^;:,]{1,60}?)\s*(?:\[\d{1,3}\]|\([^()]{1,40}\))?\s+"
                             r"(?:\w+ly\s+)?(?P<v>define[sd]?|describe[sd]?|conceptuali[sz]e[sd]?|characteri[sz]e[sd]?)"
                             r"\s+it\s+as(?:\s*:)?\s+", re.I)


def _clause_anaphor(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    m = _CLAUSE_ANAPHOR.match(text, te, sent_end)
    if not m:
        return []
    agent = re.sub(r"^(?:and|but|so|here)\s+", "", m.group("agent").strip(), flags=re.I)
    return [_define_candidate(agent, ts, te, m.end(), sent_end, _verb_lemma(m.group("v")), {"clause_anaphor": True})]


def _glossary(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    if not _GLOSS_BEFORE.match(text[sent_start:ts]):
        return []
    head = text[ts:te].strip(" ‘’“”\"'").lower()
    if head in SECTION_LABELS or head.split(" ")[0] in _PREPOSITIONS:
        return []  # "Aim: ...", "Conclusions: ...", "In one sentence: ..." are headings, not headwords
    m = _GLOSS_AFTER.match(text, te, sent_end)
    if not m:
        return []
    sep = text[m.start() : m.end()].strip(" ’”\"'")[-1:] or ":"
    end = text.find("\n", m.end(), sent_end)  # an entry's gloss ends with its line, a table row's at its cell
    end = sent_end if end < 0 else end
    if sep == "|":
        cell = text.find("|", m.end(), end)
        end = end if cell < 0 else cell
    return [Candidate("glossary", ts, te, m.end(), end, sep, "", {})]


def _appositive(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    m = _APPOS.match(text, te, sent_end)
    if not m:
        return _whereby(text, sent_end, ts, te) or _ie_gloss(text, sent_end, ts, te)
    start = m.end()
    first = re.match(r"\s*([A-Za-z]+(?:\s+which)?)", text[start:sent_end])
    sep = m.group("sep").strip()
    dash = sep in {"-", "–", "—"}
    # "knowledge co-production, where people with different expertise collaborate to ...": a relative gloss after
    # a comma (not "where possible", not "when done well")
    comma_relative = sep == "," and bool(_COMMA_RELATIVE.match(text, start, sent_end))
    if comma_relative and (m.group("pp") or "").split()[:1] not in ([], ["of"]) \
            and text[start:sent_end].lstrip().lower().startswith("when "):
        comma_relative = False  # "X in 2016, when the first members joined": a time, not a gloss
    glossed = sep == "," and bool(_DEF_CUE.match(m.group("cue") or ""))  # "X of Y, that is, ..." glosses X of Y
    if m.group("pp") and not dash and not comma_relative and not glossed:
        return []  # "X in health, the ..." is a list or an aside; only a dash sets off "X of Y — ... —"
    if m.group("head") and not comma_relative:
        return []  # only a relative gloss reads through a head noun: "a X approach, meaning people ..."
    # "X; supporting ...", "X, or integrating A into B, is ...": a gerund clause glosses the term
    or_gloss = sep == "," and (m.group("cue") or "").strip().lower() == "or"
    gerund = (sep in {";", ":"} or or_gloss) and bool(first) and first.group(1).lower().endswith("ing")
    # "X, co-creating A with B to inform C, is ...": a gerund clause closed by the sentence's verb glosses the term
    comma_gerund = (sep == "," and not m.group("cue") and not m.group("pp") and not m.group("head") and bool(first)
                    and _is_gerund(re.match(r"\s*([\w\-]+)", text[start:sent_end]).group(1))
                    and bool(_CLAUSE_END.search(text, start, sent_end)))
    gerund = gerund or comma_gerund
    relative = (dash and bool(first) and first.group(1).lower() in _APPOS_RELATIVE
                and not _BACK_REFERENCE.match(text, start, sent_end)) or comma_relative
    bare = bool(_BARE_GLOSS.match(text, start, sent_end))  # "X, collaboration that brings together ..."
    # "X – people with lived experience work alongside professionals to ...": after a dash, the actors and what
    # they do together gloss the term
    actors = dash and not m.group("pp") and bool(_ACTOR_GLOSS.match(text, start, sent_end))
    if not m.group("cue") and not (first and first.group(1).lower().split()[0] in {"the", "a", "an"}) and not gerund \
            and not relative and not bare and not actors:
        return []
    if m.group("cite") and not comma_relative:
        return []  # a citation is skipped only before a relative gloss: "X of knowledge (Pohl 2010), in which ..."
    closer = {",": r"[,;)]", "-": r"\s-\s|[;)]", ";": r";", ":": r";"}.get(sep, r"[–—;)]")
    # "X, which involves A to design, deliver and evaluate B, is …" and "X, that is, A, B and C, …": the gloss
    # ends at the clause's verb, not at its first comma
    if comma_relative or comma_gerund or glossed:
        end_m = _CLAUSE_END.search(text, start, sent_end) or re.compile(r"[;)]").search(text, start, sent_end)
    else:
        end_m = re.compile(closer).search(text, start, sent_end)
    end = end_m.start() if end_m else sent_end
    if len(text[start:end].split()) < 3:
        return []
    return [Candidate("appositive", ts, te, start, end, "appos" if sep in {",", "-", "–", "—"} else "appos" + sep, "",
                      {"appos_cue": (m.group("cue") or "").strip(), "appos_closed": bool(end_m),
                       "appos_sep": sep, "appos_gerund": gerund, "appos_relative": relative, "appos_actors": actors})]


#: Words ending in -ing that do not open a gerund gloss ("X, including A, is ...", "X, being new, is ...").
_NOT_GERUND = {"including", "according", "regarding", "concerning", "following", "excluding", "being", "having",
               "during", "nothing", "something", "anything", "everything", "morning", "evening", "spring", "string",
               "notwithstanding", "depending"}


def _is_gerund(word: str) -> bool:
    """An -ing word of more than five letters that may open a gloss (shorter ones: "bring", "thing", "king")."""
    w = word.lower()
    return len(w) > 5 and w.endswith("ing") and w not in _NOT_GERUND


_IE_GLOSS = re.compile(r"[’”\"']?\s*\(?\s*(?:i\.\s?e\.|that\s+is\s*:)\s*,?\s*", re.I)


def _unpunctuated_gloss(text: str, sent_end: int, ts: int, start: int, te: int, cue: str,
                        relative: bool) -> list[Candidate]:
    """An appositive gloss that opens at `start` with no comma or dash after the term; it ends at ';' or ')'."""
    end_m = re.compile(r"[;)]").search(text, start, sent_end)
    return [Candidate("appositive", ts, te, start, end_m.start() if end_m else sent_end, "appos", "",
                      {"appos_cue": cue, "appos_closed": bool(end_m), "appos_sep": "", "appos_gerund": False,
                       "appos_relative": relative})]


def _ie_gloss(text: str, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """'a process of ‘X’ i.e. ‘support that is designed ...’': "i.e." glosses the term without a comma."""
    m = _IE_GLOSS.match(text, te, sent_end)
    return _unpunctuated_gloss(text, sent_end, ts, m.end(), te, "i.e.", False) if m else []


def _whereby(text: str, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """'citizen coproduction whereby citizens act as partners ...': "whereby" glosses the term without a comma."""
    m = _WHEREBY.match(text, te, sent_end)
    return _unpunctuated_gloss(text, sent_end, ts, m.end(), te, "", True) if m else []


# "the concept of X, which seeks to promote ...", "the principles of X where citizens and providers jointly ...",
# "the idea of X, giving people who use services ...": after a noun that names X as an idea, a relative clause of
# purpose or place, or a participle, glosses it (with or without a comma)
_CONCEPT_OF = re.compile(r"\b(?:concept|principles?|idea|ideal|notion|philosophy|ethos|process|practice)\s+of\s+"
                         r"(?:[a-z][\w\-]*\s+)?[‘“\"']?$", re.I)
_PURPOSE_RELATIVE = (r"which\s+(?:\w+ly\s+)?(?:seeks|aims|attempts|strives|tries|is\s+(?:aimed|designed|intended)|"
                     r"are\s+(?:aimed|designed|intended))\s+(?:at|to)\s+")
_CONCEPT_GLOSS = re.compile(r"[’”\"']?\s*(?:(?P<comma>,)\s*(?:" + _PURPOSE_RELATIVE + r"|(?P<ing>(?!including\b)[a-z]+ing)\s|"
                            r"(?:where|whereby|in\s+which)\s+(?!(?:possible|appropriate|relevant|necessary|it|they|"
                            r"this|these|we|you)\b))|"
                            r"\s+(?:where|whereby|in\s+which|" + _PURPOSE_RELATIVE + r")"
                            r"(?!\s*(?:possible|appropriate|relevant|necessary|it|they|this|these|we|you)\b))", re.I)


def _concept_gloss(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    if not _CONCEPT_OF.search(text, sent_start, ts):
        return []
    m = _CONCEPT_GLOSS.match(text, te, sent_end)
    if not m:
        return []
    start = te
    while start < sent_end and text[start] in " ,’”\"'":
        start += 1  # the gloss opens at its relative word or participle
    end_m = _CLAUSE_END.search(text, start, sent_end) or re.compile(r"[;)]").search(text, start, sent_end)
    end = end_m.start() if end_m else sent_end
    if len(text[start:end].split()) < 4:
        return []
    return [Candidate("appositive", ts, te, start, end, "appos", "",
                      {"appos_cue": "", "appos_closed": bool(end_m), "appos_sep": "," if m.group("comma") else "",
                       "appos_gerund": bool(m.group("ing")), "appos_relative": not m.group("ing"),
                       "concept_of": True})]


def _parenthesis(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    m = _PAREN.match(text, te, sent_end)
    if not m or _CITATION.search(m.group("d")) or len(m.group("d").split()) < 3:
        return []
    return [Candidate("parenthesis", ts, te, m.start("d"), m.end("d"), "(", "", {})]


def _definition_noun(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """'... relies on a simple definition—X', 'the definition of TERM is X', 'a definition of TERM: X'."""
    out = []
    for m in _DEFINITION_NOUN.finditer(text, sent_start, sent_end):
        if m.group("sep").strip().lower() == "as" and _SUCH.search(m.group("mid")):
            continue  # "Definitions of X exist but articles such as ...": "as" introduces examples
        if _CLAUSE_IN_MID.search(m.group("mid")):
            continue  # "a question about the definition of X and how X was put into practice": another clause's verb
        names_term = m.start("mid") <= ts and te <= m.end("mid")
        if not names_term and not (te <= m.start() and m.start() - te <= 80):
            continue
        start, end = m.end(), sent_end
        if m.group("sep").strip() in {"–", "—", "-"}:
            close = re.compile(r"\s[–—-]\s|[–—]").search(text, start, sent_end)
            end = close.start() if close else sent_end
        attribution = ""
        t = _THAT_OF.match(text, start, sent_end)
        if t:
            attribution, start = t.group("a").strip(), t.end()
        out.append(Candidate("definition_noun", ts, te, start, end, "definition", attribution,
                             {"definition_names_term": names_term, "definition_sep": m.group("sep").strip()}))
        break
    return out


def _verb_lemma(v: str) -> str:
    """Lemma of a defining or aiming verb form ("describes", "defined", "seeks", "focuses" -> base form)."""
    v = re.sub(r"\s+", " ", v.lower())
    if v in _LEMMA:
        return _LEMMA[v]
    if v.endswith("ies"):
        return v[:-3] + "y"
    if v.endswith(("ses", "ches", "shes")):
        return v[:-2]
    if v.endswith("ed") and not v.endswith("eed"):
        return v[:-1] if v[:-2].endswith(("ib", "in", "am", "is", "iz", "rv", "ag", "rg", "nc", "ir")) else v[:-2]
    if v.endswith("s") and not v.endswith("ss"):
        return v[:-1]
    return v


def _which_define(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """'X, which the trust describes as Y, ...' / 'X, which is defined as Y': the relative clause defines X."""
    m = _WHICH_DEFINE.match(text, te, sent_end)
    if not m:
        return []
    close = _CLAUSE_END.search(text, m.end(), sent_end) or re.compile(r",\s|;").search(text, m.end(), sent_end)
    end = close.start() if close else sent_end
    agent = (m.group("agent") or m.group("pagent") or "").strip()
    v = (m.group("v") or m.group("pv") or "").lower()
    self_ = agent.lower() in _SELF
    return [Candidate("which_define", ts, te, m.end(), end, _verb_lemma(v), "" if self_ else agent,
                      {"agent": agent} if agent else {})]


# "… includes X in its statutory guidance, defining it as Y": a participle later in the clause defines X through a
# pronoun (the same clause: no full stop, semicolon or colon between the term and the participle). "Describing it as"
# is left out: in real prose it mostly evaluates ("describing it as the best decision the trust made").
_DEFINING_IT = re.compile(r"[^.;:!?]{0,80}?,\s*(?P<v>defining|conceptuali[sz]ing)\s+"
                          r"(?:it|this)\s+as\s+", re.I)


def _defining_it(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """'… includes X in its guidance, defining it as Y': read as the relative-clause definition it paraphrases."""
    m = _DEFINING_IT.match(text, te, sent_end)
    if not m:
        return []
    cue = "define" if m.group("v").lower() == "defining" else "conceptualise"
    return [Candidate("which_define", ts, te, m.end(), sent_end, cue, "", {"participle": True})]


def _contrastive(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """'While X is aimed at A, Y seeks to B': each term is defined by the aim that sets it apart from the other.

    The subordinate term's definiens runs to the comma that opens the main clause; the main clause's term is a
    candidate only after such a subordinate clause, and its definiens runs to the end of the sentence."""
    before = text[sent_start:ts]
    m = _AIM_CUE.match(text, te, sent_end) or _AIM_CUE.match(text, _lead(text, te, sent_end)[0], sent_end)
    if not m:
        return []
    verb = re.sub(r"\s+(?:at|towards?|to|on|with)$", "", m.group("v").strip().lower()).split()[-1]
    cue = _verb_lemma(verb)
    if _CONTRAST_OPEN.search(before):
        comma = text.find(",", m.end(), sent_end)
        if comma < 0:
            return []
        paired = bool(_AIM_CUE.search(text, comma, sent_end))
        return [Candidate("contrastive", ts, te, m.end(), comma, cue, "",
                          {"contrast": "subordinate", "contrast_paired": paired})]
    if _CONTRAST_MAIN.match(before):
        paired = bool(_AIM_CUE.search(before))
        return [Candidate("contrastive", ts, te, m.end(), sent_end, cue, "",
                          {"contrast": "main", "contrast_paired": paired})]
    return []


# "For those not familiar with the term X, this is when ...": a resumptive pronoun after the term's clause.
# "..., (but) it's (essentially) about ...": the contracted copula, before a definiens opener only
_RESUMPTIVE = re.compile(r"[’”\"']?(?:\s+(?:before|yet|already|here))?\s*,\s*(?:then\s+|but\s+)?(?:this|it|that)"
                         r"(?:\s+(?:simply\s+|basically\s+|essentially\s+)?"
                         r"(?P<v>is(?:\s+(?:when|where))?|means|refers\s+to|describes)"
                         r"|[’']s(?:\s+(?:simply|basically|essentially|really))?(?=\s+(?:about|when|where|a|an|the)\b))\s+",
                         re.I)
# "X represents a step beyond consultation, it refers to ...": a comma splice takes the term up again as "it" after
# its own predicate (only "refers to": "it means" after a predicate is mostly a consequence)
_RESUMPTIVE_LATE = re.compile(r"[’”\"']?\s+[^.;:?!,()]{3,80}?,\s*(?:and\s+)?it\s+(?:\w+ly\s+)?(?P<v>refers)\s+to\s+", re.I)
# Up to two lower-case modifiers of the term between the cue and the term: "often referred to as knowledge X".
_TERM_MODIFIERS = r"(?P<mods>(?:(?!(?:to|for|on|in|of|by|the|a|an|and|or|more|less|with|from|about)\b)[a-z][\w\-]*\s+){0,2})"
# After a naming cue, the named term may open a quotation, "the" before it: "often called the “X of evidence”".
_QUOTED_TERM = r"(?:the\s+(?=[‘“\"']))?[‘“\"']?\s*"
# "..., often referred to as X", "what we call X", "known as X": the definiens comes before the term.
_REVERSE = re.compile(r"(?P<cue>(?:(?:often|commonly|usually|sometimes|also|widely|generally|now)\s+)?(?:referred\s+to|"
                      r"known|described|termed|labelled|labeled|called)(?:\s+(?:in|within|among|by)\s+(?:the\s+)?[a-z]+"
                      r"(?:\s+[a-z]+)?)?\s+as|what\s+(?:we|I|they|is|are|has\s+been|"
                      r"have\s+been|(?:its|the|their|his|her|our)\s+\w+)\s+(?:(?:\w+ly|now|also|often|sometimes)\s+)?(?:call|calls|called|term|termed|known\s+as|referred\s+to\s+as)|"
                      r"(?:which|that)\s+(?:we|I|they|researchers|scholars|many|some|people)\s+(?:\w+ly\s+)?(?:refer\s+to|describe|define)\s+as|"
                      r"(?:is|are|was|were|be)\s+(?:\w+ly\s+)?(?:called|termed|labelled|labeled)|"
                      r"(?:often|commonly|usually|sometimes|also|now)\s+(?:called|termed|labelled|labeled)|"
                      r"(?<=,)\s*(?:termed|dubbed)|(?<=[:;,—–(])\s*the\s+(?P<so>so[\s\-]called))"
                      r"\s*[:,]?\s*" + _QUOTED_TERM + _TERM_MODIFIERS + "$", re.I)
_TRAILING_AUX = re.compile(r"\s+(?:is|are|was|were|be|been|being|has\s+been|have\s+been|had\s+been)$", re.I)
# "A, an approach called X" / "A; a process known as X": a genus noun names what the clause before it describes.
_GENUS_CALLED = re.compile(r"[,;:—–]?\s*(?:an?|the|this)\s+(?:[\w\-]+\s+){0,2}?(?:approach|process|way\s+of\s+working|"
                           r"model|practice|method|idea|concept|principle|philosophy)\s+"
                           r"(?:(?:often|commonly|usually|sometimes|also|now|widely)\s+)?(?P<cue>called|termed|named|"
                           r"known\s+as|referred\s+to\s+as|described\s+as)\s*" + _QUOTED_TERM + _TERM_MODIFIERS + "$",
                           re.I)
# "This means including carers in design. That's called X." / "Such initiatives, commonly referred to as X, are …":
# a sentence that opens by naming what the sentence before it describes (read as a window, the first sentence
# being the definiens). The term must close the naming: "these are called X sessions" names sessions.
NAMED_BACK = re.compile(r"\s*(?:(?:and|so|but)\s*,?\s+)?(?:in\s+(?:the\s+)?(?:[a-z]+\s+)?(?:literature|research|practice|"
                        r"policy|field|sector)\s*,?\s+)?(?P<a>this|that|these|those|such)(?:\s+[a-z][\w\-]*){0,2}?\s*,?\s*"
                        r"(?:(?:[’']s|is|are|was|were|has\s+been|have\s+been)\s+)?"
                        r"(?:(?:what|something)\s+(?:we|you|people|many|some|is|are)\s+(?:now\s+|often\s+|sometimes\s+)?)?"
                        r"(?P<cue>(?:(?:often|commonly|usually|sometimes|also|widely|generally|now|increasingly)\s+)?"
                        r"(?:call|calls|called|known\s+as|referred\s+to\s+as|termed|labelled|labeled|described\s+as)\b)"
                        r"\s*[:,]?\s*" + _QUOTED_TERM + _TERM_MODIFIERS, re.I)
# "This simple model — X — has spread ...": a dash pair round the term names what the sentence before describes
_THIS_DASH = re.compile(r"\s*(?P<a>this|that|such\s+an?)\s+(?:[a-z][\w\-]*\s+){0,2}?(?P<cue>model|approach|process|"
                        r"practice|way\s+of\s+working|idea|concept|method)\s*[—–]\s*[‘“\"']?", re.I)
_DASH_CLOSED = re.compile(r"[’”\"']?\s*[—–]")
# the term closes the naming, alone or with a coordinated second name ("... is called ‘X and co-creation’ (see ...)")
_NAMING_CLOSED = re.compile(r"(?:\s+(?:and|or|&)\s+[\w\-]+)?[’”\"']?\s*(?:[.,;:!)(—–]|\s-\s|$)")
# ... or with what it is of ("This is referred to as X of knowledge"), and a second predicate may follow ("... X and
# has the potential to ...": the naming is over where a verb of its own starts).
_AND_VERB = r"\s+and\s+(?:has|have|is|are|was|can|could|may|might|will|would|offers?|holds?)\b"
_NAMING_CLOSED_OF = re.compile(r"\s+of\s+(?!the\b|a\b|an\b|this\b|that\b|our\b|their\b)[\w\-]+[’”\"']?\s*"
                               r"(?:[.,;:!)(—–]|\s-\s|$|" + _AND_VERB + ")", re.I)
# ... or a clause with a subject of its own ("This is called X and it's at the heart of what we do").
_SECOND_PREDICATE = re.compile(r"[’”\"']?(?:" + _AND_VERB + r"|,?\s+(?:and|but)\s+(?:it|this|that|we|they)\b)", re.I)
# "... to develop their offer together. This is co-production.": a plain copula names what came before, and only when
# the term, unmodified, ends the sentence ("This is co-production in name only" says something else).
_THIS_IS = re.compile(r"\s*(?:(?:and|so)\s*,?\s+)?(?P<a>this|that)\s*(?:[’']s|\s+is|\s+was)\s+(?:what\s+(?:real|true|"
                      r"genuine)\s+|(?:real|true|genuine)\s+)?[‘“\"']?", re.I)
# "… how that could be improved. We call this co-production.": the writer names what the sentence before describes.
_WE_CALL_THIS = re.compile(r"\s*(?:(?:and|so)\s*,?\s+)?(?:we|they|people|many|some|I)\s+(?:(?:often|now|also|simply)\s+)?"
                           r"(?P<cue>call|term|label|name)\s+(?P<a>this|that|it|these|those)(?:\s+(?:approach|process|"
                           r"way\s+of\s+working|model|practice|work))?\s+(?:as\s+)?[‘“\"']?\s*" + _TERM_MODIFIERS, re.I)
_SENTENCE_CLOSED = re.compile(r"[’”\"']?\s*[.!]?[’”\"']?\s*$")


# "Termed ‘X’, this has been talked about more than done.": a participle names the term, a pronoun takes it up.
_NAMED_FRONT = re.compile(r"\s*(?:(?:and|so|but)\s*,?\s+)?(?P<cue>(?:(?:often|commonly|usually|sometimes|also|now)\s+)?"
                          r"(?:termed|called|dubbed|known\s+as|referred\s+to\s+as|labelled|labeled))\s*[‘“\"']?\s*",
                          re.I)
_TAKEN_UP = re.compile(r"[’”\"']?\s*,\s*(?P<a>this|it|these|they|such\s+\w+)\b", re.I)


def _closes_naming(text: str, te: int, sent_end: int) -> bool:
    """Whether the naming is over after the term ending at `te`: alone, with an of-complement, or before a verb."""
    return bool(_NAMING_CLOSED.match(text, te, sent_end + 1) or _NAMING_CLOSED_OF.match(text, te, sent_end)
                or _SECOND_PREDICATE.match(text, te, sent_end))


def named_back(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> tuple[str, str] | None:
    """(naming cue, word that points back) when the sentence opens by naming the term [ts, te) and the term closes
    the naming ("That's called X.", "This is referred to as X of knowledge and has …", "This is X.", "We call this
    X."), or when a naming participle before the term is taken up by a pronoun ("Termed X, this …")."""
    m = NAMED_BACK.match(text, sent_start, ts)  # the naming must end where the term starts
    if m and m.end() == ts and _closes_naming(text, te, sent_end):
        return m.group("cue"), m.group("a")
    dash = _THIS_DASH.match(text, sent_start, ts)
    if dash and dash.end() == ts and _DASH_CLOSED.match(text, te, sent_end):
        return "—", dash.group("a")
    we_call = _WE_CALL_THIS.match(text, sent_start, ts)
    if we_call and we_call.end() == ts and _NAMING_CLOSED.match(text, te, sent_end + 1):
        return we_call.group("cue"), we_call.group("a")
    plain = _THIS_IS.match(text, sent_start, ts)
    if plain and plain.end() == ts and _SENTENCE_CLOSED.fullmatch(text, te, sent_end):
        return "is", plain.group("a")
    front = _NAMED_FRONT.match(text, sent_start, sent_end)
    taken_up = _TAKEN_UP.match(text, te, sent_end) if front and front.end() == ts else None
    return (front.group("cue"), taken_up.group("a")) if taken_up else None


# "X is not about A; it's about B": the correction after a negation is the definiens.
_CORRECTIVE = re.compile(r"(?:;|,|\.|\s?[–—]|\s-)\s*(?:but\s+|rather\s*,?\s*|instead\s*,?\s*)*(?:it|this)\s*"
                         r"(?:[’']s|\s+is)\s+(?:(?:rather|instead|really|actually|all)\s+)?", re.I)


def _resumptive(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    m = _RESUMPTIVE.match(text, te, sent_end) or _RESUMPTIVE_LATE.match(text, te, sent_end)
    if not m:
        return []
    v = m.group("v").lower().split()[0] if m.group("v") else "is"  # "..., it's (essentially) about ..."
    return [Candidate("resumptive", ts, te, m.end(), sent_end, {"is": "be", "means": "mean", "refers": "refer",
                                                                 "describes": "describe"}[v], "", {})]


def _last_clause(text: str, sent_start: int, head: str) -> tuple[int, int, int]:
    """(start, end, cut) of the last clause of `head`, the sentence's text from `sent_start` before a naming cue:
    after its last semicolon, colon, dash or line break (`cut`, -1 when none), trailing commas dropped."""
    cut = max(head.rfind(";"), head.rfind(":"), head.rfind("—"), head.rfind(" – "), head.rfind("\n"))
    start = sent_start + cut + 1 if cut >= 0 else sent_start
    end = sent_start + len(head)
    while end > start and text[end - 1] in " ,":
        end -= 1
    return start, end, cut


def _holds_term(text: str, ts: int, te: int, start: int, end: int) -> bool:
    """Whether [start, end) holds the term [ts, te) itself (hyphens and spaces ignored, first eight letters)."""
    word = re.sub(r"[\s\-]", "", text[ts:te].lower())
    return word[:8] in re.sub(r"[\s\-]", "", text[start:end].lower())


def _reverse(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """'citizen participation in public services, often referred to as X' / 'what we call X': the phrase before
    the cue (from the clause start) is the definiens."""
    m = _GENUS_CALLED.search(text, sent_start, ts) or _REVERSE.search(text, sent_start, ts)
    if not m or m.end() != ts:
        return []
    if m.groupdict().get("so") and not _NAMING_CLOSED.match(text, te, sent_end + 1):
        return []  # "the so-called X agenda" names the agenda; "...: the so-called X." names what came before
    if m.group("cue").lower().startswith("what") and not re.search(r"[—–:;,(]\s*$|\s-\s*$|^\s*$|\b(?:is|are|was|were|be)\s*$",
                                                                   text[sent_start : m.start()]):
        return []  # "a difference towards what is now called X": the what-clause is an argument; "A is what ..." glosses X
    # "A are often referred to as X": the auxiliary before the cue is not part of the definiens
    head = _TRAILING_AUX.sub("", text[sent_start : m.start()].rstrip()).rstrip(" :,;—–")
    start, end, cut = _last_clause(text, sent_start, head)
    if cut >= 0 and re.fullmatch(r"(?:this|that|these|such)(?:\s+[a-z]+){0,2}", text[start:end].strip(), re.I):
        # "A and B work together; this process is known as X": the clause before the pronoun is what is named
        start, end = sent_start, sent_start + cut
    if len(text[start:end].split()) < 3 or _holds_term(text, ts, te, start, end):
        # the definiens holds the term itself: circular ("the literature on X recognises a spectrum of approaches
        # described as X"), or a kind of X ("X for communities is sometimes called community X")
        return []
    return [Candidate("reverse_named", ts, te, start, end, "call", "", {"reverse_cue": m.group("cue").lower()})]


# "They run studies in partnership with clinicians (X).": the term alone in a closing parenthesis names the clause.
_PAREN_NAME_BEFORE = re.compile(r"\(\s*(?:or\s+(?:is\s+|are\s+)?|i\.\s?e\.,?\s+|aka\s+)?[‘“\"']?\s*$", re.I)
_PAREN_NAME_AFTER = re.compile(r"[’”\"']?\s*\)\s*(?:[.;:!]|$)")


def _paren_named(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """'Volunteer drivers plan the timetable with the bus company's schedulers (X).': the clause before the
    parenthesis, from the sentence start or its last colon, semicolon or dash, is the definiens."""
    m = _PAREN_NAME_BEFORE.search(text, sent_start, ts)
    if not m or m.end() != ts or not _PAREN_NAME_AFTER.match(text, te, sent_end + 1):
        return []
    start, end, _ = _last_clause(text, sent_start, text[sent_start : m.start()].rstrip(" ,"))
    if len(text[start:end].split()) < 4 or _holds_term(text, ts, te, start, end):
        return []
    return [Candidate("reverse_named", ts, te, start, end, "call", "", {"reverse_cue": "("})]


def _corrective(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    pos, facts = _lead(text, te, sent_end)
    pos, words = _aux_chain(text, pos, sent_end)
    if not any(w in _NEG for w in words) or not any(w in _BE for w in words):
        return []
    m = _CORRECTIVE.search(text, pos, sent_end)
    if not m or m.end() >= sent_end - 3:
        return []
    return [Candidate("corrective", ts, te, m.end(), sent_end, "be", "", {"aux": " ".join(words)})]


# "In co-production, people who use services and staff share decisions …": a clause framed by the term says what
# happens in it (the classifier weighs tense, modality and participants: "In X, citizens may be confronted …").
_FRAME_OPEN = re.compile(r"^\s*(?:[-•*·▪]\s*)?(?:in|through|within|under)\s+(?:(?:the|a|processes?\s+of|"
                         r"genuine|true|real|good|meaningful|authentic|full)\s+){0,3}[‘“\"']?$", re.I)
_FRAME_CLOSE = re.compile(r"[’”\"']?\s*,\s*(?!(?:for\s+example|for\s+instance|however|though|therefore|then|too|"
                          r"it|this|that|these|which|as)\b)", re.I)


def _frame(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    m = _FRAME_CLOSE.match(text, te, sent_end)
    if not m or not _FRAME_OPEN.match(text[sent_start:ts]) or len(text[m.end() : sent_end].split()) < 5:
        return []
    return [Candidate("frame", ts, te, m.end(), sent_end, "in", "", {})]


def mention_candidate(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> Candidate | None:
    """The fallback reading when no pattern fires: the rest of the sentence after the term (or, for a term at
    the end, the sentence before it) as the definiens; the classifier decides from the sentence's features."""
    start, end = te, sent_end
    while start < end and text[start] in "’”\"'":
        start += 1  # "The term ‘X’ dates from ...": the term's closing quote, not a quotation the definiens is in
    if len(text[te:sent_end].split()) < 3:
        start, end = sent_start, ts
    s, e, _ = trim_definiens(text, sent_start, start, end)
    while s < e and text[s] in "’”\"',;:)–—- ":
        s += 1
    if e - s < 3:
        return None
    return Candidate("mention", ts, te, s, e, "", "", {"fallback": True})


# "Jasanoff introduced the concept of X to explain how ...", "the term X was coined by Ostrom to describe ...": the
# purpose clause of a coining verb says what the term names.
_COINED_BEFORE = re.compile(r"\b(?:introduced|introduces|coined|coins|developed|develops|proposed|proposes|used|uses|"
                            r"adopted|adopts|employed|employs|advanced)\s+(?:the\s+)?(?:concept|term|notion|idea|idiom|"
                            r"word|label)\s+(?:of\s+)?[‘“\"']?$", re.I)
_PURPOSE = r"to\s+(?P<v>explain(?!\s+why\b)|describe|denote|designate|capture|refer\s+to|characteri[sz]e|signify|name|label)\s+"
_PURPOSE_AFTER = re.compile(r"[’”\"']?\s*(?:\([^()]{0,60}\)\s*)?,?\s*" + _PURPOSE, re.I)
_COINED_AFTER = re.compile(r"[’”\"']?\s*(?:\([^()]{0,60}\)\s*)?(?:was|were|has\s+been|had\s+been)\s+"
                           r"(?:first\s+|originally\s+|initially\s+)?(?:coined|introduced|developed|proposed)\s+"
                           r"(?:[^.;:]{0,80}?\s+)?" + _PURPOSE, re.I)


def _coined(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    before = _COINED_BEFORE.search(text[sent_start:ts])
    m = (_PURPOSE_AFTER if before else _COINED_AFTER).match(text, te, sent_end)
    if not m:
        return []
    verb = m.group("v").split()[0].lower()
    cue = {"explain": "describe", "capture": "describe", "name": "describe", "designate": "denote",
           "label": "describe"}.get(verb, verb)
    return [Candidate("used_to", ts, te, m.end(), sent_end, cue, "", {"coined": True})]


# "The key difference between X and more traditional involvement is that power is shared": what sets X apart
_DIFFERENCE_BEFORE = re.compile(r"\b(?:the|a|one)\s+(?:(?:key|main|crucial|fundamental|big|biggest|major|essential|"
                                r"important|real|core)\s+)?difference\s+between\s+[‘“\"']?$", re.I)
_DIFFERENCE_AFTER = re.compile(r"[’”\"']?\s+(?:and|&)\s+[^.;:?!]{2,120}?\s+(?:is|lies\s+in)\s+(?:that\s+)?", re.I)


def _difference(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """X set apart from another practice: the definiens is what the difference "is" (read as a contrast)."""
    if not _DIFFERENCE_BEFORE.search(text[sent_start:ts]):
        return []
    m = _DIFFERENCE_AFTER.match(text, te, sent_end)
    if not m:
        return []
    return [Candidate("contrastive", ts, te, m.end(), sent_end, "differ", "", {"contrast": "difference"})]


# "At the heart of X is the simple idea that clients are equal partners": what lies at X's heart is what X is
_HEART_BEFORE = re.compile(r"\bat\s+the\s+(?:very\s+)?(?:heart|core|centre|center)\s+of\s+[‘“\"']?$", re.I)
_HEART_AFTER = re.compile(r"[’”\"']?\s+(?:is|lies)\s+(?:the|a|an)\s+(?:[a-z]+\s+){0,2}?(?:idea|principle|belief|notion|"
                          r"premise|recognition|understanding)\s+(?=that\s)", re.I)


def _heart_of(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    if not _HEART_BEFORE.search(text[sent_start:ts]):
        return []
    m = _HEART_AFTER.match(text, te, sent_end)
    return [Candidate("copula", ts, te, m.end(), sent_end, "be", "", {"aux": "is", "heart_of": True})] if m else []


PATTERNS = (_verbal, _coined, _difference, _heart_of, _conjoined, _became_name, _word_used_to, _resumptive, _reverse,
            _paren_named, _corrective, _by_we_mean, _active_define, _calls, _clause_anaphor, _glossary, _appositive,
            _concept_gloss, _parenthesis, _definition_noun, _which_define, _defining_it, _contrastive, _frame)


def find_candidates(text: str, sent_start: int, sent_end: int, ts: int, te: int) -> list[Candidate]:
    """Every pattern that fires for the term at [ts, te) inside the sentence [sent_start, sent_end)."""
    out: list[Candidate] = []
    before_attr = _attribution_before(text[sent_start:ts])
    for pattern in PATTERNS:
        for c in pattern(text, sent_start, sent_end, ts, te):
            start, end, cited = trim_definiens(text, sent_start, c.definiens_start, c.definiens_end)
            if end - start < 3:
                continue
            c.definiens_start, c.definiens_end = start, end
            c.attribution = c.attribution or c.facts.get("aside_source", "") or before_attr or cited
            c.facts["citation"] = cited
            out.append(c)
    return out
