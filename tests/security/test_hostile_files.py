"""Hostile and broken files: each is refused with its path and a reason (or read, for awkward but
legitimate encodings), nothing of a refused file is stored, and the batch goes on."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from counterwatch.ingest.guard import FileLimitExceeded, file_limits
from counterwatch.store.database import Database
from counterwatch.store.search import matching_entries
from tests.ingest.builders import _chmod_000_is_readable

from .hostile_files import ENGLISH, write_corpus


def test_hostile_corpus_each_file_refused_with_reason_and_batch_continues(cli, tmp_path):
    folder = tmp_path / "hostile"
    expected = write_corpus(folder)
    result = cli.ingest(folder, ok=(3,))
    skipped = {line.split(": ", 1)[0].removeprefix("skipped ") for line in result.stderr.splitlines()
               if line.startswith("skipped ")}
    failed_names = {Path(p).name for p in skipped}
    assert failed_names == {n for n, outcome in expected.items() if outcome == "failed"}
    for line in result.stderr.splitlines():
        if line.startswith("skipped "):
            assert len(line.split(": ", 1)[1]) > 5  # a reason, not just the path
    with sqlite3.connect(cli.db) as db:
        stored = {Path(p).name for (p,) in db.execute("SELECT path FROM documents")}
        failed_rows = {Path(p).name for (p,) in db.execute("SELECT path FROM source_files WHERE status='failed'")}
    assert stored == {n for n, outcome in expected.items() if outcome == "stored"}
    assert failed_rows <= failed_names  # refused files leave a failure note, never a document


def test_other_encodings_are_decoded_not_garbled(cli, tmp_path):
    write_corpus(tmp_path / "hostile")
    cli.ingest(tmp_path / "hostile", ok=(3,))
    with sqlite3.connect(cli.db) as db:
        texts = dict((Path(p).name, t) for p, t in db.execute("SELECT path, text FROM documents"))
    assert "海康威视" in texts["gb18030.txt"] and "海康威視" in texts["big5.txt"]
    assert texts["utf16.txt"].startswith("The city police") and "Hikvision" in texts["mixed_encodings.txt"]


@pytest.mark.skipif(_chmod_000_is_readable(), reason="running as root: mode 000 files are still readable")
def test_unreadable_file_is_reported(cli, tmp_path):
    (tmp_path / "ok.txt").write_text(ENGLISH)
    locked = tmp_path / "locked.txt"
    locked.write_text(ENGLISH + " Locked.")
    locked.chmod(0)
    result = cli.ingest(tmp_path, ok=(3,))
    assert "locked.txt" in result.stderr and "permission denied" in result.stderr


def test_time_limit_interrupts_a_runaway_file():
    with pytest.raises(FileLimitExceeded, match="time limit"):  # without the watchdog this never ends
        with file_limits(timeout_s=0.2, memory_mb=0):
            while True:
                pass


def test_memory_limit_stops_a_file_and_is_lifted_afterwards():
    with pytest.raises(FileLimitExceeded, match="memory limit"):
        with file_limits(timeout_s=0, memory_mb=64):
            bytearray(512 * 1024 * 1024)
    assert len(bytearray(256 * 1024 * 1024)) > 0  # the process has its memory back


def test_a_file_over_its_limits_is_failed_and_the_next_one_stored(cli, tmp_path, monkeypatch):
    from counterwatch.ingest.readers import text as text_reader

    real_read = text_reader.TextReader.read

    def slow_read(self, data, path):
        if path.name == "slow.txt":
            while True:
                pass
        return real_read(self, data, path)

    monkeypatch.setattr(text_reader.TextReader, "read", slow_read)
    monkeypatch.setenv("COUNTERWATCH_FILE_TIMEOUT_S", "1")
    (tmp_path / "slow.txt").write_text(ENGLISH + " Slow.")
    (tmp_path / "fast.txt").write_text(ENGLISH)
    result = cli.ingest(tmp_path, ok=(3,))
    assert "slow.txt: time limit exceeded" in result.stderr
    with sqlite3.connect(cli.db) as db:
        assert [Path(p).name for (p,) in db.execute("SELECT path FROM documents")] == ["fast.txt"]


def test_long_document_is_stored_whole_and_searchable_but_facts_come_from_its_start(cli, tmp_path):
    from counterwatch.config import READ_MAX_CHARS

    filler = "Nothing of interest was said at the meeting about roads and parks.\n"
    late = "In 2020 Dahua supplied facial recognition cameras to the police of Quito, Ecuador.\n"
    text = ENGLISH + "\n" + filler * (READ_MAX_CHARS // len(filler) + 1) + late
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "long.txt").write_text(text, encoding="utf-8")
    cli.ingest(tmp_path / "docs")
    with sqlite3.connect(cli.db) as db:
        assert db.execute("SELECT length(text) FROM documents").fetchone()[0] == len(text.strip())
        suppliers = {s for (s,) in db.execute("SELECT supplier FROM facts")}
    assert any("Hikvision" in (s or "") for s in suppliers)  # stated at the start: extracted
    assert not any("Dahua" in (s or "") for s in suppliers)  # stated past READ_MAX_CHARS: not extracted
    database = Database(cli.db)
    with database.session() as session:  # the end of the text is in the search index
        assert session.execute(matching_entries(session, "Quito Ecuador")).all()
    database.close()
