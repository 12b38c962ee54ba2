"""Our procurement notices (tests/notices/, written for these tests) read field by field: the kind and
status of each notice, its buyer and project, traditional characters, masked amounts, and the privacy of
contact persons and evaluation panels. The F1 floor over expected.jsonl is in test_extraction_quality.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from counterwatch.extract.notice_types import notice_kind
from counterwatch.extract.notices import buyer_level
from counterwatch.extract.pipeline import extract_document
from counterwatch.ingest.loader import load_document

HERE = Path(__file__).resolve().parent
EXPECTED = [json.loads(line) for line in (HERE / "expected.jsonl").read_text(encoding="utf-8").splitlines()]


def _path(doc_id: str) -> Path:
    return next(HERE.glob(f"{doc_id}.*"))


@pytest.fixture(scope="module")
def extractions():
    return {e["id"]: extract_document(load_document(_path(e["id"]))) for e in EXPECTED}


def test_there_are_at_least_thirty_notices():
    assert len(EXPECTED) >= 30
    assert {e["fields"]["status"] for e in EXPECTED} >= {"tendered", "awarded", "failed", "cancelled", "contracted", "planned"}


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["id"] for e in EXPECTED])
def test_kind_status_buyer_and_project(expected, extractions):
    extraction = extractions[expected["id"]]
    kind, status = notice_kind(extraction.document.text)
    assert (kind, status) == (expected["fields"]["notice_type"], expected["fields"]["status"])
    assert all(f.status == status for f in extraction.facts)
    assert all(f.buyer == expected["fields"]["buyer"] for f in extraction.facts)
    if expected["relations"]:
        project = extraction.facts[0].fields["project_name"]
        assert project == (None if kind == "采购意向" else expected["fields"]["project_name"])
    else:
        assert extraction.facts == []


def test_a_notice_that_buys_no_surveillance_is_stored_without_facts(cli, tmp_path):
    cli("ingest", HERE / "zh_n06_kunshan_office_furniture.txt", "--db", cli.db, "--workers", "1", "--quiet")
    result = cli("facts", "--db", cli.db, "--q", "办公家具")
    assert "0 facts" in result.output


def test_traditional_characters_read_as_simplified(extractions):
    facts = extractions["zh_n15_taipei_style_traditional_face"].facts
    assert {f.technology for f in facts} == {"facial_recognition"}
    assert facts[0].supplier == "福建閩眸科技有限公司"
    assert facts[0].place == "福州市"


def test_a_masked_budget_is_unknown_not_zero(extractions):
    extraction = extractions["zh_n18_masked_budget_tender"]
    assert all(f.amount is None for f in extraction.facts)
    assert not [m for m in extraction.mentions if m.kind == "amount"]


def test_lots_give_each_supplier_its_own_award(extractions):
    facts = extractions["zh_n16_yinchuan_lots_award"].facts
    assert {(f.supplier, f.amount) for f in facts} == {("宁夏鉴讯电子科技有限公司", 1780000), ("Meiya Pico", 1460000)}


def test_fields_an_analyst_reads(extractions):
    fields = extractions["zh_n03_wuhan_imsi_consult"].facts[0].fields
    assert fields["budget"] == 1960000 and fields["ceiling"] == 1900000
    assert fields["project_number"] == "CG-2023-003"
    assert fields["agent"] == "广西明远项目管理咨询有限公司"
    assert fields["open_time"].startswith("2024年05月08日")
    assert fields["buyer_level"] == "city_bureau"


@pytest.mark.parametrize("buyer,level", [("广东省公安厅", "provincial_department"), ("武汉市公安局", "city_bureau"),
                                         ("西安市公安局雁塔分局", "county_bureau"), ("大理市公安局交通警察大队", "traffic_brigade"),
                                         ("宁波市公安局交通警察支队", "traffic_detachment"), ("某县公安局", "county_bureau")])
def test_buyer_level(buyer, level):
    assert buyer_level(buyer) == level


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["id"] for e in EXPECTED])
def test_contacts_and_panel_members_are_redacted(expected, extractions):
    text = extractions[expected["id"]].document.text
    leaked = [name for name in expected["private"] if name in text]
    assert not leaked
