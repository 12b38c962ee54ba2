"""`counterwatch backup` takes a consistent snapshot while another connection writes; `restore` brings it back."""
from __future__ import annotations

import sqlite3
import threading

from tests.conftest import FIXTURES


def _export(cli, tmp_path, name):
    return cli.export("json", tmp_path / name).read_text(encoding="utf-8")


def test_backup_while_writing_then_restore_round_trip(cli, tmp_path):
    cli.ingest(FIXTURES)
    before = _export(cli, tmp_path, "before.json")
    stop = threading.Event()
    writes = []

    def writer():  # another process's writes while the backup runs (here: a connection in a thread)
        db = sqlite3.connect(cli.db, timeout=30)
        db.execute("CREATE TABLE IF NOT EXISTS scratch (n INTEGER)")
        while not stop.is_set():
            with db:
                db.execute("INSERT INTO scratch VALUES (?)", (len(writes),))
            writes.append(1)
        db.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        snapshot = tmp_path / "snapshot.db"
        for _ in range(3):
            cli("backup", snapshot, "--db", cli.db)
    finally:
        stop.set()
        thread.join()
    assert writes, "the writer ran during the backups"
    with sqlite3.connect(snapshot) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    with sqlite3.connect(cli.db) as db:  # damage the live database, then bring the snapshot back
        db.execute("DELETE FROM evidence")
        db.execute("DELETE FROM facts")
    assert _export(cli, tmp_path, "damaged.json") != before
    cli("restore", snapshot, "--db", cli.db)
    assert _export(cli, tmp_path, "after.json") == before
    assert "problems: 0" in cli("verify", "--db", cli.db).output


def test_restore_refuses_a_file_that_is_not_a_backup(cli, tmp_path):
    cli.ingest(FIXTURES)
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not a database")
    result = cli("restore", bogus, "--db", cli.db, ok=(1,))
    assert "not an SQLite database" in result.output or "not a Counterwatch backup" in result.output
    assert "problems: 0" in cli("verify", "--db", cli.db).output
