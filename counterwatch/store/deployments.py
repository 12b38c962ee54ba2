"""The deployment layer: facts from many documents about one deployment, counted by independent source.

Per-document facts stay as they are (they are the evidence). At store time each document's MinHash
signature is kept and linked to an earlier near-duplicate (``duplicate_of``, see store.near_duplicates),
and the deployments of the technologies and countries the document touched are recomputed with the
analyst judgements in force. A deployment whose facts changed under it (a document replaced) is
recomputed too.
"""
from __future__ import annotations

import time
from collections.abc import Iterable

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, delete, event, func, select, tuple_
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterwatch.model import Extraction
from counterwatch.resolve.deployments import Cluster, FactPoint, cluster, place_key
from counterwatch.resolve.entities import SupplierSighting
from counterwatch.resolve.duplicates import signature
from counterwatch.resolve.judgements import Decisions
from counterwatch.store.judgements import load_decisions
from counterwatch.store.near_duplicates import DocumentSignatureRow, record_signature
from counterwatch.store.schema import Base, FactRow, in_batches

Scope = tuple[str, str | None]  # (technology, country)


class DeploymentRow(Base):
    """One deployment: its key fields, independent source count and conflicting values."""

    __tablename__ = "deployments"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity: Mapped[str] = mapped_column(Text)
    technology: Mapped[str] = mapped_column(String(40), index=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    place: Mapped[str] = mapped_column(Text)
    year_min: Mapped[int | None] = mapped_column(Integer)
    year_max: Mapped[int | None] = mapped_column(Integer)
    sources: Mapped[int] = mapped_column(Integer)
    facts: Mapped[int] = mapped_column(Integer)
    conflicts: Mapped[dict] = mapped_column(JSON, default=dict)


class DeploymentFactRow(Base):
    """Which deployment a fact belongs to."""

    __tablename__ = "deployment_facts"
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True)
    deployment_id: Mapped[str] = mapped_column(ForeignKey("deployments.id", ondelete="CASCADE"), index=True)


def _stale_scopes(session: Session) -> set[Scope]:
    """Scopes of deployments that lost facts since they were computed (their document was replaced)."""
    members = select(DeploymentFactRow.deployment_id, func.count().label("n")) \
        .group_by(DeploymentFactRow.deployment_id).subquery()
    rows = session.execute(select(DeploymentRow.technology, DeploymentRow.country)
                           .join(members, members.c.deployment_id == DeploymentRow.id, isouter=True)
                           .where(func.coalesce(members.c.n, 0) != DeploymentRow.facts))
    return {(t, c) for t, c in rows}


def _points(session: Session, scopes: set[Scope] | None, decisions: Decisions) -> list[FactPoint]:
    query = select(FactRow.id, FactRow.document_id, FactRow.supplier_id, FactRow.supplier, FactRow.fields,
                   FactRow.origin_country, FactRow.technology, FactRow.country, FactRow.place,
                   FactRow.latitude, FactRow.longitude, FactRow.year, FactRow.amount, FactRow.currency,
                   DocumentSignatureRow.duplicate_of) \
        .join(DocumentSignatureRow, DocumentSignatureRow.document_id == FactRow.document_id, isouter=True)
    if scopes is not None:
        query = query.where(tuple_(FactRow.technology, func.coalesce(FactRow.country, ""))
                            .in_([(t, c or "") for t, c in scopes]))
    points = []
    for r in session.execute(query):
        fields = r.fields or {}
        written = fields.get("supplier_as_written") or r.supplier
        entity = decisions.entity_of(r.supplier_id, written) if written else None
        entity = entity or (f"origin:{r.origin_country}" if r.origin_country else "")
        points.append(FactPoint(r.id, r.duplicate_of or r.document_id, entity, r.technology, r.country,
                                place_key(r.place, r.latitude, r.longitude, fields.get("geo_precision")),
                                r.year, r.amount, r.currency))
    return points


def _store(session: Session, clusters: list[Cluster]) -> None:
    if not clusters:
        return
    rows = []
    for c in clusters:
        years = c.years
        rows.append(dict(id=c.id, entity=c.entity, technology=c.technology, country=c.country, place=c.place,
                         year_min=years[0] if years else None, year_max=years[-1] if years else None,
                         sources=c.sources, facts=len(c.facts), conflicts=c.conflicts()))
    # Derived tables, not history (see store.integrity): Core executemany, no ORM object per row.
    connection = session.connection()
    connection.execute(DeploymentRow.__table__.insert(), rows)
    connection.execute(DeploymentFactRow.__table__.insert(),
                       [dict(fact_id=p.fact_id, deployment_id=c.id) for c in clusters for p in c.facts])


def refresh_deployments(session: Session, scopes: Iterable[Scope] | None = None) -> int:
    """Recompute the deployments of the given (technology, country) scopes, and of any stale ones;
    all deployments when ``scopes`` is None. Returns how many deployments were written."""
    decisions = load_decisions(session)
    wanted = None if scopes is None else set(scopes) | _stale_scopes(session)
    old = select(DeploymentRow.id)
    if wanted is not None:
        old = old.where(tuple_(DeploymentRow.technology, func.coalesce(DeploymentRow.country, ""))
                        .in_([(t, c or "") for t, c in wanted]))
    old_ids = session.scalars(old).all()
    for chunk in in_batches(old_ids):
        session.execute(delete(DeploymentRow).where(DeploymentRow.id.in_(chunk)))
    if wanted is not None and not wanted:
        return 0
    clusters = cluster(_points(session, wanted, decisions))
    _store(session, clusters)
    return len(clusters)


#: Key in Session.info of the (technology, country) scopes written in the current transaction.
PENDING_SCOPES = "counterwatch_pending_deployment_scopes"


def after_write(session: Session, document_id: int, extraction: Extraction, fresh: bool = False) -> None:
    """The writer's hook once a document's facts are written: its signature and copies now; its
    deployments once per transaction, just before commit (re-clustering a scope per document made
    storing cost grow with the database). ``fresh``: the document row was just inserted."""
    values = extraction.document.metadata.get("minhash") or signature(extraction.document.text)
    record_signature(session, document_id, values, fresh=fresh)
    session.info.setdefault(PENDING_SCOPES, set()).update((f.technology, f.country) for f in extraction.facts)


#: Key in Session.info set by a batch ingest (start_batch): the monotonic time of its last re-clustering.
BATCH = "counterwatch_batch_deployments"
#: Seconds between re-clusterings during a batch ingest. Re-clustering reads every fact of the (technology,
#: country) scopes written, which in a large corpus are most facts: once per commit (every few seconds)
#: slowed a 30,000-document ingest down to 11 documents/s at its end; once a minute keeps it to a few percent
#: of the run while the atlas still sees new deployments within a minute or two.
BATCH_REFRESH_SECONDS = 60.0


def _unclustered_scopes(session: Session) -> set[Scope]:
    """Scopes of facts that belong to no deployment: written by a batch that was killed or rolled back
    before its next re-clustering."""
    clustered = select(DeploymentFactRow.fact_id).where(DeploymentFactRow.fact_id == FactRow.id).exists()
    rows = session.execute(select(FactRow.technology, FactRow.country).where(~clustered).distinct())
    return {(t, c) for t, c in rows}


def start_batch(session: Session) -> None:
    """From now on this session re-clusters at most every BATCH_REFRESH_SECONDS, not at every commit;
    finish_batch re-clusters what is left."""
    session.info[BATCH] = time.monotonic()


def finish_batch(session: Session) -> None:
    """Re-cluster the scopes written since the last re-clustering, and any left unclustered by an earlier
    batch that was killed; the caller commits."""
    session.info.pop(BATCH, None)
    _refresh_scopes(session, session.info.pop(PENDING_SCOPES, set()) | _unclustered_scopes(session))


def _refresh_scopes(session: Session, scopes: set[Scope] | None) -> None:
    if scopes:
        session.flush()
        refresh_deployments(session, scopes)


@event.listens_for(Session, "before_commit", insert=True)
def _refresh_pending(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint: the enclosing transaction's commit refreshes
        return
    last = session.info.get(BATCH)
    if last is not None:
        if time.monotonic() - last < BATCH_REFRESH_SECONDS:
            return  # the scopes stay pending for a later commit
        try:
            finish_batch(session)
        finally:  # still a batch, also when this commit fails and is started again
            start_batch(session)
        return
    _refresh_scopes(session, session.info.pop(PENDING_SCOPES, None))


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING_SCOPES, None)


def deployments_of(session: Session, fact_ids: list[int]) -> dict[int, DeploymentRow]:
    """The deployment of each given fact (facts stored before this layer existed have none)."""
    found: dict[int, DeploymentRow] = {}
    for chunk in in_batches(fact_ids):
        rows = session.execute(select(DeploymentFactRow.fact_id, DeploymentRow)
                               .join(DeploymentRow, DeploymentRow.id == DeploymentFactRow.deployment_id)
                               .where(DeploymentFactRow.fact_id.in_(chunk)))
        found.update({fact_id: row for fact_id, row in rows})
    return found


def _sightings(session: Session, id_column, name_column, written_field: str) -> list[SupplierSighting]:
    rows = session.execute(select(id_column, name_column, FactRow.fields, DeploymentFactRow.deployment_id,
                                  FactRow.document_id)
                           .join(DeploymentFactRow, DeploymentFactRow.fact_id == FactRow.id, isouter=True)
                           .where(name_column.is_not(None)))
    return [SupplierSighting(entity_id, name, (fields or {}).get(written_field), deployment_id, document_id)
            for entity_id, name, fields, deployment_id, document_id in rows]


def supplier_sightings(session: Session) -> list[SupplierSighting]:
    """Every stored fact's supplier with its deployment, for entity listings and exports."""
    return _sightings(session, FactRow.supplier_id, FactRow.supplier, "supplier_as_written")


def buyer_sightings(session: Session) -> list[SupplierSighting]:
    """Every stored fact's buyer (agency id or key, name, spelling) with its deployment."""
    return _sightings(session, FactRow.buyer_id, FactRow.buyer, "buyer_as_written")


def review_queue(session: Session) -> list[tuple[str, str, float, int]]:
    """Spellings that nearly matched a supplier and were not merged: (spelling, candidate, score, facts)."""
    queue: dict[tuple[str, str], list] = {}
    for supplier, fields in session.execute(select(FactRow.supplier, FactRow.fields)
                                            .where(FactRow.supplier_id.is_(None), FactRow.supplier.is_not(None))):
        review = (fields or {}).get("supplier_review")
        if review:
            entry = queue.setdefault((supplier, review["candidate"]), [review["score"], 0])
            entry[1] += 1
    return sorted(((s, c, v[0], v[1]) for (s, c), v in queue.items()), key=lambda q: -q[2])
