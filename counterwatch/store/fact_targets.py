"""The target communities of each fact as rows of their own, written beside the fact.

A fact keeps its targets as a JSON list (exports read it); this table holds the same terms one per row so
that the target filter and the target facet read an index instead of parsing every fact's JSON.
"""
from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from counterwatch.store.schema import Base


class FactTargetRow(Base):
    __tablename__ = "fact_targets"
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True)
    target: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


def target_rows(fact_id: int, targets: list[str] | None) -> list[dict]:
    """Rows for one fact's targets (each term once)."""
    return [dict(fact_id=fact_id, target=str(t)) for t in dict.fromkeys(targets or []) if t]
