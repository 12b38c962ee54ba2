"""Resolving buyer names to the knowledge base's agencies (agencies.yaml).

A buyer matches an agency by an exact name or alias after folding; a local alias ("Ministry of
Interior") only in a fact placed in the agency's country; then by the supplier fuzzy rule with the
agency thresholds below. Agency names share their generic words ("Public Security Bureau"), so a
misspelling also has to keep every distinctive word of the agency close ("Hunan" is not "Henan").
A match whose country differs from the fact's is refused.

Chinese names are compared after the places in them are written out in full (营口公安局 -> 营口市公安局,
新疆公安厅 -> 新疆维吾尔自治区公安厅) and never fuzzily: one character apart is usually another body
(公安局/公安厅, 和田县/和田市). A Chinese buyer the list lacks still gets a stable id from that
full administrative name (:func:`chinese_agency_key`), so that its spellings meet.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from counterwatch.extract.places import find_places
from counterwatch.ingest.simplified import to_simplified
from counterwatch.knowledge.registry import Agency, KnowledgeBase, load_knowledge_base
from counterwatch.resolve.judgements import Decisions
from counterwatch.resolve.matching import FuzzyRule, fuzzy_match
from counterwatch.resolve.names import fold_name, name_key, normalise_name

#: One edit per this many characters of the whole name: agency names are long and formulaic
#: ("Shenzhen Municipal Public Security Bureau"), and the distinctive-word check below guards the
#: place. Set on bench/data/agency_variants.yaml (bench/resolution.py): 10 merges every misspelling
#: there and no wrong agency.
AGENCY_CHARS_PER_EDIT = 10
#: Names within this many edits beyond the allowance go to review.
AGENCY_REVIEW_EXTRA_EDITS = 1
#: None: a partial match never sends a buyer to review, since any "X Public Security Bureau" contains
#: the generic words of every listed bureau.
AGENCY_REVIEW_PARTIAL_SCORE = None
#: Shorter names (abbreviations: PNP, ZRP, ICE) merge only on an exact match.
AGENCY_MIN_FUZZY_LENGTH = 8
AGENCY_RULE = FuzzyRule(AGENCY_CHARS_PER_EDIT, AGENCY_REVIEW_EXTRA_EDITS, AGENCY_REVIEW_PARTIAL_SCORE,
                        AGENCY_MIN_FUZZY_LENGTH)
#: A distinctive word of the agency (a place, "Homeland") may differ by one edit per this many
#: letters, with no minimum of one: "Xinjang" (8 letters) is Xinjiang, while "Hunan"/"Henan" and
#: "Beijing"/"Nanjing" stay apart.
CORE_CHARS_PER_EDIT = 6
#: Words that do not tell agencies apart, besides the words of organisations.yaml's agency_heads_en.
FILLER_WORDS = frozenset({"of", "the", "and", "municipal", "provincial", "prefecture", "regional"})

#: Abbreviations written out before comparing English names.
ABBREVIATIONS = {"dept": "department", "govt": "government", "natl": "national", "&": "and"}

_CJK = re.compile(r"[\u3400-\u9fff]")
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class AgencyResolution:
    agency_id: str | None
    name: str  # the canonical name, in the script of the buyer as written; else the buyer unchanged
    score: float
    method: str  # exact | local | fuzzy | judgement | review | none
    candidate: str | None = None  # for review: the agency id it nearly matched


def is_chinese(name: str) -> bool:
    return bool(_CJK.search(name))


@lru_cache(maxsize=4096)
def chinese_agency_key(name: str) -> str:
    """The stable key of a Chinese agency name: simplified, and every place in it written out in full
    (营口公安局 and 营口市公安局 -> name:营口市公安局). Judgements still name a spelling as written."""
    text = "".join(to_simplified(unicodedata.normalize("NFKC", name)).split())
    for place in sorted((p for p in find_places(text) if p.adcode), key=lambda p: -p.start):
        text = text[:place.start] + place.name + text[place.end:]
    return name_key(text)


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    heads = load_knowledge_base().organisations.agency_heads_en
    return FILLER_WORDS | {w for head in heads for w in fold_name(head).split()}


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[tuple[str, str], str], dict[str, str]]:
    """Exact keys (a key two agencies share is dropped), local keys by (key, country), fuzzy keys."""
    exact: dict[str, str] = {}
    ambiguous: set[str] = set()
    local: dict[tuple[str, str], str] = {}
    fuzzy: dict[str, str] = {}
    for agency in load_knowledge_base().agencies:
        for name in agency.names():
            for key in _keys(name):
                if exact.get(key, agency.id) != agency.id:
                    ambiguous.add(key)
                exact[key] = agency.id
            if not is_chinese(name):
                fuzzy.setdefault(fold_name(_english(name)), agency.id)
        for name in agency.local_aliases:
            local.update({(key, agency.country): agency.id for key in _keys(name)})
    return {k: v for k, v in exact.items() if k not in ambiguous}, local, fuzzy


def _english(name: str) -> str:
    """An English agency name without a trailing abbreviation in brackets ("... Police (ZRP)"), with
    "&" and common abbreviations written out."""
    name = _TRAILING_PARENTHESIS.sub("", name) or name
    return " ".join(ABBREVIATIONS.get(w.casefold().rstrip("."), w) for w in name.replace("&", " & ").split())


def _keys(name: str) -> tuple[str, ...]:
    if is_chinese(name):
        return (chinese_agency_key(name),)
    name = _english(name)
    return tuple(k for k in (fold_name(name), normalise_name(name)) if k)


def _keeps_distinctive_words(written: str, known: str) -> bool:
    """Every distinctive word of the known name is within its edit allowance of a word written."""
    words = fold_name(written).split()
    for word in (w for w in known.split() if w not in _generic_words()):
        if not any(DamerauLevenshtein.distance(word, w) <= len(word) // CORE_CHARS_PER_EDIT for w in words):
            return False
    return True


def _match(name: str, country: str | None) -> tuple[str | None, float, str]:
    exact, local, fuzzy = _index()
    for key in _keys(name):
        if key in exact:
            return exact[key], 100.0, "exact"
        if country and (key, country) in local:
            return local[(key, country)], 100.0, "local"
    if is_chinese(name):
        return None, 0.0, "none"
    found = fuzzy_match(fold_name(_english(name)), fuzzy, AGENCY_RULE)
    if found.method == "fuzzy" and not _keeps_distinctive_words(name, found.matched):
        return found.entity_id, found.score, "review"
    return found.entity_id, found.score, found.method


def canonical_name(agency: Agency, written: str) -> str:
    """The agency's name in the script the buyer was written in."""
    return agency.name_zh if is_chinese(written) and agency.name_zh else agency.name


def resolve_agency(name: str, country: str | None = None, kb: KnowledgeBase | None = None,
                   decisions: Decisions | None = None) -> AgencyResolution:
    """The canonical agency of the buyer ``name`` (in a fact placed in ``country``, if known)."""
    kb = kb or load_knowledge_base()
    if not normalise_name(name):
        return AgencyResolution(None, name, 0.0, "none")
    agency_id, score, method = _match(name, country)
    if agency_id and country and kb.agency(agency_id).country != country:
        agency_id, method = None, "none"
    merged = agency_id if method in ("exact", "local", "fuzzy") else None
    if decisions is not None:
        judged = decisions.entity_of(merged, name)
        if judged != (merged or name_key(name)):
            if judged and not judged.startswith("name:"):
                return AgencyResolution(judged, canonical_name(kb.agency(judged), name), 100.0, "judgement")
            return AgencyResolution(None, name, 0.0, "judgement")
    if merged:
        return AgencyResolution(merged, canonical_name(kb.agency(merged), name), score, method)
    if method == "review":
        return AgencyResolution(None, name, score, "review", candidate=agency_id)
    return AgencyResolution(None, name, 0.0, "none")
