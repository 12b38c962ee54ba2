"""kill -9 during an ingest: SIGKILL the command (and its workers) at several points, re-run it, and the
database ends exactly as after one uninterrupted run, with nothing half-stored and the hash chain intact."""
from __future__ import annotations

import sqlite3
import time

from .generated import count, export_records, kill_group, run, start, write_documents

#: Documents in the corpus: more than one commit's worth (batch.COMMIT_EVERY = 200), so one kill can
#: land after a commit and before the end.
DOCUMENTS = 300
#: Seconds after start for the early kills: while the command starts its workers, and while they extract
#: (nothing committed yet).
EARLY_KILLS = (0.5, 3.0)
#: Upper bound (s) on waiting for the first commit: a guard against a hung test, never a speed check.
WAIT_LIMIT_S = 600
POLL_S = 0.05


def _ingest(docs, db, log):
    return start("ingest", docs, "--db", db, "--workers", "2", "--quiet", log=log)


def _kill_after_first_commit(docs, db, log) -> int:
    """Start an ingest, SIGKILL it as soon as some but not all documents are committed; returns how many were."""
    process = _ingest(docs, db, log)
    try:
        deadline = time.monotonic() + WAIT_LIMIT_S
        stored = 0
        while time.monotonic() < deadline and process.poll() is None:
            stored = count(db, "documents")
            if stored:
                break
            time.sleep(POLL_S)
    finally:
        kill_group(process)
    return stored


def test_sigkill_at_any_point_then_rerun_equals_one_clean_run(tmp_path):
    docs = tmp_path / "docs"
    write_documents(docs, DOCUMENTS)
    log = tmp_path / "ingest.log"

    reference = tmp_path / "reference.db"
    run("ingest", docs, "--db", reference, "--workers", "2", "--quiet")

    crashed = tmp_path / "crashed.db"
    for seconds in EARLY_KILLS:
        process = _ingest(docs, crashed, log)
        time.sleep(seconds)
        kill_group(process)
    stored_at_kill = _kill_after_first_commit(docs, crashed, log)
    assert 0 < stored_at_kill < DOCUMENTS, "the kill should land between two commits"
    run("ingest", docs, "--db", crashed, "--workers", "2", "--quiet")

    assert export_records(crashed, tmp_path / "crashed.jsonl") == export_records(reference, tmp_path / "ref.jsonl")
    for db in (reference, crashed):
        with sqlite3.connect(db) as connection:
            assert connection.execute("SELECT count(*) FROM documents").fetchone()[0] == DOCUMENTS
            # every generated document names a supplier, a technology and a place: each must have its facts
            assert connection.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                                      "(SELECT 1 FROM facts f WHERE f.document_id = d.id)").fetchone()[0] == 0
            assert connection.execute("SELECT count(*) FROM (SELECT content_hash FROM documents GROUP BY "
                                      "content_hash HAVING count(*) > 1)").fetchone()[0] == 0
            assert connection.execute("SELECT count(*) FROM source_files WHERE status != 'ok'").fetchone()[0] == 0
            assert connection.execute("SELECT count(*) FROM facts f LEFT JOIN documents d ON d.id = f.document_id "
                                      "WHERE d.id IS NULL").fetchone()[0] == 0
        assert "problems: 0" in run("verify", "--db", db).stdout
