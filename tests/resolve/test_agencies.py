"""Buyer resolution: agencies by name, alias and (in their country) local alias; Chinese names by their full
administrative form; the surface spelling of suppliers kept for judgements; buyers listed and exported."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from followthemoney import model

from counterwatch.model import Document, Evidence, Extraction, Fact, Mention
from counterwatch.resolve.agencies import chinese_agency_key, resolve_agency
from counterwatch.resolve.facts import resolve_extraction
from counterwatch.resolve.judgements import Decisions, Judgement

CORPUS = Path(__file__).parent / "agency_corpus"
AT = datetime(2024, 1, 1)


def test_aliases_local_aliases_and_the_script_of_the_canonical_name():
    uganda = resolve_agency("Uganda Police", "UG")
    assert (uganda.agency_id, uganda.name) == ("ug_upf", "Uganda Police Force")
    assert resolve_agency("Ministry of Interior", "RS").agency_id == "rs_mup"
    assert resolve_agency("Ministry of Interior", None).agency_id is None
    assert resolve_agency("Ministry of Interior", "RU").agency_id == "ru_mvd"
    xinjiang = resolve_agency("新疆公安厅", "CN")
    assert (xinjiang.agency_id, xinjiang.name) == ("cn_xinjiang_psd", "新疆维吾尔自治区公安厅")


def test_a_match_in_another_country_is_refused():
    assert resolve_agency("Ministry of Public Security", "VN").agency_id is None
    assert resolve_agency("Ministry of Public Security", "CN").agency_id == "cn_mps"


def test_misspellings_merge_but_another_place_goes_to_review():
    assert resolve_agency("Xinjang Public Security Department").agency_id == "cn_xinjiang_psd"
    hunan = resolve_agency("Hunan Public Security Department", "CN")
    assert hunan.agency_id is None and hunan.method == "review" and hunan.candidate == "cn_henan_psd"
    assert resolve_agency("和田县公安局", "CN").agency_id is None  # a county bureau, not the prefecture's


def test_unlisted_chinese_agencies_meet_on_their_full_administrative_name():
    assert chinese_agency_key("营口公安局") == chinese_agency_key("营口市公安局") == "name:营口市公安局"
    assert chinese_agency_key("和田县公安局") != chinese_agency_key("和田市公安局")


def test_judgements_apply_to_buyers():
    split = Decisions([Judgement(1, "split", "cn_urumqi_psb", "name:乌鲁木齐公安局", "a", AT)])
    assert resolve_agency("乌鲁木齐公安局", "CN", decisions=split).agency_id is None
    merge = Decisions([Judgement(1, "merge", "cn_xinjiang_psd", "name:新疆警方", "a", AT)])
    assert resolve_agency("新疆警方", "CN", decisions=merge).agency_id == "cn_xinjiang_psd"


def _extraction() -> Extraction:
    text = "Hik-Vision cameras were bought by the Uganda Police in Kampala."
    doc = Document("x.txt", "x", text, "0" * 64, "text/plain", "en")
    supplier = Mention("supplier", "Hikvision", 0, 10, "Hik-Vision", (("supplier_id", "hikvision"),))
    fact = Fact("video_surveillance", [Evidence("x", text, 0, len(text))], supplier="Hikvision",
                supplier_id="hikvision", buyer="Uganda Police", country="UG")
    return Extraction(doc, [supplier, Mention("buyer", "Uganda Police", 38, 51, "Uganda Police")], [fact], "t")


def test_the_source_spelling_is_kept_even_when_extraction_wrote_the_canonical_name():
    fact = resolve_extraction(_extraction()).facts[0]
    assert fact.fields["supplier_as_written"] == "Hik-Vision" and fact.supplier_id == "hikvision"
    assert (fact.buyer, fact.buyer_id, fact.fields["buyer_as_written"]) == ("Uganda Police Force", "ug_upf",
                                                                          "Uganda Police")
    split = Decisions([Judgement(1, "split", "hikvision", "name:hik vision", "a", AT)])
    assert resolve_extraction(_extraction(), split).facts[0].supplier_id is None


def test_buyers_are_listed_and_exported_as_public_bodies_with_their_parent(cli, tmp_path):
    cli.ingest(CORPUS)
    out = cli("entities", "--kind", "buyer", "--db", cli.db).output
    urumqi = out[out.index("cn_urumqi_psb\t"):]
    assert "parent: cn_xinjiang_psd" in urumqi and "乌鲁木齐市公安局" in urumqi
    assert "name:营口市公安局\t营口公安局\tCN" in out or "name:营口市公安局\t营口公安局\t-" in out
    assert "cn_urumqi_psb" not in cli("entities", "--db", cli.db).output
    lines = cli.export("ftm", tmp_path / "ftm.jsonl").read_text(encoding="utf-8").splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    bodies = {p.first("name"): p for p in proxies if p.schema.name == "PublicBody"}
    assert "乌鲁木齐市公安局" in bodies["Urumqi Public Security Bureau"].get("alias")
    links = {(p.first("member"), p.first("organization")) for p in proxies if p.schema.name == "Membership"}
    assert (bodies["Urumqi Public Security Bureau"].id, bodies["Xinjiang Public Security Department"].id) in links
    assert (bodies["Xinjiang Public Security Department"].id, bodies["Ministry of Public Security"].id) in links
