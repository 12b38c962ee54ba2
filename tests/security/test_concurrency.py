"""Concurrent use of one database: two ingests of overlapping folders at once, and an ingest while the
atlas serves readers and an analyst records a review."""
from __future__ import annotations

import os
import re
import shutil
import socket
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from counterwatch.serve.web.app import create_app
from counterwatch.store.accounts import add_user
from counterwatch.store.database import Database
from counterwatch.store.reviews import ReviewEventRow

from tests.conftest import PG_URL_ENV, _fresh_postgres_database

from .generated import kill_group, run, start, write_documents

#: Documents per folder; the two folders share OVERLAP of them (the same files and copies under other names).
PER_FOLDER = 60
OVERLAP = 30
#: Guards against a hung test (s), never a speed check.
WAIT_LIMIT_S = 600
PASSWORD = "correct horse battery"


def _wait(processes) -> list[int]:
    deadline = time.monotonic() + WAIT_LIMIT_S
    return [process.wait(timeout=max(1.0, deadline - time.monotonic())) for process in processes]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def race(request, tmp_path_factory):
    """Two ingests started together over folders sharing files and contents, on each database backend
    (PostgreSQL when COUNTERWATCH_TEST_PG_URL is set): their exit codes, the database and the log."""
    tmp_path = tmp_path_factory.mktemp("race")
    drop = None
    if request.param == "sqlite":
        db = str(tmp_path / "both.db")
    else:
        server = os.environ.get(PG_URL_ENV)
        if not server:
            pytest.skip(f"{PG_URL_ENV} is not set (scripts/postgres.sh starts a server)")
        db, drop = _fresh_postgres_database(server)
    shared, first, second = tmp_path / "shared", tmp_path / "first", tmp_path / "second"
    write_documents(shared, OVERLAP)
    write_documents(first, PER_FOLDER - OVERLAP, start=OVERLAP)
    write_documents(second, PER_FOLDER - OVERLAP, start=PER_FOLDER)
    for path in shared.iterdir():  # the same content again under another name, in each folder
        shutil.copy(path, first / ("copy_" + path.name))
        shutil.copy(path, second / ("copy_" + path.name))
    log = tmp_path / "ingest.log"
    Database(db).close()  # the schema exists before the two start
    processes = [start("ingest", folder, shared, "--db", db, "--workers", "1", "--quiet", log=log)
                 for folder in (first, second)]
    try:
        codes = _wait(processes)
    finally:
        for process in processes:
            kill_group(process)
    yield codes, db, (first, second, shared), log
    if drop is not None:
        drop()


def _scalar(db: str, query: str) -> int:
    database = Database(db, migrate=False)
    try:
        with database.engine.connect() as connection:
            return connection.execute(text(query)).scalar()
    finally:
        database.close()


def test_racing_ingests_both_finish_and_store_each_content_once(race):
    codes, db, folders, log = race
    assert codes == [0, 0], log.read_text(errors="replace")[-2000:]
    unique_contents = OVERLAP + 2 * (PER_FOLDER - OVERLAP)
    assert _scalar(db, "SELECT count(*) FROM documents") == unique_contents
    assert _scalar(db, "SELECT count(DISTINCT content_hash) FROM documents") == unique_contents
    # every file of the three folders is linked to its content (the loser's duplicates included)
    files = sum(1 for folder in folders for _ in folder.iterdir())
    assert _scalar(db, "SELECT count(*) FROM source_files WHERE status = 'ok'") == files
    assert _scalar(db, "SELECT count(*) FROM source_files WHERE status != 'ok' OR document_id IS NULL") == 0
    assert _scalar(db, "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                       "(SELECT 1 FROM facts f WHERE f.document_id = d.id)") == 0
    assert "problems: 0" in run("verify", "--db", db).stdout


def test_a_rerun_after_the_race_changes_nothing(race):
    _codes, db, folders, _log = race
    before = _scalar(db, "SELECT count(*) FROM facts")
    assert "stored 0," in run("ingest", *folders, "--db", db, "--workers", "1", "--quiet").stdout
    assert _scalar(db, "SELECT count(*) FROM facts") == before
    assert "problems: 0" in run("verify", "--db", db).stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _review(client: TestClient, fact_id: int) -> None:
    login = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    signed = client.post("/login", data={"name": "rita", "password": PASSWORD, "csrf_token": token},
                         follow_redirects=False)
    assert signed.status_code == 303, signed.text
    page = client.get(f"/facts/{fact_id}").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    posted = client.post(f"/facts/{fact_id}/review", follow_redirects=False,
                         data={"action": "confirm", "note": "checked against the source", "csrf_token": token})
    assert posted.status_code == 303, posted.text


def test_ingest_while_the_atlas_serves_and_a_reviewer_writes(tmp_path):
    db, log = tmp_path / "atlas.db", tmp_path / "run.log"
    write_documents(tmp_path / "before", 10)
    run("ingest", tmp_path / "before", "--db", db, "--workers", "1", "--quiet")
    database = Database(str(db))
    with database.session() as session:
        add_user(session, "rita", "reviewer", PASSWORD)
    write_documents(tmp_path / "during", 80, start=10)

    port = _free_port()
    server = start("serve", "--db", db, "--port", port, log=log)
    ingest = None
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + WAIT_LIMIT_S
        while True:
            try:
                if httpx.get(base + "/api/stats").status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, log.read_text(errors="replace")
                time.sleep(0.2)
        first_total = httpx.get(base + "/api/facts").json()["total"]
        fact_id = httpx.get(base + "/api/facts").json()["facts"][0]["id"]
        ingest = start("ingest", tmp_path / "during", "--db", db, "--workers", "1", "--quiet", log=log)
        statuses, totals, reviewed = [], [], False
        with TestClient(create_app(database)) as client:
            while ingest.poll() is None and time.monotonic() < deadline:
                searching = len(statuses) % 2 == 1  # every other request searches the text index
                response = httpx.get(base + "/api/facts", params={"q": "Hikvision"} if searching else {}, timeout=60)
                statuses.append(response.status_code)
                if not response.is_error and not searching:
                    totals.append(response.json()["total"])
                if not reviewed and len(statuses) >= 3:
                    _review(client, fact_id)
                    reviewed = True
        assert ingest.wait(timeout=WAIT_LIMIT_S) == 0, log.read_text(errors="replace")
        assert reviewed and statuses and set(statuses) == {200}
        assert totals == sorted(totals) and totals[0] >= first_total  # readers only ever see committed growth
        view = httpx.get(f"{base}/api/facts/{fact_id}").json()
        assert view["fact"]["review_state"] == "confirmed"
        assert [h["action"] for h in view["history"]] == ["confirm"]
        assert httpx.get(base + "/api/facts").json()["total"] > first_total
    finally:
        for process in (server, ingest):
            if process is not None:
                kill_group(process)
    with database.session() as session:
        assert session.query(ReviewEventRow).count() == 1
    database.close()
    assert "problems: 0" in run("verify", "--db", db).stdout
