"""The fuzzy rule shared by supplier and agency resolution: a misspelling merges within a number of edits
that grows with the name's length; a few edits further, or a known name inside a longer one, goes to
review. Each kind of entity passes its own thresholds (:class:`FuzzyRule`)."""
from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein


@dataclass(frozen=True)
class FuzzyRule:
    chars_per_edit: int  # one Damerau-Levenshtein edit allowed per this many characters (at least one)
    review_extra_edits: int  # edits beyond the allowance that still send a name to review
    review_partial_score: float | None  # rapidfuzz partial token score (0-100) that sends a name to
    # review; None: partial matches never do
    min_fuzzy_length: int  # shorter names merge only on an exact match

    def allowed_edits(self, key: str) -> int:
        return max(1, len(key) // self.chars_per_edit)


@dataclass(frozen=True)
class FuzzyMatch:
    entity_id: str | None
    score: float  # similarity 0-100
    method: str  # fuzzy | review | none
    matched: str = ""  # the known (folded) name it came closest to


NO_MATCH = FuzzyMatch(None, 0.0, "none")


def fuzzy_match(key: str, known: dict[str, str], rule: FuzzyRule) -> FuzzyMatch:
    """The closest of the ``known`` folded names (name -> entity id) to the folded name ``key``."""
    if len(key) < rule.min_fuzzy_length:
        return NO_MATCH
    keys = list(known)
    allowed = rule.allowed_edits(key)
    best = process.extractOne(key, keys, scorer=DamerauLevenshtein.distance,
                              score_cutoff=allowed + rule.review_extra_edits)
    if best:
        similarity = 100.0 * DamerauLevenshtein.normalized_similarity(key, best[0])
        return FuzzyMatch(known[best[0]], similarity, "fuzzy" if best[1] <= allowed else "review", best[0])
    if rule.review_partial_score is None:
        return NO_MATCH
    partial = process.extractOne(key, keys, scorer=fuzz.partial_token_ratio, score_cutoff=rule.review_partial_score)
    if partial and len(partial[0]) >= rule.min_fuzzy_length:
        return FuzzyMatch(known[partial[0]], float(partial[1]), "review", partial[0])
    return NO_MATCH
