"""Who speaks, read from the dependency parse: the voice features of the narrative detector.

A user narrative is recognised by its *voice*, not by a word list: a first-person subject narrating past events
("A carers' forum was started, which I joined after my husband died"), reported speech whose speaker is a service
user ("One service user told us …", "Dara has slept rough on and off for years; “I stopped asking …”"), a named
or described person with an age ("Kwame, 38, had been sleeping in his car …"), a third-person story of a patient
("Joan was admitted after a fall at home"). The same parse tells the look-alikes apart: professionals speaking
about their own work ("I have worked as a community nurse for twenty years"), aggregate findings ("Respondents
reported that …"), passages about stories in general ("Patient stories help boards understand …"), invitations
("Would you like to tell us about your care? Please email …") and headings ("Our service users' stories").
Three regex groups complete the parse: the collective "we" of a user-led group ("most of us", "our members",
"survivor-led"), one-line claims of lived experience ("I know what it is like to …", "I have had five admissions")
and a professional's career frame ("I always wanted to become a nurse", "my career"); with the media group and a
writer naming their own health or care job ("I'm a psychiatrist") they decide `VoiceHits.vetoed_by(rule)` (a media
or staff voice, or by choice any professional voice, with no claim of lived experience).

Only the tagger, lemmatizer and dependency parser are used (no NER), so Docs from the mentions stage's parse
store (`pipelines.mentions.parses`) and fresh parses give the same features. Every group keeps the phrases it
matched: they are the evidence a researcher sees.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

# --- lexicons over lemmas (lower case) -------------------------------------------------------------------------
SAY = {
    "say", "tell", "explain", "recall", "describe", "share", "remember", "add", "write", "reflect", "admit",
    "reveal", "recount", "comment", "state", "continue", "insist", "confide", "laugh", "sob", "joke", "put",
    "speak", "talk", "ask", "agree", "exclaim", "whisper", "cry", "smile", "note",
}
USER_NOUNS = {
    "patient", "user", "carer", "caregiver", "survivor", "resident", "client", "mum", "mother", "father", "dad",
    "son", "daughter", "husband", "wife", "partner", "man", "woman", "person", "girl", "boy", "veteran", "parent",
    "sufferer", "inpatient", "outpatient", "tenant", "sleeper", "addict", "alcoholic", "member", "family",
    "relative", "child", "teenager", "grandmother", "grandfather", "widow", "activist", "campaigner", "mom",
    "lady", "gentleman", "guy", "friend", "sister", "brother", "aunt", "uncle", "attendee", "participant",
    "learner", "student", "consumer", "self-advocate", "advocate", "peer", "volunteer", "trainee", "service",
    "claimant",
}
#: Subjects that are service users only in the singular or with a determiner like "one"/"a" (a named voice).
PLURAL_AGGREGATE = {
    "patient", "user", "carer", "resident", "participant", "respondent", "people", "person", "family",
    "interviewee", "client", "parent", "member", "attendee", "woman", "man", "child", "service", "adult",
    "individual", "caregiver", "survivor", "student", "learner", "citizen", "consumer",
}
PROFESSIONAL_NOUNS = {
    "clinician", "nurse", "practitioner", "professional", "staff", "psychiatrist", "psychologist", "gp",
    "doctor", "worker", "manager", "therapist", "pharmacist", "visitor", "midwife", "commissioner", "director",
    "executive", "matron", "consultant", "officer", "chair", "chairman", "chairwoman", "minister", "secretary",
    "spokesperson", "spokesman", "spokeswoman", "researcher", "professor", "author", "lead", "head", "leader",
    "physiotherapist", "surgeon", "physician", "clinician", "team", "trust", "organisation", "organization",
    "charity", "council", "inspector", "coordinator", "co-ordinator", "dr", "governor", "mayor", "mp",
    "founder", "ceo", "president", "editor", "journalist", "reporter", "academic", "scientist", "expert",
    "evaluator", "commissioning", "board", "singer", "songwriter", "artist", "actor", "actress", "star",
    "band", "musician", "rapper", "writer", "novelist", "director", "producer", "album", "song", "film", "book",
}
#: Organisations speak as institutions, like staff ("The Patients Association warned …", "KFF found …").
ORGANISATION_NOUNS = {
    "association", "alliance", "society", "department", "government", "ministry", "inquiry", "commission",
    "committee", "authority", "agency", "foundation", "institute", "university", "hospital", "hospice", "nhs",
    "healthwatch", "cqc", "congress", "parliament", "company", "corporation", "federation", "coalition", "project",
    "programme", "program", "scheme", "campaign", "partnership", "network", "centre", "center", "clinic", "unit",
    "college", "school", "office",
}
#: Capitalised subjects that name no one: dates, events, policies, documents ("Lockdown has been …").
NOT_PERSON = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "covid", "covid-19",
    "coronavirus", "lockdown", "day", "week", "month", "year", "act", "bill", "payment", "benefit", "allowance",
    "credit", "report", "review", "survey", "strategy", "plan", "framework", "policy", "guidance", "inspection",
}
#: Words that make a capitalised subject speak as an institution (staff and organisations alike).
_INSTITUTION_NOUNS = frozenset(PROFESSIONAL_NOUNS | ORGANISATION_NOUNS)
_ACRONYM = re.compile(r"[A-Z]{3,}s?")

#: What a group of users does together in reported news ("Parents of children who use the unit protested …",
#: "Tenants have accused the landlord …"): a collective voice, not an aggregate finding.
ACTION = {
    "protest", "campaign", "demand", "accuse", "warn", "battle", "fight", "gather", "march", "rally", "petition",
    "urge", "attack", "criticise", "criticize", "condemn", "challenge", "oppose", "lobby", "vow", "plead", "beg",
    "appeal", "complain", "object", "picket", "occupy", "boycott", "sue",
}
STORY_NOUNS = {"story", "stories", "narrative", "testimony", "account", "storytelling", "voice", "experience"}
PAST_TAGS = {"VBD"}
PERFECT_AUX = {"have", "has", "had", "'ve", "’ve"}

_I = {"i"}
_WE = {"we"}
_HE_SHE = {"he", "she"}

_NAME_AGE = re.compile(
    r"(?:\b[A-Z][a-z]+(?: [A-Z][a-z]+)?,? (?:aged |age )?\d{1,2}(?=[,.;)]| years? old| from| who| is| was)"
    r"|\b(?:a|an|the) \d{1,2}[- ]years?[- ]old\b|\baged \d{1,2}\b|\b\d{1,2}[- ]year[- ]old\b)"
)
_PROFESSIONAL_SELF = re.compile(
    r"\b(?:as an? (?:(?:mental health|senior|staff|student|charge|ward|community|psychiatric|clinical|"
    r"specialist|registered|trainee|practising|qualified|consultant) ){0,2}(?:nurse|doctor|therapist|psychiatrist|"
    r"psychologist|GP|clinician|researcher|evaluator|social worker|physiotherapist|practitioner|manager|"
    r"midwife|paramedic|counsell?or|academic|commissioner|professional|physician|surgeon|consultant)"
    r"|I(?: am|'m|’m| was| became| qualified as| trained as| work(?:ed)? as) an? (?:(?:mental health|senior|staff|"
    r"student|charge|ward|community|psychiatric|clinical|specialist|registered|trainee|qualified) ){0,2}(?:nurse|"
    r"doctor|therapist|psychiatrist|psychologist|GP|clinician|researcher|evaluator|social worker|"
    r"physiotherapist|practitioner|manager|midwife|paramedic|counsell?or|academic|commissioner|physician|"
    r"surgeon|consultant|lecturer|professor)"
    r"|my (?:day job|career|nursing|clinical|professional|medical|research|fieldwork|colleagues|caseload|"
    r"practice as|role as an? (?:nurse|doctor|therapist|psychiatrist|manager|clinician))"
    r"|I (?:have )?work(?:ed|s)? (?:for|at|in) (?:the |an? |our )?(?:NHS|trust|council|hospital|"
    r"(?:[\w\-]+ ){1,2}(?:hospital|hospice|unit)\b|hospice|palliative care|[A-Z][a-z]+’?'?s? "
    r"(?:crisis|mental|community|child|adult)|different|several|child and adolescent)"
    r"|\b(?:wanted|want|decided|trained|training|went on) to (?:be|become) an? (?:(?:mental health|psychiatric) )?(?:nurse|"
    r"doctor|therapist|psychiatrist|psychologist|social worker|midwife|paramedic|counsell?or)"
    r"|\bmy role (?:as|is|at|in|within|on)\b"
    r"|I (?:have )?work(?:ed|s)? (?:on|in) (?:an? |the |our )?(?:[\w\-]+ ){0,3}(?:ward|unit|department|clinic)\b"
    r"|\bmedical school\b|\bmy (?:patients|clients)\b|\bwe as (?:nurses|clinicians|professionals|staff)\b"
    r"|\bas (?:physiotherapists|nurses|clinicians|professionals|practitioners|commissioners|evaluators))",
    re.IGNORECASE,
)
_INVITATION = re.compile(
    r"\b(?:share your (?:own )?(?:story|stories|experiences?|journey)|tell (?:us )?your (?:story|experience)|"
    r"(?:would|do) you (?:like|want|have)|if you would like|if you(?:'d|’d) like|get in touch|contact us|"
    r"please (?:contact|email|get|share|tell|submit|send|click|read|let us)|email [A-Z]|\[email|"
    r"we want to hear|we(?:'d|’d| would) love to hear|submit your|send (?:us )?your|click here|read (?:\w+(?:'s|’s) )?(?:story|more)|"
    r"your story (?:can|could|will|matters)|telling your story|sign up|register (?:now|today|here)|donat(?:e|ion) today|"
    r"make (?:a|your) (?:tax-deductible )?donation|pledge your|support (?:us|our)|join (?:us|our))",
    re.IGNORECASE,
)
_AGGREGATE = re.compile(
    r"(?:\b\d+(?:\.\d+)?\s?(?:%|per ?cent)|\bn\s?=\s?\d|\b(?:respondents|participants|interviewees|focus groups?|"
    r"themes?|subthemes?|survey(?:ed)?|the study|this study|the review|qualitative|thematic(?:ally)?|"
    r"semi-structured|interviews? with \d+|\d+ (?:service users|patients|carers|participants|people|residents|"
    r"family members|nurses|staff))\b|\b(?:many|most|some|several|all|the majority of|half of|a quarter of|"
    r"overall,?) (?:people|patients|participants|respondents|residents|carers|service users|families)\b|"
    r"\b(?:people|those|participants|families|carers|patients) (?:we|I) (?:spoke|talked) (?:to|with)\b|"
    r"\b(?:people|participants|families|carers|patients) (?:we|I) (?:interviewed|surveyed|heard from)\b)",
    re.IGNORECASE,
)
_ABOUT_STORIES = re.compile(
    r"\b(?:(?:patient|personal|recovery|carer|user|lived[- ]experience|people(?:'s|’s)|service[- ]user|illness|"
    r"real[- ]life|dementia|addiction|their|these|such|our patients(?:'|’)) (?:stories|story|narratives?|"
    r"testimon(?:y|ies)|experiences? (?:of|is|are))|(?:stories|storytelling|narratives?) (?:are|is|can|have|has|"
    r"help|provide|may|remind|belong|seek|allow)|a (?:patient |recovery |personal |good )?story (?:is|focuses|"
    r"captures|engages|may)|sharing (?:your |their |personal )?(?:stories|story)|(?:writing|telling) (?:a|your) "
    r"(?:personal |recovery )?story|we (?:invite|hear|capture|collect|share|use) (?:patient |their |your |"
    r"people(?:'s|’s) )?(?:stories|story))",
    re.IGNORECASE,
)
_MY_PERSONAL = re.compile(
    r"\bmy (?:diagnosis|illness|recovery|care|treatment|psychiatrist|care ?co-?ordinator|key ?worker|GP|son|"
    r"daughter|mum|mother|dad|father|husband|wife|partner|family|life|mental health|condition|depression|"
    r"anxiety|addiction|sobriety|stroke|cancer|bipolar|psychosis|medication|meds|admission|section|hospital|"
    r"ward|stay|symptoms|doctor|therapist|nurse|experience|story|journey|own|baby|child|children|kids|aunt|"
    r"uncle|brother|sister|parents|friends|home|benefits|job|health|body|mind|head|episode|breakdown|"
    r"first|last|second|third)\b",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"\b(?:album|albums|song|songs|lyrics?|band(?:'s|’s)?|singer|songwriter|rapper|movie|movies|film|films|"
    r"memoir|novel|actor|actress|tv series|documentary|the book|this book|reading list|bestsell\w*|"
    r"autobiograph\w*|hit single|on stage|celebrit\w*|star of|starring|fans|fame|famous|the movie|"
    r"tour de force|box office|portrayal|concert|on tour|world tour|grammy|oscar|hollywood)\b",
    re.IGNORECASE,
)
#: The writer's own condition or care ("my stroke", "my diagnosis", "my recovery"): like a claim of lived experience,
#: it lifts a voice veto (a stroke survivor writing about "this book" of her own recovery is telling her story).
_OWN_CONDITION = re.compile(
    r"\bmy (?:own )?(?:diagnosis|illness|recovery|condition|depression|anxiety|addiction|sobriety|stroke|cancer|"
    r"bipolar|psychosis|breakdown|admission|transplant|dialysis|symptoms|disability|injury|surgery|mental illness|"
    r"eating disorder|ptsd|ocd|adhd|autism)\b",
    re.IGNORECASE,
)
#: A collective voice of users: "we" / "us" as survivors, members of a user-led group, people with a condition.
_COLLECTIVE_USERS = re.compile(
    r"\b(?:(?:those|many|some|all|most|each|none|both) of us|us (?:with|who)|people like (?:me|us)|"
    r"we(?:'re|’re| are| were|, as)? (?:not |all |also )?(?:(?:a|the) )?"
    r"(?:(?!(?:here|there|until|for|to|with|because|so|when|if|that|and|but|helping|supporting|working|serving)\b)\w+ ){0,2}"
    r"(?:survivors|service users|patients|"
    r"carers|members|self-advocates|users|people with|people who|disabled people|binners|addicts|parents|mums)|"
    r"(?:user|survivor|peer|service[- ]user)[- ]led|self-advocacy|our (?:members|group|movement|collective|campaign|"
    r"network|forum|lived experience|own experiences?|experiences?|stories)|(?:new|old|older|fellow) members|"
    r"as (?:survivors|service users|patients|disabled people|carers|people with|parents|mothers|peers)|"
    r"people who have (?:experienced|used|survived|been through|left)|(?:fellow |other )?voice[- ]hearers)\b",
    re.IGNORECASE,
)
#: A first-person claim of lived experience, even in one line ("My name is …, and I'm an addict", "I know what it
#: is like to …", "I have had five admissions", "I live with bipolar").
_LIVED_EXPERIENCE = re.compile(
    r"\b(?:I(?:'m|’m| am| was| have been|'ve been|’ve been) (?:an? |a recovering |in recovery|still )?(?:addict|alcoholic|"
    r"survivor|patient|service user|carer|homeless|sectioned|diagnosed|admitted|an inpatient|in-patient|"
    r"sober|clean|in recovery|on (?:medication|antidepressants|the ward|a section))|"
    r"I know (?:what|how) it(?:'s|’s| is| was| feels) (?:like )?|"
    r"I(?: have|'ve|’ve) had (?:\w+ ){0,3}(?:admissions?|episodes?|diagnos\w+|treatment|therapy|surgery|"
    r"breakdowns?|relapses?|depression|psychosis|cancer|a stroke)|"
    r"I (?:live|lived|have lived|am living) with|my (?:own )?lived experience|"
    r"I(?: have|'ve|’ve| bring| draw on) (?:my (?:own )?)?lived experience|I (?:became|fell|got) (?:\w+ ){0,2}(?:ill|unwell)|"
    r"I (?:receive|received|get|got|use|used|have used|am using|attend|attended) (?:\w+ ){0,3}(?:treatment|support|"
    r"services|care) (?:from|with|at|for)|as an? (?:long[- ]term |former |current |regular )?(?:user|survivor) of|"
    r"as (?:a|an|someone|somebody|one) (?:with|who (?:has|have|had|uses?|used|lives?|lived)|"
    r"(?:service user|survivor|patient|carer|person with|in-?patient|out-?patient))|"
    r"I (?:spent|was) (?:\w+ ){0,3}(?:in hospital|in (?:a|the) psychiatric (?:unit|hospital|ward))|"
    r"(?:I(?:'m|’m| am| was| have been|'ve been|’ve been| worked as| work as)|being|as) an? (?:\w+ )?peer (?:support )?"
    r"(?:worker|supporter|mentor|trainer)|"
    r"(?:I(?:'m|’m| am)|as) (?:the|a) (?:\w+ )?(?:mother|father|mum|dad|parent|carer|wife|husband|partner|daughter|son|"
    r"sister|brother|grandmother|grandfather) of (?:a|an|my|two|three|our|someone))\b",
    re.IGNORECASE,
)
#: The writer names their own health or care job ("I'm a psychiatrist", "I have worked in a mental health
#: hospital"): with no claim of lived experience, a staff voice (the `staff_and_media` voice rule). Narrower than
#: `professional_self`, whose career frames ("trained to be a nurse") also open service users' own stories.
_STAFF_ROLES = (r"(?:nurse|doctor|psychiatrist|psychologist|psychotherapist|GP|clinician|therapist|social worker|midwife|"
                r"paramedic|physician|surgeon|consultant|physiotherapist|care worker|support worker|caseworker|case worker|"
                r"healthcare assistant|health care assistant|registrar|care assistant|pharmacist|dietitian|dietician|"
                r"nursing student|medical student)s?")
_STAFF_IDENTITY = re.compile(
    r"\bI(?:'m|’m| am| was| work as| worked as| have worked as| have been working as|'ve been|’ve been| have been)\s+"
    r"(?:an?|the(?: sole| only)?)\s+(?:[a-z][a-z\-]*\s+){0,3}" + _STAFF_ROLES + r"\b"
    # "As a student nurse I remember …", "As an RT, …": the writer's role opens the sentence
    r"|(?:^|[.!?]\s+)As an?\s+(?:[a-z][a-z\-]*\s+){0,3}" + _STAFF_ROLES + r"\b(?=[\s,])"
    r"|\bI (?:have )?work(?:ed|s)? (?:on|in) (?:an? |the |our )?(?:[\w\-']+ ){0,4}(?:ward|hospital|hospice|unit)\b",
    re.IGNORECASE,
)
#: Staff and officials named in the passage (the `official_speaker` group): a person's name with a professional or
#: official role in apposition, read from the parse ("…,” said Dana Whitfield, the trust's director of nursing",
#: "Aisha, an outreach worker from Bradford, …", `_official_appositions`), or said to hold one ("Marion is a retired
#: district nurse"). They speak for a service, not as a person who uses it; roles named with a peer, patient
#: or lived experience word are users' voices and never count (`_USER_ROLE_WORDS`).
OFFICIAL_ROLE_LEMMAS = frozenset({
    "chief", "director", "manager", "head", "lead", "officer", "coordinator", "co-ordinator", "professor", "lecturer",
    "instructor", "captain", "councillor", "councilor", "minister", "mp", "commissioner", "executive", "ceo",
    "superintendent", "inspector", "researcher", "academic", "scientist", "practitioner", "teacher", "headteacher",
    "principal", "dean", "spokesperson", "spokesman", "spokeswoman", "nurse", "doctor", "psychiatrist",
    "psychologist", "psychotherapist", "gp", "clinician", "therapist", "midwife", "paramedic", "physician", "surgeon",
    "consultant", "physiotherapist", "registrar", "pharmacist", "dietitian", "dietician", "caseworker",
})
#: "worker" and "assistant" are a role only with one of these before them ("a link worker", "a care assistant").
WORKER_KINDS = frozenset({"link", "outreach", "youth", "key", "project", "development", "family", "community",
                          "support", "care", "social", "case", "healthcare"})
_ROLE_NOUN = (r"(?i:" + "|".join(sorted(OFFICIAL_ROLE_LEMMAS)) + r"|(?:" + "|".join(sorted(WORKER_KINDS))
              + r") (?:worker|assistant))s?")
_OFFICIAL_IDENTITY = re.compile(
    r"\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}\s+(?:is|was)\s+an?\s+(?:retired\s+|former\s+|senior\s+)?"
    r"(?:[\w&'’-]+\s+){0,4}?" + _ROLE_NOUN + r"\b")
#: The speaker helps or treats others ("I have helped families to …", "people we've supported", "the clients I would
#: visit", "While working in a crisis house", "on my first shift"):
#: a worker's or volunteer's view of the people they serve, not an account of using services.
_HELPER_VOICE = re.compile(
    r"\b(?:I|we)(?:'ve|’ve| have| had)?\s+(?:been able to\s+|always\s+)?"
    r"(?:helped|supported|cared for|looked after)\s+"
    r"(?:\w+\s+){0,2}?(?:people|someone|clients|patients|families|residents|service users)\b"
    r"|\b(?:people|clients|patients|families|service users)\s+(?:I|we|you)(?:'ve|’ve| have| had)?\s+(?:would\s+)?"
    r"(?:supported|helped|see|saw|seen|worked with|cared for|treated)\b"
    r"|\b(?:[Ww]hilst|[Ww]hile|[Ww]hen)\s+(?:I was\s+)?working\s+(?:in|at|for|on)\b"
    # a worker's or volunteer's own frame: "my shift", "I help others", "the clients" (not the role "as a volunteer":
    # people who used a service and now volunteer there tell their own story)
    r"|\b(?:my (?:first |last |next |night |weekly )?shifts?|I help (?:others|to)|glad to be able to help|"
    r"I was given (?:\w+\s+){0,2}wards?|(?:our|the) clients)\b",
)
_USER_ROLE_WORDS = re.compile(r"\b(?:peer|patient|lived experience|service user|survivor|carer|expert by experience)",
                              re.IGNORECASE)
#: A meeting's record: a sentence opened by a member of a committee, a board or a council reporting what was said
#: ("The Chair confirmed …", "Councillor Haddon asked if …", "Members agreed to …", "JM stated …"), or an
#: organisation's spokesperson: minutes and press statements speak for the body, not for a person who uses services.
_MEETING_RECORD = re.compile(
    r"(?:^|[.;:!?]\s+|[·•▪]\s*|\b\d{1,2}[.)]\s+)"
    r"(?:(?:[Tt]he\s+)?(?:Chair(?:man|person|woman)?|Vice[- ]Chair|Committee|Sub-?[Cc]ommittee|Board|Panel|Members?)"
    r"|(?:Councill?or|Cllr\.?)\s+[A-Z][\w'’-]+|(?!GP|UK|EU|US)[A-Z]{2})"
    r"\s+(?:also\s+|further\s+|then\s+)?(?:noted|confirmed|outlined|asked|highlighted|queried|reported|explained|"
    r"stated|agreed|advised|thanked|welcomed|responded|commented|raised|emphasi[sz]ed|suggested|requested|"
    r"informed|resolved|enquired|questioned|acknowledged|consider|considered|praised|felt|admitted|said|expressed|"
    r"sought|believed|indicated|proposed|recommended)\b"
    # an organisation's spokesperson: "A spokesperson said: …", "a council spokeswoman said", "a spokesman for the trust"
    r"|\b(?:[Aa]n?|[Tt]he)\s+(?:[A-Z][\w&'’-]*\s+){0,4}(?:[a-z]+\s+){0,2}spokes(?:person|man|woman)\b"
    r"|\bspokes(?:person|man|woman)\s+(?:for|from)\b")
#: A reply to someone else's post or letter ("Hi @pebble22 and welcome to the forum! I'm so sorry to hear …",
#: "Answer: I am sorry that you are both facing this …"): advice to the person whose story it is, not an account of one's own
#: unless the replier narrates their own past too.
_REPLY_TO_POSTER = re.compile(
    r"^\W{0,3}(?:(?:Hi|Hello|Hey|Dear)\s+(?:@[\w.\-]+|[A-Z][a-z]+)\b|(?:Answer|Reply|Response|A)\s*:\s)"
    r"|\b(?:(?:so|very|really)\s+)?sorry to hear (?:that |about |of )?(?:you|your)\b",
)
#: The voice groups each `narratives.voice_rule` vetoes (a claim of lived experience lifts any veto; "off" none).
VETO_GROUPS = {"media": ("media",),
               "staff_and_media": ("media", "staff_identity", "meeting_record", "reply_to_poster", "official_speaker",
                                   "helper_voice"),
               "professional_and_media": ("media", "staff_identity", "meeting_record", "reply_to_poster",
                                          "official_speaker", "helper_voice", "professional_self",
                                          "professional_career"),
               "off": ()}
#: A professional's career or work frame: the writer speaks as staff, not as a person who uses services.
_CAREER = re.compile(
    r"\b(?:my (?:career|shift|shifts|training|placement|colleagues|job as|first job|professional)|"
    r"(?:years|months) (?:as|of being) an? (?:\w+ ){0,3}(?:nurse|doctor|practitioner|worker|therapist|manager|"
    r"psychiatrist|psychologist|clinician|researcher|evaluator)|"
    r"(?:be|being|become|became|becoming|qualified as|trained as|work(?:ed|ing)? as) an? (?:\w+ ){0,2}(?:nurse|doctor|"
    r"practitioner|worker|therapist|psychiatrist|psychologist|clinician|researcher|evaluator|counsell?or)|"
    r"I (?:supervise|manage|lead|support|run|coordinate|commission|teach|train|evaluate|work with) "
    r"(?:young people|people|patients|clients|families|a team|the team|staff|students|services|nurses)|"
    r"(?:our|my) (?:referrals|caseload|clients|patients)|"
    r"we (?:support|see|work with|offer|provide|help) (?:young people|people|patients|clients|families))\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*\s*$")


_BOILERPLATE = re.compile(
    r"^(?:watch|listen|read|video|podcast|related|see also|share this|image|photo)\s*:|"
    r"\b(?:read more|post continues below|share this (?:story|article|page)|click here|continue reading)\b",
    re.IGNORECASE,
)


def is_heading(text: str, max_words: int = 14) -> bool:
    """A heading, title, one-line label or page furniture: short, on one line, and not a sentence.

    Not a sentence = no sentence-final punctuation (a title may end with ':' or '?'), or title case throughout
    ("Ten Things Nobody Tells You About The Ward."). Bylines ("By Amira, peer support worker"), a one-sentence
    line that only introduces what follows ("Below is part of the letter he sent to the ward manager:") and page
    furniture ("Watch: … Post continues below.") count. A one-sentence first-person line that ends with a full
    stop ("I remember sleeping in my car for most of that January.") is not a heading.
    """
    t = text.strip().strip("•*-–# \t")
    if not t or "\n" in t.strip():
        return False
    words = t.split()
    if t.endswith(":") and len(words) <= 2 * max_words and not re.search(r"[.!?][\"”’')\]]*\s", t):
        return True
    if _BOILERPLATE.search(t) and len(words) <= max_words:
        return True
    if len(words) > max_words:
        return False
    if re.match(r"^by [A-Z]", t) and len(words) <= 8:
        return True
    if t.endswith(":") or (t.endswith("?") and len(words) <= 10):
        return True
    if not _TERMINAL.search(t):
        return True
    caps = [w for w in words[1:] if w[:1].isalpha() and len(w) > 3]
    return len(caps) >= 3 and sum(w[0].isupper() for w in caps) / len(caps) >= 0.75


def _lower(tok) -> str:
    return tok.text.lower()


def _is_past(verb) -> bool:
    """Does `verb` narrate a past event (simple past, past/present perfect, past passive)?"""
    if verb.tag_ in PAST_TAGS:
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a.tag_ == "VBD" or _lower(a) in PERFECT_AUX for a in aux)


def _subject_kind(tok) -> str | None:
    """What kind of speaker/actor a subject token is: i, we, he_she, name, user, users, professional."""
    low = _lower(tok)
    if low in _I:
        return "i"
    if low in _WE:
        return "we"
    if low in _HE_SHE:
        return "he_she"
    lemma = tok.lemma_.lower()
    compound = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
    if lemma in PROFESSIONAL_NOUNS or compound & PROFESSIONAL_NOUNS - {"service"}:
        return "professional"
    if tok.tag_ == "NNP" and tok.text[:1].isupper() and low not in {"trust", "nhs", "council"}:
        if low in NOT_PERSON:
            return None
        attached = [c for c in tok.subtree if c.dep_ in ("compound", "appos", "conj") and c.i != tok.i]
        named = {c.lemma_.lower() for c in attached} | {lemma}
        if named & _INSTITUTION_NOUNS or _ACRONYM.fullmatch(tok.text):
            return "professional"
        return "name"
    if lemma in USER_NOUNS or (lemma in ("user", "service") and "service" in compound):
        plural = tok.tag_ in ("NNS", "NNPS") or low in {"people", "families", "children"}
        if plural and lemma in PLURAL_AGGREGATE:
            return "users"
        return "users" if plural else "user"
    if low in {"people", "respondents", "participants", "interviewees"}:
        return "users"
    if low == "they":
        return "they"
    return None


@dataclass
class VoiceHits:
    """Phrases per voice group for one passage (at most five each), plus passage-shape counts."""

    groups: dict[str, list[str]] = field(default_factory=dict)
    n_sentences: int = 0
    n_tokens: int = 0
    past_share: float = 0.0
    heading: bool = False
    own_voice: int = 0  # I / we subjects outside quotations: the writer speaks of their own experience
    first_person_sentences: float = 0.0  # share of sentences with an I / we subject outside quotes or inside them
    third_person_sentences: float = 0.0  # share of sentences with a he / she / named subject
    professional_sentences: float = 0.0  # share of sentences whose subject is a professional or an organisation

    def add(self, group: str, phrase: str) -> None:
        """Record one hit (all are counted; `evidence` shows the first five)."""
        self.groups.setdefault(group, []).append(phrase)

    def count(self, group: str) -> int:
        return len(self.groups.get(group, []))

    def evidence(self) -> dict[str, list[str]]:
        return {k: v[:5] for k, v in self.groups.items()}

    def vetoed_by(self, rule: str) -> bool:
        """Whether `rule` (params `narratives.voice_rule`) vetoes a detected narrative with these voice hits:
        "media" a media voice, "staff_and_media" also a writer naming their own health or care job, a meeting's
        record, an official or a helper speaking with no user's voice beside them, or a reply to someone else's post
        that narrates nothing of the replier's own past, "professional_and_media" also any professional
        self-reference or career frame, "off" never; a claim of lived experience (alone or collective) or of one's
        own condition always lifts the veto."""
        if rule == "off" or self.count("lived_experience_claim") or self.count("collective_user_voice") or (
                self.count("own_condition")):
            return False
        return any(self._vetoes(g) for g in VETO_GROUPS[rule])

    def _vetoes(self, group: str) -> bool:
        """Whether this voice group's hits veto: a reply to someone else's post only when the replier narrates
        nothing of their own past; an official or a helper only when no one else's voice is in the passage."""
        if group == "reply_to_poster" and (self.count("first_person_past") or self.count("first_person_plural_past")):
            return False
        if group == "official_speaker" and (self.own_voice or self._story_of_another()):
            return False
        if group in ("official_speaker", "helper_voice") and (
                self.count("user_subject") or self.count("named_person_age")):
            return False
        return bool(self.count(group))

    def _story_of_another(self) -> bool:
        """A story told of a named person other than the officials the passage quotes ("Sarah saw Dr Jones, a
        psychiatrist at St Ann's, who …")."""
        officials = " ".join(self.groups.get("official_speaker", []))
        subjects = (phrase.split(" ", 1)[0] for phrase in self.groups.get("third_person_story", []))
        return any(s[:1].isupper() and s.lower() not in _HE_SHE and s not in officials for s in subjects)

    @property
    def user_voice(self) -> bool:
        """Some form of a service user's own voice or story (a feature summary, never a gate)."""
        return any(self.count(g) for g in ("first_person_past", "user_speaks", "quote_first_person",
                                           "third_person_story", "named_person_age", "user_subject", "users_act"))


#: Names of the numeric features `voice_vector` returns, in order (model cards list them).
VOICE_GROUPS = [
    "first_person_past", "first_person_present", "first_person_plural_past", "first_person_plural_present",
    "my_personal", "third_person_story", "named_subject", "named_person_age", "user_subject", "users_subject",
    "user_speaks", "professional_speaks", "quote_first_person", "quote_attributed", "professional_self",
    "invitation", "aggregate", "about_stories", "second_person", "media",
    "collective_user_voice", "lived_experience_claim", "professional_career", "users_act",
]
#: Who speaks, for the stance model: the writer's own voice, a story retold by someone else (an organisation's
#: case study), a quoted user, an institution reporting what users told it, a professional's voice.
#: Two who-speaks x framing interactions follow: a story told about a user with the institution's framing (an
#: organisation's case study, "now volunteers", fundraising: co-opted) and the user's own voice with critique,
#: rights, power or collective framing (transformative); a plain linear model cannot form these products itself.
SPEAKER_FEATURES = ["own_voice", "retold", "quoted_user", "institution_reports", "professional_voice",
                    "institution_frames_story", "own_voice_critique"]
_INSTITUTION_FRAME = re.compile(
    r"\b(?:our (?:service|services|trust|team|teams|charity|organisation|ward|staff|hospital|volunteers?|"
    r"programme|program|clinic|centre|center|recovery college|peer)|the trust|now (?:volunteers|works|helps|"
    r"supports|runs|leads)|went on to|has (?:since )?(?:gone on|become|joined)|thanks to|with the support of|"
    r"donat\w*|fundrais\w*|appeal|was referred to|referred (?:him|her|them) to|supported (?:him|her|them)|"
    r"helped (?:him|her|them)|the (?:staff|team|nurses) (?:were|have|had|helped|supported)|"
    r"people participation|peer support (?:worker|role)|volunteer\w*|case study|meet [A-Z][a-z]+)",
    re.IGNORECASE,
)
_INSTITUTION_REPORTS = re.compile(
    r"\b(?:told us|told the (?:report|inspection|review)|we found|people we (?:spoke|talked) (?:with|to)|came to us|"
    r"(?:patients|people|carers|residents) (?:we|I) (?:spoke|talked) (?:with|to)|feedback from|said of the service)\b",
    re.IGNORECASE,
)
VOICE_FEATURES = [*VOICE_GROUPS, "heading", "n_sentences", "n_tokens", "past_share", "short_line",
                  "first_person_sentence_share", "third_person_sentence_share", "professional_sentence_share"]


def _span_text(tok, width: int = 4) -> str:
    doc = tok.doc
    lo, hi = max(tok.i - 1, 0), min(tok.i + width, len(doc))
    return doc[lo:hi].text


def find_voice(doc, heading_max_words: int = 14) -> VoiceHits:
    """The voice groups of one parsed passage (a spaCy Doc with tags, lemmas and dependencies). Kept in the Doc's
    `user_data` (never serialised: the parse cache stores no user data), as the scan, the detector and the stance
    model each read the same paragraph's voice."""
    key = ("colens.narratives.voice", heading_max_words)
    if key not in doc.user_data:
        doc.user_data[key] = _find_voice(doc, heading_max_words)
    return doc.user_data[key]


def _find_voice(doc, heading_max_words: int) -> VoiceHits:
    text = doc.text
    hits = VoiceHits()
    hits.heading = is_heading(text, heading_max_words)
    hits.n_sentences = sum(1 for _ in doc.sents) if doc.has_annotation("DEP") else 1
    hits.n_tokens = sum(1 for t in doc if not t.is_punct and not t.is_space)
    finite = [t for t in doc if t.tag_ in ("VBD", "VBP", "VBZ", "MD")]
    hits.past_share = sum(t.tag_ == "VBD" for t in finite) / len(finite) if finite else 0.0
    quotes = _quote_spans(text)
    in_quote = [any(s <= t.idx < e for s, e in quotes) for t in doc]
    sents = list(doc.sents) if doc.has_annotation("DEP") else [doc[:]]
    kinds_per_sent = [{_subject_kind(t) for t in sent if t.dep_ in ("nsubj", "nsubjpass")} for sent in sents]
    if sents:
        hits.first_person_sentences = sum(bool(k & {"i", "we"}) for k in kinds_per_sent) / len(sents)
        hits.third_person_sentences = sum(bool(k & {"he_she", "name"}) for k in kinds_per_sent) / len(sents)
        hits.professional_sentences = sum("professional" in k for k in kinds_per_sent) / len(sents)
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = tok.head
        kind = _subject_kind(tok)
        if kind is None:
            continue
        past = _is_past(verb) if verb.pos_ in ("VERB", "AUX") else False
        phrase = f"{tok.text} {verb.text}"
        quoted = in_quote[tok.i]
        if kind in ("i", "we") and not quoted:
            hits.own_voice += 1
        if kind == "i":
            hits.add("first_person_past" if past else "first_person_present", phrase)
        elif kind == "we":
            hits.add("first_person_plural_past" if past else "first_person_plural_present", phrase)
        elif kind in ("he_she", "name") and past and not quoted:
            hits.add("third_person_story", phrase)
        if kind == "name" and not quoted:
            hits.add("named_subject", tok.text)
        if kind == "user" and not quoted:
            hits.add("user_subject", _span_text(tok))
        if kind == "users" and not quoted:
            hits.add("users_subject", _span_text(tok))
        if kind in ("users", "user") and not quoted and _acts(verb):
            hits.add("users_act", phrase)
        if verb.lemma_.lower() in SAY and not quoted:
            speaker = _speaker(tok, kind)
            if speaker == "user":
                hits.add("user_speaks", phrase)
            elif speaker == "professional":
                hits.add("professional_speaks", phrase)
    # "…,” says Marie / “…,” he explained: attribution after the quote (subject after its verb)
    for s, e in quotes:
        q = text[s:e]
        if re.search(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|myself|we|us|our)\b", q):
            hits.add("quote_first_person", q[:60])
        tail = text[e : e + 80]
        head = text[max(0, s - 100) : s]
        if re.search(r"^\W{0,4}(?:\s*(?:says|said|explains|explained|recalls|adds|added|told|tells|writes|wrote|"
                     r"shares|shared|remembers|reflects)\b|\s*(?:[A-Z][a-z]+|he|she|they)\s+(?:says|said|explains|"
                     r"explained|recalls|adds|added|told|tells|writes|wrote|shares|shared|remembers|reflects)\b)",
                     tail) or re.search(r"(?:says|said|told (?:us|me|the \w+)|explains|explained|recalls|wrote|"
                                        r"writes|shared|adds|added|commented|included)\W{0,3}$|:\s*$", head):
            hits.add("quote_attributed", q[:60])
    # "Some of the comments shared by participants included:" introduces voices; it reports no aggregate finding
    from pipelines.narratives.cues import QUOTE_INTRO

    intros = [(m.start(), m.end()) for m in QUOTE_INTRO.finditer(text)] if quotes else []
    for rx, group in ((_PROFESSIONAL_SELF, "professional_self"), (_INVITATION, "invitation"),
                      (_AGGREGATE, "aggregate"), (_ABOUT_STORIES, "about_stories"), (_MY_PERSONAL, "my_personal"),
                      (_NAME_AGE, "named_person_age"), (_MEDIA, "media"), (_LIVED_EXPERIENCE, "lived_experience_claim"),
                      (_CAREER, "professional_career"), (_STAFF_IDENTITY, "staff_identity"),
                      (_MEETING_RECORD, "meeting_record"), (_REPLY_TO_POSTER, "reply_to_poster"),
                      (_OFFICIAL_IDENTITY, "official_speaker"), (_HELPER_VOICE, "helper_voice"),
                      (_OWN_CONDITION, "own_condition")):
        for m in rx.finditer(text):
            if group == "aggregate" and any(s <= m.start() < e for s, e in intros):
                continue
            if group == "media" and _list_item(text, m):
                continue
            if group in ("official_speaker", "helper_voice") and _USER_ROLE_WORDS.search(m.group(0)):
                continue
            hits.add(group, m.group(0))
    for phrase in _official_appositions(doc):
        hits.add("official_speaker", phrase)
    # a collective "we" of users: first-person plural own voice next to a user-group phrase
    if hits.own_voice or re.search(r"\b(?:we|us|our)\b", text, re.IGNORECASE):
        for m in _COLLECTIVE_USERS.finditer(text):
            hits.add("collective_user_voice", m.group(0))
    for tok in doc:
        if _lower(tok) in ("you", "your", "yours", "yourself"):
            hits.add("second_person", tok.text)
    return hits


def _official_appositions(doc) -> list[str]:
    """"Name, role" from the parse: a proper noun with an appositive whose head is a professional or official role
    (`OFFICIAL_ROLE_LEMMAS`, or a worker or assistant of a `WORKER_KINDS` kind), as "Name, role phrase"."""
    if not doc.has_annotation("DEP"):
        return []
    out = []
    for tok in doc:
        if tok.dep_ != "appos" or tok.head.pos_ != "PROPN":
            continue
        lemma = tok.lemma_.lower()
        kinds = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
        if lemma in OFFICIAL_ROLE_LEMMAS or (lemma in ("worker", "assistant") and kinds & WORKER_KINDS):
            role = doc[tok.left_edge.i : tok.i + 1].text
            if not _USER_ROLE_WORDS.search(role):
                out.append(f"{tok.head.text}, {role}")
    return out


def _acts(verb) -> bool:
    """The verb, or a clause it governs, is an acting verb ("Tenants have written to the landlord, accusing it …")."""
    return any(v.lemma_.lower() in ACTION for v in [verb, *verb.children]
               if v is verb or v.dep_ in ("xcomp", "advcl", "conj") and v.pos_ == "VERB")


def _list_item(text: str, m: re.Match) -> bool:
    """Is the match one item inside a comma list ("conversations, books, movies, good times")? Such a word names
    something in a user's life, not a review or a performer's voice."""
    return bool(re.search(r",\s*$", text[max(0, m.start() - 3) : m.start()])
                and re.match(r"\s*(?:,|and\b|or\b)", text[m.end() : m.end() + 5]))


def _speaker(subject, kind: str) -> str | None:
    """Is the subject of a saying verb a (possible) service user or a professional?"""
    if kind == "professional":
        return "professional"
    if kind in ("user", "name", "he_she"):
        return "user"
    if kind == "users":
        # "One service user told us", "A patient told us": singular voice; plural subjects are aggregates
        det = {c.lower_ for c in subject.children if c.dep_ in ("det", "nummod")}
        return "user" if det & {"one", "a", "another", "an"} else None
    return None


_QUOTE_RX = re.compile(r"[\"“”]([^\"“”]{12,}?)[\"”“]|(?<!\w)[‘']([^‘’']{12,}?)[’'](?=[\s,.;:!?)\-–—]|$)")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted stretches (12+ characters inside matching quotation marks)."""
    out = []
    for m in _QUOTE_RX.finditer(text):
        g = 1 if m.group(1) is not None else 2
        out.append((m.start(g), m.end(g)))
    # an unclosed opening quote at the start of a paragraph quotes the rest ("“When I was unwell, …")
    stripped = text.lstrip(" \t•-*–")
    if not out and stripped[:1] in "\"“‘'" and len(stripped) > 12:
        start = len(text) - len(stripped) + 1
        out.append((start, len(text)))
    return out


def speaker_vector(hits: VoiceHits, text: str) -> np.ndarray:
    """Who speaks (`SPEAKER_FEATURES`), each in [0, 1)."""
    own = hits.own_voice
    retold = hits.count("third_person_story") + hits.count("named_person_age") if own == 0 else 0
    quoted = hits.count("quote_first_person") if (hits.count("quote_attributed") or hits.count("user_speaks")) else 0
    reports = len(_INSTITUTION_REPORTS.findall(text))
    prof = hits.count("professional_speaks") + hits.count("professional_self") + hits.count("professional_career")
    from pipelines.narratives.cues import TRANSFORMATIVE_FRAMING

    told_about = retold + hits.count("user_subject") + hits.count("third_person_story") + quoted + reports
    frames = len(_INSTITUTION_FRAME.findall(text)) if told_about else 0
    first = own + hits.count("quote_first_person") + hits.count("collective_user_voice")
    critique = sum(len(rx.findall(text)) for rx in TRANSFORMATIVE_FRAMING.values()) if first else 0
    return np.asarray([_squash(c) for c in (own, retold, quoted, reports, prof, frames, critique)], dtype=np.float32)


def _squash(c: float) -> float:
    return c / (c + 1.0)


def voice_vector(hits: VoiceHits) -> np.ndarray:
    """Voice counts squashed to [0, 1) and passage-shape values, in `VOICE_FEATURES` order."""
    v = [_squash(hits.count(g)) for g in VOICE_GROUPS]
    short_line = float(hits.n_sentences <= 1 and hits.n_tokens <= 14)
    v += [float(hits.heading), _squash(hits.n_sentences / 3.0), math.tanh(hits.n_tokens / 60.0), hits.past_share,
          short_line, hits.first_person_sentences, hits.third_person_sentences, hits.professional_sentences]
    return np.asarray(v, dtype=np.float32)
