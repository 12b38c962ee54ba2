"""Every setting Counterwatch reads, in one place.

Settings come from environment variables (documented in README.md, checked by a test) with the defaults
below; command-line options override them per call.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: Version of the extraction rules and knowledge base. Every stored fact records it; bump it whenever
#: extraction output can change, so that re-ingesting re-extracts and old facts stay attributable.
EXTRACTOR_VERSION = "extract-2026.11.1"

#: Environment variables and what they set. README.md documents each one (tests/test_docs.py checks).
ENVIRONMENT = {
    "COUNTERWATCH_DB": "database: a file path (SQLite) or a postgresql:// URL; default ./counterwatch.db",
    "COUNTERWATCH_WORKERS": "worker processes for ingest; default: all cores",
    "COUNTERWATCH_MAX_FILE_MB": "largest input file read, in MB; default 50",
}

#: Default database when neither --db nor COUNTERWATCH_DB is given.
DEFAULT_DB = "counterwatch.db"
#: Default cap on the size of an input file (MB). News pages and procurement notices are well under
#: 5 MB, PDFs with scans rarely over 30 MB; 50 MB bounds memory per worker without refusing real documents.
DEFAULT_MAX_FILE_MB = 50


@dataclass(frozen=True)
class Settings:
    db: str
    workers: int
    max_file_bytes: int


def database_url(value: str) -> str:
    """Turn a --db value (a file path or a URL) into an SQLAlchemy URL."""
    if "://" in value:
        if value.startswith("postgresql://"):
            return "postgresql+psycopg://" + value[len("postgresql://"):]
        if value.startswith("postgres://"):
            return "postgresql+psycopg://" + value[len("postgres://"):]
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def load_settings(db: str | None = None, workers: int | None = None) -> Settings:
    env = os.environ
    return Settings(
        db=db or env.get("COUNTERWATCH_DB") or DEFAULT_DB,
        workers=workers or int(env.get("COUNTERWATCH_WORKERS") or 0) or (os.cpu_count() or 1),
        max_file_bytes=int(float(env.get("COUNTERWATCH_MAX_FILE_MB") or DEFAULT_MAX_FILE_MB) * 1024 * 1024),
    )
