"""A batch ingest re-clusters deployments now and then and at its end, not at every commit; facts a killed
batch left without a deployment are clustered by the next batch."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, func, select

from counterwatch.batch import run_ingest
from counterwatch.store import deployments
from counterwatch.store.database import Database
from counterwatch.store.deployments import DeploymentFactRow, DeploymentRow
from counterwatch.store.schema import FactRow

CORPUS = Path(__file__).parent / "corpus"


def _unclustered(db: Database) -> int:
    with db.session() as session:
        clustered = select(DeploymentFactRow.fact_id).where(DeploymentFactRow.fact_id == FactRow.id).exists()
        return session.scalar(select(func.count()).select_from(FactRow).where(~clustered))


def test_a_batch_leaves_every_fact_in_a_deployment(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    report = run_ingest(db, [CORPUS])
    assert report.facts > 0
    assert _unclustered(db) == 0


def test_commits_inside_a_batch_wait_for_the_refresh_interval(tmp_path, monkeypatch):
    db = Database(f"sqlite:///{tmp_path / 'b.db'}")
    run_ingest(db, [CORPUS])
    with db.session() as session:
        session.execute(delete(DeploymentRow))
        session.commit()
    assert _unclustered(db) > 0
    with db.session() as session:
        deployments.start_batch(session)
        session.info[deployments.PENDING_SCOPES] = {("facial_recognition", "CN")}
        session.commit()  # within the interval: nothing re-clustered yet
        assert session.scalar(select(func.count()).select_from(DeploymentRow)) == 0
        monkeypatch.setattr(deployments, "BATCH_REFRESH_SECONDS", 0.0)
        session.commit()  # the interval is over: pending and unclustered scopes alike
    assert _unclustered(db) == 0


def test_the_next_batch_clusters_what_a_killed_batch_left(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'c.db'}")
    run_ingest(db, [CORPUS])
    with db.session() as session:
        before = sorted(session.execute(select(DeploymentRow.id, DeploymentRow.facts, DeploymentRow.sources)))
        session.execute(delete(DeploymentRow))  # as if killed after its facts were committed
        session.commit()
    report = run_ingest(db, [CORPUS])  # nothing to read again
    assert report.stored == 0
    with db.session() as session:
        after = sorted(session.execute(select(DeploymentRow.id, DeploymentRow.facts, DeploymentRow.sources)))
    assert after == before and _unclustered(db) == 0
