"""Analyst judgements on entities (merge, split, undo), kept append-only: a judgement is never changed
or deleted; undoing one records another. Resolution reads them as :class:`Decisions`."""
from __future__ import annotations

import getpass
from datetime import datetime

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterwatch.resolve.judgements import KINDS, Decisions, Judgement
from counterwatch.store.schema import Base, utcnow


class JudgementRow(Base):
    """One analyst judgement: who made it, when, and on which entity keys."""

    __tablename__ = "judgements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # merge | split | undo
    subject: Mapped[str] = mapped_column(Text)
    other: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


def record_judgement(session: Session, kind: str, subject: str, other: str = "", by: str | None = None,
                     note: str = "") -> JudgementRow:
    if kind not in KINDS:
        raise ValueError(f"unknown judgement kind {kind!r}")
    if kind == "undo" and session.get(JudgementRow, int(subject)) is None:
        raise ValueError(f"no judgement #{subject} to undo")
    row = JudgementRow(kind=kind, subject=subject, other=other, by=by or current_user(), at=utcnow(), note=note)
    session.add(row)
    session.flush()
    return row


def list_judgements(session: Session) -> list[Judgement]:
    rows = session.scalars(select(JudgementRow).order_by(JudgementRow.id))
    return [Judgement(r.id, r.kind, r.subject, r.other, r.by, r.at, r.note) for r in rows]


def load_decisions(session: Session) -> Decisions:
    return Decisions(list_judgements(session))
