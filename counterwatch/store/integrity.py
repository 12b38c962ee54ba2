"""Integrity of the evidence: a text hash per document and a hash chain over the history rows.

How it works (application level, the same on SQLite and PostgreSQL):

- Every ORM session that writes is *sealed* just before it commits, in the same transaction: each
  new document gets a ``document_hashes`` row (sha256 of its stored text), and each new history row
  (a fact, an evidence quote, a document hash, and the review tables when they exist) gets an
  ``insert`` entry in ``integrity_chain``; each row the application deletes gets a ``delete`` entry.
  An entry holds the sha256 of the row's values and a chain hash over the previous entry's, so an
  entry cannot be edited, dropped or reordered without breaking the chain after it.
- ``verify()`` recomputes all of it: the chain, each live row against its last sealed hash, each
  document's text against its text hash, and each quote against ``text[start:end]``. It reports a row
  changed, removed or added outside the application (SQL run by hand, another program).

Not defended here (see SECURITY.md): someone with write access who rewrites the whole chain
consistently; compare ``head`` with a copy kept elsewhere to catch that.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterable

from sqlalchemy import ForeignKey, Index, Integer, String, Table, event, func, select, text
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from counterwatch.store.schema import Base, DocumentRow, in_batches

#: Tables whose rows are history: sealed on insert, tombstoned on delete. The review events
#: and judgement tables are tracked when their modules (counterwatch.store.reviews, .judgements) are loaded.
HISTORY_TABLES = ("facts", "evidence", "document_hashes", "review_events", "judgements")
#: The chain hash before the first entry.
GENESIS = "0" * 64
#: Rows read per query while verifying: bounds memory on large stores.
VERIFY_BATCH = 2000
#: Ids per SQL ``IN (...)`` list while sealing: well below SQLite's limit of 32,766 bound variables, so a
#: transaction that inserts a million rows is sealed in chunks instead of failing ("too many SQL variables").
SEAL_IN_BATCH = 10_000


class DocumentHashRow(Base):
    """sha256 of a document's stored (redacted, normalised) text, taken when it was written."""

    __tablename__ = "document_hashes"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    text_sha256: Mapped[str] = mapped_column(String(64))


class ChainRow(Base):
    """One sealed event on a history row: its values' hash, linked to the previous entry."""

    __tablename__ = "integrity_chain"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))  # insert | delete
    row_hash: Mapped[str] = mapped_column(String(64))
    chain_hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (Index("ix_integrity_chain_row", "table_name", "row_id"),)


def sha256_text(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def row_hash(values: dict[str, Any]) -> str:
    """sha256 of a row's column values, independent of column order and database dialect."""
    return sha256_text(json.dumps(_canonical(values), sort_keys=True, ensure_ascii=False))


def link(previous: str, table_name: str, row_id: int, action: str, values_hash: str) -> str:
    return sha256_text(f"{previous}|{table_name}|{row_id}|{action}|{values_hash}")


def _tracked() -> list[Table]:
    return [Base.metadata.tables[n] for n in HISTORY_TABLES if n in Base.metadata.tables]


def _cascade(session: Session, table: Table, ids: set[int], out: dict[str, set[int]]) -> None:
    """Rows deleted with ``ids`` of ``table`` through ON DELETE CASCADE, added to ``out``."""
    if not ids:
        return
    out.setdefault(table.name, set()).update(ids)
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table.name == table.name and fk.ondelete == "CASCADE" and _has_key(child):
                key = _key_column(child)
                found = set(session.scalars(select(key).where(fk.parent.in_(sorted(ids)))))
                _cascade(session, child, found - out.get(child.name, set()), out)


def _append(session: Session, events: Iterable[tuple[str, int, str, str]]) -> None:
    events = list(events)
    if not events:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":  # one sealer at a time keeps the chain linear
        connection.execute(text("LOCK TABLE integrity_chain IN EXCLUSIVE MODE"))
    previous = session.scalar(select(ChainRow.chain_hash).order_by(ChainRow.id.desc()).limit(1)) or GENESIS
    rows = []
    for table_name, row_id, action, values_hash in events:
        previous = link(previous, table_name, row_id, action, values_hash)
        rows.append(dict(table_name=table_name, row_id=row_id, action=action, row_hash=values_hash,
                         chain_hash=previous))
    # One Core executemany in chain order (ids ascend with it): an ORM object per entry cost as much as
    # the rest of sealing. The chain is not history itself, so no session event needs to see these rows.
    connection.execute(ChainRow.__table__.insert(), rows)


def _has_key(table: Table) -> bool:
    return "id" in table.c or table.name == "document_hashes"


def _key_column(table: Table):
    return table.c["document_id"] if table.name == "document_hashes" else table.c["id"]


def _sealed_hash(table: Table, row) -> str:
    """Hash of a history row, leaving out references the database itself clears (ON DELETE SET NULL:
    a review keeps its history when the fact it was about is re-extracted)."""
    cleared = {fk.parent.name for fk in table.foreign_keys if fk.ondelete == "SET NULL"}
    return row_hash({k: v for k, v in dict(row).items() if k not in cleared})


def _in_chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    return in_batches(sorted(ids), SEAL_IN_BATCH)


def _row_hashes(session: Session, table: Table, ids: Iterable[int]) -> dict[int, str]:
    key = _key_column(table)
    hashes: dict[int, str] = {}
    for chunk in _in_chunks(ids):
        rows = session.execute(select(table).where(key.in_(chunk))).mappings()
        hashes.update({row[key.name]: _sealed_hash(table, row) for row in rows})
    return hashes


# --- sealing: ORM session events ------------------------------------------------------------------
# session.info["integrity"]: (action, table, row id) in the order they happened in this transaction;
# session.info["integrity_docs"]: new DocumentRow objects and their text hashes.

def _note(session: Session, action: str, table_name: str, ids: Iterable[int]) -> None:
    session.info.setdefault("integrity", []).extend((action, table_name, i) for i in ids)


def _note_deleted(session: Session, table: Table, ids: set[int]) -> None:
    found: dict[str, set[int]] = {}
    _cascade(session, table, ids, found)
    names = {t.name for t in _tracked()}
    for name, row_ids in found.items():
        if name in names:
            _note(session, "delete", name, sorted(row_ids))


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context, _instances) -> None:
    for obj in session.deleted:
        table = getattr(obj, "__table__", None)
        if table is not None and "id" in table.c:
            _note_deleted(session, table, {obj.id})
    for obj in session.new:
        if isinstance(obj, DocumentRow):
            session.info.setdefault("integrity_docs", []).append((obj, sha256_text(obj.text or "")))


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    names = {t.name for t in _tracked()} - {"document_hashes"}
    for obj in session.new:
        table = getattr(obj, "__table__", None)
        if table is not None and table.name in names:
            _note(session, "insert", table.name, [obj.id])


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState):
    """Bulk statements: note the rows a DELETE removes (before it runs) and the rows an INSERT adds
    (new ids are above the largest before it: SQLite allocates max(rowid)+1, PostgreSQL a sequence)."""
    if not (state.is_delete or state.is_insert):
        return None
    table = state.statement.table
    if "id" not in table.c:
        return None
    key = table.c["id"]
    if state.is_delete:
        where = state.statement.whereclause
        query = select(key) if where is None else select(key).where(where)
        _note_deleted(state.session, table, set(state.session.scalars(query)))
        return None
    if table.name not in {t.name for t in _tracked()}:
        return None
    session = state.session
    if session.autoflush:
        session.flush()  # what session.scalar() did first: pending rows take their ids before the max is read
    # On the transaction's connection, not session.scalar(): these two look-ups ran once per bulk insert,
    # and the ORM's execution machinery around them cost more than the queries.
    connection = session.connection()
    before = connection.execute(select(func.max(key))).scalar() or 0
    result = state.invoke_statement()
    _note(session, "insert", table.name, connection.execute(select(key).where(key > before)).scalars())
    return result


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop("integrity", None)
        session.info.pop("integrity_docs", None)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    seal(session)


def _seal_documents(session: Session) -> None:
    docs = session.info.pop("integrity_docs", [])
    if not docs:
        return
    session.flush()
    ids = {doc.id: digest for doc, digest in docs if doc.id is not None}
    stored = {i for chunk in _in_chunks(ids)
              for i in session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(chunk)))}
    hashed = {i for chunk in _in_chunks(stored)
              for i in session.scalars(select(DocumentHashRow.document_id)
                                       .where(DocumentHashRow.document_id.in_(chunk)))}
    for doc_id in sorted(stored - hashed):
        session.add(DocumentHashRow(document_id=doc_id, text_sha256=ids[doc_id]))
    session.flush()
    _note(session, "insert", "document_hashes", sorted(stored - hashed))


def seal(session: Session) -> None:
    """Append chain entries for what this transaction inserted and deleted (runs before commit)."""
    if session.new or session.dirty or session.deleted:
        session.flush()  # commit flushes after this event: flush now so that new rows have ids
    _seal_documents(session)
    noted = session.info.pop("integrity", [])
    if not noted:
        return
    last: dict[tuple[str, int], str] = {}
    for action, name, row_id in noted:
        last.pop((name, row_id), None)  # keep the order of each row's last event
        last[(name, row_id)] = action
    tables = {t.name: t for t in _tracked()}
    inserted: dict[str, set[int]] = {}
    for (name, row_id), action in last.items():
        if action == "insert":
            inserted.setdefault(name, set()).add(row_id)
    live = {name: _row_hashes(session, tables[name], ids) for name, ids in inserted.items()}
    events = []
    for (name, row_id), action in last.items():
        if action == "delete":
            events.append((name, row_id, "delete", GENESIS))
        elif row_id in live[name]:  # inserted and gone again (a rolled-back savepoint): nothing to seal
            events.append((name, row_id, "insert", live[name][row_id]))
    _append(session, events)
    session.info.pop("integrity", None)  # the chain rows flushed above are not history themselves


# --- verifying -------------------------------------------------------------------------------------

@dataclass
class VerifyReport:
    documents: int = 0
    quotes: int = 0
    chain_entries: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _verify_chain(session: Session, report: VerifyReport) -> dict[tuple[str, int], tuple[str, str]]:
    """Walk the chain; returns the last (action, row hash) sealed for each row."""
    state: dict[tuple[str, int], tuple[str, str]] = {}
    previous, last_id = GENESIS, 0
    while True:
        batch = session.scalars(select(ChainRow).where(ChainRow.id > last_id).order_by(ChainRow.id)
                                .limit(VERIFY_BATCH)).all()
        if not batch:
            break
        for entry in batch:
            expected = link(previous, entry.table_name, entry.row_id, entry.action, entry.row_hash)
            if entry.chain_hash != expected:
                report.problems.append(f"history chain broken at entry {entry.id} ({entry.table_name} "
                                       f"{entry.row_id}): an entry was edited, removed or inserted")
            previous = entry.chain_hash
            state[(entry.table_name, entry.row_id)] = (entry.action, entry.row_hash)
            report.chain_entries += 1
            last_id = entry.id
    report.head = previous
    return state


def _verify_rows(session: Session, report: VerifyReport, state: dict[tuple[str, int], tuple[str, str]]) -> None:
    for table in _tracked():
        key = _key_column(table)
        live: set[int] = set()
        for row in session.execute(select(table).order_by(key)).mappings():
            row_id = row[key.name]
            live.add(row_id)
            action, sealed = state.get((table.name, row_id), ("", ""))
            if action != "insert":
                report.problems.append(f"{table.name} {row_id}: row not written by the application (unsealed)")
            elif sealed != _sealed_hash(table, row):
                report.problems.append(f"{table.name} {row_id}: row altered after it was written")
        for (name, row_id), (action, _) in state.items():
            if name == table.name and action == "insert" and row_id not in live:
                report.problems.append(f"{name} {row_id}: row deleted outside the application")


def _verify_texts(session: Session, report: VerifyReport) -> None:
    hashes = dict(session.execute(select(DocumentHashRow.document_id, DocumentHashRow.text_sha256)).all())
    last_id = 0
    while True:
        docs = session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id > last_id)
                               .order_by(DocumentRow.id).limit(VERIFY_BATCH)).all()
        if not docs:
            break
        texts = {}
        for doc_id, stored in docs:
            report.documents += 1
            texts[doc_id] = stored
            if doc_id not in hashes:
                report.problems.append(f"document {doc_id}: no text hash (not written by the application)")
            elif hashes[doc_id] != sha256_text(stored):
                report.problems.append(f"document {doc_id}: stored text altered after it was written")
        evidence = Base.metadata.tables["evidence"]
        for ev in session.execute(select(evidence).where(evidence.c.document_id.in_(sorted(texts)))).mappings():
            report.quotes += 1
            if texts[ev["document_id"]][ev["start"]:ev["end"]] != ev["quote"]:
                report.problems.append(f"evidence {ev['id']}: quote differs from document "
                                       f"{ev['document_id']} text at {ev['start']}-{ev['end']}")
        last_id = docs[-1][0]


def verify(session: Session) -> VerifyReport:
    """Check every stored text, quote and history row against what the application sealed."""
    report = VerifyReport()
    state = _verify_chain(session, report)
    _verify_rows(session, report, state)
    _verify_texts(session, report)
    return report


# --- sealing rows older than the history (databases made before migration 0004_integrity) ----------

@dataclass
class SealReport:
    sealed: dict[str, int] = field(default_factory=dict)  # table -> rows sealed now
    left: int = 0  # unsealed rows newer than the history: left as they are, still reported by verify
    refused: str | None = None  # why nothing was sealed


def seal_unsealed(session: Session) -> SealReport:
    """Seal, once, the rows written before the history existed: each document without a text hash gets
    one, and each history row that the chain has never seen gets an insert entry (sealed on commit).

    A row counts as older than the history only when its id is below the first id the chain sealed in
    its table (ids only grow), so a row forged after sealing began stays reported as unsealed. A row
    the chain has seen (inserted or deleted) is never sealed again: an altered row stays altered. Nothing
    is sealed when the chain itself is broken. Calling this trusts those old rows as they are now:
    it is an administrator's decision, taken once after migrating an old database.
    """
    report = SealReport()
    check = VerifyReport()
    state = _verify_chain(session, check)
    if check.problems:
        report.refused = "the history chain is broken (see verify); sealing on top of it would hide that"
        return report
    first: dict[str, int] = {}
    for (name, row_id), _ in state.items():
        first[name] = min(first.get(name, row_id), row_id)
    hashed = set(session.scalars(select(DocumentHashRow.document_id)))
    fresh = []
    for doc_id, stored in session.execute(select(DocumentRow.id, DocumentRow.text).order_by(DocumentRow.id)):
        if doc_id in hashed:
            continue
        if ("document_hashes", doc_id) not in state and doc_id < first.get("document_hashes", doc_id + 1):
            session.add(DocumentHashRow(document_id=doc_id, text_sha256=sha256_text(stored or "")))
            fresh.append(doc_id)
        else:
            report.left += 1
    session.flush()
    _note(session, "insert", "document_hashes", fresh)
    report.sealed["document_hashes"] = len(fresh)
    for table in _tracked():
        key = _key_column(table)
        old = []
        for row_id in session.scalars(select(key).order_by(key)):
            if (table.name, row_id) in state or (table.name == "document_hashes" and row_id in fresh):
                continue
            if row_id < first.get(table.name, row_id + 1):
                old.append(row_id)
            else:
                report.left += 1
        _note(session, "insert", table.name, old)
        report.sealed[table.name] = report.sealed.get(table.name, 0) + len(old)
    return report


def chain_contains(session: Session, chain_hash: str) -> bool:
    """True when an entry of the chain has this hash (an earlier head is still part of the history)."""
    return chain_hash == GENESIS or session.scalar(
        select(ChainRow.id).where(ChainRow.chain_hash == chain_hash).limit(1)) is not None
