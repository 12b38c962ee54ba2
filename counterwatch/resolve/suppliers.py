"""Resolving supplier names to the knowledge base's canonical suppliers.

Exact names and aliases are matched during extraction; here the remaining names (found by NER or by
Chinese company patterns) are compared with every known name after normalisation, then by fuzzy matching.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from counterwatch.knowledge.registry import KnowledgeBase, load_knowledge_base

#: Fuzzy score (rapidfuzz token_sort_ratio, 0-100) at or above which a name is merged with a known
#: supplier without review. Chosen so that spelling variants ("Hik Vision", "Hikvison") merge while
#: distinct firms sharing a word ("Dahua" vs "Dahua Security Services") do not.
SURE_MATCH_SCORE = 92
#: Names shorter than this (after normalisation) are only merged on an exact match: fuzzy scores on
#: short strings are unreliable ("NEC" vs "ZTE").
MIN_FUZZY_LENGTH = 5

_EN_SUFFIXES = re.compile(r"\b(?:co|company|corp|corporation|inc|incorporated|ltd|limited|llc|plc|gmbh|ag|sa|"
                          r"group|holdings?|technology|technologies|tech|digital|the)\b\.?", re.I)
_ZH_SUFFIXES = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团|公司)$")
_ZH_PLACE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:省|市)")


def normalise_name(name: str) -> str:
    """Case, width, punctuation and legal-form folding, for comparing organisation names."""
    value = unicodedata.normalize("NFKC", name).casefold()
    value = _ZH_SUFFIXES.sub("", value)
    value = _EN_SUFFIXES.sub(" ", value)
    value = re.sub(r"[^\w]+", " ", value)
    return " ".join(value.split())


@dataclass(frozen=True)
class Resolution:
    supplier_id: str | None
    name: str
    score: float
    method: str  # exact | fuzzy | none


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], list[str], list[str]]:
    kb = load_knowledge_base()
    exact: dict[str, str] = {}
    for supplier in kb.suppliers:
        for name in kb.supplier_names(supplier):
            key = normalise_name(name)
            if key:
                exact.setdefault(key, supplier.id)
            stripped = _ZH_PLACE_PREFIX.sub("", _ZH_SUFFIXES.sub("", name))
            if stripped != name and len(stripped) >= 2:
                exact.setdefault(normalise_name(stripped), supplier.id)
    keys = list(exact)
    return exact, keys, [exact[k] for k in keys]


def resolve_supplier(name: str, kb: KnowledgeBase | None = None) -> Resolution:
    kb = kb or load_knowledge_base()
    exact, keys, ids = _index()
    key = normalise_name(name)
    if not key:
        return Resolution(None, name, 0.0, "none")
    if key in exact:
        return Resolution(exact[key], kb.supplier(exact[key]).name, 100.0, "exact")
    if len(key) >= MIN_FUZZY_LENGTH:
        best = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=SURE_MATCH_SCORE)
        if best:
            supplier_id = ids[best[2]]
            return Resolution(supplier_id, kb.supplier(supplier_id).name, float(best[1]), "fuzzy")
    return Resolution(None, name, 0.0, "none")
