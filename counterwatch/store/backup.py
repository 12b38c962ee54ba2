"""Consistent snapshots of the database while it is in use, and bringing one back.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies the database page by page; pages
a writer changes during the copy are copied again, so the file is one consistent state even while the
atlas reads and an ingest or a reviewer writes. Restore copies the snapshot into the live database the
same way, under the database's write lock, after checking the snapshot.
PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot by its own transaction) and
``pg_restore --clean``; both must be on PATH.
"""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from counterwatch.store.database import SQLITE_BUSY_TIMEOUT_MS, Database

#: Pages copied per backup step: small steps let writers in between (the SQLite docs' example uses 100s);
#: 1024 pages of 4 KB is 4 MB per step.
BACKUP_PAGES_PER_STEP = 1024
#: Tables a Counterwatch snapshot must hold; a file without them is not one of ours.
REQUIRED_TABLES = ("documents", "facts", "evidence", "alembic_version")


class BackupError(Exception):
    """The backup or restore could not be made; the message says why."""


def _sqlite_path(database: Database) -> str:
    return make_url(database.url).database or ""


def _pg_url(database: Database) -> str:
    return database.url.replace("postgresql+psycopg://", "postgresql://")


def _check_snapshot(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{path}: damaged SQLite file (quick_check failed)")
            names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path}: not an SQLite database ({exc})") from None
    missing = [t for t in REQUIRED_TABLES if t not in names]
    if missing:
        raise BackupError(f"{path}: not a Counterwatch backup (missing tables: {', '.join(missing)})")


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target, pages=BACKUP_PAGES_PER_STEP)


def backup(database: Database, out: Path) -> None:
    """Write a consistent snapshot of ``database`` to ``out`` (replaced if it exists)."""
    if database.dialect == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={out}", _pg_url(database)])
        return
    tmp = out.with_name(out.name + ".partial")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(_sqlite_path(database), timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    target = sqlite3.connect(tmp)
    try:
        _copy(source, target)
    finally:
        target.close()
        source.close()
    _check_snapshot(tmp)
    tmp.replace(out)  # a crash mid-backup never leaves a half-written file under the final name


def restore(database: Database, snapshot: Path) -> None:
    """Replace the contents of ``database`` with the snapshot ``snapshot``."""
    if not snapshot.is_file():
        raise BackupError(f"{snapshot}: no such backup file")
    if database.dialect == "postgresql":
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              f"--dbname={_pg_url(database)}", str(snapshot)])
        return
    _check_snapshot(snapshot)
    source = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    target = sqlite3.connect(_sqlite_path(database), timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        _copy(source, target)
    finally:
        target.close()
        source.close()


def _run(argv: list[str]) -> None:
    if shutil.which(argv[0]) is None:
        raise BackupError(f"{argv[0]} is not on PATH (install the PostgreSQL client tools)")
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {result.stderr.strip()[:500]}")


__all__ = ["BackupError", "backup", "restore"]
