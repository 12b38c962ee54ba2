"""What the atlas pages and the API read from the store: result pages, facets, headline figures,
counts per country, place markers, the timeline and the vendor network, all under one FactFilter."""
from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from dataclasses import asdict, dataclass, field
from functools import wraps
from typing import Callable, TypeVar

from sqlalchemy import Text, cast, event, func, select
from sqlalchemy.orm import Session, selectinload

from counterwatch.store.deployments import deployments_of
from counterwatch.store.queries import SEARCH_WINDOW, FactFilter, fact_as_dict, plan_search, source_counts
from counterwatch.store import summary
from counterwatch.store.reviews import REVIEW_STATES, current_view, events_for, review_states, reviewed_count
from counterwatch.store.schema import DocumentRow, FactRow
from counterwatch.store.search import matching_entries
from counterwatch.store.summary import AtlasCountRow, FactCurrentRow

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
    capped: bool = False  # a broad search: total counts the facts of its newest matches only ("N+")


def _filtered(session: Session, flt: FactFilter, *columns):
    return flt.apply(session, select(*columns), plan_search(session, flt))


def _counted(flt: FactFilter) -> tuple[bool, summary.Scope]:
    """Whether the selection's figures are kept in the summary at write time, and under which scope: the
    unfiltered atlas (None) and selections by one country or one program only."""
    chosen = {name: value for name, value in asdict(flt).items() if value is not None}
    if not chosen:
        return True, None
    if len(chosen) == 1:
        name, value = next(iter(chosen.items()))
        if name in summary.ENTITY_FIELDS:
            return True, (name, str(value))
    return False, None


def data_version(session: Session) -> int:
    """Bumped by every commit that changes facts or reviews (see store.summary); read once per session
    until it writes."""
    if _VERSION not in session.info:
        session.info[_VERSION] = summary.version(session)
    return session.info[_VERSION]


_VERSION = "counterwatch.data_version"


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
        fact = fact_as_dict(row, counts.get(row.deployment_key, 1), deployments, reviewed=False)
        if row.id in states:
            fact = current_view(fact, events_for(session, row.id))
        else:
            fact["review_state"] = "unreviewed"
        views.append(fact)
    return views


@dataclass
class Selection:
    """Every figure of a filtered selection, counted in one pass over its facts' effective values."""

    total: int = 0
    values: dict[str, Counter] = field(default_factory=lambda: {n: Counter() for n in FACET_COLUMNS + ("target",)})
    states: Counter = field(default_factory=Counter)
    markers: dict[tuple[str, str | None], list] = field(default_factory=dict)
    timeline: dict[int, Counter] = field(default_factory=dict)
    links: Counter = field(default_factory=Counter)


@cached
def selection(session: Session, flt: FactFilter) -> Selection:
    """One query for the selected facts' counted fields, counted column by column (Counter counts in C);
    reviewed facts take fact_current's values."""
    facts, current_table = FactRow.__table__, FactCurrentRow.__table__
    current = {row[0]: row for row in session.execute(select(current_table.c.fact_id, current_table.c.state,
                                                             *(current_table.c[f] for f in summary.FIELDS)))}
    # The targets' JSON text as stored: most facts share a few lists, each decoded once below.
    query = _filtered(session, flt, facts.c.id, cast(facts.c.targets, Text),
                      *(facts.c[f] for f in summary.FIELDS))
    targets = summary.reviewed_targets(session)
    rows = [row if row[0] not in current else (row[0], targets.get(row[0], "[]"), *current[row[0]][2:])
            for row in session.execute(query).all()]
    out = Selection(total=len(rows))
    if not rows:
        return out
    ids, targets, *columns = zip(*rows)
    column = dict(zip(summary.FIELDS, columns))
    for name in FACET_COLUMNS:
        out.values[name] = Counter(column[name])
        out.values[name].pop(None, None)
    for text, n in Counter(targets).items():
        for term in {t for t in json.loads(text or "[]") if t}:
            out.values["target"][term] += n
    out.states = Counter(current[i][1] if i in current else "unreviewed" for i in ids)
    for (year, technology), n in Counter(zip(column["year"], column["technology"])).items():
        if year is not None:
            out.timeline.setdefault(year, Counter())[technology] = n
    for place, country, lat, lon in zip(column["place"], column["country"], column["latitude"], column["longitude"]):
        if place is not None and lat is not None and lon is not None:
            marker = out.markers.setdefault((place, country), [0, 0.0, 0.0])
            marker[0] += 1
            marker[1] += lat
            marker[2] += lon
    for kind in ("country", "buyer"):
        for (supplier, other), n in Counter(zip(column["supplier"], column[kind])).items():
            if supplier is not None and other is not None:
                out.links[(kind, supplier, other)] = n
    return _trimmed(out)


def _trimmed(chosen: Selection) -> Selection:
    """Only what the pages show is cached: top facet values (every country: the map colours them all),
    the most frequent markers and the strongest links."""
    for name, counts in chosen.values.items():
        if name not in ("country", "year"):
            chosen.values[name] = Counter(dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_LIMIT]))
    chosen.markers = dict(sorted(chosen.markers.items(), key=lambda kv: (-kv[1][0], kv[0][0]))[:MARKER_LIMIT])
    links = Counter()
    for kind in ("country", "buyer"):
        pairs = [(k, n) for k, n in chosen.links.items() if k[0] == kind]
        links.update(dict(sorted(pairs, key=lambda kn: (-kn[1], kn[0]))[:NETWORK_LIMIT]))
    chosen.links = links
    return chosen


@cached
def count_facts(session: Session, flt: FactFilter) -> int:
    counted, scope = _counted(flt)
    if counted:
        return sum(r.n for r in summary.read_counts(session, "facts", scope=scope))
    return selection(session, flt).total  # the page's facets and charts need the selection anyway


def result_page(session: Session, flt: FactFilter, page: int = 1, size: int = PAGE_SIZE) -> ResultPage:
    total = count_facts(session, flt)
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    query = _filtered(session, flt, FactRow).options(selectinload(FactRow.evidence),
                                                      selectinload(FactRow.document))
    rows = session.scalars(query.order_by(FactRow.id.desc()).limit(size).offset((page - 1) * size)).all()
    return ResultPage(total, page, pages, fact_views(session, list(rows)), plan_search(session, flt).capped)


def _top(counter: Counter, by_value: bool = False) -> list[tuple[str, int]]:
    items = sorted(counter.items(), key=(lambda kv: kv[0]) if by_value else (lambda kv: (-kv[1], kv[0])),
                   reverse=by_value)
    return [(str(v), n) for v, n in items[:FACET_LIMIT]]


@cached
def facets(session: Session, flt: FactFilter) -> dict[str, list[tuple[str, int]]]:
    """For each filter, its most frequent values within the current selection, with counts."""
    counted, scope = _counted(flt)
    if counted:
        out = {name: [(r.a, r.n) for r in summary.read_counts(session, name, FACET_LIMIT, by_value=name == "year",
                                                             scope=scope)]
               for name in FACET_COLUMNS + ("target",)}
        query = select(FactCurrentRow.state, func.count()).group_by(FactCurrentRow.state)
        if scope is not None:
            query = query.where(getattr(FactCurrentRow, scope[0]) == scope[1])
        states = Counter(dict(session.execute(query).all()))
        states["unreviewed"] = count_facts(session, flt) - sum(states.values())
    else:
        chosen = selection(session, flt)
        out = {name: _top(chosen.values[name], by_value=name == "year") for name in FACET_COLUMNS + ("target",)}
        states = chosen.states
    out["review"] = [(state, states[state]) for state in REVIEW_STATES if states[state]]
    return out


@cached
def headline(session: Session) -> dict:
    facts = count_facts(session, FactFilter())
    distinct = {name: session.scalar(select(func.count()).where(AtlasCountRow.dims == name)) or 0
                for name in ("supplier_key", "country")}
    return {
        "facts": facts,
        "documents": session.scalar(select(func.count(DocumentRow.id))) or 0,
        "suppliers": distinct["supplier_key"],
        "countries": distinct["country"],
        "reviewed_share": (reviewed_count(session) / facts) if facts else 0.0,
    }


@cached
def country_counts(session: Session, flt: FactFilter) -> dict[str, int]:
    counted, scope = _counted(flt)
    if counted:
        return {r.a: r.n for r in summary.read_counts(session, "country", scope=scope)}
    return dict(selection(session, flt).values["country"])


@cached
def place_markers(session: Session, flt: FactFilter) -> list[dict]:
    counted, scope = _counted(flt)
    if counted:
        ranked = [((r.a, r.b or None), (r.located, r.lat_sum, r.lon_sum))
                  for r in summary.read_markers(session, MARKER_LIMIT, scope)]
    else:
        ranked = sorted(selection(session, flt).markers.items(), key=lambda kv: (-kv[1][0], kv[0][0]))
    return [{"place": place, "country": country, "lat": lat / n, "lon": lon / n, "count": n}
            for (place, country), (n, lat, lon) in ranked[:MARKER_LIMIT]]


@cached
def timeline(session: Session, flt: FactFilter) -> dict[int, dict[str, int]]:
    """Facts per year and technology."""
    counted, scope = _counted(flt)
    if not counted:
        return {year: dict(counts) for year, counts in selection(session, flt).timeline.items()}
    out: dict[int, dict[str, int]] = {}
    for row in summary.read_counts(session, "timeline", scope=scope):
        out.setdefault(int(row.a), {})[row.b] = row.n
    return out


@cached
def network(session: Session, flt: FactFilter) -> list[dict]:
    """The strongest supplier -> country and supplier -> buyer links, each with its fact count."""
    counted, scope = _counted(flt)
    links = []
    for kind in ("country", "buyer"):
        if counted:
            strongest = [(r.a, r.b, r.n) for r in summary.read_counts(session, f"supplier_{kind}", NETWORK_LIMIT,
                                                                      scope=scope)]
        else:
            pairs = [(s, t, n) for (k, s, t), n in selection(session, flt).links.items() if k == kind]
            strongest = sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))[:NETWORK_LIMIT]
        links += [{"supplier": s, "kind": kind, "target": t, "count": n} for s, t, n in strongest]
    links.sort(key=lambda link: -link["count"])
    return links[:NETWORK_LIMIT]


def matching_documents(session: Session, q: str | None) -> list[DocumentRow]:
    entries = matching_entries(session, q, newest=SEARCH_WINDOW) if q else None
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
