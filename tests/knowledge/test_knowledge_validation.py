"""A broken data dir raises KnowledgeBaseError naming the file and the entry at fault."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from counterwatch.knowledge import KnowledgeBaseError, load_knowledge_base

Edit = Callable[[str, Callable[[Any], Any]], Path]


def _entry(entries: list[dict[str, Any]], entry_id: str) -> dict[str, Any]:
    return next(e for e in entries if e["id"] == entry_id)


def _fails(data_dir: Path, *fragments: str) -> str:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(data_dir)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_unchanged_copy_loads(data_copy: Path) -> None:
    assert load_knowledge_base(data_copy).supplier("hikvision").parent == "cetc"


def test_duplicate_id(edit: Edit) -> None:
    def duplicate(entries: list[dict[str, Any]]) -> None:
        entries.append({"id": "dahua", "name": "Other Dahua", "name_zh": "另一个", "country": "CN",
                        "kind": "company"})
    _fails(edit("suppliers.yaml", duplicate), "suppliers.yaml", "'dahua'", "duplicate id")


def test_unknown_parent(edit: Edit) -> None:
    data_dir = edit("suppliers.yaml", lambda e: _entry(e, "hikvision").update(parent="no_such_group"))
    _fails(data_dir, "suppliers.yaml", "'hikvision'", "no_such_group")


def test_parent_cycle(edit: Edit) -> None:
    data_dir = edit("suppliers.yaml", lambda e: _entry(e, "cetc").update(parent="hikvision"))
    _fails(data_dir, "suppliers.yaml", "loops")


def test_bad_country_code(edit: Edit) -> None:
    data_dir = edit("suppliers.yaml", lambda e: _entry(e, "palantir").update(country="USA"))
    _fails(data_dir, "suppliers.yaml", "'palantir'", "USA")


def test_unassigned_country_code(edit: Edit) -> None:
    data_dir = edit("programs.yaml", lambda e: _entry(e, "sharp_eyes").update(country="XX"))
    _fails(data_dir, "programs.yaml", "'sharp_eyes'", "XX")


def test_alias_shared_by_two_suppliers(edit: Edit) -> None:
    data_dir = edit("suppliers.yaml", lambda e: _entry(e, "dahua").update(aliases=["HIK-VISION"]))
    message = _fails(data_dir, "suppliers.yaml", "hik vision")
    assert "'dahua'" in message and "'hikvision'" in message


def test_chinese_supplier_without_chinese_name(edit: Edit) -> None:
    def drop(entries: list[dict[str, Any]]) -> None:
        del _entry(entries, "tiandy")["name_zh"]
    _fails(edit("suppliers.yaml", drop), "suppliers.yaml", "'tiandy'", "name_zh")


def test_single_character_chinese_alias(edit: Edit) -> None:
    data_dir = edit("suppliers.yaml", lambda e: _entry(e, "huawei")["aliases"].append("华"))
    _fails(data_dir, "suppliers.yaml", "'huawei'", "华")


def test_unknown_technology(edit: Edit) -> None:
    data_dir = edit("suppliers.yaml", lambda e: _entry(e, "dji")["technologies"].append("teleportation"))
    _fails(data_dir, "suppliers.yaml", "'dji'", "teleportation")


def test_misspelt_key(edit: Edit) -> None:
    data_dir = edit("suppliers.yaml", lambda e: _entry(e, "megvii").update(alias=["Face Plus Plus"]))
    _fails(data_dir, "suppliers.yaml", "'megvii'", "alias")


def test_bad_sanction_date(edit: Edit) -> None:
    def spoil(entries: list[dict[str, Any]]) -> None:
        _entry(entries, "hikvision")["sanctions"][0]["date"] = "October 2019"
    _fails(edit("suppliers.yaml", spoil), "suppliers.yaml", "'hikvision'", "October 2019")


def test_technology_missing_from_file(edit: Edit) -> None:
    data_dir = edit("technologies.yaml", lambda e: [t for t in e if t["id"] != "drones"])
    _fails(data_dir, "technologies.yaml", "drones")


def test_technology_without_chinese_terms(edit: Edit) -> None:
    data_dir = edit("technologies.yaml", lambda e: _entry(e, "drones").update(terms_zh=[]))
    _fails(data_dir, "technologies.yaml", "'drones'", "terms_zh")


def test_term_in_two_technologies(edit: Edit) -> None:
    data_dir = edit("technologies.yaml", lambda e: _entry(e, "other")["terms_en"].append("CCTV"))
    _fails(data_dir, "technologies.yaml", "'other'", "cctv")


def test_target_outside_vocabulary(edit: Edit) -> None:
    def add(entries: list[dict[str, Any]]) -> None:
        entries.append({"id": "gamers", "label": "Gamers", "terms_en": ["gamers"], "terms_zh": ["玩家"]})
    _fails(edit("targets.yaml", add), "targets.yaml", "'gamers'", "vocabulary")


def test_program_with_unknown_technology(edit: Edit) -> None:
    data_dir = edit("programs.yaml", lambda e: _entry(e, "skynet").update(technology="satellites"))
    _fails(data_dir, "programs.yaml", "'skynet'", "satellites")


def test_unit_with_unknown_technology(edit: Edit) -> None:
    data_dir = edit("units.yaml", lambda e: _entry(e, "camera").update(technology="cameras"))
    _fails(data_dir, "units.yaml", "'camera'", "cameras")


def test_non_supplier_that_is_a_supplier(edit: Edit) -> None:
    def add(org: dict[str, Any]) -> None:
        org["non_suppliers"].append({"name": "Dahua Technology", "kind": "media"})
    _fails(edit("organisations.yaml", add), "organisations.yaml", "Dahua Technology", "'dahua'")


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "units.yaml").unlink()
    _fails(data_copy, "units.yaml", "missing")


def test_invalid_yaml(data_copy: Path) -> None:
    (data_copy / "programs.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    _fails(data_copy, "programs.yaml", "YAML")
