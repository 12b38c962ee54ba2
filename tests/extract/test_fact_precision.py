"""Rules that keep one sentence from yielding facts it does not state: several places of one network,
programs named by example, a firm's home town, negated technologies, single devices, neighbours."""
from __future__ import annotations

from counterwatch.extract.pipeline import extract_document
from counterwatch.ingest.loader import load_text
from counterwatch.resolve.facts import resolve_extraction


def facts_of(text: str):
    return resolve_extraction(extract_document(load_text(text, "doc"))).facts


def test_a_network_covering_listed_cities_is_one_deployment():
    facts = facts_of("Last year the Tanzanian police switched on CCTV cameras across Dodoma, Arusha and Mwanza.")
    assert [(f.technology, f.country, f.place) for f in facts] == [("video_surveillance", "TZ", "Dodoma")]


def test_places_in_separate_clauses_stay_separate_deployments():
    facts = facts_of("Police in Kashgar installed facial recognition cameras in 2018, and the bureau in Hotan "
                     "bought more of them a year later.")
    assert {f.place for f in facts if f.technology == "facial_recognition"} >= {"Kashgar", "Hotan"}


def test_listed_provinces_each_stay_a_deployment():
    facts = facts_of("Churches in Zhejiang and Guangdong provinces now have cameras with face recognition.")
    assert {f.place for f in facts} == {"Zhejiang", "Guangdong"}


def test_a_firms_home_is_no_place_of_deployment():
    text = ("Norvale Vision, a Singapore-based maker of video analytics, won a contract to install licence "
            "plate recognition cameras for the city of Cebu in the Philippines.")
    facts = facts_of(text)
    assert {f.country for f in facts} == {"PH"}
    assert "SG" in {f.origin_country for f in facts}
    based = facts_of("Tarn Systems, based in Atlanta, sold plate readers to the sheriff of Dane County in Wisconsin.")
    assert "Atlanta" not in {f.place for f in based}


def test_a_place_inside_a_suppliers_name_is_no_place_of_deployment():
    facts = facts_of("The cameras are made by Shenzhen Lumora Intelligent Technology, a company based in southern "
                     "China, and were installed in La Paz, Bolivia.")
    assert "Shenzhen" not in {f.place for f in facts}
    assert "CN" not in {f.country for f in facts}


def test_negated_technology_is_no_fact():
    facts = facts_of("The licence plate readers installed in Quito do not include facial recognition.")
    assert {f.technology for f in facts} == {"license_plate_recognition"}
    facts = facts_of("In Lima the ministry said the cameras' face recognition functions were not switched on.")
    assert "facial_recognition" not in {f.technology for f in facts}


def test_one_device_is_no_deployment():
    assert facts_of("In Moscow, riders can pay by looking into a camera at the turnstile.") == []


def test_a_neighbour_named_at_the_border_is_not_where_it_is_deployed():
    facts = facts_of("Greece will buy eight drones to watch its land border with Turkey.")
    assert {(f.technology, f.country) for f in facts} == {("drones", "GR")}


def test_programs_listed_by_example_yield_facts_only_where_tied_to_a_place():
    facts = facts_of('Officials cited initiatives like "Golden Shield, Skynet, Safe Cities and Police Clouds, '
                     'Project Sharp Eyes, and the Integrated Joint Operations Platform in Xinjiang" as models.')
    assert {f.program for f in facts} - {None} == {"Integrated Joint Operations Platform"}


def test_a_chinese_telecoms_group_is_an_origin_not_a_place():
    facts = facts_of("Zambia's police began using a CCTV network built by the Chinese telecoms group Huawei.")
    assert {(f.supplier, f.country) for f in facts} == {("Huawei", "ZM")}


def test_a_supplier_named_twice_in_a_row_is_one_member_of_a_long_list():
    facts = facts_of("Firms such as Huawei, SenseTime, Megvii Face++, DJI and Baidu have collected biometric "
                     "data on millions of people in China.")
    assert not {f.supplier for f in facts} & {"Huawei", "SenseTime", "Megvii", "DJI", "Baidu"}
