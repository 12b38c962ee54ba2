"""The store: migrations match the models, writes are all-or-nothing, search works for Chinese."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from counterwatch.ingest.loader import load_text
from counterwatch.model import Evidence, Extraction, Fact
from counterwatch.store.database import Database, DatabaseError
from counterwatch.store.schema import Base, DocumentRow, FactRow
from counterwatch.store.search import index_tokens
from counterwatch.store.writer import FileState, save_extraction


def _extraction(text: str, source_id: str, supplier: str) -> Extraction:
    doc = load_text(text, source_id)
    fact = Fact(technology="facial_recognition", supplier=supplier, country="CN", deployment_key=supplier,
                evidence=[Evidence(source_id, text[:20], 0, 20)])
    return Extraction(doc, [], [fact], "test-1")


def test_migrations_create_exactly_the_models(tmp_path):
    db = Database(str(tmp_path / "m.db"))
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    # The FTS5 index and its shadow tables are made by the migration's own SQL, not by the models.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("search_fts"))]
    assert diff == []
    db.migrate()  # idempotent


def test_bad_database_url_names_it():
    with pytest.raises(DatabaseError, match="nosuchdriver"):
        Database("nosuchdriver://x")


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    db = Database(str(tmp_path / "w.db"))
    good = _extraction("Hikvision cameras were installed in Kashgar in 2019.", "a", "Hikvision")
    with db.session() as session:
        save_extraction(session, good, FileState("/a.txt", 1, 1))
    bad = _extraction("Dahua cameras were installed in Urumqi in 2020.", "b", "Dahua")
    bad.facts[0].evidence.append(None)  # breaks while writing, after the document row was added
    with pytest.raises(Exception):
        with db.session() as session:
            save_extraction(session, bad, FileState("/b.txt", 1, 1))
    with db.session() as session:
        assert [d.source_id for d in session.query(DocumentRow)] == ["a"]
        assert [f.supplier for f in session.query(FactRow)] == ["Hikvision"]


def test_cjk_runs_are_indexed_as_bigrams_and_folded():
    assert index_tokens("人臉識別系統") == "人脸 脸识 识别 别系 系统"
    assert index_tokens("Face-Recognition ＣＡＭＥＲＡＳ") == "face recognition cameras"
