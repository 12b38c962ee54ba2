"""Shared fixtures: a command-line runner and small documents written for these tests."""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterwatch.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


#: URL of a PostgreSQL server for the tests (scripts/postgres.sh prints one; scripts/test.sh and CI set it).
PG_URL_ENV = "COUNTERWATCH_TEST_PG_URL"


class Cli:
    def __init__(self, tmp_path: Path, db: str | None = None):
        self.db = db or str(tmp_path / "test.db")
        self.runner = CliRunner()

    def __call__(self, *args: str, ok: tuple[int, ...] = (0,)):
        result = self.runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code in ok, result.output + (result.stderr if result.stderr_bytes else "")
        return result

    def ingest(self, *paths, ok=(0,)):
        return self(*(["ingest", *paths, "--db", self.db, "--workers", "1", "--quiet"]), ok=ok)

    def export(self, fmt: str, out: Path, *extra: str) -> Path:
        self("export", "--db", self.db, "--format", fmt, "--out", out, *extra)
        return out

    def eval_records(self, tmp_path: Path) -> dict[str, dict]:
        out = self.export("eval-jsonl", tmp_path / "pred.jsonl")
        return {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def _fresh_postgres_database(server_url: str):
    """Create an empty database on the test server; returns its URL and a function that drops it."""
    import psycopg

    admin = server_url.replace("postgresql+psycopg://", "postgresql://")
    name = "cw_test_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    base = admin.rsplit("/", 1)[0]
    return f"{base}/{name}", drop


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path):
    """An empty database on each backend: an SQLite file, then a fresh PostgreSQL database on the server
    named by COUNTERWATCH_TEST_PG_URL (skipped only when that variable is not set)."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    server = os.environ.get(PG_URL_ENV)
    if not server:
        pytest.skip(f"{PG_URL_ENV} is not set (scripts/postgres.sh starts a server)")
    url, drop = _fresh_postgres_database(server)
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def backend_cli(tmp_path: Path, database_url: str) -> Cli:
    """The command-line runner on each database backend in turn."""
    return Cli(tmp_path, db=database_url)
