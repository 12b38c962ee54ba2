"""Figures of the whole atlas kept up to date at write time, and each reviewed fact's effective values.

``atlas_counts`` holds, for every facet and chart of the unfiltered atlas and of each country's and
program's selection (the largest ones: a country or a program can hold a third of the facts), the number
of facts per value (supplier, year and technology, supplier-country link ...), so that no request counts
100,000 facts. Database triggers (migration 0006_atlas) append each inserted or deleted fact (with its
target terms) to ``atlas_changes``, whatever wrote it (the writer's bulk inserts, a document's cascade
delete); a before_commit listener folds that log into the counts once per transaction and bumps ``atlas_state``'s
version, which the atlas's aggregate cache is keyed by.

``fact_current`` holds the values the atlas shows for each reviewed fact: the machine's values with the
latest correction laid over them (the facts and review_events rows stay untouched). Filters read it with
indexed conditions (see queries.FactFilter); recording a review updates it and logs the change of
counts (old values out, new values in). Corrected targets go to fact_targets (see set_current).
"""
from __future__ import annotations

import json
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import (ColumnElement, Float, Index, Integer, String, Text, cast, delete, event, func, inspect,
                        select, update)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterwatch.store.fact_targets import FactTargetRow, replace_terms, terms_of
from counterwatch.store.schema import Base, FactRow

#: The fact fields the atlas filters and counts by, as the facts table and fact_current name them.
FIELDS = ("technology", "supplier", "supplier_id", "buyer", "buyer_id", "country", "place", "program", "year",
          "status", "latitude", "longitude")
#: Filters whose single-value selections are counted in advance (dimension names "country.supplier" ...).
#: Supplier and buyer pages match a name or an id and select few facts: they are counted per request.
ENTITY_FIELDS = ("country", "program")
#: Count rows written per statement and deleted fact ids per IN (...): bounds statement size when a bulk
#: load logs a million changes in one transaction.
FOLD_BATCH = 50_000


class AtlasCountRow(Base):
    """Facts per value (``a``) or combination of values (``a``, ``b``, ``c``; "" for none) of one dimension;
    place rows also sum the coordinates of their located facts, so that a marker sits at their mean."""

    __tablename__ = "atlas_counts"
    dims: Mapped[str] = mapped_column(String(40), primary_key=True)
    a: Mapped[str] = mapped_column(Text, primary_key=True)
    b: Mapped[str] = mapped_column(Text, primary_key=True)
    c: Mapped[str] = mapped_column(Text, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    located: Mapped[int] = mapped_column(Integer, default=0)
    lat_sum: Mapped[float] = mapped_column(Float, default=0.0)
    lon_sum: Mapped[float] = mapped_column(Float, default=0.0)
    # Top values of a dimension (the strongest links, the largest suppliers) read in count order.
    __table_args__ = (Index("ix_atlas_counts_dims_n", "dims", "n"),)


class AtlasChangeRow(Base):
    """One fact (its effective values and its targets' JSON text) added (+1) or removed (-1) since the
    counts were last folded. Written by the triggers and by record_review; emptied at commit."""

    __tablename__ = "atlas_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sign: Mapped[int] = mapped_column(Integer)
    fact_id: Mapped[int] = mapped_column(Integer)
    targets: Mapped[str | None] = mapped_column(Text)
    technology: Mapped[str | None] = mapped_column(String(40))
    supplier: Mapped[str | None] = mapped_column(Text)
    supplier_id: Mapped[str | None] = mapped_column(String(100))
    buyer: Mapped[str | None] = mapped_column(Text)
    buyer_id: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    place: Mapped[str | None] = mapped_column(Text)
    program: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str | None] = mapped_column(String(20))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)


class AtlasStateRow(Base):
    """One row: a version bumped by every change of facts or reviews (the aggregate cache's key)."""

    __tablename__ = "atlas_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class FactCurrentRow(Base):
    """A reviewed fact as the atlas shows it: its review state and effective values. No foreign key: the
    delete trigger reads the row to take the fact's effective values out of the counts; the listener then
    removes it."""

    __tablename__ = "fact_current"
    fact_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(10), index=True)
    technology: Mapped[str | None] = mapped_column(String(40), index=True)
    supplier: Mapped[str | None] = mapped_column(Text, index=True)
    supplier_id: Mapped[str | None] = mapped_column(String(100), index=True)
    buyer: Mapped[str | None] = mapped_column(Text, index=True)
    buyer_id: Mapped[str | None] = mapped_column(String(100), index=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    place: Mapped[str | None] = mapped_column(Text, index=True)
    program: Mapped[str | None] = mapped_column(Text, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str | None] = mapped_column(String(20), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _keys(values: Mapping[str, Any], terms: Iterable[str]) -> list[tuple[str, str, str]]:
    """The (dimension, b, c) counts of a selection that one fact adds to."""
    technology, supplier, buyer = values.get("technology"), values.get("supplier"), values.get("buyer")
    country, year = values.get("country"), values.get("year")
    keys = [("facts", "", ""), ("technology", _text(technology), "")]
    for name in ("supplier", "buyer", "country", "program", "status", "year"):
        if values.get(name) is not None:
            keys.append((name, _text(values[name]), ""))
    keys += [("target", term, "") for term in terms]
    if year is not None:
        keys.append(("timeline", _text(year), _text(technology)))
    if supplier and country:
        keys.append(("supplier_country", supplier, country))
    if supplier and buyer:
        keys.append(("supplier_buyer", supplier, buyer))
    if values.get("place"):
        keys.append(("place", values["place"], _text(country)))
    return keys


def count_keys(values: Mapping[str, Any], terms: Iterable[str] = ()) -> list[tuple[str, str, str, str]]:
    """The (dimension, a, b, c) counts one fact adds to (its effective values and target terms): those
    of the whole atlas ("supplier", a = the supplier) and those of its country's and its program's
    selections ("country.supplier", a = the country, b = the supplier)."""
    keys = _keys(values, terms)
    out = [(dims, b, c, "") for dims, b, c in keys]
    supplier_key = values.get("supplier_id") or values.get("supplier")
    if supplier_key:
        out.append(("supplier_key", supplier_key, "", ""))
    for field in ENTITY_FIELDS:
        if values.get(field):
            out += [(f"{field}.{dims}", values[field], b, c) for dims, b, c in keys]
    return out


def _terms(targets: str | None) -> set[str]:
    return {str(t) for t in json.loads(targets or "[]") if t}


Delta = dict[tuple[str, str, str, str], list]  # key -> [n, located, lat_sum, lon_sum]


def _add(delta: Delta, values: Mapping[str, Any], sign: int) -> None:
    located = values.get("latitude") is not None and values.get("longitude") is not None
    for key in count_keys(values, _terms(values.get("targets"))):
        entry = delta[key]
        entry[0] += sign
        if located and key[0].endswith("place"):
            entry[1] += sign
            entry[2] += sign * values["latitude"]
            entry[3] += sign * values["longitude"]


def _upsert(connection: Connection, delta: Delta) -> None:
    rows = [dict(dims=d, a=a, b=b, c=c, n=n, located=k, lat_sum=lat, lon_sum=lon)
            for (d, a, b, c), (n, k, lat, lon) in delta.items() if n or k]
    if not rows:
        return
    table = AtlasCountRow.__table__
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    for i in range(0, len(rows), FOLD_BATCH):
        stmt = dialect.insert(table)
        stmt = stmt.on_conflict_do_update(index_elements=["dims", "a", "b", "c"], set_={
            name: table.c[name] + stmt.excluded[name] for name in ("n", "located", "lat_sum", "lon_sum")})
        connection.execute(stmt, rows[i:i + FOLD_BATCH])
    connection.execute(delete(table).where(table.c.n <= 0))


def _bump(connection: Connection) -> None:
    state = AtlasStateRow.__table__
    if not connection.execute(update(state).where(state.c.id == 1).values(version=state.c.version + 1)).rowcount:
        connection.execute(state.insert().values(id=1, version=1))


def fold_changes(connection: Connection) -> bool:
    """Fold the change log into the counts; True if there was anything to fold."""
    log = AtlasChangeRow.__table__
    last = connection.scalar(select(func.max(log.c.id)))
    if last is None:
        return False
    delta: Delta = defaultdict(lambda: [0, 0, 0.0, 0.0])
    removed: list[int] = []
    columns = [log.c.sign, log.c.fact_id, log.c.targets, *(log.c[f] for f in FIELDS)]
    for row in connection.execute(select(*columns).where(log.c.id <= last)).mappings():
        _add(delta, row, row["sign"])
        if row["sign"] < 0:
            removed.append(row["fact_id"])
    _upsert(connection, delta)
    current = FactCurrentRow.__table__
    for i in range(0, len(removed), FOLD_BATCH):
        # A deleted fact's effective values left the counts with it; a fact still present was re-counted
        # by a review (its old values out, new ones in) and keeps its row.
        gone = select(current.c.fact_id).where(current.c.fact_id.in_(removed[i:i + FOLD_BATCH])) \
            .where(~select(FactRow.id).where(FactRow.id == current.c.fact_id).exists())
        connection.execute(delete(current).where(current.c.fact_id.in_(gone.scalar_subquery())))
    connection.execute(delete(log).where(log.c.id <= last))
    _bump(connection)
    return True


#: Key in Session.info: this transaction recorded a review (the version must change).
REVIEWED = "counterwatch_atlas_reviewed"


@event.listens_for(Session, "before_commit")
def _fold_before_commit(session: Session) -> None:
    bind = session.get_bind()
    if bind.dialect.name not in ("sqlite", "postgresql"):
        return
    session.flush()
    connection = session.connection()
    if bind not in _READY:
        if not _has_tables(connection):
            return
        _READY[bind] = True
    if not fold_changes(connection) and session.info.pop(REVIEWED, False):
        _bump(connection)
    session.info.pop(REVIEWED, None)


#: Engines whose database has the summary tables (checked until it has: migrating adds them).
_READY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _has_tables(connection: Connection) -> bool:
    """True once migration 0006_atlas has run (a database opened without migrating may lack it)."""
    return inspect(connection).has_table(AtlasStateRow.__tablename__)


@event.listens_for(Session, "after_rollback")
def _forget_review(session: Session) -> None:
    session.info.pop(REVIEWED, None)


def version(session: Session) -> int:
    return session.scalar(select(AtlasStateRow.version).where(AtlasStateRow.id == 1)) or 0


def set_current(session: Session, fact_id: int, state: str, old: Mapping[str, Any],
                new: Mapping[str, Any], targets: str | None) -> None:
    """Record a reviewed fact's state and effective values ``new`` (``old``: those it had before;
    ``targets``: the fact's targets as stored, JSON text). Targets an analyst corrected replace the
    fact's fact_targets rows, so that the target filter and facets count them."""
    values = {f: new.get(f) for f in FIELDS}
    row = session.get(FactCurrentRow, fact_id)
    if row is None:
        session.add(FactCurrentRow(fact_id=fact_id, state=state, **values))
    else:
        row.state = state
        for field, value in values.items():
            setattr(row, field, value)
    old_terms, corrected = terms_of(session, fact_id), _corrected_targets(session, fact_id)
    new_terms = _terms(targets) if corrected is None else {str(t) for t in corrected if t}
    if new_terms != old_terms:
        replace_terms(session, fact_id, sorted(new_terms))
    if any(old.get(f) != values[f] for f in FIELDS) or new_terms != old_terms:
        session.execute(AtlasChangeRow.__table__.insert(), [
            dict(sign=-1, fact_id=fact_id, targets=json.dumps(sorted(old_terms)), **{f: old.get(f) for f in FIELDS}),
            dict(sign=1, fact_id=fact_id, targets=json.dumps(sorted(new_terms)), **values)])
    session.info[REVIEWED] = True


def _corrected_targets(session: Session, fact_id: int) -> list[str] | None:
    """The targets of the fact's latest correction (each carries earlier ones forward); None if no
    correction set them. Read from the table: counterwatch.store.reviews imports this module."""
    events = Base.metadata.tables["review_events"]
    after = session.scalar(select(events.c.after).where(events.c.fact_id == fact_id, events.c.action == "correct")
                           .order_by(events.c.id.desc()).limit(1))
    return after.get("targets") if after and "targets" in after else None


def reviewed_targets(session: Session | Connection) -> dict[int, str]:
    """Each reviewed fact's effective targets (fact_targets' terms) as JSON text, as the facts' column
    holds them; a reviewed fact without targets is left out."""
    rows = session.execute(select(FactTargetRow.fact_id, FactTargetRow.target)
                           .where(FactTargetRow.fact_id.in_(select(FactCurrentRow.fact_id)))
                           .order_by(FactTargetRow.fact_id, FactTargetRow.target))
    terms: dict[int, list[str]] = defaultdict(list)
    for fact_id, term in rows:
        terms[fact_id].append(term)
    return {fact_id: json.dumps(listed) for fact_id, listed in terms.items()}


def rebuild(connection: Connection) -> None:
    """Recount everything from the facts and fact_current (the migration's backfill; tests compare it
    with the counts kept at write time)."""
    connection.execute(delete(AtlasCountRow.__table__))
    connection.execute(delete(AtlasChangeRow.__table__))
    current = {r["fact_id"]: r for r in connection.execute(select(FactCurrentRow.__table__)).mappings()}
    delta: Delta = defaultdict(lambda: [0, 0, 0.0, 0.0])
    facts = FactRow.__table__
    query = select(facts.c.id, cast(facts.c.targets, Text).label("targets"), *(facts.c[f] for f in FIELDS))
    targets = reviewed_targets(connection)
    for row in connection.execute(query).mappings():
        if row["id"] in current:
            _add(delta, {**current[row["id"]], "targets": targets.get(row["id"], "[]")}, 1)
        else:
            _add(delta, row, 1)
    _upsert(connection, delta)
    _bump(connection)


#: A selection counted in advance: (field, value), e.g. ("country", "CN"); None for the whole atlas.
Scope = tuple[str, str] | None


def _scoped(dims: str, scope: Scope) -> tuple[ColumnElement, ColumnElement, list[ColumnElement[bool]]]:
    """The value and pair columns of a dimension's rows, and the condition selecting them."""
    t = AtlasCountRow.__table__.c
    if scope is None:
        return t.a, t.b, [t.dims == dims]
    return t.b, t.c, [t.dims == f"{scope[0]}.{dims}", t.a == scope[1]]


def read_counts(session: Session, dims: str, limit: int | None = None, by_value: bool = False,
                scope: Scope = None) -> list[Row]:
    """(a: value, b: paired value, n) rows of one dimension, largest count first (or by value, descending,
    with ``by_value``)."""
    value, pair, where = _scoped(dims, scope)
    order = (value.desc(),) if by_value else (AtlasCountRow.n.desc(), value, pair)
    query = select(value.label("a"), pair.label("b"), AtlasCountRow.n).where(*where).order_by(*order)
    return list(session.execute(query.limit(limit) if limit else query))


def read_markers(session: Session, limit: int, scope: Scope = None) -> list[Row]:
    """(a: place, b: country, located facts, latitude sum, longitude sum) of the places with most located
    facts."""
    place, country, where = _scoped("place", scope)
    t = AtlasCountRow.__table__.c
    return list(session.execute(select(place.label("a"), country.label("b"), t.located, t.lat_sum, t.lon_sum)
                                .where(*where, t.located > 0).order_by(t.located.desc(), place, country)
                                .limit(limit)))


def states(session: Session, fact_ids: Iterable[int] | None = None) -> dict[int, str]:
    query = select(FactCurrentRow.fact_id, FactCurrentRow.state)
    if fact_ids is not None:
        query = query.where(FactCurrentRow.fact_id.in_(list(fact_ids)))
    return dict(session.execute(query).all())
