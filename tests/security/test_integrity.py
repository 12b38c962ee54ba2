"""`counterwatch verify`: stored texts, quotes and history rows altered outside the application are found,
while the application's own changes (a file re-ingested with new content) are not flagged."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

EXIT_TAMPERED = 4


@pytest.fixture
def ingested(cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for source in FIXTURES.glob("*.txt"):
        (folder / source.name).write_bytes(source.read_bytes())
    cli.ingest(folder)
    return cli, folder


def _sql(cli, statement: str, *args) -> None:
    with sqlite3.connect(cli.db) as db:
        assert db.execute(statement, args).rowcount >= 1


def _verify(cli, ok=(0,)):
    return cli("verify", "--db", cli.db, ok=ok)


def test_untouched_store_verifies_and_reingest_with_new_content_stays_valid(ingested):
    cli, folder = ingested
    assert "problems: 0" in _verify(cli).output
    first = sorted(folder.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nA later paragraph added by the publisher.",
                     encoding="utf-8")
    cli.ingest(folder)  # replaces that file's document, facts and evidence
    assert "problems: 0" in _verify(cli).output


def test_edited_document_text_is_detected(ingested):
    cli, _ = ingested
    _sql(cli, "UPDATE documents SET text = replace(text, 'the', 'teh') WHERE id = (SELECT min(id) FROM documents)")
    assert "stored text altered" in _verify(cli, ok=(EXIT_TAMPERED,)).stderr


def test_edited_quote_is_detected(ingested):
    cli, _ = ingested
    _sql(cli, "UPDATE evidence SET quote = 'a quote nobody wrote' WHERE id = (SELECT min(id) FROM evidence)")
    out = _verify(cli, ok=(EXIT_TAMPERED,)).stderr
    assert "quote differs" in out and "row altered" in out


def test_edited_fact_is_detected(ingested):
    cli, _ = ingested
    _sql(cli, "UPDATE facts SET supplier = 'Someone Else' WHERE id = (SELECT min(id) FROM facts)")
    assert "facts" in _verify(cli, ok=(EXIT_TAMPERED,)).stderr


def test_deleted_and_inserted_history_rows_are_detected(ingested):
    cli, _ = ingested
    _sql(cli, "DELETE FROM evidence WHERE id = (SELECT max(id) FROM evidence)")
    _sql(cli, "INSERT INTO facts (document_id, technology, targets, status, fields, deployment_key, "
              "extractor_version, created_at) SELECT document_id, technology, targets, status, fields, "
              "'forged', extractor_version, created_at FROM facts LIMIT 1")
    out = _verify(cli, ok=(EXIT_TAMPERED,)).stderr
    assert "deleted outside the application" in out and "unsealed" in out


def test_edited_history_chain_is_detected(ingested):
    cli, _ = ingested
    _sql(cli, "UPDATE integrity_chain SET row_hash = ? WHERE id = 2", "f" * 64)
    assert "history chain broken at entry 2" in _verify(cli, ok=(EXIT_TAMPERED,)).stderr


def test_rewritten_history_is_caught_by_the_noted_head(ingested):
    cli, _ = ingested
    head = _verify(cli).output.rsplit("head: ", 1)[1].strip()
    _sql(cli, "DELETE FROM integrity_chain")  # a consistent rewrite: drop the whole history ...
    _sql(cli, "DELETE FROM evidence")  # ... and everything it covered
    _sql(cli, "DELETE FROM facts")
    _sql(cli, "DELETE FROM document_hashes")
    _sql(cli, "DELETE FROM documents")
    assert "problems: 0" in _verify(cli).output  # self-consistent: verify alone cannot tell
    out = cli("verify", "--db", cli.db, "--head", head, ok=(EXIT_TAMPERED,)).stderr
    assert "does not contain the noted head" in out


def _count(cli, statement: str) -> int:
    with sqlite3.connect(cli.db) as db:
        return db.execute(statement).fetchone()[0]


def test_seal_unsealed_seals_old_rows_once_and_never_blesses_altered_or_newer_ones(ingested, tmp_path):
    cli, _ = ingested
    # A database made before migration 0004_integrity: rows, but no text hashes and no history chain.
    _sql(cli, "DELETE FROM integrity_chain")
    _sql(cli, "DELETE FROM document_hashes")
    old = (_count(cli, "SELECT count(*) FROM facts") + _count(cli, "SELECT count(*) FROM evidence")
           + _count(cli, "SELECT count(*) FROM documents"))
    assert "unsealed" in _verify(cli, ok=(EXIT_TAMPERED,)).stderr
    later = tmp_path / "later"
    later.mkdir()
    (later / "later.txt").write_text("In 2022 Dahua supplied facial recognition cameras to the police of Quito, "
                                     "Ecuador, under the ECU 911 programme.", encoding="utf-8")
    cli.ingest(later)  # written after the upgrade: sealed as usual
    newest_fact = _count(cli, "SELECT max(id) FROM facts")
    with sqlite3.connect(cli.db) as db:
        supplier = db.execute("SELECT supplier FROM facts WHERE id = ?", (newest_fact,)).fetchone()[0]
    _sql(cli, "UPDATE facts SET supplier = 'Someone Else' WHERE id = ?", newest_fact)  # sealed, then altered
    _sql(cli, "INSERT INTO facts (document_id, technology, targets, status, fields, deployment_key, "
              "extractor_version, created_at) SELECT document_id, technology, targets, status, fields, "
              "'forged', extractor_version, created_at FROM facts LIMIT 1")  # forged after the history began

    result = cli("verify", "--db", cli.db, "--seal-unsealed", ok=(EXIT_TAMPERED,))
    assert f"sealed {old} rows" in result.output and "left unsealed (newer than the history): 1" in result.output
    problems = [line for line in result.stderr.splitlines() if line.startswith("ALTERED")]
    assert len(problems) == 2, problems
    assert any(f"facts {newest_fact}: row altered" in p for p in problems)
    assert any(f"facts {newest_fact + 1}: row not written by the application (unsealed)" in p for p in problems)

    again = cli("verify", "--db", cli.db, "--seal-unsealed", ok=(EXIT_TAMPERED,))  # once only: nothing more
    assert "sealed 0 rows" in again.output and len(again.stderr.splitlines()) == 2
    _sql(cli, "DELETE FROM facts WHERE id = ?", newest_fact + 1)
    _sql(cli, "UPDATE facts SET supplier = ? WHERE id = ?", supplier, newest_fact)  # undone: sealed value again
    assert "problems: 0" in _verify(cli).output


def test_seal_unsealed_refuses_a_broken_chain(ingested):
    cli, _ = ingested
    _sql(cli, "DELETE FROM document_hashes WHERE document_id = (SELECT min(id) FROM documents)")
    _sql(cli, "UPDATE integrity_chain SET row_hash = ? WHERE id = 2", "f" * 64)
    result = cli("verify", "--db", cli.db, "--seal-unsealed", ok=(EXIT_TAMPERED,))
    assert "sealed nothing: the history chain is broken" in result.stderr
    assert "no text hash" in result.stderr
