"""Facts assembled from sentences: who supplied what, where; what is context and not a deployment."""
from __future__ import annotations

import pytest

from counterwatch.extract.pipeline import extract_document
from counterwatch.ingest.loader import load_text
from counterwatch.resolve.facts import resolve_extraction


def facts_of(text: str, source_id: str = "doc"):
    return resolve_extraction(extract_document(load_text(text, source_id))).facts


def keys(facts):
    return {(f.supplier, f.technology, f.country) for f in facts}


def test_coordinated_suppliers_share_the_product_that_follows():
    facts = facts_of("In Kenya the police use Dahua and Hikvision cameras, Huawei 5G systems and a command centre.")
    assert ("Dahua", "video_surveillance", "KE") in keys(facts)
    assert ("Hikvision", "video_surveillance", "KE") in keys(facts)
    assert ("Huawei", "other", "KE") in keys(facts)


def test_supplier_named_after_its_product():
    facts = facts_of("Police in Kashgar installed facial recognition cameras made by Hikvision at checkpoints.")
    assert ("Hikvision", "facial_recognition", "CN") in keys(facts)


def test_export_sentence_separates_origin_from_destinations():
    facts = facts_of("In 2018 China exported AI surveillance technology to Ecuador, Venezuela and Pakistan.")
    assert {(f.origin_country, f.country) for f in facts} == {("CN", "EC"), ("CN", "VE"), ("CN", "PK")}
    assert all(f.year == 2018 for f in facts)


@pytest.mark.parametrize("sentence", [
    "The United States sanctioned Hikvision in 2019 over its cameras in Xinjiang.",
    "Dahua showcased its newest facial recognition cameras at a security expo in Shenzhen.",
    "Such facial recognition systems could be used to track anyone in Nairobi.",
])
def test_context_is_no_deployment(sentence):
    assert facts_of(sentence) == []


def test_long_supplier_lists_name_an_industry_not_a_deployment():
    facts = facts_of("Companies such as Huawei, SenseTime, Megvii, DJI and Baidu collect biometric data in China.")
    assert all(f.supplier is None for f in facts)


def test_most_specific_place_and_program():
    facts = facts_of("A facial recognition system for residential buildings was installed in Tongren City, "
                     "in the province of Guizhou, targeting Miao people.")
    assert [(f.place, f.country) for f in facts] == [("Tongren", "CN")]
    assert facts[0].latitude and facts[0].targets


def test_sentences_of_one_deployment_merge_into_one_fact_with_both_quotes():
    facts = facts_of("Huawei built a Safe City system for Nairobi in 2015. The Safe City system in Nairobi "
                     "links 1,800 cameras to a police command centre.")
    safe_city = [f for f in facts if f.technology == "smart_city"]
    assert len(safe_city) == 1 and len(safe_city[0].evidence) == 2
    assert safe_city[0].supplier == "Huawei" and safe_city[0].place == "Nairobi"


def test_chinese_news_sentence():
    facts = facts_of("2021年，邵阳市公安局采购海康威视人脸识别摄像机500台，用于雪亮工程。", "zh_news")
    assert ("Hikvision", "facial_recognition", "CN") in keys(facts)
    assert any(f.place == "邵阳市" for f in facts)


def test_private_persons_never_become_facts_or_mentions():
    text = ("Officer John Mwangi said the Kenya National Police Service bought Huawei cameras in 2016, "
            "according to the activist Grace Wanjiru.")
    extraction = resolve_extraction(extract_document(load_text(text, "people")))
    values = {str(m.value) for m in extraction.mentions}
    values |= {str(v) for f in extraction.facts for v in (f.supplier, f.buyer, f.place, f.program)}
    assert not any("Mwangi" in v or "Wanjiru" in v for v in values)
    assert any(f.supplier == "Huawei" for f in extraction.facts)
