"""Trend figures over stored facts, as analysts of procurement data count them: money spent (awarded and
contracted amounts) and money budgeted, kept apart, and the number of notices (source documents), grouped
by year, province, technology, supplier, status or country.

One notice often yields several facts with the same amount (one per technology it buys); an amount is
counted once per group for each document, supplier and value, so a notice's award is not summed twice
within one group. Across technology groups it counts in each technology it paid for.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from counterwatch.store.schema import FactRow

#: Dimensions a table can be grouped by, each read off a stored fact.
DIMENSIONS = {
    "year": lambda row: row.year,
    "province": lambda row: row.region,
    "technology": lambda row: row.technology,
    "supplier": lambda row: row.supplier,
    "status": lambda row: row.status,
    "country": lambda row: row.country,
}
#: Amount kinds that are money spent, and those that are money planned.
SPENT_KINDS = ("award", "contract")
BUDGET_KINDS = ("budget", "ceiling")
#: Statuses under which an amount of no stated kind is money spent (a reported contract value).
SPENT_STATUSES = ("awarded", "contracted", "deployed")


@dataclass
class Group:
    key: tuple
    documents: set[int] = field(default_factory=set)
    facts: int = 0
    spent: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    budget: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    _seen: set[tuple] = field(default_factory=set)

    @property
    def notices(self) -> int:
        return len(self.documents)


def amount_class(row: FactRow) -> str | None:
    """'spent', 'budget' or None for a fact's amount."""
    if row.amount is None or not row.currency:
        return None
    if row.amount_kind in SPENT_KINDS:
        return "spent"
    if row.amount_kind in BUDGET_KINDS:
        return "budget"
    return "spent" if row.status in SPENT_STATUSES else None


def group_facts(rows: Iterable[FactRow], by: list[str]) -> list[Group]:
    """Groups in key order (unknown values, shown as None, last)."""
    unknown = set(by) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimension(s): {', '.join(sorted(unknown))}")
    groups: dict[tuple, Group] = {}
    for row in rows:
        key = tuple(DIMENSIONS[d](row) for d in by)
        group = groups.setdefault(key, Group(key))
        group.documents.add(row.document_id)
        group.facts += 1
        kind = amount_class(row)
        seen = (row.document_id, row.supplier, kind, row.amount, row.currency)
        if kind is None or seen in group._seen:
            continue
        group._seen.add(seen)
        (group.spent if kind == "spent" else group.budget)[row.currency] += row.amount
    return sorted(groups.values(), key=lambda g: tuple((v is None, str(v) if v is not None else "") for v in g.key))


def money(values: dict[str, float]) -> str:
    """'1,250,000 CNY; 3,000 USD' (currencies in alphabetical order), '' when there is none."""
    return "; ".join(f"{values[c]:,.0f} {c}" for c in sorted(values) if values[c])


def main_currency(groups: list[Group]) -> str | None:
    """The currency with the most money across the groups (a chart shows one currency)."""
    totals: dict[str, float] = defaultdict(float)
    for g in groups:
        for c, v in list(g.spent.items()) + list(g.budget.items()):
            totals[c] += v
    return max(totals, key=totals.get) if totals else None
