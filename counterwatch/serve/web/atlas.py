"""What the atlas pages and the API read from the store: result pages, facets, headline figures,
counts per country, place markers, the timeline and the vendor network, all under one FactFilter."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, selectinload

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

#: Facet name -> the fact column it counts (targets and review state are counted separately).
FACET_COLUMNS = {"technology": FactRow.technology, "supplier": FactRow.supplier, "buyer": FactRow.buyer,
                 "country": FactRow.country, "program": FactRow.program, "status": FactRow.status,
                 "year": FactRow.year}


@dataclass
class ResultPage:
    total: int
    page: int
    pages: int
    facts: list[dict]


def _filtered(session: Session, flt: FactFilter, *columns):
    return flt.apply(session, select(*columns))


def fact_views(session: Session, rows: list[FactRow]) -> list[dict]:
    """Facts as dicts with their source count and review state (corrections laid over)."""
    counts = source_counts(session, [r.deployment_key for r in rows])
    states = review_states(session, [r.id for r in rows])
    views = []
    for row in rows:
        fact = fact_as_dict(row, counts.get(row.deployment_key, 1))
        if row.id in states:
            fact = current_view(fact, events_for(session, row.id))
        else:
            fact["review_state"] = "unreviewed"
        views.append(fact)
    return views


def result_page(session: Session, flt: FactFilter, page: int = 1, size: int = PAGE_SIZE) -> ResultPage:
    total = session.scalar(_filtered(session, flt, func.count(FactRow.id))) or 0
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    query = _filtered(session, flt, FactRow).options(selectinload(FactRow.evidence),
                                                      selectinload(FactRow.document))
    rows = session.scalars(query.order_by(FactRow.id.desc()).limit(size).offset((page - 1) * size)).all()
    return ResultPage(total, page, pages, fact_views(session, list(rows)))


def facets(session: Session, flt: FactFilter) -> dict[str, list[tuple[str, int]]]:
    """For each filter, its most frequent values within the current selection, with counts."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name, column in FACET_COLUMNS.items():
        count = func.count(FactRow.id)
        query = _filtered(session, flt, column, count).where(column.is_not(None)).group_by(column)
        order = (column.desc(),) if name == "year" else (count.desc(), column)
        out[name] = [(str(v), n) for v, n in session.execute(query.order_by(*order).limit(FACET_LIMIT))]
    out["target"] = _target_facet(session, flt)
    out["review"] = _review_facet(session, flt)
    return out


def _target_facet(session: Session, flt: FactFilter) -> list[tuple[str, int]]:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        each = func.json_array_elements_text(FactRow.targets).table_valued("value")
    else:
        each = func.json_each(FactRow.targets).table_valued("value")
    count = func.count()
    query = _filtered(session, flt, each.c.value, count).select_from(FactRow).join(each, true()) \
        .group_by(each.c.value).order_by(count.desc()).limit(FACET_LIMIT)
    return [(str(v), n) for v, n in session.execute(query)]


def _review_facet(session: Session, flt: FactFilter) -> list[tuple[str, int]]:
    total = session.scalar(_filtered(session, flt, func.count(FactRow.id))) or 0
    ids = _filtered(session, flt, FactRow.id).scalar_subquery()
    latest = select(func.max(ReviewEventRow.id)).where(ReviewEventRow.fact_id.in_(ids)) \
        .group_by(ReviewEventRow.fact_id)
    rows = dict(session.execute(select(ReviewEventRow.action, func.count()).where(ReviewEventRow.id.in_(latest))
                                .group_by(ReviewEventRow.action)).all())
    counted = [(ACTIONS[a], n) for a, n in sorted(rows.items())]
    unreviewed = total - sum(n for _, n in counted)
    return ([("unreviewed", unreviewed)] if unreviewed else []) + counted


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


def country_counts(session: Session, flt: FactFilter) -> dict[str, int]:
    query = _filtered(session, flt, FactRow.country, func.count(FactRow.id)).where(FactRow.country.is_not(None))
    return dict(session.execute(query.group_by(FactRow.country)).all())


def place_markers(session: Session, flt: FactFilter) -> list[dict]:
    count = func.count(FactRow.id)
    query = _filtered(session, flt, FactRow.place, FactRow.country, func.avg(FactRow.latitude),
                      func.avg(FactRow.longitude), count) \
        .where(FactRow.place.is_not(None), FactRow.latitude.is_not(None), FactRow.longitude.is_not(None)) \
        .group_by(FactRow.place, FactRow.country).order_by(count.desc()).limit(MARKER_LIMIT)
    return [{"place": p, "country": c, "lat": lat, "lon": lon, "count": n}
            for p, c, lat, lon, n in session.execute(query)]


def timeline(session: Session, flt: FactFilter) -> dict[int, dict[str, int]]:
    """Facts per year and technology."""
    query = _filtered(session, flt, FactRow.year, FactRow.technology, func.count(FactRow.id)) \
        .where(FactRow.year.is_not(None)).group_by(FactRow.year, FactRow.technology)
    out: dict[int, dict[str, int]] = {}
    for year, technology, n in session.execute(query):
        out.setdefault(year, {})[technology] = n
    return out


def network(session: Session, flt: FactFilter) -> list[dict]:
    """The strongest supplier -> country and supplier -> buyer links, each with its fact count."""
    links = []
    for kind, column in (("country", FactRow.country), ("buyer", FactRow.buyer)):
        count = func.count(FactRow.id)
        query = _filtered(session, flt, FactRow.supplier, column, count) \
            .where(FactRow.supplier.is_not(None), column.is_not(None)) \
            .group_by(FactRow.supplier, column).order_by(count.desc()).limit(NETWORK_LIMIT)
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
