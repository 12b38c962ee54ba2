"""The evaluation format of ../shared/FACTS.md: one JSON line per document, keyed by its file stem."""
from __future__ import annotations

import json
from typing import TextIO

from sqlalchemy.orm import Session

from counterwatch.store.queries import FactFilter, document_mentions, iter_documents
from counterwatch.store.schema import FactRow

ENTITY_FIELDS = ("suppliers", "origin_countries", "buyers", "technologies", "countries", "places", "programs",
                 "targets", "amounts", "quantities", "years")
_MENTION_FIELD = {"supplier": "suppliers", "origin_country": "origin_countries", "buyer": "buyers",
                  "technology": "technologies", "country": "countries", "place": "places",
                  "program": "programs", "target": "targets"}


def _add(values: list, value) -> None:
    if value not in (None, "") and value not in values:
        values.append(value)


def _relation(fact: FactRow) -> dict:
    rel = {"supplier": fact.supplier, "origin_country": fact.origin_country, "technology": fact.technology,
           "country": fact.country, "place": fact.place, "buyer": fact.buyer, "program": fact.program,
           "year": fact.year, "status": fact.status}
    if fact.targets:
        rel["targets"] = list(fact.targets)
    if fact.amount is not None:
        rel["amount"] = {"value": fact.amount, "currency": fact.currency}
    if fact.quantity is not None:
        rel["quantity"] = {"value": fact.quantity, "unit": fact.unit}
    return {k: v for k, v in rel.items() if v not in (None, "")}


def document_record(session: Session, doc) -> dict:
    entities: dict[str, list] = {f: [] for f in ENTITY_FIELDS}
    for m in document_mentions(session, doc.id):
        if m.kind in _MENTION_FIELD:
            if m.kind == "technology" and m.value == "other":
                continue
            _add(entities[_MENTION_FIELD[m.kind]], m.value)
        elif m.kind == "amount":
            _add(entities["amounts"], {"value": float(m.value), "currency": m.attrs.get("currency")})
        elif m.kind == "quantity":
            _add(entities["quantities"], {"value": float(m.value), "unit": m.attrs.get("unit")})
        elif m.kind == "year":
            _add(entities["years"], int(m.value))
    facts = sorted(doc.facts, key=lambda f: f.id)
    for fact in facts:
        _add(entities["suppliers"], fact.supplier)
        _add(entities["origin_countries"], fact.origin_country)
        _add(entities["buyers"], fact.buyer)
        if fact.technology != "other":
            _add(entities["technologies"], fact.technology)
        _add(entities["countries"], fact.country)
        _add(entities["places"], fact.place)
        _add(entities["programs"], fact.program)
        for target in fact.targets or []:
            _add(entities["targets"], target)
    return {"id": doc.source_id, "lang": doc.language, "entities": entities,
            "relations": [_relation(f) for f in facts]}


def write(session: Session, out: TextIO, flt: FactFilter | None = None) -> int:
    count = 0
    for doc in iter_documents(session):
        out.write(json.dumps(document_record(session, doc), ensure_ascii=False) + "\n")
        count += 1
    return count
