"""Chinese sentences attach the supplier they name to every technology of its clause ("由X提供/承建",
"X为…提供", "X中标…", "与X合作", "采用X的…"); generic programs, device words after a recognition term, and
lists of places mixing levels make no facts of their own; a single-technology supplier stands for its
technology when a buyer pays for it. Every text here was written for these tests."""
from __future__ import annotations

from counterwatch.extract.pipeline import extract_document
from counterwatch.ingest.loader import load_text
from counterwatch.resolve.facts import resolve_extraction


def facts_of(text: str):
    return resolve_extraction(extract_document(load_text(text, "doc"))).facts


def pairs(facts) -> set[tuple[str | None, str]]:
    return {(f.supplier, f.technology) for f in facts}


def test_supplier_after_you_attaches_to_every_technology_of_its_clause():
    facts = facts_of("据悉，该县新建的治安监控摄像机和人脸识别系统由海康威视提供，项目投资约500万元。")
    assert pairs(facts) == {("Hikvision", "video_surveillance"), ("Hikvision", "facial_recognition")}


def test_supplier_in_a_clause_without_technology_takes_the_sentences_unclaimed_ones():
    facts = facts_of("此次共部署人证核验终端30套、人脸识别抓拍摄像机40台，系统由大华股份承建。")
    assert pairs(facts) == {("Dahua", "id_checkpoints"), ("Dahua", "facial_recognition")}


def test_each_supplier_keeps_its_own_clause():
    facts = facts_of("前端车牌识别设备由大华股份提供，人脸识别平台由商汤科技建设。")
    assert pairs(facts) == {("Dahua", "license_plate_recognition"), ("SenseTime", "facial_recognition")}


def test_supplier_providing_for_a_buyer():
    facts = facts_of("海康威视为该市公安局提供了视频监控和人脸识别设备。")
    assert pairs(facts) == {("Hikvision", "video_surveillance"), ("Hikvision", "facial_recognition")}


def test_supplier_named_by_cooperation_or_adoption():
    together = facts_of("该市公安局与华为合作建设大数据平台和人脸识别系统。")
    assert pairs(together) == {("Huawei", "big_data_platform"), ("Huawei", "facial_recognition")}
    adopted = facts_of("该系统采用商汤科技的人脸识别算法和视频结构化分析。")
    assert ("SenseTime", "facial_recognition") in pairs(adopted)
    assert all(f.supplier == "SenseTime" for f in adopted)


def test_checkpoint_word_after_a_recognition_term_is_no_second_technology():
    facts = facts_of("海康威视提供的人脸识别卡口已在全市安装。")
    assert pairs(facts) == {("Hikvision", "facial_recognition")}


def test_separated_terms_stay_two_technologies():
    facts = facts_of("县公安局启用了人脸识别+人证核验系统，由大华股份承建。")
    assert pairs(facts) == {("Dahua", "facial_recognition"), ("Dahua", "id_checkpoints")}


def test_program_mentioned_as_a_kind_makes_no_fact():
    assert facts_of("Police clouds of this kind have spread across the country since 2015.") == []
    assert facts_of("Officials praised the Safe City model as a template for others.") == []


def test_program_in_the_plural_without_place_or_buyer_makes_no_fact():
    assert facts_of("Safe Cities are sold as a cure for crime.") == []


def test_program_at_a_place_stays_a_fact():
    facts = facts_of("The Safe City project in Nairobi was switched on in 2015.")
    assert [(f.technology, f.place) for f in facts] == [("smart_city", "Nairobi")]


def test_a_list_of_places_mixing_cities_and_districts_is_one_network():
    facts = facts_of("In 2020 the police installed CCTV cameras across Kampala, Wakiso and Entebbe.")
    assert [(f.technology, f.place) for f in facts] == [("video_surveillance", "Kampala")]


def test_single_technology_supplier_paid_for_by_a_buyer():
    facts = facts_of("The Toledo Police Department pays $32,500 a year for its Clearview licence.")
    assert pairs(facts) == {("Clearview AI", "facial_recognition")}


def test_supplier_of_several_technologies_stands_for_none():
    assert facts_of("The Toledo Police Department pays Huawei for its licence.") == []


def test_coordinated_terms_are_not_one_device():
    facts = facts_of("宇视科技为该县提供了人脸识别和治安卡口设备。")
    assert pairs(facts) == {("Uniview", "facial_recognition"), ("Uniview", "license_plate_recognition")}


def test_winning_bidder_supplies_the_programs_technology():
    facts = facts_of("2021年，大华股份中标了某市雪亮工程项目，中标金额1200万元。")
    assert pairs(facts) == {("Dahua", "video_surveillance")}
