"""Running the stages over many files: an engine (worker processes here, or a Dask cluster) reads, extracts
and resolves; the main process stores.

Files whose path, size and modification time match what is stored (and whose facts came from the
current extractor version) are skipped, so re-running over an unchanged corpus costs little.
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import select

from counterwatch.config import EXTRACTOR_VERSION
from counterwatch.engines import make_engine
from counterwatch.extract.pipeline import extract_document
from counterwatch.ingest.errors import IngestError
from counterwatch.ingest.loader import load_document
from counterwatch.ingest.walker import SkippedPath, iter_files
from counterwatch.model import Extraction
from counterwatch.resolve.facts import resolve_extraction
from counterwatch.store.database import Database
from counterwatch.store.schema import DocumentRow, SourceFileRow
from counterwatch.store.writer import SEARCH_CHUNKS, FileState, record_failure, save_extraction, search_chunks

#: Documents written per database transaction: large enough that commits do not dominate (an fsync
#: each), small enough that a crash loses little work to redo.
COMMIT_EVERY = 200


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
            document.metadata[SEARCH_CHUNKS] = search_chunks(extraction)  # here, not in the storing process
            return _Outcome(state, extraction, None)
    except FileLimitExceeded as exc:
        return _Outcome(state, None, f"{path}: {exc.reason}")
    except IngestError as exc:
        return _Outcome(state, None, str(exc))
    except Exception as exc:  # a bug or a hostile file must not stop the batch
        return _Outcome(state, None, f"{path}: {type(exc).__name__}: {exc}")


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
        pending = 0
        outcomes = make_engine(engine, workers, address).map_unordered(
            functools.partial(process_file, max_bytes=max_bytes), todo)
        for done, outcome in enumerate(outcomes, start=1):
            report.read += 1
            # No savepoint per document: an error in storing rolls the whole open transaction back anyway,
            # and a savepoint's commit ran the before-commit work (sealing, deployments) per document.
            if outcome.extraction is None:
                report.failed.append((outcome.state.path, outcome.error or "unknown error"))
                record_failure(session, outcome.state, outcome.error or "unknown error")
            else:
                saved = save_extraction(session, outcome.extraction, outcome.state)
                if saved.status in ("new", "replaced", "reextracted"):
                    report.stored += 1
                    report.facts += saved.facts
                else:
                    report.duplicates += saved.status == "duplicate"
                    report.unchanged += saved.status == "unchanged"
            pending += 1
            if pending >= COMMIT_EVERY:
                session.commit()
                pending = 0
            if on_progress:
                report.seconds = time.perf_counter() - started
                on_progress(report, done, total)
    report.seconds = time.perf_counter() - started
    return report
