"""Documents in, facts out: the command line over documents written for these tests."""
from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES


@pytest.fixture
def cli(backend_cli):
    """Every test here runs on SQLite and on PostgreSQL (when COUNTERWATCH_TEST_PG_URL is set)."""
    return backend_cli


def test_ingest_then_export_finds_the_deployments(cli, tmp_path):
    result = cli.ingest(FIXTURES / "kenya_safe_city.txt", FIXTURES / "xinjiang_checkpoints.txt",
                        FIXTURES / "yingkou_award.txt")
    assert "documents read: 3" in result.output
    records = cli.eval_records(tmp_path)

    kenya = records["kenya_safe_city"]
    assert "Huawei" in kenya["entities"]["suppliers"]
    assert "KE" in kenya["entities"]["countries"]
    assert {"value": 1.6e9, "currency": "KES"} in kenya["entities"]["amounts"]
    assert any(q["value"] == 1800 for q in kenya["entities"]["quantities"])
    assert 2014 in kenya["entities"]["years"]
    assert any(r.get("supplier") == "Huawei" and r["country"] == "KE" and r["technology"] == "smart_city"
               for r in kenya["relations"])

    xinjiang = records["xinjiang_checkpoints"]
    assert any(r.get("supplier") == "Hikvision" and r["technology"] == "facial_recognition"
               and r["country"] == "CN" for r in xinjiang["relations"])
    assert "uyghurs" in xinjiang["entities"]["targets"]

    notice = records["yingkou_award"]
    assert notice["lang"] == "zh"
    assert "营口市公安局" in notice["entities"]["buyers"]
    assert "沈阳明眸视觉科技有限公司" in notice["entities"]["suppliers"]
    assert not any("招标代理" in s for s in notice["entities"]["suppliers"])
    assert {"value": 2955900.0, "currency": "CNY"} in notice["entities"]["amounts"]
    fact = next(r for r in notice["relations"] if r["technology"] == "facial_recognition")
    assert fact["supplier"] == "沈阳明眸视觉科技有限公司" and fact["status"] == "awarded"
    assert fact["place"] == "营口市" and fact["country"] == "CN"


def test_every_fact_quotes_its_source_exactly(cli, tmp_path):
    cli.ingest(FIXTURES)
    facts = json.loads(cli.export("json", tmp_path / "facts.json").read_text(encoding="utf-8"))
    assert facts
    from counterwatch.store.database import Database
    from counterwatch.store.schema import DocumentRow

    db = Database(cli.db)
    with db.session() as session:
        texts = {d.id: d.text for d in session.query(DocumentRow)}
    for fact in facts:
        assert fact["extractor_version"]
        for ev in fact["evidence"]:
            assert texts[fact["document"]["id"]][ev["start"]:ev["end"]] == ev["quote"]
    db.close()


def test_same_content_twice_adds_nothing(cli, tmp_path):
    cli.ingest(FIXTURES / "kenya_safe_city.txt")
    first = cli.export("json", tmp_path / "a.json").read_text()
    copy = tmp_path / "copy_of_kenya.txt"
    copy.write_bytes((FIXTURES / "kenya_safe_city.txt").read_bytes())
    result = cli.ingest(copy)
    assert "stored 0" in result.output
    assert cli.export("json", tmp_path / "b.json").read_text() == first


def test_changed_file_replaces_its_facts(cli, tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("In 2019 Hikvision installed facial recognition cameras in Kashgar, Xinjiang.", encoding="utf-8")
    cli.ingest(doc)
    doc.write_text("In 2021 Dahua installed license plate recognition cameras in Nairobi, Kenya.", encoding="utf-8")
    cli.ingest(doc)
    facts = json.loads(cli.export("json", tmp_path / "facts.json").read_text())
    assert {f["supplier"] for f in facts} == {"Dahua"}
    assert {f["technology"] for f in facts} == {"license_plate_recognition"}


def test_unchanged_files_are_skipped_on_a_second_run(cli):
    cli.ingest(FIXTURES)
    result = cli.ingest(FIXTURES)
    assert "stored 0, unchanged 3" in result.output


def test_facts_table_filters(cli):
    cli.ingest(FIXTURES)
    out = cli("facts", "--db", cli.db, "--supplier", "hikvision").output
    assert "Hikvision" in out and "Huawei" not in out
    out = cli("facts", "--db", cli.db, "--country", "KE").output
    assert "Huawei" in out and "Hikvision" not in out
    out = cli("facts", "--db", cli.db, "--technology", "facial_recognition", "--year", "2019").output
    assert "营口市" in out


def test_search_finds_two_character_chinese_terms(cli):
    cli.ingest(FIXTURES)
    out = cli("facts", "--db", cli.db, "--q", "人脸").output
    assert "营口市公安局" in out
    out = cli("facts", "--db", cli.db, "--q", "人臉").output  # traditional characters
    assert "营口市公安局" in out
    out = cli("facts", "--db", cli.db, "--q", "checkpoints").output
    assert "Hikvision" in out and "Huawei" not in out


def test_database_from_environment(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from counterwatch.cli import main

    monkeypatch.setenv("COUNTERWATCH_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(main, ["ingest", str(FIXTURES / "kenya_safe_city.txt"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.db").exists()
