"""Word-level cues: narrative cues (first-person experience, attributed quotes, story words), framing cues on each
side of the stance (institution as narrator, success / journey / resilience / employability, praise of the
service, versus critique, rights, power, collective and user-led framing), and the critique-of-co-optation test.

These are model FEATURES and evidence, never a gate: the narrative scan scores every paragraph that is not a
heading (the old cue pass kept only 78% of the real narratives of the development set, far below the 0.98 a
pre-filter would need). `CueHits.is_candidate` remains only as the active-learning loop's cheap way to pick
paragraphs worth asking about (pipelines.annotate.tasks). Parse-based voice features live in
pipelines.narratives.voice. Also here: the quote-introduction cues (`QUOTE_INTRO`) that let a quotation
paragraph inherit the sentence that introduced it (pipelines.narratives.context). Each hit keeps its matched
phrase: the phrases are the evidence a researcher sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np


def _rx(*patterns: str) -> re.Pattern:
    return re.compile(r"(?:" + "|".join(patterns) + r")", re.IGNORECASE)


_Q_OPEN = "\"“‘'"
_BULLETS = " \t\n•-*–"
_QUOTE = re.compile(r"[\"“”]([^\"“”]{12,}?)[\"”“]|(?<!\w)[‘']([^‘’']{12,}?)[’'](?=[\s,.;:!?)]|$)")

# Narrative cues: who speaks and whether it is an experience.
NARRATIVE_CUES: dict[str, re.Pattern] = {
    "first_person": re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|myself)\b"),
    "first_person_plural": re.compile(r"\b(?:we|us|our|ourselves)\b", re.IGNORECASE),
    "experience_verb": _rx(
        r"\bsectioned\b", r"\bdiagnosed\b", r"\badmitted\b", r"\bdischarged\b", r"\bhospitali[sz]ed\b",
        r"\brestrained\b", r"\bmedicated\b", r"\bheard voices\b", r"\bself-harm", r"\bstruggled\b",
        r"\bfelt\b", r"\bwent through\b", r"\blived with\b", r"\bliving with\b", r"\bwas told\b",
        r"\bnobody (?:asked|listened|told)\b", r"\bno one (?:asked|listened|told)\b", r"\brecovered\b",
        r"\bwaited\b", r"\bturned (?:my|her|his|their) life\b", r"\bchanged (?:my|her|his|their) life\b",
        r"\bmy (?:diagnosis|illness|recovery|care|treatment|psychiatrist|care coordinator|key ?worker|GP|son|daughter|mum|dad)\b",
        r"\bwhen I was\b", r"\bI was (?:on|in|put|given|sent|refused|labelled)\b", r"\bcarer for\b",
    ),
    "attribution": _rx(
        r"\b(?:says|said|told|tells|explains|explained|recalls|recalled|describes|described|shared|shares|"
        r"remembers|adds|added|wrote|writes|reflects|reflected)\b",
    ),
    "user_noun": _rx(
        r"\bpatients?\b", r"\bservice[- ]users?\b", r"\bcarers?\b", r"\bsurvivors?\b", r"\bparticipants?\b",
        r"\bclients?\b", r"\bpeople who use(?:d)? (?:the )?services?\b", r"\bpeer (?:workers?|supporters?)\b",
        r"\bpeople with lived experience\b", r"\bexperts? by experience\b", r"\bresidents?\b",
        r"\byoung (?:person|people)\b", r"\bmums?\b", r"\bfamil(?:y|ies)\b", r"\bcommunity members?\b",
    ),
    # who else may be speaking: professionals' accounts of their own work are not user narratives (GUIDE §1)
    "professional_noun": _rx(
        r"\bclinicians?\b", r"\bnurses?\b", r"\bpractitioners?\b", r"\bprofessionals?\b", r"\bstaff\b",
        r"\bpsychiatrists?\b", r"\bpsychologists?\b", r"\bGPs?\b", r"\bdoctors?\b", r"\bsocial workers?\b",
        r"\bmanagers?\b", r"\btherapists?\b", r"\bpharmacists?\b", r"\bhealth visitors?\b", r"\bmidwi(?:fe|ves)\b",
        r"\bcommissioners?\b", r"\bworkforce\b", r"\bemployees?\b",
    ),
    "story_word": _rx(
        r"\bstor(?:y|ies)\b", r"\bnarratives?\b", r"\btestimon(?:y|ies)\b", r"\bjourney\b",
        r"\blived experience\b", r"\bin (?:her|his|their|my) own words\b", r"\bvoices?\b", r"\baccounts? of\b",
        r"\bfirst-hand\b", r"\bexperiences? of\b",
    ),
}

# Quote introductions: a sentence that presents the quotations after it as what users said ("Some of the things
# said by participants included:", "Here is what families told us", "Feedback from the day included:").
_USERS = (
    r"(?:participants?|attendees|service[- ]users?|patients?|people|carers?|families|residents|members|"
    r"young people|parents|survivors|delegates|learners|students|clients|those (?:who|attending))"
)
QUOTE_INTRO = _rx(
    r"\b(?:said|told us|shared|written|given|made|expressed|received) by (?:\w+\s+){0,3}?" + _USERS + r"\b",
    r"\b" + _USERS + r" (?:\w+\s+){0,3}?(?:said|told us|commented|wrote|shared|reflected|reported|described)\b",
    r"\btold us\b",
    r"\b(?:feedback|comments?|quotes|testimonials|reflections|responses|evaluations?|things (?:they|people) said)"
    r" (?:\w+\s+){0,4}?(?:included|received|said|were|was|from)\b",
    r"\bwhat (?:\w+\s+){0,2}?(?:said|told us|had to say|thought)\b",
    r"\bin (?:their|his|her) own words\b",
    r"\bhere(?: is|'s|’s| are) (?:what|some)\b",
)
#: The introduction is expected at the end of the paragraph before a quotation (or just before the quote).
_FIRST_PERSON_ANY = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|myself|we|us|our|ourselves)\b", re.IGNORECASE)

# Framing cues: which function the narrative serves (GUIDE §1).
COOPTED_FRAMING: dict[str, re.Pattern] = {
    "institution_narrator": _rx(
        r"\bour (?:service|services|trust|team|teams|patients|charity|organisation|ward|staff|clinicians|hospital|"
        r"volunteer|peer|recovery college|clinic|centre|center|programme|program|residents|clients)",
        r"\bthe trust\b", r"\bwe are (?:proud|delighted|thrilled|pleased)\b", r"\bdonat(?:e|ion|ions)\b",
        r"\bfundrais", r"\bappeal\b", r"\bnewsletter\b", r"\bcase study\b", r"\bshowcas", r"\bcelebrat",
        r"\b(?:one|a|another) (?:patient|person|resident|service user|carer|relative) (?:on \w+ ward )?told us\b",
        r"\bwe found\b", r"\bpeople we spoke (?:with|to)\b", r"\bcame to us\b", r"\breferred to (?:our|the) \w+",
        r"\bmeet [A-Z][a-z]+", r"\b(?:support|help) (?:people|families|moms|mums|dads|children) like\b",
        r"\bpatient story\b", r"\bpeople participation\b", r"\bwith the (?:full )?support of\b",
        r"\bthe (?:staff|team|nurses) (?:were|have|had|helped|supported)\b",
    ),
    "praise": _rx(
        r"\bbrilliant\b", r"\bfantastic\b", r"\bamazing\b", r"\bwonderful\b", r"\blovely\b",
        r"\b(?:so|very|really|most|kind(?: and|,)?) caring\b", r"\bcaring (?:staff|nurses?|team|doctors?|people|environment)\b",
        r"\bthankful\b", r"\bgrateful\b", r"\bthank (?:you|them)\b", r"\bhelped (?:me|us|him|her|them)\b",
        r"\bsupported (?:me|us|him|her|them)\b",
        r"\bgave (?:me|us|him|her) (?:my|our|his|her|the|a|an) (?:[\w-]+ )?(?:opportunity|chance|confidence|hope|strength|"
        r"voice|sense|purpose|support|platform|courage|skills|lifeline|boost|space|tools)\b",
        r"\b(?:given|gave) (?:me|him|her|us) (?:my|his|her|our|a bit of|some of) (?:life|confidence|hope)",
        r"\bbest (?:ward|care|service|thing)\b", r"\bmade (?:a|such a|all the) (?:real |huge |big )?difference\b",
        r"\b(?:they|staff|the team) (?:take|took) it seriously\b", r"\bso kind\b", r"\battentive\b",
        r"\bpraise\b", r"\bkeeps me going\b", r"\bvery rewarding\b", r"\b(?:life|confidence) back\b",
        r"\brewarding\b", r"\bworthwhile\b", r"\bprivilege\b", r"\bthanked\b", r"\bfelt (?:really |so )?listened to\b",
        r"\bmy voice heard\b", r"\bgiv(?:e|ing) (?:something )?back\b", r"\bkindness\b", r"\bnever judged\b",
    ),
    "success": _rx(
        r"\bchanged (?:my|her|his|their) life\b", r"\bthanks to\b", r"\baward(?:s|-winning)?\b", r"\boutstanding\b",
        r"\bsuccess", r"\bamazing\b", r"\bfantastic\b", r"\bgrateful\b", r"\bcouldn't have done it without\b",
        r"\bcould not have done it without\b", r"\bsaved (?:my|her|his) life\b", r"\bnever looked back\b",
        r"\bwonderful\b", r"\bexcellent care\b", r"\bambassador\b", r"\binspires?\b", r"\bremarkable\b",
        r"\byour (?:gift|donation|support) (?:of|could|will|can)\b", r"\b(?:help|helping) (?:another|other) (?:young )?(?:person|people|kids|families)\b",
        r"\bnow (?:works|working|volunteers|runs|training|studying|at university|co-deliver\w*|sits)\b",
        r"\bpassed (?:my|her|his) probation\b", r"\bgraduated\b",
    ),
    "journey": _rx(
        r"\bjourney\b", r"\broad to recovery\b", r"\bturned (?:my|her|his|their) life (?:a)?round\b",
        r"\brecovery stor", r"\bfrom .{1,40} to\b", r"\bstep by step\b", r"\bnew chapter\b", r"\bnew start\b",
    ),
    "resilience": _rx(
        r"\bresilien", r"\bovercam?e\b", r"\bstrength\b", r"\bpositive (?:attitude|outlook|mindset)\b",
        r"\btook responsibility\b", r"\bself-management\b", r"\bmanage (?:my|her|his|their) (?:condition|symptoms)\b",
        r"\bcoping skills\b", r"\bwellbeing plan\b", r"\b(?:wasn(?:'|’)t|was not|weren(?:'|’)t) ready\b",
        r"\brock bottom\b", r"\b(?:take|taking) responsibility\b", r"\bsurrender", r"\bgratitude\b",
        r"\bdetermined\b", r"\bwellness plan\b", r"\blive well\b", r"\bstaying well\b",
    ),
    # a lived-experience role or a fundraiser told for the organisation: the story serves its work (GUIDE §1)
    "institution_role": _rx(
        r"\bpeer (?:support )?(?:worker|mentor|trainer|facilitator|support worker)s?\b", r"\bpast pain into\b",
        r"\bturn(?:ing|ed)? (?:the worst|my (?:pain|experiences?)|it) into (?:something|a |purpose)",
        r"\b(?:my|her|his|their) (?:own )?(?:personal |lived )?experiences? (?:meant|means|made|makes|helps?|helped)\b",
        r"\b(?:applied|apply) for (?:the|a) (?:role|job|post|training)\b", r"\braised £?\d", r"\bsponsor",
        r"\b(?:alongside|shoulder to shoulder with) (?:clinical |our )?(?:staff|colleagues|clinicians)\b",
        r"\bspoken at\b", r"\bthe (?:role|partner|volunteer) (?:is|was|discussed|shared)\b", r"\bhospice\b",
        r"\bthis (?:story|case study) (?:describes|described|shows|showed)\b", r"\bpatient experience team\b",
    ),
    # a participant recommending the event or service to others: a testimonial for the organiser
    "endorsement": _rx(
        r"\b(?:I|we)(?:'d|’d| would| will|'ll|’ll)? (?:definitely |highly |really |thoroughly )?recommend\b",
        r"\b(?:tell|telling) (?:other|my|all my) (?:parents|people|friends|carers|patients|family|families|mums|dads)\b",
        r"\bpromote (?:your|the|this) (?:event|course|service|group|workshop|session|project)\b",
        r"\b(?:will|'ll|’ll|would) (?:definitely |certainly )?(?:come|be back|attend|return)(?: along)? (?:again|to the next)\b",
    ),
    "employability": _rx(
        r"\bback (?:in|into|to) (?:work|employment)\b", r"\bemployab", r"\bpaid (?:work|job|employment)\b",
        r"\bnew job\b", r"\bvolunteer", r"\bfull-time\b", r"\bapprenticeship\b", r"\bcontributing to society\b",
        r"\bindependen(?:t|ce)\b", r"\boff benefits\b",
    ),
}

TRANSFORMATIVE_FRAMING: dict[str, re.Pattern] = {
    "critique": _rx(
        r"(?<!\bI )\bfail(?:ed|s|ing|ure)?\b", r"\bcoerci", r"\brestrain", r"\bheld (?:me|us|her|him|them) down\b",
        r"\bnobody (?:asked|listened)\b",
        r"\bno one (?:asked|listened)\b", r"\bignored\b", r"(?<!self[- ])(?<!self)\bharm(?:ed|ful)?\b(?! (?:others|myself|themselves|himself|herself|someone|anyone))", r"(?<!substance )(?<!drug )(?<!alcohol )\babus(?!ing (?:drugs|alcohol|substances))", r"\btokenis",
        r"\bwindow[- ]dressing\b", r"\btick[- ]box", r"\bsilenc", r"\bdismissed\b", r"\bnot listened to\b",
        r"\bcuts\b", r"\bdegrad", r"\bhumiliat", r"\b(?:re-?)?trauma(?:tis|tiz)(?:ing|ed)\b", r"\bforcibly\b", r"\bforced (?:me |us |him |her |them )?(?:to take|medication|injection|treatment|into|onto|on to)\b",
        r"\brude\b", r"\bturned away\b", r"\brejected\b", r"\brefused\b", r"\bno support\b",
        r"\bwait(?:ing)? (?:list|times?)\b", r"\b(?:had|have) to wait\b", r"\bwait(?:ed)? (?:for )?\d+ (?:weeks|months)\b",
        r"\bthe wait\b", r"\bwaiting (?:room|area)? ?all day\b", r"\b(?:a )?further \w+ (?:weeks|months)\b",
        r"\b(?:weeks|months|years) (?:later|on (?:a|the) waiting)\b", r"\bstill waiting\b", r"\bwaited\b",
        r"\bnever (?:got|received|heard|offered)\b", r"\bnot (?:taken seriously|believed)\b",
        r"\bimprisonment\b", r"\bstigma\b", r"\binhumane\b", r"\bseclusion\b", r"\bassault", r"\bnightmare\b",
        r"\bmadness\b", r"\bcorrupt", r"\bneoliberal", r"\bcapitalis", r"\bsanctions\b", r"\bkilling\b",
        r"\bnot (?:immediately )?(?:forthcoming|available|enough)\b", r"\bnobody (?:told|called|came)\b",
        r"\bwasn(?:'|’)t (?:he|she|that|it) (?:saying|my fault)", r"\bmy fault\b", r"\bbroken\b",
        # complaints about how a service treated the narrator (a critique of services, codebook)
        r"\bon hold\b", r"\bqueue\b", r"\bthreshold\b", r"\bnot (?:\w+ )?(?:ill|unwell|sick|low|bad) enough\b",
        r"\b(?:weren(?:'|’)t|wasn(?:'|’)t|were not|was not) expecting (?:me|us|her|him)\b", r"\bsent (?:me |us )?home\b",
        r"\bwrong (?:postcode|address|ward|name|diagnosis|person)\b", r"\blost (?:my|our|the|his|her) (?:referral|notes|file)\b",
        r"\b(?:nobody|no one|no-one) (?:came|explained|rang|checked|read|helped|had time)\b", r"\binsult",
        r"\bI (?:had to|have to) (?:chase|ring|fight|prove|beg|pay|repeat|keep)\b", r"\bangry (?:that|about|at (?:the|how|being|them))", r"\bcomplain",
        r"\bI wish (?:someone|anyone|they|somebody)\b", r"\bpassed (?:between|around|back and forth)\b",
        r"\banother waiting list\b", r"\bunpaid\b", r"\bpaused\b", r"\bwritten off\b", r"\blabelled\b",
        r"\b(?:told|asked) (?:me |us )?(?:to|if I(?:'d|’d| had)?) (?:try|take|have) (?:a |some )?(?:bath|mindfulness|walk|baths)",
    ),
    # how a service treated the narrator, as harm rather than as an inconvenience (codebook: a complaint that
    # challenges the service is transformative)
    "mistreatment": _rx(
        r"\bwithout (?:my|her|his|their|our|any) (?:consent|permission|agreement)\b", r"\bdehumanis", r"\bdehumaniz",
        r"\btreated (?:me |us |her |him |them |women |patients )?(?:like|as if)\b", r"\bno compassion\b",
        r"\bhostile\b", r"\bcatch (?:you|me|us|people) out\b", r"\bfaking\b", r"\blied\b", r"\blying\b",
        r"\bleft (?:to get on with it|alone|on my own|on the floor|in pain|for hours|without)\b",
        r"\b(?:lack|absence) of (?:information|care|support|communication|compassion|services)\b",
        r"\bdidn(?:'|’)t even (?:know|notice|check|ask|tell)\b", r"\btoxic\b", r"\bconveyor belt\b",
        r"\bprocessed\b", r"\bdumped\b", r"\bcruel", r"\bneglect", r"\bbeat(?:ing)? (?:you|us|me|people) down\b",
        r"\bslabs? of meat\b", r"\bshocking(?:ly)?\b", r"\bappalling\b", r"\bdisgrace", r"\bscandal",
        r"\bmakes me (?:sick|angry|furious)\b", r"\bnobody (?:believed|cared)\b", r"\bpower-hungry\b",
        r"\bfoisted\b", r"\bvicious\b", r"\bin agony\b", r"\bno(?:body| one) (?:would )?listen",
        r"\b(?:being )?(?:transferred|passed|moved) from (?:place|ward|service|team) to\b", r"\blost in the system\b",
        r"\bunder (?:real )?threat\b", r"\bscrapped\b", r"\bfunding (?:cut|was cut|withdrawn)\b",
    ),
    "rights": _rx(
        r"\brights?\b", r"\bjustice\b", r"\bdiscriminat", r"\bentitle", r"\bdemand", r"\bracis",
        r"\bequalit", r"\bcitizenship\b", r"\blegal challenge\b",
        r"\brespect\b", r"\bdignity\b", r"\b(?:a |fellow )?human beings?\b", r"\b(?:want|need|wish|asked|expect)(?: \w+){0,2} to (?:listen|talk) to me\b", r"\b(?:nobody|no one|never) (?:listens|listened|talks|talked) to me\b",
        r"\bit(?:'s|’s| is) my (?:life|body|story|decision)\b", r"\bmy (?:own )?records\b", r"\btribunal\b",
        r"\bpetition\b", r"\bscrutiny\b",
    ),
    "power": _rx(
        r"\bpower\b(?! of attorney)", r"\bcontrol\b", r"\boppress", r"\bpsychiatric system\b", r"\bthe system\b",
        r"\bstructural\b", r"\bhierarch", r"\bstatus quo\b", r"\bmedical model\b", r"\bauthority\b",
    ),
    "collective": _rx(
        r"\bcollective", r"\bmovement\b", r"\bcampaign", r"\bsolidarity\b", r"\btogether we\b",
        r"\bwe as (?:survivors|service users|patients|disabled people)\b", r"\borganis(?:ed|ing)\b", r"\bprotest",
        r"\bmutual aid\b", r"\bactivis", r"#\w*fighting", r"\bfighting for\b", r"\bwe demand\b",
        r"\bself-advoca", r"\bpeople with learning (?:difficulties|disabilities)\b", r"\bspeak(?:ing)? up\b",
        r"\bour members\b", r"\bexperts? (?:in|by) (?:my|our|their) own\b", r"\bexpert in my own\b",
        # a collective survivor voice: the "we" / "those of us" who have used services speak as a group
        r"\bthose of us (?:who|with)\b", r"\bpeople (?:like us|who have (?:experienced|used|survived|been through|left))\b",
        r"\bas (?:survivors|service users|patients|voice hearers|disabled people|mad people|a group)\b",
        r"\bwe (?:survivors|service users|voice hearers|patients)\b", r"\bour (?:group|network|own group)\b",
        r"\bsurvivors? know\b", r"\bsystemic change\b",
    ),
    "user_led": _rx(
        r"\buser[- ]led\b", r"\bsurvivor[- ]led\b", r"\bpeer[- ]led\b", r"\bon (?:our|my) own terms\b",
        r"\bin (?:our|my) own words\b", r"\bown (?:our|my) stor", r"\bownership\b", r"\bwe decide\b",
        r"\bnothing about us without us\b", r"\bmad pride\b", r"\bsurvivor research", r"\bmad studies\b",
    ),
}

# A passage ABOUT narratives that critiques their co-optation (seed 002): the passage must name user narratives
# (or voices / testimony) AND critique their use, not merely describe it ("the trust shows patient stories to new
# staff to inspire them" is a description). A strong term ("commodity", "co-opted", "sanitised", "their own agendas") critiques by
# itself; a weak one ("used to promote", "marketing", "inspire", "curated") only next to a critical marker.
_ABOUT_NARRATIVES = _rx(
    r"\b(?:user|patient|service[- ]user|survivor|recovery|lived[- ]experience|personal|consumer/survivor|"
    r"consumer|mad|people(?:'s|’s)|carers?(?:'|’)?)\s+(?:narratives?|stor(?:y|ies)|testimon(?:y|ies)|voices?)\b",
    r"\bsuch narratives\b", r"\bthese (?:narratives|stories)\b", r"\bour stories\b", r"\bstorytelling\b",
    r"\b(?:narratives?|stories|voices) of (?:service users|patients|survivors|people with lived experience|users)\b",
    r"\bthe voice of the mad\b", r"\bthe (?:patient|user|survivor) voice\b", r"\btheir stories\b",
)
_COOPTATION = _rx(
    r"\bcommodit", r"\bco-?opt", r"\bappropriat", r"\bown agendas?\b", r"\btheir agendas?\b",
    r"\bservicing (?:primarily )?the interests\b", r"\bwindow[- ]dressing\b", r"\btokenis", r"\bsanitis",
    r"\bsanitiz", r"\bpatient porn\b", r"\binspiration porn\b", r"\bexploit", r"\binstrumentali",
    r"\bdepoliticis", r"\bvetted\b", r"\bno longer considered a transformative\b", r"\bused against\b",
    r"\bneoliberal",
)
_COOPTATION_WEAK = _rx(
    r"\bmarketing\b", r"\bbranding\b", r"\bPR\b", r"\bpublic relations\b", r"\bcurated\b", r"\bmined\b",
    r"\bextract(?:ed|ive|ion)\b", r"\bpromote (?:their|its)\b", r"\bused by .{1,60} to (?:promote|sell|justify)\b",
    r"\bthe interests of\b", r"\bfundrais", r"\bto inspire\b", r"\brestricted\b", r"\bsilenc",
)
_CRITICAL_MARKER = _rx(
    r"\bbut\b", r"\bhowever\b", r"\brather than\b", r"\bat the expense\b", r"\binstead of\b", r"\bmerely\b",
    r"\bproblem", r"\bconcern", r"\bcritic", r"\brisk", r"\bdanger", r"\bonly (?:when|if|the)\b", r"\bfail",
    r"\bnot (?:ours|theirs|our own)\b", r"\bwho benefits\b", r"\bcompromis", r"\bstruggl",
)

CUE_GROUPS: list[str] = list(NARRATIVE_CUES)
FRAMING_GROUPS: list[str] = [f"coopted.{k}" for k in COOPTED_FRAMING] + [
    f"transformative.{k}" for k in TRANSFORMATIVE_FRAMING
]
#: Names of the numeric features `feature_vector` returns (model cards list them).
FEATURE_NAMES: list[str] = [
    *CUE_GROUPS, "quote", "attributed_quote", "standalone_quote", "quoted_first_person", "introduced_quote",
    *FRAMING_GROUPS, "about_cooptation",
]


@dataclass
class CueHits:
    """Matched phrases per cue group for one passage."""

    narrative: dict[str, list[str]] = field(default_factory=dict)
    quotes: list[str] = field(default_factory=list)
    framing: dict[str, list[str]] = field(default_factory=dict)
    critique_of_cooptation: bool = False
    cooptation_phrases: list[str] = field(default_factory=list)
    text_starts_with_quote: bool = False
    quote_intro: list[str] = field(default_factory=list)
    quotes_first_person: bool = False

    @property
    def attributed_quote(self) -> bool:
        return bool(self.quotes) and bool(self.narrative.get("attribution") or self.narrative.get("user_noun"))

    @property
    def standalone_quote(self) -> bool:
        """A paragraph that is itself a quotation (feedback lists such as seed 003's participant quotes)."""
        return bool(self.quotes) and self.text_starts_with_quote

    @property
    def quoted_first_person(self) -> bool:
        """A paragraph that is a quotation in the first person ("“The role-play was helpful … We want more …”")."""
        return self.standalone_quote and self.quotes_first_person

    @property
    def introduced_quote(self) -> bool:
        """Quotations presented as what users said ("Some of the things said by participants included: “…”")."""
        return bool(self.quotes) and bool(self.quote_intro)

    @property
    def first_person_experience(self) -> bool:
        return len(self.narrative.get("first_person", [])) >= 1 and bool(self.narrative.get("experience_verb"))

    @property
    def is_candidate(self) -> bool:
        """A cheap "worth asking about" test for the active-learning loop (pipelines.annotate.tasks); the narrative
        scan does NOT use it as a gate (its recall on real narratives is 0.78)."""
        n = self.narrative
        return bool(
            self.first_person_experience
            or self.attributed_quote
            or self.standalone_quote
            or self.introduced_quote
            or n.get("story_word")
            or (n.get("user_noun") and (n.get("experience_verb") or n.get("attribution")))
            or len(n.get("first_person", [])) >= 2
            or self.critique_of_cooptation
        )

    @property
    def narrative_type(self) -> str:
        """What kind of narrative the cues suggest: discussed, quoted, first_person, reported or none."""
        if self.critique_of_cooptation:
            return "discussed"
        if self.attributed_quote or self.standalone_quote or self.introduced_quote:
            return "quoted"
        if self.first_person_experience or len(self.narrative.get("first_person", [])) >= 2:
            return "first_person"
        if self.narrative.get("story_word") or self.narrative.get("user_noun"):
            return "reported"
        return "none"


def _found(pattern: re.Pattern, text: str, limit: int = 5) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text)][:limit]


def starts_with_quote(text: str) -> bool:
    """Does the paragraph open with a quotation mark (after any bullet)?"""
    return text.lstrip(_BULLETS)[:1] in _Q_OPEN


@lru_cache(maxsize=8192)
def find_cues(text: str) -> CueHits:
    """All cue and framing hits in `text` (phrases as they appear, at most five per group). Cached by text: the
    scan reads each paragraph's cues for its evidence, the detector and the stance model (read-only hits)."""
    hits = CueHits()
    hits.narrative = {k: v for k, rx in NARRATIVE_CUES.items() if (v := _found(rx, text))}
    hits.quotes = [(a or b).strip() for a, b in _QUOTE.findall(text)][:5]
    hits.text_starts_with_quote = starts_with_quote(text)
    hits.quote_intro = _found(QUOTE_INTRO, text) if hits.quotes else []
    hits.quotes_first_person = any(_FIRST_PERSON_ANY.search(q) for q in hits.quotes)
    for prefix, groups in (("coopted", COOPTED_FRAMING), ("transformative", TRANSFORMATIVE_FRAMING)):
        for k, rx in groups.items():
            if v := _found(rx, text):
                hits.framing[f"{prefix}.{k}"] = v
    about = _found(_ABOUT_NARRATIVES, text)
    coopt = _found(_COOPTATION, text)
    if about and not coopt and (weak := _found(_COOPTATION_WEAK, text)) and (marker := _found(_CRITICAL_MARKER, text)):
        coopt = weak + marker
    hits.critique_of_cooptation = bool(about and coopt)
    hits.cooptation_phrases = (about + coopt) if hits.critique_of_cooptation else []
    return hits


def feature_vector(hits: CueHits) -> np.ndarray:
    """Cue counts squashed to [0, 1) (log-like), in `FEATURE_NAMES` order."""
    counts = [len(hits.narrative.get(k, [])) for k in CUE_GROUPS]
    counts += [len(hits.quotes), int(hits.attributed_quote), int(hits.standalone_quote)]
    counts += [int(hits.quoted_first_person), int(hits.introduced_quote)]
    counts += [len(hits.framing.get(k, [])) for k in FRAMING_GROUPS]
    counts += [int(hits.critique_of_cooptation)]
    c = np.asarray(counts, dtype=np.float32)
    return c / (c + 1.0)


def cue_matrix(texts: list[str]) -> np.ndarray:
    return np.vstack([feature_vector(find_cues(t)) for t in texts]) if texts else np.zeros((0, len(FEATURE_NAMES)))


def framing_summary(hits: CueHits) -> dict[str, object]:
    """Evidence: framing phrases grouped by side, and which side has more distinct cue groups."""
    coopted = {k.split(".", 1)[1]: v for k, v in hits.framing.items() if k.startswith("coopted.")}
    transformative = {k.split(".", 1)[1]: v for k, v in hits.framing.items() if k.startswith("transformative.")}
    return {"co-opted": coopted, "transformative": transformative}
