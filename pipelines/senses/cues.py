"""Lexical cues of each sense, counted in a mention's sentence and in its passage: a small dense block beside the
embeddings, so that a passage's "album", "Jasanoff", "const" or "my voice" counts even when the mention's own
sentence is vague. Cues are features, never filters: the model weighs them against everything else.
"""

from __future__ import annotations

import re

import numpy as np

_I = re.IGNORECASE

#: Cue families: name -> pattern. Each is counted in the sentence and in the passage (log1p of the count).
FAMILIES: dict[str, re.Pattern] = {
    "screen": re.compile(
        r"\b(films?|movies?|feature|documentar\w+|series|dramas?|sitcom|broadcast\w*|BBC|ITV|Channel 4|HBO|Netflix|"
        r"Arte|ZDF|Canal\+|RAI|premier\w*|festivals?|Cannes|Berlinale|Sundance|Venice|box office|screen\w*|"
        r"directors?|directed|cast|starring|shoot|shot in|filming|distribut\w+|sales agent|episodes?|seasons?|"
        r"animat\w+|Eurimages|treaty|showrunner|streamer|TV|television|radio|podcasts?|games?|publish\w*|"
        r"imprint|novel|comics?)\b", _I),
    "stage_music": re.compile(
        r"\b(theat(re|er)s?|stage[ds]?|plays?|musicals?|opera|ballet|dance|orchestra|touring|tour|"
        r"albums?|records?|recorded|recording|EP|singles?|tracks?|songs?|studio|mix(ed|ing)?|master(ed|ing)|"
        r"beats?|bands?|rapper|vocals|guitars?|drums|bass|synths?|lyrics|label|feat\.|ft\.|Spotify|SoundCloud|"
        r"Bandcamp|credits?|written by|performed by|engineer(ed)?)\b", _I),
    "sts": re.compile(
        r"\b(Jasanoff|STS|science and technology studies|science studies|social order|idiom|"
        r"co-productionist|coproductionist|Latour|Haraway|Wynne|Callon|Shapin|boundary (objects?|work)|"
        r"civic epistemolog\w+|imaginar(y|ies)|socio-?technical|technoscien\w*|Mode 2|post-normal|"
        r"natural and (the )?social orders?|knowledge and (social )?order)\b", _I),
    "science": re.compile(r"\b(science|scientific|scientists?|epistem\w*|ontolog\w*|expertise|experts?)\b", _I),
    "sustainability": re.compile(
        r"\b(transdisciplinar\w+|sustainab\w+ (science|research|transitions?)|climate|adaptation|ecosystems?|"
        r"biodiversity|environment\w*|fisher\w*|forests?|water (management|resources|utilit\w+)|"
        r"agricultur\w+|farmers?|indigenous|science-policy|science–policy|societal (actors|partners)|"
        r"non-academic|knowledge users|Future Earth|IPBES|IPCC|land (use|managers?)|coastal|flood\w*|"
        r"drought|weather|carbon)\b", _I),
    "research": re.compile(
        r"\b(knowledge|stakeholders?|decision-?makers?|researchers?|research|academ\w+|universit\w+|"
        r"interdisciplinar\w+|actionable|usable|evidence)\b", _I),
    "life": re.compile(
        r"\b(metaboli\w+|enzym\w+|strains?|bacteri\w+|yeasts?|E\. coli|ferment\w+|biosynth\w+|cells?|cytokines?|"
        r"hydrogen|methane|ethanol|butanol|biogas|syngas|catalys\w+|reactors?|yields?|mol|g/L|proteins?|genes?|"
        r"plasmids?|pathways?|electroly\w+|cogeneration|CHP|combined heat and power|desalinat\w+|pyrolysis|"
        r"co-?cultur\w+|secret\w+|expression|acids?|oxid\w+|microb\w+|tissue|mice|in vitro|in vivo|species|"
        r"biomass|bio-?fuels?|biodiesel|bio-?refiner\w+|feedstocks?|glycerol|lignin|distill\w+|milling|chemicals?)\b", _I),
    "econ": re.compile(
        r"\b(joint (products?|production|costs?|outputs?)|by-?products?|multiproduct|economies of "
        r"scope|cost allocation|allocat\w+|input-output|Sraffa\w*|marginal|outputs?|prices?|supply|accounting|"
        r"IFRS|inventor\w+|split-off|commodit\w+|markets?|tonnes?|ore|mining|refiner\w+)\b", _I),
    "marketing": re.compile(
        r"\b(brands?|branding|consumers?|customers?|co-?creat\w+|value co|service-dominant|S-D logic|marketing|"
        r"loyalty|shoppers?|retail\w*|product launch|fans?|influencers?|campaign|sponsor\w*|buy|shop|"
        r"subscribe|newsletter|discount|offer)\b", _I),
    "code": re.compile(
        r"(`|\(\)|=>|\{|\}|;\s*$|\b(const|let|var|function|def|class|import|return|null|true|false|npm|GitHub|"
        r"repo|commit|README|API|JSON|endpoint|schema|enum|boolean|string|int|param\w*|\w+\.(js|ts|py|json)|"
        r"localhost|http\S+))", _I | re.MULTILINE),
    "maths": re.compile(
        r"(\b(category theory|categor(y|ies) of|morphisms?|homomorphisms?|functors?|isomorphi\w+|universal property|"
        r"injections?|free products?|direct sums?|disjoint unions?|(co|bi)?algebras?|Hopf|vector spaces?|"
        r"theorem|lemma|sum types?|tagged unions?|Either|monoids?|abelian)\b|\\(to|sqcup|coprod|oplus))", _I),
    "defence": re.compile(
        r"\b(military|defen[cs]e|army|air force|navy|naval|tanks?|missiles?|fighters?|aircraft|jets?|drones?|"
        r"munitions?|ammunition|weapons?|arms|artillery|howitzers?|frigates?|warships?|submarines?|"
        r"helicopters?|armou?red|Pentagon|MoD|offsets?)\b", _I),
    "chrome": re.compile(
        r"\b(cookies?|menu|log ?in|sign ?in|sign up|skip to|home|search|share|tweet|privacy policy|"
        r"terms of use|copyright|©|all rights reserved|related posts|read more|next|previous|tags?)\b", _I),
    "services": re.compile(
        r"\b(service users?|people who use services|patients?|carers?|lived experience|mental health|social care|"
        r"NHS|council|commission\w*|local authorit\w+|communit\w+|citizens?|residents|peers?|recovery|tenants|"
        r"young people|famil(y|ies)|public involvement|PPI|health|care|support|services?|users?|"
        r"practitioners?|professionals?|staff|clinicians?|volunteers?|charit\w+|housing|schools?|police|"
        r"policy|policies|welfare|public)\b", _I),
    "voice": re.compile(
        r"\b(I|I'm|I've|I'd|me|my|myself|mine)\b"),
    "lived": re.compile(
        r"\b(my (voice|confidence|recovery|diagnosis|illness|care|support worker|son|daughter|mum|dad)|"
        r"I (felt|feel|was (admitted|sectioned|diagnosed|listened)|joined|used|use|became)|"
        r"listened to|valued|heard|group|meetings?|steering|panel)\b", _I),
}

#: Shape cues of the mention itself.
_CAMEL = re.compile(r"^[a-z]+[A-Z]|[a-z][A-Z]")
_AGENT = re.compile(r"producers?$", _I)
_PLURAL = re.compile(r"productions$", _I)
_CLIPPED = re.compile(r"^co-?pros?$", _I)
#: "co-product(s)": a joint output of a process or a firm, never a film or a knowledge idiom.
_PRODUCT = re.compile(r"products?$", _I)
_CAPITAL = re.compile(r"^[A-Z]")


def cue_names() -> list[str]:
    names = [f"cue_sent_{f}" for f in FAMILIES] + [f"cue_ctx_{f}" for f in FAMILIES]
    return names + ["shape_camel", "shape_agent", "shape_plural", "shape_clipped", "shape_capital_midsentence",
                    "shape_code_neighbour", "shape_product"]


def _counts(text: str) -> list[float]:
    return [float(np.log1p(len(p.findall(text)))) for p in FAMILIES.values()]


def cue_vector(sentence: str, start: int, end: int, context: str) -> list[float]:
    """The cue block of one mention: family counts in its sentence, in its passage, and the mention's shape."""
    surface = sentence[start:end]
    before = sentence[max(0, start - 2) : start]
    after = sentence[end : end + 2]
    neighbour = bool(re.search(r"[._(){}=\[\]<>/$#]", before + after))
    midsentence = start > 0 and not re.search(r"[.!?:;\"'‘“(]\s*$", sentence[:start])
    shape = [
        float(bool(_CAMEL.search(surface))),
        float(bool(_AGENT.search(surface))),
        float(bool(_PLURAL.search(surface))),
        float(bool(_CLIPPED.match(surface))),
        float(bool(_CAPITAL.match(surface)) and midsentence),
        float(neighbour),
        float(bool(_PRODUCT.search(surface))),
    ]
    return _counts(sentence) + _counts(context) + shape


def cue_matrix(rows: list[tuple[str, int, int, str]]) -> np.ndarray:
    """Cue vectors for (sentence, start, end, passage) rows, shape (n, len(cue_names()))."""
    if not rows:
        return np.zeros((0, len(cue_names())))
    return np.asarray([cue_vector(*r) for r in rows], dtype=float)


#: Words that only a media work has (no "play", "records", "series" or "stage", which service texts use too).
_MEDIA_STRICT = re.compile(
    r"\b(films?|movies?|documentar\w+|broadcast\w*|BBC|ITV|Netflix|HBO|television|TV|radio|podcasts?|"
    r"premier(e|ed)|festivals?|cinema|screen(ed|ing|play)|theat(re|er)s?|musicals?|opera|ballet|albums?|"
    r"record label|EP|singles?|songs?|tracks?|bands?|rapper|studio|mixtape|beats?|episodes?|showrunner|"
    r"animat\w+|publisher|imprint|exhibition)\b", _I)


def media_evidence(text: str) -> bool:
    """Whether a text names a screen, stage, music or publishing work in words only such works have."""
    return bool(_MEDIA_STRICT.search(text))


def service_user_voice(sentence: str) -> bool:
    """First-person voice about one's own involvement ("being part of the co-production group gave me my voice
    back"): the speaker talks as someone who uses services, not as a producer of a film or record."""
    return bool(FAMILIES["voice"].search(sentence)) and bool(FAMILIES["lived"].search(sentence) or
                                                            FAMILIES["services"].search(sentence))


#: Firms and their customers: the service-management and marketing sense of the word, which the codebook reads as
#: `other` ("customer co-production", "servuction", "self-service technologies", knowledge-intensive business
#: services). "Clients" and "business" are left out: social care has clients, and "everybody's business".
_FIRM_CUSTOMERS = re.compile(
    r"\b(customers?|consumers?|firms?|compan(y|ies)|corporations?|brands?|retail\w*|hotels?|hospitality|banks?|banking|"
    r"shoppers?|marketing|marketers?|servuction|self-service technolog(y|ies)|KIBS|knowledge-intensive business|"
    r"B2B|B2C|business-to-business|front-line employees|partial employees?|tourists?|tourism|restaurants?)\b", _I)
#: Public services, the people who use them, and research with people: any of these keeps the participatory
#: reading open ("customers" of a housing association, a council's "customer services", firms in a health study).
#: "Involvement" alone is not among them: "customer involvement in the creation of products" is marketing.
_PUBLIC_SIDE = re.compile(
    r"\b(patients?|service users?|people (?:who|that) (?:use|access|receive|draw on)|NHS|councils?|councillors?|"
    r"public|citizens?|residents?|communit(y|ies)|"
    r"carers?|health\w*|social care|social work\w*|mental|government\w*|local authorit(y|ies)|municipal\w*|"
    r"lived experience|tenants?|housing|landlords?|police|policing|schools?|pupils?|students?|teachers?|"
    r"universit(y|ies)|researchers?|co-?researchers?|participatory|polic(y|ies)|policymakers?|welfare|"
    r"the state|charit(y|ies)|voluntary|third sector|non-?profits?|volunteers?|librar(y|ies)|leisure|job ?centres?|"
    r"famil(y|ies)|young people|children|older people|disab\w+)\b", _I)


#: Signs of source code around a mention ("public class CoProduction {", "coProduction.length);").
_CODE_SIGNS = re.compile(r"[{}]|=>|\(\)|\w\.\w+\(|\bconst\s|\bfunction\s*\(|\breturn\s")
#: Weapons made under licence or jointly by governments and firms: defence-industry co-production, the codebook's
#: `other`, even where "governments" sign the deal (a veterans' service co-produced with a council names no weapon).
_WEAPONS = re.compile(
    r"\b(tanks?|missiles?|fighter (jets?|aircraft)|aircraft|munitions?|ammunition|weapons?|artillery|howitzers?|"
    r"frigates?|warships?|submarines?|armou?red vehicles?|military equipment)\b", _I)


def public_service_prose(passage: str, mention: str) -> bool:
    """Whether a plain mention ("co-production", not "coProduction") sits in a passage that speaks of public
    services, their users or research with people, and of no firms, customers, media works, code, mathematics or
    weapons: none of the codebook's `other` kinds (code, names, music, marketing, defence industry) is left."""
    return (bool(re.fullmatch(r"[Cc]o[-‐ ]?[Pp]roduc\w*", mention)) and bool(_PUBLIC_SIDE.search(passage))
            and not _FIRM_CUSTOMERS.search(passage) and not media_evidence(passage) and not _CODE_SIGNS.search(passage)
            and not FAMILIES["maths"].search(passage) and not _WEAPONS.search(passage))


def firm_customer_prose(passage: str) -> bool:
    """Whether a passage speaks of firms and their customers and of nothing in public services or research with
    people: the codebook's `other` ("consumer marketing and service-management co-production")."""
    return bool(_FIRM_CUSTOMERS.search(passage)) and not _PUBLIC_SIDE.search(passage)


#: Knowledge co-production named as such: "knowledge co-production", "co-producing (new, actionable …) knowledge",
#: "the co-production of knowledge" — the codebook's `knowledge` sense (transdisciplinary knowledge co-production
#: with stakeholders) unless the passage names the people of participatory research.
_KNOWLEDGE_PHRASE = re.compile(
    r"\bknowledge[- ]co-?\W?produc\w*|\bco-?\W?produc\w*\s+(?:of\s+)?(?:new\s+|scientific\s+|actionable\s+|useful\s+|"
    r"local\s+|shared\s+)?knowledge\b", _I)
#: The people participatory research is done with: any of these keeps the participatory reading.
_RESEARCH_WITH_PEOPLE = re.compile(
    r"\b(patients?|service users?|people who use|NHS|carers?|lived experience|mental health|social care|young people|"
    r"children|famil(y|ies)|disab\w+|users? of|public involvement|PPI|communit(y|ies)|residents?|tenants?|poverty|"
    r"citizens?)\b", _I)


def knowledge_coproduction_prose(passage: str, whole: str = "") -> bool:
    """Whether a passage names knowledge co-production and its whole text (`whole`: the document, or the passage
    itself) none of the people participatory research is done with (service users, patients, carers, communities,
    citizens …): the codebook's `knowledge` sense."""
    return bool(_KNOWLEDGE_PHRASE.search(passage)) and not _RESEARCH_WITH_PEOPLE.search(whole or passage)


def joint_output(surface: str) -> bool:
    """Whether a mention's surface is co-product(s): a joint output, never a film or the knowledge idiom."""
    return bool(_PRODUCT.search(surface))


#: The film and stage trade's own co-production words: treaty and official co-productions, their status, approval and
#: financing, and stage works ("Minority Co-production status", "an international co-production agreement",
#: "a co-produced circus performance"): a film or stage co-production even where the passage names no medium.
_FILM_TRADE = re.compile(
    r"\b(?:official|international|minority|majority|bilateral|treaty|audiovisual|cross-border|pan-European)\s+"
    r"co-?\W?productions?\b|\bco-?\W?productions?\s+(?:treat(?:y|ies)|agreements?|status|approval|memorand\w+|MOU|"
    r"markets?|forums?|funds?|deals?|incentives?)\b|\b(?:circus|(?:street|live|stage|dance|theatre)\s+performances?|"
    r"artistic|artists|pre-?sales|financing|tax\s+(?:credits?|incentives?|offsets?)|rebates?|"
    r"competent\s+authorit\w+)\b", _I)
#: The people and services of the participatory sense (and research with people): any of these keeps it open.
_SERVICE_PEOPLE = re.compile(
    r"\b(service users?|patients?|carers?|citizens?|residents?|communit(?:y|ies)|tenants?|lived experience|"
    r"people who use|young people|famil(?:y|ies)|disab\w+|NHS|councils?|local authorit\w+|health|social care|mental|"
    r"research\w*|public services?)\b", _I)


def film_trade_prose(passage: str) -> bool:
    """Whether a passage speaks the film and stage trade's co-production words and names none of the people or
    services of the participatory sense: the codebook's film_media."""
    return bool(_FILM_TRADE.search(passage)) and not _SERVICE_PEOPLE.search(passage)

