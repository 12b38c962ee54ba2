"""The same facts come out whichever engine does the per-file work: local worker processes or Dask."""
from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

import psutil
import pytest
from sqlalchemy import func, select

from counterwatch import batch
from counterwatch.engines import make_engine
from counterwatch.engines.local import LostItem
from counterwatch.store.database import Database
from counterwatch.store.schema import SourceFileRow
from tests.security.generated import count, kill_group, run, start, write_documents

CORPUS = Path(__file__).resolve().parent / "corpus"
#: Documents ingested while a worker is killed from outside: enough chunks that the kill lands mid-batch.
KILL_CORPUS = 300
#: Guards against a hung test (s), never a speed check.
WAIT_LIMIT_S = 600
POLL_S = 0.05


def _square(value: int) -> int:
    return value * value


def test_engines_map_every_item_once():
    items = list(range(40))
    assert sorted(make_engine("local", 2).map_unordered(_square, items)) == [i * i for i in items]


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark", 2)


def test_address_needs_the_dask_engine(cli):
    result = cli("ingest", CORPUS, "--db", cli.db, "--address", "tcp://127.0.0.1:1", ok=(2,))
    assert "--engine dask" in result.output


def test_dask_cluster_gives_the_same_facts_as_local_processes(cli, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    from counterwatch.engines import dask as dask_engine

    monkeypatch.setattr(dask_engine, "PARTITION_SIZE", 2)  # several partitions, more than the window
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted(CORPUS.glob("*_news_*.txt"))[:6] + sorted(CORPUS.glob("zh_notice_*"))[:6]:
        (docs / path.name).write_bytes(path.read_bytes())
    cli("ingest", docs, "--db", cli.db, "--workers", "2", "--quiet")
    local = cli.export("eval-jsonl", tmp_path / "local.jsonl").read_text(encoding="utf-8")

    cli.db = str(tmp_path / "dask.db")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        result = cli("ingest", docs, "--db", cli.db, "--engine", "dask", "--address",
                     cluster.scheduler_address, "--quiet")
    assert "documents read: 12 (stored 12" in result.output
    on_dask = cli.export("eval-jsonl", tmp_path / "dask.jsonl").read_text(encoding="utf-8")
    assert sorted(on_dask.splitlines()) == sorted(local.splitlines())
    assert on_dask.strip()


# --- a worker process killed by the operating system --------------------------------------------------

#: The item (or file name) whose worker kills itself with SIGKILL, as the OOM killer or kill -9 would.
DEADLY = 13
DEADLY_NAME = "en_0012.txt"


def _square_or_die(value: int) -> int:
    if value == DEADLY:
        os.kill(os.getpid(), signal.SIGKILL)
    return value * value


def test_local_engine_survives_a_killed_worker_and_reports_the_item_that_killed_it():
    items = list(range(100))
    results = list(make_engine("local", 2).map_unordered(_square_or_die, items))
    lost = [r for r in results if isinstance(r, LostItem)]
    assert sorted(r for r in results if not isinstance(r, LostItem)) == [i * i for i in items if i != DEADLY]
    assert [item.item for item in lost] == [DEADLY]
    assert "worker process died (killed by signal 9" in lost[0].reason


def _process_or_die(path: Path, max_bytes=None):
    """batch.process_file, except that the worker reading DEADLY_NAME is SIGKILLed (in the worker, for real)."""
    if path.name == DEADLY_NAME and os.getpid() != _MAIN_PID:
        os.kill(os.getpid(), signal.SIGKILL)
    return _PROCESS_FILE(path, max_bytes=max_bytes)


_MAIN_PID = os.getpid()
_PROCESS_FILE = batch.process_file


def test_ingest_reports_the_file_that_killed_its_worker_stores_the_rest_and_retry_stores_it(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write_documents(docs, 40)
    database = Database(str(tmp_path / "killed.db"))
    # Forked workers inherit the substitute; it is pickled by reference to this module.
    monkeypatch.setattr(batch, "process_file", _process_or_die)
    report = batch.run_ingest(database, [docs], workers=2)
    assert report.stored == 39
    assert [(Path(path).name, "worker process died" in reason) for path, reason in report.failed] == [
        (DEADLY_NAME, True)]
    monkeypatch.setattr(batch, "process_file", _PROCESS_FILE)
    again = batch.run_ingest(database, [docs], workers=2, retry_failed=True)
    assert (again.stored, again.failed) == (1, [])
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(SourceFileRow).where(SourceFileRow.status == "ok")) == 40
    database.close()


def test_ingest_completes_when_one_of_its_workers_is_killed_from_outside(tmp_path):
    """kill -9 of a real worker of a running `counterwatch ingest`: the batch finishes and stores every file
    (the files of the dead worker's chunk are run again alone)."""
    docs, db, log = tmp_path / "docs", tmp_path / "outside.db", tmp_path / "ingest.log"
    write_documents(docs, KILL_CORPUS)
    process = start("ingest", docs, "--db", db, "--workers", "2", "--quiet", log=log)
    killed = None
    try:
        parent = psutil.Process(process.pid)
        deadline = time.monotonic() + WAIT_LIMIT_S
        while killed is None and process.poll() is None and time.monotonic() < deadline:
            workers = [c for c in parent.children() if c.cmdline() == parent.cmdline()]  # forked workers
            if workers:
                workers[0].send_signal(signal.SIGKILL)
                killed = workers[0].pid
            time.sleep(POLL_S)
        assert process.wait(timeout=WAIT_LIMIT_S) == 0, log.read_text(errors="replace")
    finally:
        kill_group(process)
    assert killed is not None, "the ingest ended before a worker could be killed"
    assert count(db, "documents") == KILL_CORPUS
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM source_files WHERE status = 'ok'").fetchone()[0] == KILL_CORPUS
    assert "problems: 0" in run("verify", "--db", db).stdout
