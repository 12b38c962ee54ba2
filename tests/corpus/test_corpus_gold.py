"""Consistency checks for the annotated corpus: gold.jsonl, manifest.json and the documents agree.

They keep the gold usable as an F1 floor: every value is in the fact-model vocabulary, every relation is
backed by the entity lists, every name can be found in its document, and no private detail is gold.
"""
from __future__ import annotations

import html
import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from counterwatch.model import STATUSES, TECHNOLOGIES

CORPUS = Path(__file__).parent
SHARED = Path(__file__).resolve().parents[3] / "shared"
SCORER = SHARED / "eval" / "score.py"
DOC_SUFFIXES = (".txt", ".html")
ENTITY_FIELDS = ("suppliers", "origin_countries", "buyers", "technologies", "countries", "places", "programs",
                 "targets", "amounts", "quantities", "years")
TARGETS = ("uyghurs", "tibetans", "kazakhs", "muslims", "christians", "falun_gong", "ethnic_minorities",
           "religious_believers", "protesters", "dissidents", "migrants", "mentally_ill", "journalists",
           "political_opposition")
KINDS = ("news", "notice", "press_release")
#: Canonical supplier names the gold uses for big vendors, with a spelling each document may use instead.
CANONICAL_ALIASES = {
    "Hikvision": ("海康威视",), "Dahua": ("大华",), "iFlytek": ("科大讯飞",), "Meiya Pico": ("美亚柏科",),
    "Thermo Fisher": ("赛默飞",), "DJI": ("大疆",), "Huawei": ("华为",), "Inspur": ("浪潮",),
    "China Telecom": ("中国电信",),
}
#: A document is Chinese when it has at least this many CJK characters; the shortest notice has several hundred
#: and the English pages have none, so any value in between separates them.
MIN_CJK_CHARS = 100
#: Plausible range for a stated year: the corpus covers events from 2005 to the mid-2020s.
YEAR_RANGE = range(1990, 2031)
PHONE_OR_EMAIL = re.compile(r"\d{3,4}[- ]\d{3,4}[- ]?\d{3,4}|[\w.+-]+@[\w-]+\.\w+")


def _load_gold() -> list[dict]:
    return [json.loads(line) for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


GOLD = _load_gold()
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def _document_files() -> dict[str, Path]:
    return {p.stem: p for p in CORPUS.iterdir() if p.suffix in DOC_SUFFIXES}


@cache
def _text(doc_id: str) -> str:
    """The document's text with tags dropped and entities decoded (good enough to find names)."""
    raw = _document_files()[doc_id].read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


@cache
def _scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _by_id(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in records}


def test_every_document_has_one_gold_line_and_one_manifest_entry():
    ids = [d["id"] for d in GOLD]
    assert len(ids) == len(set(ids)), "duplicate ids in gold.jsonl"
    assert set(ids) == set(_document_files())
    assert [m["id"] for m in MANIFEST] == ids, "manifest.json lists the documents in gold order"


def test_manifest_agrees_with_gold_and_files():
    gold = _by_id(GOLD)
    files = _document_files()
    for entry in MANIFEST:
        doc = gold[entry["id"]]
        assert entry["language"] == doc["lang"] and entry["kind"] == doc["kind"] in KINDS, entry["id"]
        assert entry["file"] == files[entry["id"]].name
        assert entry["description"].strip(), entry["id"]
        expected_lang = "zh" if len(re.findall(r"[\u4e00-\u9fff]", _text(entry["id"]))) >= MIN_CJK_CHARS else "en"
        assert doc["lang"] == expected_lang, entry["id"]


@pytest.mark.parametrize("doc", GOLD, ids=lambda d: d["id"])
def test_values_are_in_the_fact_model_vocabulary(doc):
    ents = doc["entities"]
    assert set(ents) == set(ENTITY_FIELDS)
    assert set(ents["technologies"]) <= set(TECHNOLOGIES)
    for target in ents["targets"]:
        assert target in TARGETS or re.fullmatch(r"other:[a-z_]+", target), target
    for code in ents["countries"] + ents["origin_countries"]:
        assert re.fullmatch(r"[A-Z]{2}", code), code
    for amount in ents["amounts"]:
        assert re.fullmatch(r"[A-Z]{3}", amount["currency"]) and amount["value"] > 0, amount
    for quantity in ents["quantities"]:
        assert quantity["value"] > 1 and quantity["unit"], quantity
    assert all(isinstance(y, int) and y in YEAR_RANGE for y in ents["years"])
    for rel in doc["relations"]:
        assert rel["technology"] in TECHNOLOGIES and rel.get("status") in STATUSES, rel


@pytest.mark.parametrize("doc", GOLD, ids=lambda d: d["id"])
def test_entity_lists_hold_no_duplicates_under_the_scorer(doc):
    score = _scorer()
    for field in ENTITY_FIELDS:
        values = doc["entities"][field]
        assert len(score.dedup(field, values)) == len(values), (field, values)


@pytest.mark.parametrize("doc", GOLD, ids=lambda d: d["id"])
def test_relations_are_backed_by_entities(doc):
    score = _scorer()
    ents = doc["entities"]
    checks = {"technology": "technologies", "country": "countries", "supplier": "suppliers",
              "origin_country": "origin_countries", "buyer": "buyers", "place": "places", "program": "programs",
              "year": "years", "amount": "amounts", "quantity": "quantities"}
    for rel in doc["relations"]:
        assert rel.get("country"), rel
        for key, field in checks.items():
            if key in rel:
                assert any(score.same(field, v, rel[key]) for v in ents[field]), (key, rel[key])
        assert set(rel.get("targets", [])) <= set(ents["targets"]), rel
    if not ents["technologies"]:
        assert not doc["relations"] and not ents["countries"], "a document without technology has no facts"


@pytest.mark.parametrize("doc", GOLD, ids=lambda d: d["id"])
def test_names_and_years_are_found_in_the_document(doc):
    text = _text(doc["id"])
    ents = doc["entities"]
    for field in ("buyers", "places", "programs"):
        for name in ents[field]:
            assert name in text, (field, name)
    for name in ents["suppliers"]:
        spellings = (name, *CANONICAL_ALIASES.get(name, ()))
        assert any(s in text for s in spellings), name
    for year in ents["years"]:
        assert str(year) in text, year


@pytest.mark.parametrize("doc", GOLD, ids=lambda d: d["id"])
def test_private_details_are_in_the_document_but_never_gold(doc):
    text = _text(doc["id"])
    values = json.dumps([doc["entities"], doc["relations"]], ensure_ascii=False)
    for item in doc["private"]:
        assert item in text, item
        assert item not in values, item
    assert not PHONE_OR_EMAIL.search(values)


def test_gold_scores_perfectly_against_itself():
    score = _scorer()
    result, _ = score.score(_by_id(GOLD), _by_id(GOLD))
    assert result["entities_micro"]["f1"] == 1.0 and result["relations"]["f1"] == 1.0


def test_scorer_penalises_a_prediction_that_drops_facts():
    """Guards the check above: an emptied prediction must not score 1.0."""
    score = _scorer()
    emptied = {d["id"]: {"id": d["id"], "entities": {}, "relations": []} for d in GOLD}
    result, _ = score.score(_by_id(GOLD), emptied)
    assert result["relations"]["f1"] == 0.0 and result["entities_micro"]["recall"] == 0.0
