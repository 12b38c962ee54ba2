"""Checks on the raw YAML of the knowledge base, before it becomes records.

Every failure raises :class:`KnowledgeBaseError` with the file name and the entry at fault.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pycountry

DATA_FILES = ("suppliers.yaml", "technologies.yaml", "programs.yaml", "targets.yaml", "units.yaml",
              "organisations.yaml", "agencies.yaml")

#: Chinese names shorter than this match inside too many unrelated words (单字 like 华, 海).
MIN_CHINESE_NAME_CHARS = 2

_SLUG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

_SUPPLIER_KEYS = {"id", "name", "country", "kind"}
_SUPPLIER_OPTIONAL = {"name_zh", "legal_names", "aliases", "strict_aliases", "former_names", "products",
                      "parent", "technologies", "sanctions"}
_TECHNOLOGY_KEYS = {"id", "label", "specificity", "terms_en", "terms_zh"}
_TECHNOLOGY_OPTIONAL = {"exclusions"}
_PROGRAM_KEYS = {"id", "name", "technology"}
_PROGRAM_OPTIONAL = {"name_zh", "aliases", "country", "supplier"}
_TARGET_KEYS = {"id", "label", "terms_en", "terms_zh"}
_TARGET_OPTIONAL = {"exclusions"}
_UNIT_KEYS = {"id", "terms_en", "terms_zh"}
_UNIT_OPTIONAL = {"technology"}
_ORGANISATION_LISTS = ("company_suffixes_en", "company_suffixes_zh", "agency_heads_en",
                       "agency_suffixes_zh", "procurement_agents_zh")
_NON_SUPPLIER_KEYS = {"name", "kind"}
_NON_SUPPLIER_OPTIONAL = {"aliases", "strict_aliases"}
_AGENCY_KEYS = {"id", "name", "country", "level"}
_AGENCY_OPTIONAL = {"name_zh", "aliases", "local_aliases", "parent"}
_SANCTION_KEYS = {"list", "date"}
_SANCTION_OPTIONAL = {"source"}


class KnowledgeBaseError(ValueError):
    """A knowledge-base data file is missing, malformed or inconsistent."""


def validate(raw: dict[str, Any], *, technologies: Sequence[str], targets: Sequence[str],
             supplier_kinds: Sequence[str], non_supplier_kinds: Sequence[str],
             normalise: Callable[[str], str], agency_levels: Sequence[str] = ()) -> None:
    """Check every data file; raise KnowledgeBaseError on the first problem found."""
    suppliers = _entries(raw, "suppliers.yaml")
    supplier_ids = _check_ids("suppliers.yaml", suppliers)
    for entry in suppliers:
        _check_supplier(entry, supplier_ids, technologies, supplier_kinds)
    _check_parent_cycles(suppliers)
    supplier_names = _check_unique_names("suppliers.yaml", suppliers, _supplier_names, normalise)

    techs = _entries(raw, "technologies.yaml")
    _check_ids("technologies.yaml", techs)
    for entry in techs:
        _check_keys("technologies.yaml", entry, _TECHNOLOGY_KEYS, _TECHNOLOGY_OPTIONAL)
        if not isinstance(entry["specificity"], int) or entry["specificity"] < 0:
            _fail("technologies.yaml", entry, "specificity must be a non-negative integer")
        _check_terms("technologies.yaml", entry, ("terms_en", "terms_zh"), required=True)
    _check_vocabulary("technologies.yaml", techs, technologies)
    _check_unique_names("technologies.yaml", techs, lambda e: [*e["terms_en"], *e["terms_zh"]], normalise)

    programs = _entries(raw, "programs.yaml")
    _check_ids("programs.yaml", programs)
    for entry in programs:
        _check_keys("programs.yaml", entry, _PROGRAM_KEYS, _PROGRAM_OPTIONAL)
        _check_in("programs.yaml", entry, "technology", technologies)
        if entry.get("country") is not None:
            _check_country("programs.yaml", entry, entry["country"])
        if entry.get("supplier") is not None and entry["supplier"] not in supplier_ids:
            _fail("programs.yaml", entry, f"unknown supplier {entry['supplier']!r}")
        _check_terms("programs.yaml", entry, ("aliases",), required=False)
        _check_chinese_length("programs.yaml", entry, [entry["name"], entry.get("name_zh"),
                                                       *(entry.get("aliases") or ())])
    _check_unique_names("programs.yaml", programs,
                        lambda e: [e["name"], e.get("name_zh"), *(e.get("aliases") or ())], normalise)

    target_entries = _entries(raw, "targets.yaml")
    _check_ids("targets.yaml", target_entries)
    for entry in target_entries:
        _check_keys("targets.yaml", entry, _TARGET_KEYS, _TARGET_OPTIONAL)
        _check_terms("targets.yaml", entry, ("terms_en", "terms_zh"), required=True)
        _check_terms("targets.yaml", entry, ("exclusions",), required=False)
        _check_chinese_length("targets.yaml", entry, entry["terms_zh"])
    _check_vocabulary("targets.yaml", target_entries, targets)
    _check_unique_names("targets.yaml", target_entries, lambda e: [*e["terms_en"], *e["terms_zh"]], normalise)

    units = _entries(raw, "units.yaml")
    _check_ids("units.yaml", units)
    for entry in units:
        _check_keys("units.yaml", entry, _UNIT_KEYS, _UNIT_OPTIONAL)
        _check_terms("units.yaml", entry, ("terms_en", "terms_zh"), required=True)
        if entry.get("technology") is not None:
            _check_in("units.yaml", entry, "technology", technologies)
    _check_unique_names("units.yaml", units, lambda e: [*e["terms_en"], *e["terms_zh"]], normalise)

    _check_organisations(raw.get("organisations.yaml"), non_supplier_kinds, supplier_names, normalise)
    _check_agencies(_entries(raw, "agencies.yaml"), agency_levels, supplier_names, raw["organisations.yaml"],
                    normalise)


def as_date(value: Any) -> datetime.date:
    """A YAML date (already parsed, or an ISO string) as a date; ValueError if it is neither."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _fail(file: str, entry: Any, message: str) -> None:
    label = entry.get("id") or entry.get("name") if isinstance(entry, dict) else entry
    raise KnowledgeBaseError(f"{file}: entry {label!r}: {message}")


def _entries(raw: dict[str, Any], file: str) -> list[dict[str, Any]]:
    entries = raw.get(file)
    if not isinstance(entries, list):
        raise KnowledgeBaseError(f"{file}: expected a list of entries")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise KnowledgeBaseError(f"{file}: entry #{index}: expected a mapping")
    return entries


def _check_ids(file: str, entries: list[dict[str, Any]]) -> set[str]:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        entry_id = entry.get("id")
        if not isinstance(entry_id, str) or not _SLUG.match(entry_id):
            raise KnowledgeBaseError(f"{file}: entry #{index} ({entry.get('name')!r}): "
                                     f"id {entry_id!r} is not a lowercase ascii slug")
        if entry_id in seen:
            _fail(file, entry, "duplicate id")
        seen.add(entry_id)
    return seen


def _check_keys(file: str, entry: dict[str, Any], required: set[str], optional: set[str]) -> None:
    missing = required - entry.keys()
    if missing:
        _fail(file, entry, f"missing {sorted(missing)}")
    unknown = entry.keys() - required - optional
    if unknown:
        _fail(file, entry, f"unknown keys {sorted(unknown)}")
    for key in required | optional:
        value = entry.get(key)
        if key in required and not value and value != 0:
            _fail(file, entry, f"{key} is empty")


def _check_terms(file: str, entry: dict[str, Any], keys: Iterable[str], required: bool) -> None:
    for key in keys:
        values = entry.get(key)
        if values is None and not required:
            continue
        if not isinstance(values, list) or (required and not values):
            _fail(file, entry, f"{key} must be a non-empty list" if required else f"{key} must be a list")
        for value in values:
            if not isinstance(value, str) or not value.strip():
                _fail(file, entry, f"{key} holds a non-string or blank value {value!r}")
        if len(set(values)) != len(values):
            _fail(file, entry, f"{key} lists a value twice")


def _check_in(file: str, entry: dict[str, Any], key: str, allowed: Sequence[str]) -> None:
    if entry.get(key) not in allowed:
        _fail(file, entry, f"{key} {entry.get(key)!r} is not in the vocabulary")


def _check_country(file: str, entry: dict[str, Any], code: Any) -> None:
    if not isinstance(code, str) or len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        _fail(file, entry, f"country {code!r} is not an ISO 3166-1 alpha-2 code")


def _check_chinese_length(file: str, entry: dict[str, Any], names: Iterable[str | None]) -> None:
    for name in names:
        if name and _CJK.search(name) and len(name.strip()) < MIN_CHINESE_NAME_CHARS:
            _fail(file, entry, f"Chinese name {name!r} is shorter than {MIN_CHINESE_NAME_CHARS} characters")


def _check_vocabulary(file: str, entries: list[dict[str, Any]], vocabulary: Sequence[str]) -> None:
    for entry in entries:
        if entry["id"] not in vocabulary:
            _fail(file, entry, "id is not in the fact-model vocabulary")
    missing = set(vocabulary) - {e["id"] for e in entries}
    if missing:
        raise KnowledgeBaseError(f"{file}: vocabulary terms without an entry: {sorted(missing)}")


def _supplier_names(entry: dict[str, Any]) -> list[str | None]:
    return [entry.get("name"), entry.get("name_zh"),
            *(entry.get(key) or () for key in ("legal_names", "aliases", "strict_aliases", "former_names",
                                               "products"))]


def _flatten(values: Iterable[Any]) -> list[str]:
    flat: list[str] = []
    for value in values:
        if isinstance(value, (list, tuple)):
            flat.extend(value)
        elif value:
            flat.append(value)
    return flat


def _check_unique_names(file: str, entries: list[dict[str, Any]], names_of: Callable[[dict[str, Any]], Any],
                        normalise: Callable[[str], str]) -> dict[str, str]:
    """No name (normalised) may belong to two entries; returns name -> entry id."""
    owner: dict[str, str] = {}
    for entry in entries:
        for name in set(normalise(n) for n in _flatten(names_of(entry))):
            if name in owner and owner[name] != entry["id"]:
                _fail(file, entry, f"name or term {name!r} is also used by {owner[name]!r}")
            owner[name] = entry["id"]
    return owner


def _check_supplier(entry: dict[str, Any], supplier_ids: set[str], technologies: Sequence[str],
                    kinds: Sequence[str]) -> None:
    file = "suppliers.yaml"
    _check_keys(file, entry, _SUPPLIER_KEYS, _SUPPLIER_OPTIONAL)
    _check_country(file, entry, entry["country"])
    if entry["kind"] not in kinds:
        _fail(file, entry, f"kind {entry['kind']!r} is not one of {list(kinds)}")
    if entry["country"] == "CN" and not entry.get("name_zh"):
        _fail(file, entry, "a Chinese supplier needs name_zh")
    parent = entry.get("parent")
    if parent is not None and (parent not in supplier_ids or parent == entry["id"]):
        _fail(file, entry, f"unknown parent {parent!r}")
    _check_terms(file, entry, ("legal_names", "aliases", "strict_aliases", "former_names", "products",
                               "technologies"), required=False)
    for tech in entry.get("technologies") or ():
        if tech not in technologies:
            _fail(file, entry, f"technology {tech!r} is not in the vocabulary")
    overlap = set(entry.get("aliases") or ()) & set(entry.get("strict_aliases") or ())
    if overlap:
        _fail(file, entry, f"{sorted(overlap)} listed as both aliases and strict_aliases")
    _check_chinese_length(file, entry, _flatten(_supplier_names(entry)))
    for sanction in entry.get("sanctions") or ():
        if not isinstance(sanction, dict):
            _fail(file, entry, "a sanction must be a mapping")
        _check_keys(file, {"id": entry["id"], **sanction}, _SANCTION_KEYS | {"id"}, _SANCTION_OPTIONAL)
        try:
            as_date(sanction["date"])
        except ValueError:
            _fail(file, entry, f"sanction date {sanction['date']!r} is not an ISO date")


def _check_parent_cycles(entries: list[dict[str, Any]], file: str = "suppliers.yaml") -> None:
    parents = {e["id"]: e.get("parent") for e in entries}
    for entry in entries:
        seen = {entry["id"]}
        current = parents[entry["id"]]
        while current is not None:
            if current in seen:
                _fail(file, entry, "parent chain loops back on itself")
            seen.add(current)
            current = parents.get(current)


def _check_organisations(org: Any, kinds: Sequence[str], supplier_names: dict[str, str],
                         normalise: Callable[[str], str]) -> None:
    file = "organisations.yaml"
    if not isinstance(org, dict):
        raise KnowledgeBaseError(f"{file}: expected a mapping of pattern lists")
    unknown = org.keys() - set(_ORGANISATION_LISTS) - {"non_suppliers"}
    if unknown:
        raise KnowledgeBaseError(f"{file}: unknown keys {sorted(unknown)}")
    for key in _ORGANISATION_LISTS:
        _check_terms(file, {"id": key, key: org.get(key)}, (key,), required=True)
    entries = org.get("non_suppliers")
    if not isinstance(entries, list) or not entries:
        raise KnowledgeBaseError(f"{file}: non_suppliers must be a non-empty list")
    seen: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise KnowledgeBaseError(f"{file}: non_suppliers entry {entry!r}: expected a mapping")
        _check_keys(file, entry, _NON_SUPPLIER_KEYS, _NON_SUPPLIER_OPTIONAL)
        _check_terms(file, entry, ("aliases", "strict_aliases"), required=False)
        if entry["kind"] not in kinds:
            _fail(file, entry, f"kind {entry['kind']!r} is not one of {list(kinds)}")
        for name in _flatten([entry["name"], entry.get("aliases"), entry.get("strict_aliases")]):
            key = normalise(name)
            if key in supplier_names:
                _fail(file, entry, f"name {name!r} is also a name of supplier {supplier_names[key]!r}")
            if key in seen and seen[key] != entry["name"]:
                _fail(file, entry, f"name {name!r} is also used by {seen[key]!r}")
            seen[key] = entry["name"]


def _check_agencies(entries: list[dict[str, Any]], levels: Sequence[str], supplier_names: dict[str, str],
                    org: dict[str, Any], normalise: Callable[[str], str]) -> None:
    """Agencies: known keys, country, level and parent; a name (and a local alias within its country)
    belongs to one agency and to no supplier or non-supplier (those are never buyers)."""
    file = "agencies.yaml"
    ids = _check_ids(file, entries)
    others = dict(supplier_names)
    for ns in org.get("non_suppliers") or ():
        others.update((normalise(n), ns["name"]) for n in _flatten([ns["name"], ns.get("aliases"),
                                                                    ns.get("strict_aliases")]))
    for entry in entries:
        _check_keys(file, entry, _AGENCY_KEYS, _AGENCY_OPTIONAL)
        _check_country(file, entry, entry["country"])
        _check_in(file, entry, "level", levels)
        _check_terms(file, entry, ("aliases", "local_aliases"), required=False)
        parent = entry.get("parent")
        if parent is not None and (parent not in ids or parent == entry["id"]):
            _fail(file, entry, f"unknown parent {parent!r}")
        names = _flatten([entry["name"], entry.get("name_zh"), entry.get("aliases"), entry.get("local_aliases")])
        _check_chinese_length(file, entry, names)
        for name in names:
            if normalise(name) in others:
                _fail(file, entry, f"name {name!r} is also the name of {others[normalise(name)]!r}")
    _check_unique_names(file, entries, lambda e: [e["name"], e.get("name_zh"), *(e.get("aliases") or ())],
                        normalise)
    _check_unique_names(file, entries, lambda e: [f"{e['country']}:{n}" for n in e.get("local_aliases") or ()],
                        normalise)
    _check_parent_cycles(entries, file)
