"""The agencies of agencies.yaml: enough of them, consistent, and checked on load."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from counterwatch.knowledge import AGENCY_LEVELS, KnowledgeBase, KnowledgeBaseError, load_knowledge_base

Edit = Callable[[str, Callable[[Any], Any]], Path]


def test_packaged_agencies(kb: KnowledgeBase) -> None:
    assert len(kb.agencies) >= 30
    supplier_ids = {s.id for s in kb.suppliers}
    for agency in kb.agencies:
        assert agency.level in AGENCY_LEVELS and agency.id not in supplier_ids
        assert agency.parent is None or kb.agency(agency.parent).country == agency.country
        assert agency.country != "CN" or agency.name_zh, agency.id
    assert kb.agency("us_ice").parent == "us_dhs"
    assert "公安部" in kb.agency("cn_mps").names()


def _change(edit: Edit, agency_id: str, **values: Any) -> Path:
    def apply(entries: list[dict[str, Any]]) -> None:
        next(e for e in entries if e["id"] == agency_id).update(values)
    return edit("agencies.yaml", apply)


@pytest.mark.parametrize("values,fragment", [
    ({"parent": "nowhere"}, "unknown parent"),
    ({"level": "galactic"}, "level"),
    ({"aliases": ["Hikvision"]}, "also the name of 'hikvision'"),
    ({"aliases": ["Reuters"]}, "also the name of 'Reuters'"),
    ({"aliases": ["Uganda Police"]}, "also used by"),
    ({"country": "XX"}, "ISO 3166-1"),
])
def test_broken_agencies_fail_on_load(edit: Edit, values: dict[str, Any], fragment: str) -> None:
    data_dir = _change(edit, "ke_nps", **values)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(data_dir)
    assert "agencies.yaml" in str(caught.value) and fragment in str(caught.value), str(caught.value)


def test_a_parent_cycle_fails(edit: Edit) -> None:
    data_dir = _change(edit, "cn_mps", parent="cn_xinjiang_psd")
    with pytest.raises(KnowledgeBaseError, match="loops back"):
        load_knowledge_base(data_dir)
