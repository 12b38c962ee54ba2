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
    assert fields["open_time"] == "2024-05-08T09:30" and fields["announced"] == "2024-05-08"
    assert fields["buyer_level"] == "city_bureau"
    assert fields["buyer_place"]["province"] == "湖北省" and fields["buyer_place"]["city"] == "武汉市"


WITH_ITEMS = [e for e in EXPECTED if "items" in e["fields"]]


@pytest.mark.parametrize("expected", WITH_ITEMS, ids=[e["id"] for e in WITH_ITEMS])
def test_goods_list_dates_and_place(expected, extractions):
    """The goods list item by item, the dates and the buyer's place, as expected.jsonl states them."""
    facts = extractions[expected["id"]].facts
    fields, want = facts[0].fields, expected["fields"]
    assert fields["items"] == want["items"]
    assert (fields["announced"], fields["open_time"]) == (want["announced"], want["open_time"])
    place = {k: fields["buyer_place"][k] for k in ("province", "city", "county")}
    assert place == want["buyer_place"]
    assert fields["buyer_place"]["latitude"] and fields["buyer_place"]["longitude"]
    # A fact's quantity is the sum of its technology's items in one unit, not the first number found.
    for fact in facts:
        assert [fact.quantity, fact.unit] == want["quantities"][fact.technology]


def test_each_lot_has_its_own_winner_technology_and_award(extractions):
    facts = extractions["zh_n32_zhuhai_lots_goods_table_brands_award"].facts
    by_supplier = {(f.supplier, f.technology): (f.amount, f.quantity) for f in facts}
    assert by_supplier[("广东珠澳视联科技有限公司", "facial_recognition")] == (2790000, 153)
    assert by_supplier[("珠海横琴卡口智能工程有限公司", "license_plate_recognition")] == (2415500, 80)
    assert ("广东珠澳视联科技有限公司", "license_plate_recognition") not in by_supplier


def test_traditional_money_labels_give_kinds(extractions):
    fields = extractions["zh_n34_tainan_style_traditional_lpr_deal"].facts[0].fields
    facts = extractions["zh_n34_tainan_style_traditional_lpr_deal"].facts
    assert fields["budget"] == 1500000
    assert {(f.amount, f.amount_kind) for f in facts} == {(1386000, "award")}


def test_a_masked_award_falls_back_to_the_budget_and_says_so(extractions):
    facts = extractions["zh_n35_yantai_masked_award_dna"].facts
    assert {(f.amount, f.amount_kind) for f in facts} == {(4600000, "budget")}


def test_a_budget_range_keeps_its_low_end_and_the_ceiling(extractions):
    fields = extractions["zh_n33_baoding_drone_range_tender"].facts[0].fields
    assert (fields["budget"], fields["ceiling"]) == (800000, 980000)


def test_a_web_page_date_kept_out_of_its_text_dates_the_notice(extractions):
    extraction = extractions["zh_n12_shenzhen_xueliang_award_table"]
    assert extraction.document.date == "2023-05-16"
    assert {f.year for f in extraction.facts} == {2023}
    assert extraction.facts[0].fields["announced"] == "2023-05-16"


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
