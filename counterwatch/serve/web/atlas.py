"""What the atlas pages and the API read from the store: result pages, facets, headline figures,
counts per country, place markers, the timeline and the vendor network, all under one FactFilter."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import wraps
from typing import Callable, TypeVar

from sqlalchemy import FromClause, event, func, select
from sqlalchemy.orm import Session, selectinload

from counterwatch.store.deployments import deployments_of
from counterwatch.store.fact_targets import FactTargetRow
from counterwatch.store.queries import FactFilter, fact_as_dict, source_counts
from counterwatch.store.reviews import ACTIONS, ReviewEventRow, current_view, events_for, review_states
from counterwatch.store.reviews import reviewed_count
from counterwatch.store.schema import DocumentRow, FactRow
from counterwatch.store.search import matching_entries

#: Facts on one result page: a screenful of cards that still renders in a few milliseconds.
PAGE_SIZE = 25
#: Values listed per facet: enough to see the main suppliers or countries; the rest are reachable by search.
FACET_LIMIT = 12
#: Place markers drawn on the map: beyond a few hundred circles the 110m base map is unreadable anyway.
MARKER_LIMIT = 300
#: Links drawn in the vendor network: the strongest supplier-country and supplier-buyer pairs.
NETWORK_LIMIT = 40
#: Documents listed beside the facts when the search has words.
DOCUMENT_HITS = 10

#: Aggregates (facets, map, timeline, network, headline) kept per process. The largest, a selection's
#: MARKER_LIMIT place markers, is about 100 KB in Python, so 500 entries stay within about 50 MB.
CACHE_ENTRIES = 500

#: The fact columns counted as facets (targets and review state are counted separately).
FACET_COLUMNS = ("technology", "supplier", "buyer", "country", "program", "status", "year")


@dataclass
class ResultPage:
    total: int
    page: int
    pages: int
    facts: list[dict]


def _filtered(session: Session, flt: FactFilter, *columns):
    return flt.apply(session, select(*columns))


def _selection(session: Session, flt: FactFilter, *names: str) -> FromClause:
    """The selected facts' ``names`` columns, as a table to group by. A filtered selection is materialised
    first (WITH ... AS MATERIALIZED): grouping the facts directly, SQLite walks the grouped column's whole
    index (every fact) instead of using the filter's far more selective one."""
    table = FactRow.__table__
    if flt == FactFilter():
        return table
    return _filtered(session, flt, *(table.c[name] for name in names)).cte().prefix_with("MATERIALIZED")


_VERSION = "counterwatch.data_version"


def data_version(session: Session) -> tuple:
    """Changes whenever facts or reviews do: facts are only ever inserted and deleted (a changed document's
    facts are replaced, with new creation times) and review events only appended. Each part is its own
    statement so that the database answers the maxima from an index; read once per session until it
    writes."""
    if _VERSION not in session.info:
        parts = (select(func.count()).select_from(FactRow), select(func.max(FactRow.id)),
                 select(func.max(FactRow.created_at)), select(func.count()).select_from(ReviewEventRow),
                 select(func.max(ReviewEventRow.id)))
        session.info[_VERSION] = tuple(session.scalar(part) for part in parts)
    return session.info[_VERSION]


@event.listens_for(Session, "after_flush")
def _forget_version(session: Session, _context) -> None:
    session.info.pop(_VERSION, None)


_cache: OrderedDict[tuple, object] = OrderedDict()
_cache_lock = threading.Lock()
T = TypeVar("T")


def cached(compute: Callable[..., T]) -> Callable[..., T]:
    """Keep an aggregate per (database, filter, data version): the facets and charts of a selection are
    computed once and read back until a write changes the facts or reviews."""
    @wraps(compute)
    def read(session: Session, *args) -> T:
        key = (str(session.get_bind().url), compute.__name__, type(args[0]) if args else None, args,
               data_version(session))
        with _cache_lock:
            if key in _cache:
                _cache.move_to_end(key)
                return _cache[key]  # type: ignore[return-value]
        value = compute(session, *args)
        with _cache_lock:
            _cache[key] = value
            while len(_cache) > CACHE_ENTRIES:
                _cache.popitem(last=False)
        return value
    return read


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def fact_views(session: Session, rows: list[FactRow]) -> list[dict]:
    """Facts as dicts with their source count and review state (corrections laid over)."""
    counts = source_counts(session, [r.deployment_key for r in rows])
    states = review_states(session, [r.id for r in rows])
    deployments = deployments_of(session, [r.id for r in rows])
    views = []
    for row in rows:
        fact = fact_as_dict(row, counts.get(row.deployment_key, 1), deployments)
        if row.id in states:
            fact = current_view(fact, events_for(session, row.id))
        else:
            fact["review_state"] = "unreviewed"
        views.append(fact)
    return views


@cached
def count_facts(session: Session, flt: FactFilter) -> int:
    return session.scalar(_filtered(session, flt, func.count(FactRow.id))) or 0


def result_page(session: Session, flt: FactFilter, page: int = 1, size: int = PAGE_SIZE) -> ResultPage:
    total = count_facts(session, flt)
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    query = _filtered(session, flt, FactRow).options(selectinload(FactRow.evidence),
                                                      selectinload(FactRow.document))
    rows = session.scalars(query.order_by(FactRow.id.desc()).limit(size).offset((page - 1) * size)).all()
    return ResultPage(total, page, pages, fact_views(session, list(rows)))


@cached
def facets(session: Session, flt: FactFilter) -> dict[str, list[tuple[str, int]]]:
    """For each filter, its most frequent values within the current selection, with counts."""
    selection = _selection(session, flt, *FACET_COLUMNS)
    out: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_COLUMNS:
        column, count = selection.c[name], func.count()
        query = select(column, count).where(column.is_not(None)).group_by(column)
        order = (column.desc(),) if name == "year" else (count.desc(), column)
        out[name] = [(str(v), n) for v, n in session.execute(query.order_by(*order).limit(FACET_LIMIT))]
    out["target"] = _target_facet(session, flt)
    out["review"] = _review_facet(session, flt)
    return out


def _target_facet(session: Session, flt: FactFilter) -> list[tuple[str, int]]:
    count = func.count()
    query = select(FactTargetRow.target, count)
    if flt != FactFilter():
        query = query.where(FactTargetRow.fact_id.in_(_filtered(session, flt, FactRow.id)))
    query = query.group_by(FactTargetRow.target).order_by(count.desc(), FactTargetRow.target).limit(FACET_LIMIT)
    return [(str(v), n) for v, n in session.execute(query)]


def _review_facet(session: Session, flt: FactFilter) -> list[tuple[str, int]]:
    total = count_facts(session, flt)
    ids = _filtered(session, flt, FactRow.id).scalar_subquery()
    latest = select(func.max(ReviewEventRow.id)).where(ReviewEventRow.fact_id.in_(ids)) \
        .group_by(ReviewEventRow.fact_id)
    rows = dict(session.execute(select(ReviewEventRow.action, func.count()).where(ReviewEventRow.id.in_(latest))
                                .group_by(ReviewEventRow.action)).all())
    counted = [(ACTIONS[a], n) for a, n in sorted(rows.items())]
    unreviewed = total - sum(n for _, n in counted)
    return ([("unreviewed", unreviewed)] if unreviewed else []) + counted


@cached
def headline(session: Session) -> dict:
    facts = session.scalar(select(func.count(FactRow.id))) or 0
    return {
        "facts": facts,
        "documents": session.scalar(select(func.count(DocumentRow.id))) or 0,
        "suppliers": session.scalar(select(func.count(func.distinct(func.coalesce(FactRow.supplier_id,
                                                                                  FactRow.supplier))))) or 0,
        "countries": session.scalar(select(func.count(func.distinct(FactRow.country)))) or 0,
        "reviewed_share": (reviewed_count(session) / facts) if facts else 0.0,
    }


@cached
def country_counts(session: Session, flt: FactFilter) -> dict[str, int]:
    country = _selection(session, flt, "country").c.country
    return dict(session.execute(select(country, func.count()).where(country.is_not(None)).group_by(country)).all())


@cached
def place_markers(session: Session, flt: FactFilter) -> list[dict]:
    t = _selection(session, flt, "place", "country", "latitude", "longitude").c
    count = func.count()
    query = select(t.place, t.country, func.avg(t.latitude), func.avg(t.longitude), count) \
        .where(t.place.is_not(None), t.latitude.is_not(None), t.longitude.is_not(None)) \
        .group_by(t.place, t.country).order_by(count.desc(), t.place).limit(MARKER_LIMIT)
    return [{"place": p, "country": c, "lat": lat, "lon": lon, "count": n}
            for p, c, lat, lon, n in session.execute(query)]


@cached
def timeline(session: Session, flt: FactFilter) -> dict[int, dict[str, int]]:
    """Facts per year and technology."""
    t = _selection(session, flt, "year", "technology").c
    query = select(t.year, t.technology, func.count()).where(t.year.is_not(None)).group_by(t.year, t.technology)
    out: dict[int, dict[str, int]] = {}
    for year, technology, n in session.execute(query):
        out.setdefault(year, {})[technology] = n
    return out


@cached
def network(session: Session, flt: FactFilter) -> list[dict]:
    """The strongest supplier -> country and supplier -> buyer links, each with its fact count."""
    t = _selection(session, flt, "supplier", "country", "buyer").c
    links = []
    for kind, column in (("country", t.country), ("buyer", t.buyer)):
        count = func.count()
        query = select(t.supplier, column, count).where(t.supplier.is_not(None), column.is_not(None)) \
            .group_by(t.supplier, column).order_by(count.desc(), t.supplier, column).limit(NETWORK_LIMIT)
        links += [{"supplier": s, "kind": kind, "target": t, "count": n} for s, t, n in session.execute(query)]
    links.sort(key=lambda link: -link["count"])
    return links[:NETWORK_LIMIT]


def matching_documents(session: Session, q: str | None) -> list[DocumentRow]:
    entries = matching_entries(session, q) if q else None
    if entries is None:
        return []
    ids = select(entries.subquery().c.document_id)
    return list(session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids))
                                .order_by(DocumentRow.id.desc()).limit(DOCUMENT_HITS)))


def other_sources(session: Session, row: FactRow) -> list[FactRow]:
    """Facts of other documents that report the same deployment."""
    return list(session.scalars(select(FactRow).options(selectinload(FactRow.document))
                                .where(FactRow.deployment_key == row.deployment_key, FactRow.id != row.id)
                                .order_by(FactRow.id)))
