"""Reading facts back: filters shared by the command line, the exports and the atlas."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from counterwatch.store.schema import DocumentRow, FactRow, MentionRow
from counterwatch.store.search import matching_entries


@dataclass(frozen=True)
class FactFilter:
    supplier: str | None = None
    technology: str | None = None
    country: str | None = None
    year: int | None = None
    q: str | None = None

    def apply(self, session: Session, query: Select) -> Select:
        if self.supplier:
            like = f"%{self.supplier.lower()}%"
            query = query.where(or_(func.lower(FactRow.supplier).like(like), FactRow.supplier_id == self.supplier.lower()))
        if self.technology:
            query = query.where(FactRow.technology == self.technology)
        if self.country:
            query = query.where(FactRow.country == self.country.upper())
        if self.year is not None:
            query = query.where(FactRow.year == self.year)
        if self.q:
            entries = matching_entries(session, self.q)
            if entries is not None:
                sub = entries.subquery()
                query = query.where(or_(FactRow.id.in_(select(sub.c.fact_id).where(sub.c.fact_id.is_not(None))),
                                        FactRow.document_id.in_(select(sub.c.document_id))))
        return query


def source_counts(session: Session, keys: list[str]) -> dict[str, int]:
    """How many distinct documents report each deployment key."""
    counts: dict[str, int] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        rows = session.execute(select(FactRow.deployment_key, func.count(func.distinct(FactRow.document_id)))
                               .where(FactRow.deployment_key.in_(chunk)).group_by(FactRow.deployment_key))
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


def fact_as_dict(row: FactRow, sources: int | None = None) -> dict:
    """A fact with all its fields and evidence, as the JSON export and the API give it."""
    doc = row.document
    return {
        "id": row.id, "technology": row.technology, "supplier": row.supplier, "supplier_id": row.supplier_id,
        "origin_country": row.origin_country, "buyer": row.buyer, "country": row.country,
        "region": row.region, "place": row.place, "latitude": row.latitude, "longitude": row.longitude,
        "program": row.program, "year": row.year, "date": row.date, "amount": row.amount,
        "currency": row.currency, "amount_kind": row.amount_kind, "quantity": row.quantity, "unit": row.unit,
        "targets": list(row.targets or []), "status": row.status, "fields": row.fields or {},
        "deployment_key": row.deployment_key, "sources": sources,
        "extractor_version": row.extractor_version,
        "document": {"id": doc.id, "source_id": doc.source_id, "title": doc.title, "path": doc.path,
                     "url": doc.url, "date": doc.date, "language": doc.language,
                     "content_hash": doc.content_hash},
        "evidence": [{"quote": e.quote, "start": e.start, "end": e.end} for e in row.evidence],
    }
