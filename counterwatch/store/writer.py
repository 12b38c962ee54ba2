"""Writing extractions: one document with its mentions, facts, evidence and search entries, all or nothing.

Storing is idempotent by content: the same bytes ingested twice add nothing, and a file whose content
changed replaces its old document (and so its facts) in the same transaction as the new one is written.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from counterwatch.model import Extraction, Fact
from counterwatch.store.deployments import after_write
from counterwatch.store.fact_targets import FactTargetRow, target_rows
from counterwatch.store.integrity import HISTORY_TABLES
from counterwatch.store.schema import (DocumentRow, EvidenceRow, FactRow, MentionRow, SearchEntryRow,
                                       SourceFileRow, utcnow)
from counterwatch.store.search import index_chunks


@dataclass(frozen=True)
class FileState:
    """What the file system said of an input file when it was read."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class SaveOutcome:
    status: str  # new | unchanged | duplicate | replaced | reextracted
    document_id: int
    facts: int


def _json_safe(value):
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _fact_values(fact: Fact, document_id: int, version: str) -> dict:
    return dict(
        document_id=document_id, technology=fact.technology, supplier=fact.supplier,
        supplier_id=fact.supplier_id, origin_country=fact.origin_country, buyer=fact.buyer,
        buyer_id=fact.buyer_id, country=fact.country, region=fact.region, place=fact.place,
        latitude=fact.latitude, longitude=fact.longitude, program=fact.program, year=fact.year,
        date=fact.date, amount=fact.amount, currency=fact.currency, amount_kind=fact.amount_kind,
        quantity=fact.quantity, unit=fact.unit, targets=list(fact.targets), status=fact.status,
        fields=_json_safe(fact.fields), deployment_key=fact.deployment_key, extractor_version=version,
        created_at=utcnow())


def _evidence_values(fact: Fact, fact_id: int, document_id: int) -> list[dict]:
    seen, rows = set(), []
    for ev in fact.evidence:
        if (ev.start, ev.end) not in seen:
            seen.add((ev.start, ev.end))
            rows.append(dict(fact_id=fact_id, document_id=document_id, quote=ev.quote, start=ev.start, end=ev.end))
    return rows


def _fact_search_text(fact: Fact) -> str:
    parts = [fact.technology.replace("_", " "), fact.supplier, fact.buyer, fact.place, fact.region,
             fact.program, " ".join(fact.targets)]
    parts += [ev.quote for ev in fact.evidence]
    return " ".join(p for p in parts if p)


def _insert_plain(session: Session, model: type, rows: list[dict]) -> None:
    """Bulk insert into a table that is not history (see store.integrity.HISTORY_TABLES): a Core
    executemany on the session's connection, without the ORM's per-row bulk bookkeeping and session
    events (a third of the time spent storing). History tables go through session.execute, so sealed."""
    if model.__tablename__ in HISTORY_TABLES:
        session.execute(insert(model), rows)
    else:
        session.connection().execute(model.__table__.insert(), rows)


#: Key in Document.metadata of the search index text already computed for an extraction (see search_chunks).
SEARCH_CHUNKS = "search_chunks"


def search_chunks(extraction: Extraction) -> list[list[str]]:
    """The search index entries of a document, then of each of its facts. Computing them is pure work
    on the text, so batch ingest does it in the worker processes and keeps it in the document's metadata;
    the writer computes them itself when they are missing."""
    doc = extraction.document
    return [index_chunks(f"{doc.title or ''}\n{doc.text}")] + [index_chunks(_fact_search_text(f))
                                                              for f in extraction.facts]


def _write_content(session: Session, document_id: int, extraction: Extraction) -> int:
    """Mentions, facts, evidence and search entries of one document, each table in one bulk insert
    (an executemany, not one ORM flush per row: storing was a third of the ingest time)."""
    version = extraction.extractor_version
    if extraction.mentions:
        _insert_plain(session, MentionRow, [
            dict(document_id=document_id, kind=m.kind, value=str(m.value), start=m.start, end=m.end,
                 attrs=_json_safe(dict(m.attrs))) for m in extraction.mentions])
    chunks = extraction.document.metadata.get(SEARCH_CHUNKS)
    if chunks is None or len(chunks) != len(extraction.facts) + 1:
        chunks = search_chunks(extraction)
    entries = [dict(document_id=document_id, fact_id=None, tokens=tokens) for tokens in chunks[0]]
    evidence: list[dict] = []
    targets: list[dict] = []
    if extraction.facts:
        # A Core INSERT through the session (so sealed: the integrity hook sees it) without the ORM's
        # per-row bulk bookkeeping.
        facts = FactRow.__table__
        ids = session.execute(facts.insert().returning(facts.c.id, sort_by_parameter_order=True),
                              [_fact_values(f, document_id, version) for f in extraction.facts]).scalars().all()
        for fact, fact_id, fact_chunks in zip(extraction.facts, ids, chunks[1:]):
            evidence += _evidence_values(fact, fact_id, document_id)
            targets += target_rows(fact_id, fact.targets)
            entries += [dict(document_id=document_id, fact_id=fact_id, tokens=tokens) for tokens in fact_chunks]
    if evidence:
        session.execute(EvidenceRow.__table__.insert(), evidence)
    if targets:
        _insert_plain(session, FactTargetRow, targets)
    _insert_plain(session, SearchEntryRow, entries)
    return len(extraction.facts)


def _clear_content(session: Session, document_id: int) -> None:
    for table in (SearchEntryRow, FactRow, MentionRow):
        session.execute(delete(table).where(table.document_id == document_id))


def _drop_if_orphaned(session: Session, document_id: int | None, keep: int) -> None:
    if document_id is None or document_id == keep:
        return
    still_used = session.scalar(select(func.count()).select_from(SourceFileRow)
                                .where(SourceFileRow.document_id == document_id))
    if not still_used:
        _clear_content(session, document_id)
        session.execute(delete(DocumentRow).where(DocumentRow.id == document_id))


def _stored_file(session: Session, path: str):
    """The stored row of a file path (document_id, content_hash), or None."""
    files = SourceFileRow.__table__
    return session.connection().execute(select(files.c.document_id, files.c.content_hash)
                                        .where(files.c.path == path)).first()


def _record_file(session: Session, state: FileState, content_hash: str, document_id: int | None,
                 error: str | None = None) -> int | None:
    """Point the file's path at its document; returns the document it pointed to before. Core statements
    on the session's connection (source_files is no history table): an ORM object per file cost a
    look-up through the identity map and a unit-of-work flush per document."""
    files = SourceFileRow.__table__
    values = dict(document_id=document_id, content_hash=content_hash, size=state.size, mtime_ns=state.mtime_ns,
                  status="failed" if error else "ok", error=error, seen_at=utcnow())
    row = _stored_file(session, state.path)
    connection = session.connection()
    if row is None:
        connection.execute(files.insert(), [dict(path=state.path, **values)])
        return None
    connection.execute(files.update().where(files.c.path == state.path).values(**values))
    return row.document_id


def save_extraction(session: Session, extraction: Extraction, state: FileState) -> SaveOutcome:
    """Store one extraction; the caller's transaction makes it all-or-nothing."""
    doc = extraction.document
    # Two columns on the connection, not a DocumentRow loaded through the ORM: this runs for every file.
    if session.new:
        session.flush()  # what session.scalar() did first: pending documents become visible to the query
    existing = session.connection().execute(select(DocumentRow.id, DocumentRow.extractor_version)
                                            .where(DocumentRow.content_hash == doc.content_hash)).first()
    if existing is not None:
        status = "duplicate"
        if existing.extractor_version != extraction.extractor_version:
            _clear_content(session, existing.id)
            session.flush()
            _write_content(session, existing.id, extraction)
            session.execute(update(DocumentRow).where(DocumentRow.id == existing.id)
                            .values(extractor_version=extraction.extractor_version))
            status = "reextracted"
        previous = _record_file(session, state, doc.content_hash, existing.id)
        if previous == existing.id and status == "duplicate":
            status = "unchanged"
        _drop_if_orphaned(session, previous, keep=existing.id)
        if status == "reextracted":
            after_write(session, existing.id, extraction)
        count = session.scalar(select(func.count()).select_from(FactRow).where(FactRow.document_id == existing.id))
        return SaveOutcome(status, existing.id, count or 0)
    row = DocumentRow(
        source_id=doc.source_id, content_hash=doc.content_hash, path=doc.path, mime_type=doc.mime_type,
        language=doc.language, title=doc.title, date=doc.date, url=doc.url, encoding=doc.encoding,
        size=doc.size, text=doc.text, extractor_version=extraction.extractor_version)
    session.add(row)
    session.flush()
    count = _write_content(session, row.id, extraction)
    previous = _record_file(session, state, doc.content_hash, row.id)
    _drop_if_orphaned(session, previous, keep=row.id)
    after_write(session, row.id, extraction, fresh=True)
    return SaveOutcome("replaced" if previous else "new", row.id, count)


def record_failure(session: Session, state: FileState, reason: str) -> None:
    """Remember that a file failed (for reports and --retry-failed); what it stored before stays."""
    row = _stored_file(session, state.path)
    keep = row.document_id if row else None
    _record_file(session, state, row.content_hash if row else "", keep, error=reason)


def document_asdict(row: DocumentRow) -> dict:
    return {c: getattr(row, c) for c in ("id", "source_id", "content_hash", "path", "mime_type", "language",
                                         "title", "date", "url", "encoding", "size", "extractor_version")}


__all__ = ["FileState", "SaveOutcome", "save_extraction", "record_failure", "document_asdict", "search_chunks",
           "SEARCH_CHUNKS"]
