"""The target communities of each fact as rows of their own, written beside the fact.

A fact keeps its targets as a JSON list (exports read it); this table holds the same terms one per row so
that the target filter and the target facet read an index instead of parsing every fact's JSON. For a fact
whose targets an analyst corrected it holds the corrected terms (store.summary.set_current rewrites them):
the atlas filters and counts by what it shows, while the fact's JSON keeps the machine's terms.
"""
from __future__ import annotations

from sqlalchemy import ForeignKey, String, delete, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterwatch.store.schema import Base


class FactTargetRow(Base):
    __tablename__ = "fact_targets"
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True)
    target: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


def target_rows(fact_id: int, targets: list[str] | None) -> list[dict]:
    """Rows for one fact's targets (each term once)."""
    return [dict(fact_id=fact_id, target=str(t)) for t in dict.fromkeys(targets or []) if t]


def terms_of(session: Session, fact_id: int) -> set[str]:
    return set(session.scalars(select(FactTargetRow.target).where(FactTargetRow.fact_id == fact_id)))


def replace_terms(session: Session, fact_id: int, terms: list[str]) -> None:
    """Make ``terms`` the fact's rows (a correction of its targets)."""
    session.execute(delete(FactTargetRow).where(FactTargetRow.fact_id == fact_id))
    if terms:
        session.execute(insert(FactTargetRow), target_rows(fact_id, terms))
