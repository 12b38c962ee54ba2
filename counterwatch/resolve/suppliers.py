"""Resolving supplier names to the knowledge base's canonical suppliers.

Exact names and aliases are matched during extraction; here the remaining names (found by NER or by
Chinese company patterns) are compared with every known name after folding (exact match), then by
edit distance (misspellings). A name a few edits further off, or one that contains a supplier's name
among other words ("Dahua Security Services"), is not merged: it keeps no supplier id and is queued
for an analyst (``method == "review"``, with the candidate).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from counterwatch.knowledge.registry import KnowledgeBase, load_knowledge_base
from counterwatch.resolve.judgements import Decisions
from counterwatch.resolve.matching import FuzzyRule, fuzzy_match
from counterwatch.resolve.names import chinese_core, fold_name, name_key, normalise_name

#: A misspelling merges when its edit distance (Damerau-Levenshtein: a swap of two letters is one edit)
#: to a known name is at most one edit per this many characters, and at least one. Set on
#: bench/data/name_variants.yaml (bench/resolution.py): one edit in eight keeps "Verity Systems" and
#: "Sandvik" apart from "Verint Systems" and "Sandvine" while "Tahles" and "Hikvisioon" still merge.
CHARS_PER_EDIT = 8
#: Names within this many edits beyond the merge allowance go to the review queue instead.
REVIEW_EXTRA_EDITS = 1
#: A name that contains a known name among other words (rapidfuzz partial token score, 0-100) at or
#: above this goes to the review queue: often a subsidiary or namesake the knowledge base lacks.
REVIEW_PARTIAL_SCORE = 90
#: Names shorter than this (after folding) are only merged on an exact match: one edit in four
#: letters turns one firm into another ("NEC" vs "ZTE", "Axon" vs "Avon").
MIN_FUZZY_LENGTH = 5
SUPPLIER_RULE = FuzzyRule(CHARS_PER_EDIT, REVIEW_EXTRA_EDITS, REVIEW_PARTIAL_SCORE, MIN_FUZZY_LENGTH)


@dataclass(frozen=True)
class Resolution:
    supplier_id: str | None
    name: str
    score: float  # similarity 0-100 of the best match
    method: str  # exact | fuzzy | judgement | review | none
    candidate: str | None = None  # for review: the supplier id the name nearly matched


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, str]]:
    """Exact keys (folded and normalised names; a normalised key two suppliers share is dropped) and
    fuzzy keys (folded names), each to its supplier id."""
    kb = load_knowledge_base()
    exact: dict[str, str] = {}
    fuzzy: dict[str, str] = {}
    ambiguous: set[str] = set()
    for supplier in kb.suppliers:
        for name in kb.supplier_names(supplier):
            core = chinese_core(name)
            for key in (fold_name(name), fold_name(core) if len(core) >= 2 else ""):
                if key:
                    fuzzy.setdefault(key, supplier.id)
            for key in (normalise_name(name), normalise_name(core) if len(core) >= 2 else ""):
                if key and exact.get(key, supplier.id) != supplier.id:
                    ambiguous.add(key)
                elif key:
                    exact[key] = supplier.id
    exact = {k: v for k, v in exact.items() if k not in ambiguous}
    return fuzzy | exact, fuzzy


def _match(name: str) -> tuple[str | None, float, str]:
    exact, fuzzy = _index()
    for key in (fold_name(name), normalise_name(name), normalise_name(chinese_core(name))):
        if key in exact:
            return exact[key], 100.0, "exact"
    found = fuzzy_match(fold_name(name), fuzzy, SUPPLIER_RULE)
    return found.entity_id, found.score, found.method


def resolve_supplier(name: str, kb: KnowledgeBase | None = None,
                     decisions: Decisions | None = None) -> Resolution:
    """The canonical supplier of ``name``; analyst judgements (``decisions``) override the matcher."""
    kb = kb or load_knowledge_base()
    if not normalise_name(name):
        return Resolution(None, name, 0.0, "none")
    supplier_id, score, method = _match(name)
    merged = supplier_id if method in ("exact", "fuzzy") else None
    if decisions is not None:
        judged = decisions.entity_of(merged, name)
        if judged != (merged or name_key(name)):
            if judged and not judged.startswith("name:"):
                return Resolution(judged, kb.supplier(judged).name, 100.0, "judgement")
            return Resolution(None, name, 0.0, "judgement")
    if merged:
        return Resolution(merged, kb.supplier(merged).name, score, method)
    if method == "review":
        return Resolution(None, name, score, "review", candidate=supplier_id)
    return Resolution(None, name, 0.0, "none")
