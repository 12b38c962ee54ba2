"""Bad files are reported by path with a reason, nothing of them is stored, the rest is ingested."""
from __future__ import annotations

import os

import pytest

from counterwatch.cli import EXIT_SOME_FAILED
from tests.conftest import FIXTURES


@pytest.fixture
def bad_folder(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_bytes((FIXTURES / "kenya_safe_city.txt").read_bytes())
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf body")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "garbage.txt").write_bytes(bytes([0xFF, 0xFE, 0xFD, 0x00, 0x81]) * 50 + b"\x00" * 10)
    return folder


def test_bad_files_are_reported_and_the_rest_stored(cli, bad_folder, tmp_path):
    result = cli.ingest(bad_folder, ok=(EXIT_SOME_FAILED,))
    err = result.stderr
    for name in ("corrupt.pdf", "empty.txt", "picture.html", "garbage.txt"):
        line = next((l for l in err.splitlines() if name in l), None)
        assert line is not None, f"{name} not reported: {err}"
        assert ":" in line.split(name, 1)[1], f"no reason given for {name}"
    assert "skipped: 4" in result.output
    records = cli.eval_records(tmp_path)
    assert set(records) == {"good"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_reported(cli, tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("Hikvision cameras in Kashgar.")
    locked.chmod(0)
    try:
        result = cli.ingest(locked, ok=(EXIT_SOME_FAILED,))
        assert "locked.txt" in result.stderr
    finally:
        locked.chmod(0o644)


def test_missing_path_is_a_usage_error(cli, tmp_path):
    result = cli("ingest", tmp_path / "nope", "--db", cli.db, ok=(2,))
    assert "nope" in result.output


def test_failed_file_keeps_what_was_stored_before(cli, tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("In 2019 Hikvision installed facial recognition cameras in Kashgar, Xinjiang.", encoding="utf-8")
    cli.ingest(doc)
    doc.write_bytes(b"\x00\x01\x02" * 100)
    cli.ingest(doc, ok=(EXIT_SOME_FAILED,))
    records = cli.eval_records(tmp_path)
    assert "Hikvision" in records["report"]["entities"]["suppliers"]
