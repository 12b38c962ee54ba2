"""Assembling facts from the mentions of one sentence: who supplied which technology to whom, where.

The rules, in order:
1. A sentence yields facts only if it names a surveillance technology or a program. A generic term
   ("surveillance technology") counts only when nothing more specific stands beside it.
2. Suppliers coordinated in a list ("Dahua and Hikvision cameras") share the technology that follows them
   in the same clause; a supplier followed by a product that is no known technology ("Huawei 5G systems")
   supplies technology "other"; otherwise the sentence's technologies. A supplier named twice in a row
   ("Megvii Face++") is one member of its list. In a Chinese sentence a supplier supplies every technology
   of its clause ("…摄像机和人脸识别卡口设备由X提供", "X为…提供", "与X合作", "采用X的…"), or, when its clause
   names none ("系统由X承建"), those of the clauses naming no supplier (chinese_clauses). A sentence naming
   no technology in which a buyer pays for a single-technology supplier ("pays for its Clearview licence")
   states that technology (supplier_technology).
3. Countries: names are places of deployment; an adjective or possessive right before a technology or a
   word for a firm ("Chinese firms", "China's surveillance technology") is the origin; in a sentence
   that says technology was exported, countries before the verb are origins and those after destinations.
   A country that says where a firm is based ("an Israel-based firm") is an origin; one named as a
   neighbour ("the border with Turkey") is no place of deployment when another country is.
4. One fact per (supplier or none, technology) and per place of deployment (the most specific of nested
   places; of a coordinated list of cities only the first: one network covering them), else per country,
   else in the document's main country. A place that says where a supplier is based ("a Singapore-based
   developer", "Flock Safety, based in Atlanta", "a Santa Cruz contractor") or that stands inside a
   supplier's name is no place of deployment. A generic technology ("surveillance technology") with no
   supplier, program or stated location is no fact.
5. Some sentences state no deployment whatever they name: sanctions, bans and restrictions, exhibits, and
   what a technology "can be used" for. A list of more than MAX_SUPPLIER_LIST suppliers is a list of
   examples of an industry, not of suppliers to a deployment; likewise a list of more than
   MAX_PROGRAM_LIST programs names programs by example, and only those the sentence ties to a place
   ("... and the IJOP in Xinjiang") yield facts. A technology the sentence negates ("does not include
   facial recognition", "face recognition functions were not switched on") or a single device named
   without a supplier ("look into a camera at the gate") is no technology of the sentence. A program
   mentioned as a kind ("police clouds of this kind", "the 'one person, one file' approach") states no
   deployment (generic_programs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from counterwatch.extract.chinese_clauses import group_technologies, is_chinese, without_device_heads
from counterwatch.extract.generic_programs import without_generic_programs
from counterwatch.extract.sentences import Sentence
from counterwatch.extract.supplier_technology import supplier_technologies
from counterwatch.model import Evidence, Fact, Mention

#: Most facts one sentence may yield: a sentence listing 12 countries and 3 technologies is a survey,
#: not 36 deployments; past this the sentence's facts are cut (the cap was set on the seed articles,
#: whose richest real sentence yields 5).
MAX_FACTS_PER_SENTENCE = 12
#: How far after a supplier (characters) its product may stand and still be its product.
SUPPLIER_PRODUCT_WINDOW = 40
#: How many words after a nationality adjective a technology or firm word may stand for it to be the origin
#: ("Chinese-made surveillance cameras": 3).
ORIGIN_ADJECTIVE_WORDS = 3
#: Longest list of suppliers still read as suppliers of the sentence's deployment; longer lists ("companies
#: such as Huawei, SenseTime, Megvii, DJI ...") name an industry by example (set on the seed articles and
#: our corpus, where real supplier lists of a deployment name at most three).
MAX_SUPPLIER_LIST = 3
#: Longest list of programs still read as programs of the sentence's deployment; longer lists ("initiatives
#: like Golden Shield, Skynet, Safe Cities and Police Clouds, Project Sharp Eyes ...") name programs by example
#: (same reasoning and figure as MAX_SUPPLIER_LIST: on the seeds and our corpus a real deployment names at
#: most two programs).
MAX_PROGRAM_LIST = 3
#: Bare singular device words: "look into a camera at the gate", "switch on the microphone and camera" speak
#: of one device, not of a deployment, unless a supplier is named beside them (chosen from the false
#: positives of our corpus, where every bare singular "camera" without a supplier was such a device).
SINGLE_DEVICE_TERMS = frozenset({"camera"})
#: How far before a technology (characters) a negation may stand and still negate it ("does not include
#: facial recognition": 13); two short words between the negation and the term.
NEGATION_WINDOW = 30

_COORDINATION = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|、|和|及|与)\s*$", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:()，；：。]|\band\b|\bwhile\b|\bwhich\b")
_PRODUCT_WORD = re.compile(r"^\s*(?:[\w-]+\s+){0,2}(?:systems?|equipment|networks?|technology|technologies|products?|"
                           r"solutions?|devices?|software|hardware|gear|kit|infrastructure|chips?|servers?)\b", re.I)
_FIRM_WORD = re.compile(r"\b(?:firms?|compan(?:y|ies)|groups?|conglomerates?|telecoms?|telecommunications|"
                        r"vendors?|suppliers?|makers?|manufacturers?|tech|technology|"
                        r"technologies|giants?|surveillance|AI|artificial|cameras?|equipment|systems?|exports?|"
                        r"contractors?|start-?ups?)\b", re.I)
# A supplier named after its product: "cameras made by Hikvision", "a platform from Huawei".
_MADE_BY = re.compile(r"(?:\b(?:made|supplied|provided|built|manufactured|developed|produced|sold|installed|"
                      r"designed|delivered)\s+by|\bfrom)\s*$", re.I)
_EXPORT = re.compile(r"\b(?:export(?:s|ed|ing)?|spread(?:s|ing)?|s[eo]ll(?:s|ing)?|sold|supplie[sd]|supplying|"
                     r"provid(?:es|ed|ing)|ship(?:s|ped|ping)?|deliver(?:s|ed|ing)?|transferr?(?:s|ed|ing)?)\b", re.I)

# A negation right before a technology term, or a negated use right after it.
_NEGATED_BEFORE = re.compile(r"\b(?:not|no|never|without|nor)\s+(?!only\b|just\b|merely\b)(?:[\w-]+\s+){0,2}$", re.I)
_NEGATED_AFTER = re.compile(r"^[\w\s-]{0,40}?\b(?:were|was|is|are|has|have|had)\s+(?:not|never)\s+(?:been\s+)?"
                            r"(?:switched on|turned on|enabled|activated|used|installed|deployed)\b", re.I)
# A place or country that says where a firm is based: "Singapore-based", "based in Atlanta", "a Santa Cruz
# contractor".
_BASE_AFTER = re.compile(r"^(?:-|\s)(?:based|headquartered)\b|^\s+(?:contractors?|compan(?:y|ies)|firms?|integrators?|"
                         r"manufacturers?|vendors?|suppliers?|start-?ups?)\b", re.I)
_BASE_BEFORE = re.compile(r"\b(?:based|headquartered|registered|incorporated)\s+in\s+(?:the\s+)?"
                          r"(?:(?:north|south|east|west|central)(?:ern)?\s+)?$", re.I)
# A country named as a neighbour of the place of deployment: "to patrol the frontier with Turkey".
_NEIGHBOUR_BEFORE = re.compile(r"\b(?:border|frontier|boundary)\s+with\s+(?:the\s+)?$", re.I)
# A program tied to a place: "the Integrated Joint Operations Platform (IJOP) in Xinjiang".
_PROGRAM_AT_PLACE = re.compile(r"^\s*(?:\([^()]{1,20}\)\s*)?[\"”’]?\s*(?:in|at|for)\s+(?:the\s+)?$", re.I)
# The gap between two programs of one list; an item the knowledge base does not know ("Skynet, Safe Cites and
# Police Clouds": a misspelt name) may stand between them, written in Title Case.
_PROGRAM_COORDINATION = re.compile(r"^[\s\"“”'’]*(?:(?:,|、|，|\band\b|\bor\b)[\s\"“”'’]*(?:[A-Z][\w-]*\s+){1,3})*"
                                   r"(?:,|、|，)?[\s\"“”'’]*(?:and|or|&|和|及|与)?[\s\"“”'’]*$")

# Sentences that name technology without stating a deployment.
_NO_DEPLOYMENT = re.compile(
    r"\b(?:sanction(?:s|ed|ing)?|blacklist(?:s|ed)?|entity list|banned|bans?|export controls?|"
    r"restrict(?:s|ed|ing|ions?)?|block(?:s|ed|ing)? the (?:import|sale|export)s?|licen[cs]ing|"
    r"(?:can|could|may|might) (?:be used|be deployed|allow|enable)|"
    r"show(?:ed|s)? off|showcas(?:e|ed|es|ing)|exhibit(?:ed|s|ing)?)\b",
    re.I)
# A technology term directly followed by a word for a firm describes the firm ("video surveillance companies").
_DESCRIBES_FIRM = re.compile(r"^\s*(?:compan(?:y|ies)|firms?|makers?|manufacturers?|vendors?|giants?|suppliers?|"
                             r"industry|sector)\b", re.I)

_STATUS_CUES = (  # first match wins
    ("cancelled", re.compile(r"\b(?:cancel(?:l?ed|s)?|scrapped|terminated|abandoned)\b|终止|取消", re.I)),
    ("failed", re.compile(r"\b(?:failed tender|tender failed)\b|废标|流标", re.I)),
    ("projected", re.compile(r"\b(?:projected|projection|estimated to|will (?:have|be home to)|by 20\d\d)\b", re.I)),
    ("interest", re.compile(r"\b(?:hop(?:e|es|ed|ing) to|interested in|want(?:s|ed)? to|consider(?:s|ed|ing)|"
                            r"could learn|can learn)\b", re.I)),
    ("planned", re.compile(r"\b(?:plans? to|planned|will (?:install|deploy|buy|purchase|acquire)|intends? to)\b|"
                           r"采购意向|拟采购", re.I)),
    ("tendered", re.compile(r"\b(?:tender(?:ed|s)?|request for proposals?|bids? (?:for|invited))\b|招标|磋商|询价", re.I)),
    ("awarded", re.compile(r"\b(?:awarded|won (?:a|the)|winning bid)\b|中标|成交", re.I)),
    ("contracted", re.compile(r"\b(?:contract(?:ed)?|signed|deal|agreement|purchased|bought|procured)\b|合同", re.I)),
    ("deployed", re.compile(r"\b(?:install(?:ed|s|ing)?|deploy(?:ed|s|ing)?|use[sd]?|using|utili[sz]es|"
                            r"operat(?:es|ed|ing)|rolled out|built|set up|linked|connected|enabled)\b|"
                            r"建成|部署|安装|投入使用", re.I)),
)


@dataclass(frozen=True)
class SentenceMentions:
    """The mentions that fall inside one sentence, by kind."""

    sentence: Sentence
    technologies: list[Mention]
    programs: list[Mention]
    suppliers: list[Mention]
    buyers: list[Mention]
    countries: list[Mention]
    places: list[Mention]
    targets: list[Mention]
    amounts: list[Mention]
    quantities: list[Mention]
    years: list[Mention]


def detect_status(sentence: str) -> str:
    for status, pattern in _STATUS_CUES:
        if pattern.search(sentence):
            return status
    return "reported"


def _negated(tech: Mention, sm: SentenceMentions) -> bool:
    text, base = sm.sentence.text, sm.sentence.start
    before = text[max(0, tech.start - base - NEGATION_WINDOW):tech.start - base]
    return bool(_NEGATED_BEFORE.search(before) or _NEGATED_AFTER.match(text[tech.end - base:]))


def _firm_base(mention: Mention, sm: SentenceMentions) -> bool:
    """Whether a place or country names where a firm is based, or stands inside a supplier's name."""
    text, base = sm.sentence.text, sm.sentence.start
    if any(s.start <= mention.start and mention.end <= s.end for s in sm.suppliers):
        return True
    before = text[max(0, mention.start - base - SUPPLIER_PRODUCT_WINDOW):mention.start - base]
    return bool(_BASE_AFTER.match(text[mention.end - base:]) or _BASE_BEFORE.search(before))


def _technologies(sm: SentenceMentions, specificity: dict[str, int]) -> list[Mention]:
    text, base = sm.sentence.text, sm.sentence.start
    techs = [t for t in sm.technologies if not _DESCRIBES_FIRM.match(text[t.end - base:]) and not _negated(t, sm)
             and not (t.text in SINGLE_DEVICE_TERMS and not sm.suppliers)]
    if any(specificity.get(t.value, 1) > 0 for t in techs) or sm.programs:
        techs = [t for t in techs if specificity.get(t.value, 1) > 0]
    return without_device_heads(techs, text, base) if is_chinese(text) else techs


def _supplier_groups(sm: SentenceMentions) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    text, base = sm.sentence.text, sm.sentence.start
    last_end = 0
    for supplier in sm.suppliers:
        if groups:
            gap = text[last_end - base:supplier.start - base]
            if supplier.value == groups[-1][-1].value and not gap.strip():
                last_end = supplier.end  # one supplier named twice in a row: "Megvii Face++"
                continue
            if _COORDINATION.match(gap):
                groups[-1].append(supplier)
                last_end = supplier.end
                continue
        groups.append([supplier])
        last_end = supplier.end
    return groups


def _group_technology(group: list[Mention], sm: SentenceMentions, techs: list[Mention]) -> str | None:
    """The technology a supplier group is said to supply, or None to use the sentence's."""
    text, base = sm.sentence.text, sm.sentence.start
    before = text[max(0, group[0].start - base - SUPPLIER_PRODUCT_WINDOW):group[0].start - base]
    made_by = _MADE_BY.search(before)
    if made_by:
        cue = group[0].start - len(before) + made_by.start()
        earlier = [t for t in techs if t.end <= cue and cue - t.end <= SUPPLIER_PRODUCT_WINDOW]
        if earlier:
            return earlier[-1].value
    end = group[-1].end
    after = text[end - base:end - base + SUPPLIER_PRODUCT_WINDOW]
    clause = _CLAUSE_BREAK.search(after)
    window_end = end + (clause.start() if clause else len(after))
    for tech in techs:
        if end <= tech.start < window_end:
            return tech.value
    if _PRODUCT_WORD.match(text[end - base:window_end - base]):
        return "other"
    return None


def _country_roles(sm: SentenceMentions) -> tuple[list[str], list[str]]:
    """(deployment countries, origin countries) of the sentence."""
    text, base = sm.sentence.text, sm.sentence.start
    export = _EXPORT.search(text)
    names_after_export = export and any(c.start - base > export.start() and c.attr("form") == "name"
                                        for c in sm.countries)
    deploy: list[str] = []
    origin: list[str] = []
    for country in sm.countries:
        if _firm_base(country, sm):  # "an Israel-based firm": where the technology comes from
            origin.append(country.value)
            continue
        rel = country.start - base
        if names_after_export and rel < export.start():
            origin.append(country.value)
            continue
        following = " ".join(text[country.end - base:].split()[:ORIGIN_ADJECTIVE_WORDS])
        if country.attr("form") in ("adjective", "possessive"):
            if _FIRM_WORD.search(following):
                origin.append(country.value)
                continue
        elif _FIRM_WORD.match(" ".join(following.split()[:1])):  # "U.S. tech companies"
            origin.append(country.value)
            continue
        deploy.append(country.value)
    named = {c.value for c in sm.countries if c.attr("form") == "name" and not _firm_base(c, sm)}
    if named & set(deploy):  # "Bulgaria buys drones to watch the Turkish border": the name wins
        deploy = [c for c in deploy if c in named]
    neighbours = {c.value for c in sm.countries if _NEIGHBOUR_BEFORE.search(text[:c.start - base])}
    if set(deploy) - neighbours:  # "Bulgaria buys drones to patrol the frontier with Turkey": not in Turkey
        deploy = [c for c in deploy if c not in neighbours]
    if any(c in origin for c in deploy) and len(set(deploy)) > 1:
        deploy = [c for c in deploy if c not in origin]
    return list(dict.fromkeys(deploy)), list(dict.fromkeys(origin))


def _programs(sm: SentenceMentions) -> list[Mention]:
    """The sentence's programs, one mention per program; of a list of more than MAX_PROGRAM_LIST programs
    only those tied to a place of the sentence."""
    text, base = sm.sentence.text, sm.sentence.start
    groups: list[list[Mention]] = []
    for program in sm.programs:
        if groups and _PROGRAM_COORDINATION.match(text[groups[-1][-1].end - base:program.start - base]):
            groups[-1].append(program)
        else:
            groups.append([program])
    kept = []
    for group in groups:
        if len(group) > MAX_PROGRAM_LIST:
            group = [p for p in group if any(
                _PROGRAM_AT_PLACE.match(text[p.end - base:place.start - base]) for place in sm.places
                if place.start >= p.end)]
        kept += group
    return list({p.attr("program_id") or p.value: p for p in reversed(kept)}.values())[::-1]


def _units(sm: SentenceMentions, techs: list[Mention]) -> list[tuple[Mention | None, str, Mention | None]]:
    """(supplier, technology, program) triples the sentence speaks of."""
    tech_values = list(dict.fromkeys(t.value for t in techs))
    programs = _programs(sm)
    units: list[tuple[Mention | None, str, Mention | None]] = []
    used: set[str] = set()
    groups = [g for g in _supplier_groups(sm) if len(g) <= MAX_SUPPLIER_LIST]
    if is_chinese(sm.sentence.text):
        stated = group_technologies(groups, sm, techs)
    else:
        stated = [[t] if (t := _group_technology(g, sm, techs)) else [] for g in groups]
    for group, group_techs in zip(groups, stated):
        for tech in group_techs or [None]:
            program = next((p for p in programs if tech in (None, "other", p.attr("technology"))), None)
            if program is not None and tech in (None, "other"):
                tech = program.attr("technology")
            chosen = tech or (tech_values[0] if tech_values else None)
            if chosen is None:
                continue
            for supplier in group:
                units.append((supplier, chosen, program if program is not None and
                              program.attr("technology") == chosen else None))
            used.add(chosen)
    claimed = {id(u[2]) for u in units if u[2] is not None}
    for program in programs:
        if id(program) not in claimed:
            units.append((None, program.attr("technology") or "other", program))
            used.add(program.attr("technology") or "other")
    vision = {"facial_recognition", "license_plate_recognition", "ethnicity_detection", "drones"}
    for value in tech_values:
        if value in used or (value == "video_surveillance" and vision & set(tech_values)):
            continue
        units.append((None, value, None))
    return units


def _most_specific(places: list[Mention]) -> list[Mention]:
    """Places, without those that contain another place of the list (Guizhou beside Tongren)."""
    out = []
    for place in places:
        inner = [p for p in places if p is not place and p.value != place.value and (
            (place.attr("level") == "region" and p.attr("level") != "region" and p.attr("region") == place.attr("region"))
            or (place.attr("level") == "city" and p.attr("level") == "county" and p.attr("city") == place.value))]
        if not inner and all(p.value != place.value for p in out):
            out.append(place)
    return out


def _deployment_places(sm: SentenceMentions) -> list[Mention]:
    """The places of deployment: of a coordinated list of cities or counties ("across Kampala, Wakiso and
    Entebbe", "covering Nairobi and Mombasa", even when a member is a district or region) only the first, as
    one network covering them is one deployment; provinces or states listed ("in Jiangxi and Henan
    provinces") and places in separate clauses ("police in Lhasa paid ..., and police in Nyingchi
    bought ...") each stay a place of their own deployment."""
    text, base = sm.sentence.text, sm.sentence.start
    places = _most_specific([p for p in sm.places if not _firm_base(p, sm)])
    kept: list[Mention] = []
    for previous, place in zip([None, *places], places):
        if (previous is not None and not (place.attr("level") == "region" and previous.attr("level") == "region")
                and _COORDINATION.match(text[previous.end - base:place.start - base])):
            continue  # listed after the city that heads its list
        kept.append(place)
    return kept


def sentence_facts(sm: SentenceMentions, specificity: dict[str, int], default_country: str | None) -> list[Fact]:
    """Facts stated by one sentence; ``default_country`` places those whose sentence names no place."""
    if _NO_DEPLOYMENT.search(sm.sentence.text):
        return []
    techs, programs = without_generic_programs(sm)
    sm = replace(sm, technologies=techs, programs=programs)
    sm = replace(sm, technologies=techs + supplier_technologies(sm))
    techs = _technologies(sm, specificity)
    if not techs and not sm.programs:
        return []
    units = _units(sm, techs)
    if not units:
        return []
    deploy, origin = _country_roles(sm)
    locations: list[tuple[str | None, Mention | None]] = [(p.attr("country"), p) for p in _deployment_places(sm)]
    covered = {c for c, _ in locations}
    locations += [(c, None) for c in deploy if c not in covered]
    stated = bool(locations)
    if not locations:
        fallback = origin[0] if origin and not sm.suppliers else default_country
        locations = [(fallback, None)]
    status = detect_status(sm.sentence.text)
    year = sm.years[0].value if sm.years else None
    amount = sm.amounts[0] if sm.amounts else None
    buyer = sm.buyers[0].value if sm.buyers else None
    targets = list(dict.fromkeys(t.value for t in sm.targets))
    evidence = Evidence(source_id="", quote=sm.sentence.text, start=sm.sentence.start, end=sm.sentence.end)
    facts = []
    for supplier, tech, program in units:
        if tech == "other" and supplier is None and program is None and not stated:
            continue
        for country, place in locations:
            supplier_name = supplier.value if supplier else None
            # The origin is a country the source names ("Chinese cameras"), not a supplier's home country:
            # the knowledge base already knows that (FACTS.md: "when the source names a country").
            origin_country = origin[0] if origin else None
            quantity = next((q for q in sm.quantities if q.attr("technology") in (tech, None)), None)
            facts.append(Fact(
                technology=tech, evidence=[evidence], supplier=supplier_name,
                supplier_id=supplier.attr("supplier_id") if supplier else None,
                origin_country=origin_country, buyer=buyer, country=country,
                region=place.attr("region") if place else None, place=place.value if place else None,
                latitude=place.attr("latitude") if place else None,
                longitude=place.attr("longitude") if place else None,
                program=program.value if program else None, year=year,
                amount=amount.value if amount else None, currency=amount.attr("currency") if amount else None,
                amount_kind=amount.attr("kind") if amount else None,
                quantity=quantity.value if quantity else None, unit=quantity.attr("unit") if quantity else None,
                targets=targets, status=status,
                fields={"program_id": program.attr("program_id")} if program and program.attr("program_id") else {}))
            if len(facts) >= MAX_FACTS_PER_SENTENCE:
                return facts
    return facts
