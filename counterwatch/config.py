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
EXTRACTOR_VERSION = "extract-2026.11.3"

#: Characters of a document's text that fact extraction and the near-duplicate signature read (the whole
#: text is still stored and searchable). Finding and merging mentions grows faster than the text: 200,000
#: characters dense with facts took 11 s here and 1,000,000 over 300 s, and the signature of a 40 MB page
#: 14 s and 380 MB. A 100-page report is about 300,000 characters; only dumps and archives go past this,
#: and their later facts are not extracted (a copy shows as a copy within its first pages).
READ_MAX_CHARS = 300_000

#: Environment variables and what they set. README.md documents each one (tests/test_docs.py checks).
ENVIRONMENT = {
    "COUNTERWATCH_DB": "database: a file path (SQLite) or a postgresql:// URL; default ./counterwatch.db",
    "COUNTERWATCH_WORKERS": "worker processes for ingest; default: all cores",
    "COUNTERWATCH_MAX_FILE_MB": "largest input file read, in MB; default 50",
    "COUNTERWATCH_FILE_TIMEOUT_S": "seconds one file may take to read and extract before it is failed; default 120",
    "COUNTERWATCH_WORKER_MEMORY_MB": "memory (MB of address space) one file may add to its worker; default 1024",
}

#: Default database when neither --db nor COUNTERWATCH_DB is given.
DEFAULT_DB = "counterwatch.db"
#: Default cap on the size of an input file (MB). News pages and procurement notices are well under
#: 5 MB, PDFs with scans rarely over 30 MB; 50 MB bounds memory per worker without refusing real documents.
DEFAULT_MAX_FILE_MB = 50
#: Seconds one file may spend in read + extract + resolve. Typical documents take well under a second
#: and the slowest real ones (a 1000-page PDF, the page cap) about 30-60 s on one core; 120 s leaves
#: room for a loaded machine while a hostile file that would loop or crawl costs at most two minutes.
DEFAULT_FILE_TIMEOUT_S = 120.0
#: Address space (MB) one file may add to its process. pypdf on a 50 MB PDF (the size cap) peaks at a
#: few hundred MB and HTML/DOCX parsing stays under that; the first file of a worker also loads the
#: extraction models (about 500 MB, measured). 1 GB covers both and keeps a bomb from exhausting a
#: machine running several workers, without refusing real documents.
DEFAULT_WORKER_MEMORY_MB = 1024


@dataclass(frozen=True)
class Settings:
    db: str
    workers: int
    max_file_bytes: int
    file_timeout_s: float = DEFAULT_FILE_TIMEOUT_S
    worker_memory_mb: int = DEFAULT_WORKER_MEMORY_MB


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
        file_timeout_s=float(env.get("COUNTERWATCH_FILE_TIMEOUT_S") or DEFAULT_FILE_TIMEOUT_S),
        worker_memory_mb=int(env.get("COUNTERWATCH_WORKER_MEMORY_MB") or DEFAULT_WORKER_MEMORY_MB),
    )
