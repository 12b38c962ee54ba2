"""Running the stages over many files: an engine (worker processes here, or a Dask cluster) reads, extracts
and resolves; the main process stores.

Files whose path, size and modification time match what is stored (and whose facts came from the
current extractor version) are skipped, so re-running over an unchanged corpus costs little.
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from counterwatch.config import EXTRACTOR_VERSION
from counterwatch.engines import make_engine
from counterwatch.engines.local import LostItem
from counterwatch.extract.pipeline import extract_document
from counterwatch.ingest.errors import IngestError
from counterwatch.ingest.loader import load_document
from counterwatch.ingest.walker import SkippedPath, iter_files
from counterwatch.model import Extraction
from counterwatch.resolve.facts import resolve_extraction
from counterwatch.store.database import Database
from counterwatch.store.deployments import finish_batch, start_batch
from counterwatch.store.schema import DocumentRow, SourceFileRow
from counterwatch.store.search import index_chunks
from counterwatch.store.writer import SEARCH_CHUNKS, FileState, record_failure, save_extraction, search_chunks

T = TypeVar("T")

#: Documents written per database transaction: large enough that commits do not dominate (an fsync
#: each), small enough that a crash loses little work to redo.
COMMIT_EVERY = 200
#: Characters of document text written per transaction at most: the documents of the open transaction
#: stay in memory until it commits (see _Writer), so a run of large files commits sooner (200 typical
#: documents hold 1-4 million characters; a few 40 MB pages reach this bound).
COMMIT_CHARS = 64_000_000
#: Seconds a transaction stays open at most: SQLite lets one writer in at a time and the open transaction
#: holds the lock, also while this process extracts the next file (one worker) or waits for results; a
#: second ingest, the atlas or a reviewer then waits, and fails after store.database.SQLITE_BUSY_TIMEOUT_MS
#: (30 s). A commit (sealing, deployments, one fsync) costs tens of ms, about 1% of 5 s.
COMMIT_SECONDS = 5.0
#: Times one document is stored again after losing a race to another ingest: the second try finds the
#: other's committed row; a third covers a deadlock victim chosen twice.
RACE_ATTEMPTS = 3
#: SQLSTATE of a PostgreSQL deadlock (the server aborted one of two waiting transactions).
PG_DEADLOCK = "40P01"


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    facts: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class _Outcome:
    state: FileState
    extraction: Extraction | None
    error: str | None


def _file_state(path: Path) -> FileState:
    st = path.stat()
    return FileState(str(path.resolve()), st.st_size, st.st_mtime_ns)


def process_file(path: Path, max_bytes: int | None = None) -> _Outcome:
    """Read, extract and resolve one file (runs in a worker process)."""
    try:
        state = _file_state(path)
    except OSError as exc:
        return _Outcome(FileState(str(path), 0, 0), None, f"{path}: cannot stat ({exc.strerror})")
    from counterwatch.ingest.guard import FileLimitExceeded, file_limits

    try:
        with file_limits():
            document = load_document(path, max_bytes=max_bytes)
            extraction = resolve_extraction(extract_document(document))
            document.metadata[SEARCH_CHUNKS] = _search_chunks(extraction)  # here, not in the storing process
            return _Outcome(state, extraction, None)
    except FileLimitExceeded as exc:
        return _Outcome(state, None, f"{path}: {exc.reason}")
    except IngestError as exc:
        return _Outcome(state, None, str(exc))
    except Exception as exc:  # a bug or a hostile file must not stop the batch
        return _Outcome(state, None, f"{path}: {type(exc).__name__}: {exc}")


#: Characters of a document's text indexed for search at a time: the index tokens of one piece are held
#: as a list of Python strings (about 50 bytes per word), so a 40 MB page in one piece took 450 MB.
#: Only a phrase split across two pieces (one in every million characters) is not found as a phrase.
SEARCH_PIECE_CHARS = 1_000_000


def _search_chunks(extraction: Extraction) -> list[list[str]]:
    """store.writer.search_chunks, with the text of a document over SEARCH_PIECE_CHARS indexed a piece at
    a time (cut at a line break where there is one)."""
    doc = extraction.document
    if len(doc.text) <= SEARCH_PIECE_CHARS:
        return search_chunks(extraction)
    entries: list[str] = []
    start = 0
    while start < len(doc.text):
        end = start + SEARCH_PIECE_CHARS
        if end < len(doc.text):
            end = (doc.text.rfind("\n", start, end) + 1) or end
        piece = doc.text[start:end]
        entries += index_chunks(piece if start else f"{doc.title or ''}\n{piece}")
        start = end
    return [entries] + search_chunks(replace(extraction, document=replace(doc, text="")))[1:]


#: Texts of our own that make one pass through every stage touch every model and index loaded on first
#: use (spaCy, gazetteers, knowledge base, lexicon, language identifier, Chinese converters).
_WARM_UP_TEXTS = {
    "en.txt": "The city police installed face recognition cameras supplied by Hikvision in Belgrade, Serbia, "
              "in 2021 under the Safe City programme, 1,000 units for 2 million dollars.",
    "en_country.txt": "Police in Kenya bought surveillance drones made by DJI.",  # a fact placed at a country
    "zh.txt": "某市公安局人脸识别系统采购项目中标公告\n采购人：某市公安局\n中标供应商：杭州海康威视数字技术股份有限公司\n"
              "中标金额：人民币100万元\n项目地点：新疆喀什市\n公告日期：2021年5月6日",
}


def warm_up() -> None:
    """Load every model and index in this process. Before a fork-based worker pool starts, the workers
    then share them copy-on-write instead of each loading them (about 4 s of CPU and 400 MB per worker)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="counterwatch-warm-") as folder:
        for name, text in _WARM_UP_TEXTS.items():
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            process_file(path)


def _pending(db: Database, files: list[Path], retry_failed: bool) -> tuple[list[Path], int]:
    """The files that need work, and how many were skipped as unchanged."""
    with db.session() as session:
        rows = session.execute(select(SourceFileRow.path, SourceFileRow.size, SourceFileRow.mtime_ns,
                                      SourceFileRow.status, DocumentRow.extractor_version)
                               .join(DocumentRow, DocumentRow.id == SourceFileRow.document_id, isouter=True))
        known = {r.path: r for r in rows}
    todo, unchanged = [], 0
    for path in files:
        row = known.get(str(path.resolve()))
        if retry_failed:
            if row is not None and row.status == "failed":
                todo.append(path)
            continue
        if row is not None and row.status == "ok" and row.extractor_version == EXTRACTOR_VERSION:
            try:
                state = _file_state(path)
            except OSError:
                todo.append(path)
                continue
            # mtime_ns is stored as a double, which cannot hold today's nanosecond clock exactly: compare
            # it as one (comparing the int never matched, so every "unchanged" file was re-extracted).
            if state.size == row.size and float(state.mtime_ns) == float(row.mtime_ns):
                unchanged += 1
                continue
        todo.append(path)
    return todo, unchanged


class _Writer:
    """Stores outcomes in the main process: no savepoint per document (a savepoint's commit runs the
    before-commit work, sealing and deployments, per document); a commit every COMMIT_EVERY documents,
    COMMIT_CHARS characters or COMMIT_SECONDS, whichever comes first.

    Another ingest may store the same new content (or the same path) between our look-up and our insert:
    the unique constraint then fails the statement and the open transaction is lost (PostgreSQL aborts
    it; SQLAlchemy rolls back after a failed flush on both). The documents of that transaction are kept
    here until it commits, so they are stored again, each in a transaction of its own: a look-up now
    finds what the other ingest committed and links the file to it as a duplicate.
    """

    def __init__(self, session: Session, report: IngestReport):
        self.session, self.report = session, report
        self.open: list[tuple[_Outcome, str, int]] = []  # (outcome, status, facts) not yet committed
        self.open_chars = 0
        self.opened = time.monotonic()

    def add(self, outcome: _Outcome) -> None:
        if outcome.extraction is None:
            self.report.failed.append((outcome.state.path, outcome.error or "unknown error"))
        try:
            status, facts = _store(self.session, outcome)
        except DBAPIError as exc:
            if not _lost_race(exc):
                raise
            self._again([entry[0] for entry in self.open] + [outcome])
            return
        self._count(status, facts, 1)
        if not self.open:
            self.opened = time.monotonic()
        self.open.append((outcome, status, facts))
        self.open_chars += len(outcome.extraction.document.text) if outcome.extraction else 0
        if len(self.open) >= COMMIT_EVERY or self.open_chars >= COMMIT_CHARS \
                or time.monotonic() - self.opened >= COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        try:
            self.session.commit()
        except DBAPIError as exc:
            if not _lost_race(exc):
                raise
            self._again([entry[0] for entry in self.open])
        self.open, self.open_chars = [], 0

    def _again(self, outcomes: list[_Outcome]) -> None:
        """After a lost race: roll back, then store each outcome in a transaction of its own."""
        self.session.rollback()
        for _outcome, status, facts in self.open:
            self._count(status, facts, -1)
        self.open, self.open_chars = [], 0
        for outcome in outcomes:
            status, facts = _in_own_transaction(self.session, functools.partial(_store, self.session, outcome))
            self._count(status, facts, 1)

    def _count(self, status: str, facts: int, sign: int) -> None:
        if status in ("new", "replaced", "reextracted"):
            self.report.stored += sign
            self.report.facts += sign * facts
        elif status == "duplicate":
            self.report.duplicates += sign
        elif status == "unchanged":
            self.report.unchanged += sign


def _store(session: Session, outcome: _Outcome) -> tuple[str, int]:
    """Store one outcome (a failure is recorded as one); returns its status and fact count."""
    if outcome.extraction is None:
        record_failure(session, outcome.state, outcome.error or "unknown error")
        return "failed", 0
    saved = save_extraction(session, outcome.extraction, outcome.state)
    return saved.status, saved.facts


def _lost_race(exc: DBAPIError) -> bool:
    """A unique constraint failed (another ingest stored the same content or path first), PostgreSQL
    chose this transaction as the victim of a deadlock between the two, or SQLite's writer lock stayed
    taken past the busy timeout."""
    return isinstance(exc, IntegrityError) or getattr(exc.orig, "sqlstate", None) == PG_DEADLOCK \
        or "database is locked" in str(exc.orig)


def _in_own_transaction(session: Session, work: Callable[[], T]) -> T:
    """``work()`` then commit; on a lost race roll back and start again, up to RACE_ATTEMPTS times."""
    attempt = 1
    while True:
        try:
            result = work()
            session.commit()
            return result
        except DBAPIError as exc:
            session.rollback()
            if not _lost_race(exc) or attempt == RACE_ATTEMPTS:
                raise
            attempt += 1


def _lost_outcome(lost: LostItem) -> _Outcome:
    path = lost.item
    try:
        state = _file_state(path)
    except OSError:
        state = FileState(str(path), 0, 0)
    return _Outcome(state, None, f"{path}: {lost.reason}")


def run_ingest(db: Database, paths: Iterable[Path], workers: int = 1, max_bytes: int | None = None,
               retry_failed: bool = False, on_progress: Callable[[IngestReport, int, int], None] | None = None,
               engine: str = "local", address: str | None = None) -> IngestReport:
    """Ingest ``paths`` into ``db``; ``engine`` names where the per-file work runs (see counterwatch.engines)."""
    started = time.perf_counter()
    report = IngestReport()
    files: list[Path] = []
    for entry in iter_files(paths):
        if isinstance(entry, SkippedPath):
            report.failed.append((str(entry.path), entry.reason))
        else:
            files.append(entry)
    todo, report.unchanged = _pending(db, files, retry_failed)
    report.read = report.unchanged
    total = len(todo)
    if engine == "local" and workers > 1 and total > 1:
        warm_up()
    with db.session() as session:  # committed at the end, rolled back on any error
        writer = _Writer(session, report)
        start_batch(session)  # deployments re-clustered now and then, and at the end, not per commit
        outcomes = make_engine(engine, workers, address).map_unordered(
            functools.partial(process_file, max_bytes=max_bytes), todo)
        for done, outcome in enumerate(outcomes, start=1):
            report.read += 1
            writer.add(_lost_outcome(outcome) if isinstance(outcome, LostItem) else outcome)
            if on_progress:
                report.seconds = time.perf_counter() - started
                on_progress(report, done, total)
        writer.commit()
        # The batch's last re-clustering: another ingest re-clustering the same scopes at the same moment
        # makes it start again (facts without a deployment are found anew).
        _in_own_transaction(session, lambda: finish_batch(session))
    report.seconds = time.perf_counter() - started
    return report
