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


def _made_by_migration_sql(change) -> bool:
    """The FTS5 table and its shadow tables (SQLite) and the tsvector column and its index (PostgreSQL)
    are made by the migration's own SQL, not by the models."""
    if change[0] == "remove_table":
        return change[1].name.startswith("search_fts")
    if change[0] == "remove_column":
        return change[3].name == "tsv"
    if change[0] == "remove_index":
        return change[1].name == "ix_search_entries_tsv"
    return False


def test_migrations_create_exactly_the_models(database_url):
    db = Database(database_url)
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in diff if not _made_by_migration_sql(d)] == []
    db.migrate()  # idempotent
    db.close()


def test_bad_database_url_names_it():
    with pytest.raises(DatabaseError, match="nosuchdriver"):
        Database("nosuchdriver://x")


def test_a_failed_write_leaves_nothing_behind(database_url):
    db = Database(database_url)
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
    db.close()


def test_cjk_runs_are_indexed_as_bigrams_and_folded():
    assert index_tokens("人臉識別系統") == "人脸 脸识 识别 别系 系统"
    assert index_tokens("Face-Recognition ＣＡＭＥＲＡＳ") == "face recognition cameras"
    assert index_tokens("Hikvision为公安局") == "hikvision 为公 公安 安局"


def test_a_chinese_term_deep_in_a_long_document_is_found(database_url):
    """PostgreSQL clamps tsvector positions at 16,383, so a phrase past that point matched nothing
    until long documents were indexed in several overlapping entries."""
    from counterwatch.store.search import matching_entries

    db = Database(database_url)
    filler = " ".join(f"word{i}" for i in range(20_000))
    deep = _extraction(f"{filler} 该市公安局建设人脸识别系统。", "deep", "Hikvision")
    with db.session() as session:
        save_extraction(session, deep, FileState("/deep.txt", 1, 1))
    with db.session() as session:
        for query in ("人脸", "人脸识别", "word19999 人脸"):
            assert {row.document_id for row in session.execute(matching_entries(session, query))}, query
        assert not session.execute(matching_entries(session, "指纹")).all()
    db.close()


def test_migration_0006_fills_the_summary_from_existing_facts_and_reviews(database_url):
    """A database made before the atlas summary: upgrading counts its facts and lays its corrections over."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import select

    from counterwatch.store.accounts import add_user
    from counterwatch.store.database import MIGRATIONS
    from counterwatch.store.reviews import ReviewEventRow
    from counterwatch.store.summary import AtlasCountRow, FactCurrentRow

    db = Database(database_url, migrate=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        for head in ("0002_review", "0003_resolve", "0004_integrity", "0005_indexes"):
            command.upgrade(config, head)
    with db.session() as session:
        for name, supplier in (("a", "Hikvision"), ("b", "Dahua")):
            save_extraction(session, _extraction(f"{supplier} cameras were installed in 2019.", name, supplier),
                            FileState(f"/{name}.txt", 1, 1))
        user = add_user(session, "rita", "reviewer", "correct horse battery")
        dahua = session.scalar(select(FactRow).where(FactRow.supplier == "Dahua"))
        session.add(ReviewEventRow(fact_id=dahua.id, deployment_key="k", user_id=user.id, action="correct",
                                   note="the notice says Uniview", before={"supplier": "Dahua"},
                                   after={"supplier": "Uniview", "country": "KE"}))
    db.migrate()
    with db.session() as session:
        counts = {(r.dims, r.a): r.n for r in session.scalars(select(AtlasCountRow).where(AtlasCountRow.b == ""))}
        assert counts[("facts", "")] == 2 and counts[("supplier", "Uniview")] == 1
        assert ("supplier", "Dahua") not in counts and counts[("country", "KE")] == 1
        current = session.get(FactCurrentRow, dahua.id)
        assert (current.state, current.supplier, current.supplier_id) == ("corrected", "Uniview", None)
    db.close()


def test_newest_matches_and_capped_counts_find_two_character_chinese_terms(database_url):
    from counterwatch.store.search import count_matching_entries, matching_entries

    db = Database(database_url)
    with db.session() as session:
        for i, supplier in enumerate(("Hikvision", "Dahua", "Uniview")):
            text = f"{supplier} 为该市公安局建设人脸识别系统，第{i}期。"
            save_extraction(session, _extraction(text, f"notice-{i}", supplier), FileState(f"/n{i}.txt", i, i))
    with db.session() as session:
        everything = {row.document_id for row in session.execute(matching_entries(session, "人脸"))}
        newest = {row.document_id for row in session.execute(matching_entries(session, "人臉", newest=2))}
        assert len(everything) == 3 and len(newest) == 1 and newest == {max(everything)}
        assert count_matching_entries(session, "人脸", cap=2) == 2
        matches = session.execute(matching_entries(session, "人脸")).all()
        assert count_matching_entries(session, "人脸", cap=100) == len(matches)
        assert count_matching_entries(session, "指纹", cap=100) == 0
    db.close()


def test_a_transaction_is_sealed_in_chunks_of_ids(database_url, monkeypatch):
    """Sealing reads the new rows by ``IN (...)`` lists of at most SEAL_IN_BATCH ids: a million new facts
    in one transaction once exceeded SQLite's bound-variable limit."""
    from counterwatch.store import integrity

    monkeypatch.setattr(integrity, "SEAL_IN_BATCH", 2)
    db = Database(database_url)
    with db.session() as session:
        for i in range(5):
            text = f"Notice {i}: Hikvision supplied cameras to the city police."
            save_extraction(session, _extraction(text, f"n{i}", "Hikvision"), FileState(f"/n{i}.txt", i, i))
    with db.session() as session:
        report = integrity.verify(session)
        assert report.ok, report.problems
        assert report.chain_entries >= 15  # five documents' hashes, facts and evidence quotes
    db.close()
