"""Analyst review of facts, kept as append-only events.

A reviewer confirms, rejects or corrects a fact, always with a note. Events are only ever added: the
machine's original fact row is never changed, and a fact's current view is the original with the
latest correction laid over it. Each event keeps who, when, the values before and the values after.
Recording one also updates the fact's row in fact_current (summary.py), its review state and effective
values, which the atlas's filters, facets and exports read.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

import pycountry
from sqlalchemy import JSON, ForeignKey, Index, String, Text, cast, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterwatch.model import STATUSES, TECHNOLOGIES
from counterwatch.store.accounts import UserRow
from counterwatch.store.schema import Base, FactRow, utcnow
from counterwatch.store.summary import FIELDS, FactCurrentRow, set_current

#: Review actions and the state each leaves a fact in.
ACTIONS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
#: Review states a fact can be filtered by.
REVIEW_STATES = ("unreviewed", "confirmed", "rejected", "corrected")
#: Fields a reviewer may correct, in the order the form shows them.
EDITABLE = ("technology", "supplier", "buyer", "country", "region", "place", "program", "year", "status",
            "amount", "currency", "quantity", "unit", "targets")
#: Longest review note kept, in characters: room for a paragraph of reasoning with a source link.
MAX_NOTE_CHARS = 2000
#: Years a corrected fact may carry: surveillance procurement in our sources starts in the 1990s; the
#: bounds are wide enough for any real source and reject typing slips such as 20199.
YEAR_RANGE = (1950, 2100)


class ReviewError(ValueError):
    """A review cannot be recorded: the message says why, ``field`` names the input at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class ReviewEventRow(Base):
    __tablename__ = "review_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    # SET NULL, not CASCADE: when re-ingesting replaces a fact, its review history stays (with its key).
    fact_id: Mapped[int | None] = mapped_column(ForeignKey("facts.id", ondelete="SET NULL"))
    deployment_key: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text)
    before: Mapped[dict] = mapped_column(JSON, default=dict)
    after: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (Index("ix_review_events_fact_id_id", "fact_id", "id"),)


def _clean(field: str, value: Any) -> Any:
    """A submitted value in the type the fact model uses; ReviewError if it cannot be one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if field == "technology":
            raise ReviewError("technology cannot be empty", field)
        if field == "status":
            raise ReviewError("status cannot be empty", field)
        return [] if field == "targets" else None
    text = value.strip() if isinstance(value, str) else value
    if field == "technology" and text not in TECHNOLOGIES:
        raise ReviewError(f"unknown technology {text!r}", field)
    if field == "status" and text not in STATUSES:
        raise ReviewError(f"unknown status {text!r}", field)
    if field == "country":
        if not isinstance(text, str) or pycountry.countries.get(alpha_2=text.upper()) is None:
            raise ReviewError(f"{text!r} is not an ISO 3166-1 alpha-2 code", field)
        return text.upper()
    if field == "year":
        try:
            year = int(text)
        except (TypeError, ValueError):
            raise ReviewError(f"year {text!r} is not a number", field) from None
        if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            raise ReviewError(f"year {year} is out of range", field)
        return year
    if field in ("amount", "quantity"):
        try:
            return float(text)
        except (TypeError, ValueError):
            raise ReviewError(f"{field} {text!r} is not a number", field) from None
    if field == "currency":
        return str(text).upper()[:3]
    if field == "targets":
        items = text if isinstance(text, list) else str(text).split(",")
        return sorted({str(t).strip() for t in items if str(t).strip()})
    return str(text)


def events_for(session: Session, fact_id: int) -> list[ReviewEventRow]:
    return list(session.scalars(select(ReviewEventRow).where(ReviewEventRow.fact_id == fact_id)
                                .order_by(ReviewEventRow.id)))


def current_view(original: dict, events: list[ReviewEventRow]) -> dict:
    """The fact as the atlas shows it: the original fields, the latest correction laid over them, the
    review state and the untouched machine values under ``original``."""
    view = dict(original)
    corrections = [e for e in events if e.action == "correct"]
    if corrections:
        view.update(corrections[-1].after)
    view["review_state"] = ACTIONS[events[-1].action] if events else "unreviewed"
    view["original"] = {field: original.get(field) for field in EDITABLE}
    return view


def record_review(session: Session, fact: FactRow, original: dict, user_id: int, action: str, note: str,
                  changes: dict[str, Any] | None = None) -> ReviewEventRow:
    """Append one review event. ``original`` is the fact as fact_as_dict gives it; ``changes`` (for a
    correction) maps editable fields to submitted values; unchanged values are ignored."""
    if action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}", "action")
    note = (note or "").strip()
    if not note:
        raise ReviewError("a review needs a note", "note")
    events = events_for(session, fact.id)
    view = current_view(original, events)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if action == "correct":
        unknown = set(changes or {}) - set(EDITABLE)
        if unknown:
            raise ReviewError(f"fields that cannot be corrected: {', '.join(sorted(unknown))}", "fields")
        for field, value in (changes or {}).items():
            new = _clean(field, value)
            if new != view.get(field):
                before[field], after[field] = view.get(field), new
        if not after:
            raise ReviewError("a correction must change at least one field", "fields")
        previous = [e for e in events if e.action == "correct"]
        after = {**(previous[-1].after if previous else {}), **after}
    event = ReviewEventRow(fact_id=fact.id, deployment_key=fact.deployment_key, user_id=user_id, action=action,
                           note=note[:MAX_NOTE_CHARS], before=before, after=after)
    session.add(event)
    session.flush()
    refresh_current(session, fact.id)
    return event


def corrected(machine: dict, correction: dict) -> dict:
    """``machine`` (a fact's values) with ``correction`` (the latest correction's values) laid over it.
    A corrected supplier or buyer name loses the machine's knowledge-base id, a corrected place its
    coordinates: both belonged to the old value."""
    values = {**machine, **correction}
    for name, derived in (("supplier", ("supplier_id",)), ("buyer", ("buyer_id",)),
                          ("place", ("latitude", "longitude"))):
        if name in correction and correction[name] != machine.get(name):
            values.update(dict.fromkeys(d for d in derived if d in values))
    return values


def effective_values(machine: dict, correction: dict) -> dict:
    """The fact's FIELDS as the atlas shows them."""
    values = corrected({field: machine.get(field) for field in FIELDS}, correction)
    return {field: values[field] for field in FIELDS}


def latest_corrections(session: Session) -> dict[int, dict]:
    """Fact id -> its latest correction's values (each correction carries the earlier ones forward)."""
    rows = session.execute(select(ReviewEventRow.fact_id, ReviewEventRow.after)
                           .where(ReviewEventRow.action == "correct", ReviewEventRow.fact_id.is_not(None))
                           .order_by(ReviewEventRow.id))
    return {fact_id: after for fact_id, after in rows}


def refresh_current(session: Session, fact_id: int) -> None:
    """Bring the fact's fact_current row in line with its review events (and the counts with it)."""
    events = events_for(session, fact_id)
    facts = FactRow.__table__
    machine = session.execute(select(cast(facts.c.targets, Text).label("targets"),
                                     *(facts.c[f] for f in FIELDS)).where(facts.c.id == fact_id)).mappings().first()
    if not events or machine is None:
        return
    corrections = [e for e in events if e.action == "correct"]
    current = session.get(FactCurrentRow, fact_id)
    old = {f: getattr(current, f) for f in FIELDS} if current else dict(machine)
    set_current(session, fact_id, ACTIONS[events[-1].action], old,
                effective_values(dict(machine), corrections[-1].after if corrections else {}), machine["targets"])


def history(session: Session, fact_id: int) -> list[dict]:
    rows = session.execute(select(ReviewEventRow, UserRow.name).join(UserRow, UserRow.id == ReviewEventRow.user_id)
                           .where(ReviewEventRow.fact_id == fact_id).order_by(ReviewEventRow.id))
    return [{"id": e.id, "action": e.action, "state": ACTIONS[e.action], "user": name, "note": e.note,
             "before": e.before, "after": e.after, "at": e.created_at.isoformat(timespec="seconds") + "Z"}
            for e, name in rows]


def review_condition(state: str):
    """A WHERE clause on facts for one review state (read from fact_current's state index)."""
    if state == "unreviewed":
        return FactRow.id.not_in(select(FactCurrentRow.fact_id))
    if state not in ACTIONS.values():
        raise ReviewError(f"review state must be one of {', '.join(REVIEW_STATES)}")
    return FactRow.id.in_(select(FactCurrentRow.fact_id).where(FactCurrentRow.state == state))


def review_states(session: Session, fact_ids: list[int]) -> dict[int, str]:
    """Review state of each of ``fact_ids`` (missing ids are unreviewed)."""
    if not fact_ids:
        return {}
    return dict(session.execute(select(FactCurrentRow.fact_id, FactCurrentRow.state)
                                .where(FactCurrentRow.fact_id.in_(fact_ids))).all())


def reviewed_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(FactCurrentRow)) or 0
