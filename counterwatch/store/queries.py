"""Reading facts back: filters shared by the command line, the exports and the atlas."""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Callable, Iterator

from sqlalchemy import ColumnElement, Select, Table, and_, event, func, or_, select, union
from sqlalchemy.orm import Session, object_session, selectinload

from counterwatch.store.reviews import corrected, latest_corrections, review_condition
from counterwatch.store.deployments import DeploymentFactRow, DeploymentRow, deployments_of
from counterwatch.store.fact_targets import FactTargetRow
from counterwatch.store.schema import DocumentRow, FactRow, MentionRow, SearchEntryRow, in_batches
from counterwatch.store.summary import FactCurrentRow
from counterwatch.store.search import count_matching_entries, matching_entries, matching_entry_ids


@dataclass(frozen=True)
class FactFilter:
    supplier: str | None = None
    technology: str | None = None
    country: str | None = None
    year: int | None = None
    q: str | None = None
    buyer: str | None = None  # part of a name, or a knowledge-base id
    target: str | None = None  # a target community term (targets.yaml id)
    program: str | None = None  # exact program name or id
    place: str | None = None  # exact place name
    status: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    review: str | None = None  # unreviewed | confirmed | rejected | corrected

    def apply(self, session: Session, query: Select, plan: SearchPlan | None = None) -> Select:
        """``query`` narrowed to the selected facts. Fields an analyst may correct are matched on the
        values the atlas shows: the machine's for unreviewed facts, fact_current's for reviewed ones (two
        indexed conditions: see _either). ``plan`` (see plan_search) says how a text search is run;
        without one every match is read (exports, the command line)."""
        # One condition on the machine's values and one on fact_current's, each of all fields together: the
        # planner then reads a composite index (country, technology, year) instead of one field's index.
        tests: list[Callable[[Table], ColumnElement[bool]]] = []
        for name, value in (("technology", self.technology), ("program", self.program), ("place", self.place),
                            ("status", self.status), ("country", self.country.upper() if self.country else None)):
            if value:
                tests.append(lambda t, name=name, value=value: t.c[name] == value)
        for test, value in ((lambda c, v: c == v, self.year), (lambda c, v: c >= v, self.year_from),
                            (lambda c, v: c <= v, self.year_to)):
            if value is not None:
                tests.append(lambda t, test=test, value=value: test(t.c.year, value))
        named = [self._named(value, name, key) for value, name, key in
                 ((self.supplier, "supplier", "supplier_id"), (self.buyer, "buyer", "buyer_id")) if value]
        if tests or named:
            facts, current = FactRow.__table__, FactCurrentRow.__table__
            query = query.where(_either(and_(*(test(facts) for test in tests), *(m for m, _ in named)),
                                        and_(*(test(current) for test in tests), *(c for _, c in named))))
        if self.target:
            query = query.where(FactRow.id.in_(select(FactTargetRow.fact_id)
                                               .where(FactTargetRow.target == self.target)))
        if self.review:
            query = query.where(review_condition(self.review))
        if self.q:
            query = self._matching(session, query, plan or SearchPlan())
        return query

    def _matching(self, session: Session, query: Select, plan: SearchPlan) -> Select:
        """``query`` narrowed to facts whose words match. A fact matches by its own entry (quote, names) or
        by its document's text; not by another fact's entry, which would bring in every fact of that
        fact's document."""
        entries = SearchEntryRow.__table__.c
        if plan.by_filter:
            # From the few facts the other filters select to their entries, each tested against the ids
            # the full-text index matches: no look-up per match, however many the words match.
            ids = matching_entry_ids(session, self.q or "")
            if ids is None:
                return query
            chosen = replace(self, q=None).apply(session, select(FactRow.id, FactRow.document_id)).subquery()
            own = select(entries.fact_id).where(entries.fact_id.in_(select(chosen.c.id)), entries.id.in_(ids))
            docs = select(entries.document_id).where(entries.document_id.in_(select(chosen.c.document_id)),
                                                     entries.fact_id.is_(None), entries.id.in_(ids))
            return query.where(or_(FactRow.id.in_(own), FactRow.document_id.in_(docs)))
        matching = matching_entries(session, self.q or "", plan.newest)
        if matching is None:
            return query
        found = matching.subquery().c
        return query.where(or_(FactRow.id.in_(select(found.fact_id).where(found.fact_id.is_not(None))),
                               FactRow.document_id.in_(select(found.document_id).where(found.fact_id.is_(None)))))

    def _named(self, value: str, name: str, key: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
        """Part of a name (any case), or a knowledge-base id: conditions on the machine's values and on
        fact_current's."""
        def test(t: Table) -> ColumnElement[bool]:
            return or_(func.lower(t.c[name]).like(f"%{value.lower()}%"), t.c[key] == value.lower())
        return test(FactRow.__table__), test(FactCurrentRow.__table__)


#: Matching search entries a broad text search reads, newest first, when its other filters select many
#: facts: its pages, count ("10,000+") and facets cover the facts of those entries. 10,000 entries keep a
#: search page under 100 ms at a million facts (bench/search_latency.py) and are more than anyone pages
#: through; a narrower search (a rarer term, more filters) is exact.
SEARCH_WINDOW = 10_000
#: Facts the other filters may select for a text search to be driven from their indexes (each fact tested
#: against the matches): 20,000 index rows and membership tests take about 30 ms at 100,000 facts
#: (bench/web_latency.py), less than reading the facts of a broad term's every match.
FILTER_DRIVEN_FACTS = 20_000


@dataclass(frozen=True)
class SearchPlan:
    """How FactFilter.apply runs a text search."""

    newest: int | None = None  # read only this many matching entries, the newest (a capped search)
    by_filter: bool = False  # drive from the other filters' indexes

    @property
    def capped(self) -> bool:
        return self.newest is not None


#: Key in Session.info: plans made in this session (filter -> plan), until it writes.
_PLANS = "counterwatch_search_plans"


def plan_search(session: Session, flt: FactFilter) -> SearchPlan:
    """Exact unless the text matches more than SEARCH_WINDOW entries and the other filters select more
    than FILTER_DRIVEN_FACTS facts (both counted up to their cap, so planning stays cheap)."""
    plans = session.info.setdefault(_PLANS, {})
    if flt not in plans:
        plans[flt] = _plan(session, flt)
    return plans[flt]


def _plan(session: Session, flt: FactFilter) -> SearchPlan:
    if not flt.q:
        return SearchPlan()
    others = replace(flt, q=None)
    if any(value is not None for value in asdict(others).values()):
        selected = others.apply(session, select(FactRow.id)).limit(FILTER_DRIVEN_FACTS + 1).subquery()
        if session.scalar(select(func.count()).select_from(selected)) <= FILTER_DRIVEN_FACTS:
            return SearchPlan(by_filter=True)
    if count_matching_entries(session, flt.q, SEARCH_WINDOW + 1) > SEARCH_WINDOW:
        return SearchPlan(newest=SEARCH_WINDOW)
    return SearchPlan()


@event.listens_for(Session, "after_flush")
def _forget_plans(session: Session, _context) -> None:
    session.info.pop(_PLANS, None)


@dataclass(frozen=True)
class EntityFilter(FactFilter):
    """The facts of one supplier or buyer as its entity page shows them: the whole name or the id must
    match, an indexed equality, where FactFilter matches any part of a name by scanning every fact."""

    def _named(self, value: str, name: str, key: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
        # A union of two index look-ups: given ``name = x OR key = y`` SQLite may scan every fact instead.
        facts = FactRow.__table__
        machine = FactRow.id.in_(union(select(facts.c.id).where(facts.c[name] == value),
                                       select(facts.c.id).where(facts.c[key] == value.lower())))
        current = FactCurrentRow.__table__
        return machine, or_(current.c[name] == value, current.c[key] == value.lower())


def _either(machine: ColumnElement[bool], reviewed: ColumnElement[bool]) -> ColumnElement[bool]:
    """Unreviewed facts matching ``machine`` (a condition on facts) or reviewed ones whose fact_current row
    matches ``reviewed``. fact_current is small, so both halves stay index look-ups."""
    current = FactCurrentRow.__table__
    return or_(and_(machine, FactRow.id.not_in(select(current.c.fact_id))),
               FactRow.id.in_(select(current.c.fact_id).where(reviewed)))


def source_counts(session: Session, keys: list[str]) -> dict[str, int]:
    """How many independent sources report each deployment key: read from the deployment layer (near-
    duplicate documents count once; across languages); distinct documents for facts without one."""
    counts: dict[str, int] = {}
    for chunk in in_batches(keys):
        rows = session.execute(select(FactRow.deployment_key, func.max(DeploymentRow.sources))
                               .join(DeploymentFactRow, DeploymentFactRow.fact_id == FactRow.id)
                               .join(DeploymentRow, DeploymentRow.id == DeploymentFactRow.deployment_id)
                               .where(FactRow.deployment_key.in_(chunk)).group_by(FactRow.deployment_key))
        counts.update({k: n for k, n in rows})
        rest = [k for k in chunk if k not in counts]
        rows = session.execute(select(FactRow.deployment_key, func.count(func.distinct(FactRow.document_id)))
                               .where(FactRow.deployment_key.in_(rest)).group_by(FactRow.deployment_key))
        counts.update({k: n for k, n in rows})
    return counts


def iter_facts(session: Session, flt: FactFilter | None = None, batch: int = 1000) -> Iterator[FactRow]:
    """Facts in id order with their evidence and document loaded, streamed in batches."""
    query = select(FactRow).options(selectinload(FactRow.evidence), selectinload(FactRow.document)) \
        .order_by(FactRow.id)
    if flt:
        query = flt.apply(session, query)
    last = 0
    while True:
        rows = session.scalars(query.where(FactRow.id > last).limit(batch)).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def iter_documents(session: Session) -> Iterator[DocumentRow]:
    yield from session.scalars(select(DocumentRow).order_by(DocumentRow.source_id, DocumentRow.id))


def document_mentions(session: Session, document_id: int) -> list[MentionRow]:
    return list(session.scalars(select(MentionRow).where(MentionRow.document_id == document_id)
                                .order_by(MentionRow.start)))


#: Key in Session.info: the latest correction of each corrected fact, read once per session until it writes.
_CORRECTIONS = "counterwatch_corrections"


@event.listens_for(Session, "after_flush")
def _forget_corrections(session: Session, _context) -> None:
    session.info.pop(_CORRECTIONS, None)


def corrections(session: Session) -> dict[int, dict]:
    if _CORRECTIONS not in session.info:
        session.info[_CORRECTIONS] = latest_corrections(session)
    return session.info[_CORRECTIONS]


def fact_as_dict(row: FactRow, sources: int | None = None,
                 deployments: dict[int, DeploymentRow] | None = None, reviewed: bool = True) -> dict:
    """A fact with all its fields and evidence, as the JSON export and the API give it; ``sources`` and
    ``conflicts`` are those of the fact's deployment when it has one. ``deployments`` (fact id ->
    deployment, from deployments_of) saves a query per fact when many are turned into dicts. With
    ``reviewed`` an analyst's latest correction is laid over the machine's values (the exports show what
    the atlas shows); without it the machine's values are given as stored."""
    values = _machine_dict(row, sources, deployments)
    session = object_session(row)
    correction = corrections(session).get(row.id) if reviewed and session is not None else None
    return corrected(values, correction) if correction else values


def _machine_dict(row: FactRow, sources: int | None, deployments: dict[int, DeploymentRow] | None) -> dict:
    doc = row.document
    if deployments is not None:
        deployment = deployments.get(row.id)
    else:
        deployment = deployments_of(object_session(row), [row.id]).get(row.id) if object_session(row) else None
    if deployment is not None:
        sources = deployment.sources
    return {
        "id": row.id, "technology": row.technology, "supplier": row.supplier, "supplier_id": row.supplier_id,
        "origin_country": row.origin_country, "buyer": row.buyer, "country": row.country,
        "region": row.region, "place": row.place, "latitude": row.latitude, "longitude": row.longitude,
        "program": row.program, "year": row.year, "date": row.date, "amount": row.amount,
        "currency": row.currency, "amount_kind": row.amount_kind, "quantity": row.quantity, "unit": row.unit,
        "targets": list(row.targets or []), "status": row.status, "fields": row.fields or {},
        "deployment_key": row.deployment_key, "sources": sources,
        "deployment_id": deployment.id if deployment else None,
        "conflicts": deployment.conflicts if deployment else {},
        "extractor_version": row.extractor_version,
        "document": {"id": doc.id, "source_id": doc.source_id, "title": doc.title, "path": doc.path,
                     "url": doc.url, "date": doc.date, "language": doc.language,
                     "content_hash": doc.content_hash},
        "evidence": [{"quote": e.quote, "start": e.start, "end": e.end} for e in row.evidence],
    }
