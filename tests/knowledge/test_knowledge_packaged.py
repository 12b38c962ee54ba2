"""The packaged knowledge base loads, validates and covers the vocabularies of the fact model."""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pycountry
import pytest

from counterwatch import model
from counterwatch.knowledge import DATA_DIR, TARGETS, KnowledgeBase, load_knowledge_base, normalise_name

#: ../shared beside the repository, where the fact model and the seed gold live (read-only).
SHARED_DIR = Path(__file__).resolve().parents[3] / "shared"

#: The fewest suppliers the packaged base must hold (the brief asks for the 70 most cited).
MIN_SUPPLIERS = 70

#: Countries counted as European for coverage: EU members plus the UK, Norway and Switzerland.
EUROPEAN = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
            "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "NO", "CH"}

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _facts_vocabulary(label: str) -> list[str] | None:
    """A vocabulary as ../shared/FACTS.md states it, or None when the file is not beside the repo."""
    facts = SHARED_DIR / "FACTS.md"
    if not facts.exists():
        return None
    text = facts.read_text(encoding="utf-8")
    block = text.split(f"{label} vocabulary:", 1)[1].split("\n\n", 1)[0]
    block = re.sub(r"\([^)]*\)", "", block)  # drop the explanations in parentheses
    terms = [t.strip(" .\n") for t in block.replace("\n", " ").split(",")]
    return [t for t in terms if t and not t.startswith("other:")]


def test_packaged_data_files_exist_inside_the_package() -> None:
    assert DATA_DIR.parent.name == "knowledge"
    for name in ("suppliers", "technologies", "programs", "targets", "units", "organisations"):
        assert (DATA_DIR / f"{name}.yaml").is_file()


def test_default_load_is_cached(kb: KnowledgeBase) -> None:
    assert load_knowledge_base() is kb
    assert load_knowledge_base(DATA_DIR) is not kb  # an explicit dir loads afresh


def test_enough_suppliers_with_unique_ids(kb: KnowledgeBase) -> None:
    ids = [s.id for s in kb.suppliers]
    assert len(ids) >= MIN_SUPPLIERS
    assert len(set(ids)) == len(ids)


def test_every_chinese_supplier_has_a_chinese_name(kb: KnowledgeBase) -> None:
    chinese = [s for s in kb.suppliers if s.country == "CN"]
    assert len(chinese) >= 30
    for supplier in chinese:
        assert supplier.name_zh and _CJK.search(supplier.name_zh), supplier.id


def test_vendors_from_the_main_supplier_countries(kb: KnowledgeBase) -> None:
    countries = {s.country for s in kb.suppliers}
    assert {"CN", "US", "IL", "JP", "RU"} <= countries
    assert len(countries & EUROPEAN) >= 3


def test_countries_are_iso_codes(kb: KnowledgeBase) -> None:
    codes = {s.country for s in kb.suppliers} | {p.country for p in kb.programs if p.country}
    for code in codes:
        assert pycountry.countries.get(alpha_2=code) is not None, code


def test_well_known_suppliers_and_names(kb: KnowledgeBase) -> None:
    hikvision = kb.supplier("hikvision")
    assert hikvision.name == "Hikvision" and hikvision.name_zh == "海康威视" and hikvision.country == "CN"
    names = kb.supplier_names(hikvision)
    assert "杭州海康威视数字技术股份有限公司" in names and "Hik-Vision" in names
    assert kb.find_supplier("海康威视") is hikvision
    assert kb.find_supplier("HIKVISION") is hikvision
    assert kb.find_supplier("hik vision") is hikvision  # hyphen and space alike
    assert kb.find_supplier("Face++").id == "megvii"
    assert kb.find_supplier("大疆").id == "dji"
    assert kb.find_supplier("Reuters") is None
    with pytest.raises(KeyError):
        kb.supplier("no_such_vendor")


def test_sanctions_are_dated(kb: KnowledgeBase) -> None:
    hikvision = kb.supplier("hikvision")
    entity_list = [s for s in hikvision.sanctions if s.list == "US Entity List"]
    assert entity_list and entity_list[0].date == datetime.date(2019, 10, 9)
    for supplier in kb.suppliers:
        for sanction in supplier.sanctions:
            assert isinstance(sanction.date, datetime.date) and sanction.list


def test_parent_chain(kb: KnowledgeBase) -> None:
    assert [s.id for s in kb.ancestors("hikvision")] == ["cetc"]
    assert [s.id for s in kb.ancestors("fiberhome_telecom")] == ["fiberhome", "cict"]
    assert kb.ancestors("cetc") == []
    assert "hikvision" in {s.id for s in kb.subsidiaries("cetc")}
    assert "fiberhome_telecom" not in {s.id for s in kb.subsidiaries("cict")}
    assert "fiberhome_telecom" in {s.id for s in kb.subsidiaries("cict", recursive=True)}


def test_ambiguous_words_only_match_strictly(kb: KnowledgeBase) -> None:
    ordinary = {"amazon", "oracle", "axis", "leon", "pegasus", "harris", "dawning", "ring", "clearview",
                "paragon", "predator", "graphite", "nso", "canon", "blue coat", "hacking team", "中兴", "浪潮",
                "烽火", "金盾", "依图"}
    for supplier in kb.suppliers:
        loose = {normalise_name(n) for n in supplier.loose_names()}
        assert not loose & ordinary, (supplier.id, loose & ordinary)
    amazon = kb.supplier("amazon")
    assert "Amazon" in amazon.strict_names() and "Rekognition" in amazon.strict_names()
    assert "Pegasus" in kb.supplier("nso_group").strict_names()


def test_technologies_cover_the_vocabulary(kb: KnowledgeBase) -> None:
    assert [t.id for t in kb.technologies] == list(model.TECHNOLOGIES)
    facts = _facts_vocabulary("Technology")
    if facts is not None:
        assert set(facts) == set(model.TECHNOLOGIES)
    for technology in kb.technologies:
        assert technology.terms_en and technology.terms_zh, technology.id
    specificity = {t.id: t.specificity for t in kb.technologies}
    assert specificity.pop("other") == 0 and specificity.pop("video_surveillance") == 1
    assert set(specificity.values()) == {2}


def test_technology_terms_sources_use(kb: KnowledgeBase) -> None:
    terms = {t.id: {normalise_name(x) for x in (*t.terms_en, *t.terms_zh)} for t in kb.technologies}
    assert {"face recognition", "faceprint", "人脸识别", "人像比对"} <= terms["facial_recognition"]
    assert {"anpr", "卡口", "电子警察"} <= terms["license_plate_recognition"]
    assert {"imsi catcher", "imsi catchers", "侦码", "电子围栏"} <= terms["phone_surveillance"]
    assert {"police cloud", "警务云", "一人一档", "ijop"} <= terms["big_data_platform"]
    assert {"safe city", "平安城市", "command centre"} <= terms["smart_city"]


def test_targets_cover_the_vocabulary(kb: KnowledgeBase) -> None:
    ids = {t.id for t in kb.targets}
    assert ids == set(TARGETS)
    facts = _facts_vocabulary("Target")
    if facts is not None:
        assert set(facts) == ids
    for target in kb.targets:
        assert target.terms_en and target.terms_zh, target.id
    uyghurs = kb.target("uyghurs")
    assert "Uighurs" in uyghurs.terms_en and "维吾尔族" in uyghurs.terms_zh
    assert "新疆维吾尔自治区" in uyghurs.exclusions


def test_programs(kb: KnowledgeBase) -> None:
    by_name = {normalise_name(n): p for p in kb.programs for n in p.names()}
    for written in ("Safe Cities", "Police Clouds", "Sharp Eyes", "雪亮工程", "Skynet", "Golden Shield",
                    "IJOP", "one person, one file", "Social Credit System"):
        assert normalise_name(written) in by_name, written
    assert by_name[normalise_name("雪亮工程")].country == "CN"
    assert by_name["safe city"].country is None  # used worldwide, not a national program
    for program in kb.programs:
        assert program.technology in model.TECHNOLOGIES


def test_units_count_equipment_never_people(kb: KnowledgeBase) -> None:
    people = {"people", "person", "persons", "members", "christians", "uyghurs", "residents", "人", "名",
              "人次", "位"}
    for unit in kb.units:
        assert unit.id not in people
        assert not {normalise_name(t) for t in (*unit.terms_en, *unit.terms_zh)} & people, unit.id
    assert kb.unit("camera").technology == "video_surveillance"
    assert "台" in kb.unit("unit").terms_zh


def test_organisation_patterns(kb: KnowledgeBase) -> None:
    org = kb.organisations
    assert "股份有限公司" in org.company_suffixes_zh and "Co., Ltd." in org.company_suffixes_en
    assert "公安局" in org.agency_suffixes_zh and "Public Security Bureau" in org.agency_heads_en
    assert "招标代理" in org.procurement_agents_zh
    names = {normalise_name(n) for n in org.non_supplier_names()}
    assert {"reuters", "human rights watch", "ipvm", "citizen lab", "radio free asia"} <= names
    for name in org.non_supplier_names():
        assert kb.find_supplier(name) is None, name


def test_seed_gold_suppliers_are_known(kb: KnowledgeBase) -> None:
    gold = SHARED_DIR / "gold" / "seeds.jsonl"
    if not gold.exists():
        pytest.skip("shared seed gold not present")
    for line in gold.read_text(encoding="utf-8").splitlines():
        for supplier in json.loads(line)["entities"]["suppliers"]:
            assert kb.find_supplier(supplier) is not None, supplier
