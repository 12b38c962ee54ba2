"""Shared fixtures: a command-line runner and small documents written for these tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterwatch.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


class Cli:
    def __init__(self, tmp_path: Path):
        self.db = str(tmp_path / "test.db")
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
