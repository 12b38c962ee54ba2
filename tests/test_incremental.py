"""Incremental ingest: an unchanged corpus is not read again; only new, changed or failed files are."""
from __future__ import annotations

from counterwatch import batch
from counterwatch.store.database import Database
from tests.conftest import FIXTURES


def _copy_fixtures(folder):
    folder.mkdir()
    for path in sorted(FIXTURES.glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _record_processed(monkeypatch) -> list[str]:
    """The names of the files the batch hands to process_file from now on."""
    seen: list[str] = []
    real = batch.process_file
    monkeypatch.setattr(batch, "process_file",
                        lambda path, max_bytes=None: seen.append(path.name) or real(path, max_bytes))
    return seen


def test_unchanged_files_are_not_processed_again(tmp_path, monkeypatch):
    docs = _copy_fixtures(tmp_path / "docs")
    db = Database(str(tmp_path / "inc.db"))
    first = batch.run_ingest(db, [docs])
    assert first.stored == len(list(docs.iterdir()))

    seen = _record_processed(monkeypatch)
    again = batch.run_ingest(db, [docs])
    assert seen == [] and again.unchanged == first.stored

    changed = sorted(docs.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA line added later.\n", encoding="utf-8")
    (docs / "new_report.txt").write_text("In 2020 Dahua installed cameras in Nairobi, Kenya.", encoding="utf-8")
    batch.run_ingest(db, [docs])
    assert sorted(seen) == sorted([changed.name, "new_report.txt"])
    db.close()


def test_retry_failed_processes_only_the_failures(tmp_path, monkeypatch):
    docs = _copy_fixtures(tmp_path / "docs")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    db = Database(str(tmp_path / "retry.db"))
    first = batch.run_ingest(db, [docs])
    assert [path for path, _ in first.failed] == [str((docs / "broken.pdf").resolve())]

    seen = _record_processed(monkeypatch)
    retry = batch.run_ingest(db, [docs], retry_failed=True)
    assert seen == ["broken.pdf"] and len(retry.failed) == 1
    db.close()

