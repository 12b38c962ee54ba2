"""Grouping per-document facts into deployments: one deployment per supplier (or origin), technology,
country and place, split where reported years are too far apart. Pure functions; the store feeds them.

A deployment counts its independent sources (documents, a near-duplicate counting as its original)
and keeps conflicting values side by side: two amounts in one currency, or two years, are flagged,
never averaged.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from itertools import groupby

#: Facts whose years differ by at most this many years can describe one deployment (a tender one year,
#: the award or installation the next); further apart they are separate phases or projects.
YEAR_TOLERANCE = 1
#: Grid (degrees) on which precise coordinates are compared: about 11 km, so "Kashgar" and "喀什市"
#: (geocoded 300 m apart) fall in one cell while neighbouring cities do not.
PLACE_GRID_DEGREES = 0.1
#: Two amounts in one currency within this relative difference are the same figure, rounded.
AMOUNT_TOLERANCE = 0.01


@dataclass(frozen=True)
class FactPoint:
    """What grouping needs of one stored fact."""

    fact_id: int
    source: int  # the document, or the original it is a near-duplicate of
    entity: str  # entity key after judgements, "origin:XX" without a supplier, or ""
    technology: str
    country: str | None
    place: str  # from place_key()
    year: int | None
    amount: float | None = None
    currency: str | None = None


@dataclass
class Cluster:
    id: str
    entity: str
    technology: str
    country: str | None
    place: str
    facts: list[FactPoint] = field(default_factory=list)

    @property
    def sources(self) -> int:
        return len({p.source for p in self.facts})

    @property
    def years(self) -> list[int]:
        return sorted({p.year for p in self.facts if p.year is not None})

    def conflicts(self) -> dict[str, list]:
        """Values that sources report differently: amounts per currency, and years."""
        found: dict[str, list] = {}
        amounts = sorted((p.currency or "", p.amount, p.fact_id) for p in self.facts if p.amount is not None)
        distinct: list[dict] = []
        for currency, group in groupby(amounts, key=lambda a: a[0]):
            values: list[dict] = []
            for _, amount, fact_id in group:
                same = next((v for v in values if abs(v["amount"] - amount) <= AMOUNT_TOLERANCE * max(v["amount"], amount)), None)
                if same is None:
                    values.append({"amount": amount, "currency": currency or None, "facts": [fact_id]})
                else:
                    same["facts"].append(fact_id)
            if len(values) > 1:
                distinct += values
        if distinct:
            found["amount"] = distinct
        if len(self.years) > 1:
            found["year"] = self.years
        return found


def place_key(place: str | None, latitude: float | None, longitude: float | None, precision: str | None) -> str:
    """Where a fact happened, comparably across languages: a grid cell for geocoded places, the folded
    place name otherwise, "country" for facts placed only at their country."""
    if latitude is not None and longitude is not None and precision != "country" and place:
        return f"cell:{round(latitude / PLACE_GRID_DEGREES)}:{round(longitude / PLACE_GRID_DEGREES)}"
    if place:
        return "name:" + unicodedata.normalize("NFKC", place).casefold().strip()
    return "country"


def _cluster_id(group: tuple, anchor: str) -> str:
    return hashlib.sha1("\x1f".join(map(str, (*group, anchor))).encode("utf-8")).hexdigest()


def cluster(points: list[FactPoint]) -> list[Cluster]:
    """Deployments of the given facts; deterministic for the same input."""
    groups: dict[tuple, list[FactPoint]] = {}
    for point in points:
        groups.setdefault((point.entity, point.technology, point.country or "", point.place), []).append(point)
    clusters: list[Cluster] = []
    for group, members in sorted(groups.items()):
        dated = sorted((p for p in members if p.year is not None), key=lambda p: (p.year, p.fact_id))
        undated = sorted((p for p in members if p.year is None), key=lambda p: p.fact_id)
        made: list[Cluster] = []
        for point in dated:
            if not made or point.year - made[-1].facts[0].year > YEAR_TOLERANCE:
                made.append(Cluster(_cluster_id(group, str(point.year)), group[0], group[1], group[2] or None, group[3]))
            made[-1].facts.append(point)
        if len(made) == 1:
            made[0].facts += undated  # one dated deployment: undated reports are of it
        elif undated:
            made.append(Cluster(_cluster_id(group, "undated"), group[0], group[1], group[2] or None, group[3], undated))
        clusters += made
    return clusters
