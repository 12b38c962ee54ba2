"""Opening a database (SQLite file or PostgreSQL URL) and bringing its schema up to date."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from counterwatch.config import database_url

MIGRATIONS = Path(__file__).with_name("migrations")

#: How long an SQLite writer waits for another writer's lock (ms) before failing: long enough for an
#: ingest batch to commit while the atlas reads or a reviewer writes.
SQLITE_BUSY_TIMEOUT_MS = 30_000


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says which and why."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


class Database:
    """An engine and a session factory, schema migrated on open."""

    def __init__(self, db: str, migrate: bool = True):
        self.url = database_url(db)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except Exception as exc:  # malformed URL, missing driver
            raise DatabaseError(f"cannot open database {db!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Apply every pending migration (idempotent)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "heads")
        except Exception as exc:
            raise DatabaseError(f"cannot prepare database {self.url!r}: {exc}") from exc

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ping(self) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(text("SELECT 1")).scalar() == 1

    def close(self) -> None:
        self.engine.dispose()
