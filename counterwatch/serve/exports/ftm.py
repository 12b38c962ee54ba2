"""FollowTheMoney entities as JSON lines, built and checked with the followthemoney library.

Mapping (README.md, "FollowTheMoney mapping", documents the same):
- source document -> Document (title, fileName, language, mimeType, date, sourceUrl; the file's SHA-256
  as keyword ``sha256:<hex>``, since FtM's contentHash is SHA-1)
- supplier -> Company (name, country = home country); buyer -> PublicBody (name, country, jurisdiction)
- fact with status tendered/awarded/contracted or an amount -> Contract (title, authority = buyer,
  amount, currency, contractDate, country, classification = technology, program, status, summary = quote)
  and, with a supplier, ContractAward (contract, supplier, amount, currency, date, status, proof = Document)
- any other fact -> Event (name, date, country, involved = supplier and buyer, organizer = buyer,
  addressEntity = place, summary = quote)
- program -> Project (name, country; a Contract points to it); place -> Address (full, city/region, country, lat/lon)
- Documentation (document, entity, role "source", summary = quote) links every Thing to its Document.
Fields FtM has no property for are written as ``keywords`` with a prefix, the same on every schema:
``technology:<term>``, ``target:<term>``, ``quantity:<value> <unit>``; on Contracts the technology is
also the ``classification``.
"""
from __future__ import annotations

import json
from typing import TextIO

import pycountry
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.util import make_entity_id
from sqlalchemy.orm import Session

from counterwatch.store.queries import FactFilter, iter_facts
from counterwatch.store.schema import DocumentRow, FactRow

CONTRACT_STATUSES = ("tendered", "awarded", "contracted")


def _make(schema: str, *key: str) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = make_entity_id(schema, *key)
    return entity


def _language(code: str) -> str | None:
    lang = pycountry.languages.get(alpha_2=code) if code and len(code) == 2 else None
    return getattr(lang, "alpha_3", None)


class _Builder:
    def __init__(self) -> None:
        self.entities: dict[str, EntityProxy] = {}

    def keep(self, entity: EntityProxy) -> EntityProxy:
        if entity.id in self.entities:
            self.entities[entity.id].merge(entity)
            return self.entities[entity.id]
        self.entities[entity.id] = entity
        return entity

    def document(self, doc: DocumentRow) -> EntityProxy:
        entity = _make("Document", doc.content_hash)
        entity.add("title", doc.title or doc.source_id)
        entity.add("fileName", doc.path.rsplit("/", 1)[-1])
        entity.add("keywords", f"sha256:{doc.content_hash}")  # FtM's contentHash holds SHA-1 only
        entity.add("language", _language(doc.language))
        entity.add("mimeType", doc.mime_type)
        entity.add("date", doc.date)
        entity.add("sourceUrl", doc.url)
        return self.keep(entity)

    def documented(self, entity: EntityProxy, document: EntityProxy, quote: str) -> None:
        link = _make("Documentation", document.id, entity.id)
        link.add("document", document)
        link.add("entity", entity)
        link.add("role", "source")
        link.add("summary", quote)
        self.keep(link)

    def fact(self, fact: FactRow) -> None:
        document = self.document(fact.document)
        quote = fact.evidence[0].quote if fact.evidence else ""
        keywords = [f"technology:{fact.technology}"] + [f"target:{t}" for t in fact.targets or []]
        if fact.quantity is not None:
            keywords.append(f"quantity:{fact.quantity:g} {fact.unit or ''}".strip())
        things: list[EntityProxy] = []
        supplier = buyer = address = project = None
        if fact.supplier:
            supplier = _make("Company", fact.supplier_id or fact.supplier)
            supplier.add("name", fact.supplier)
            supplier.add("country", fact.origin_country)
            supplier.add("keywords", f"technology:{fact.technology}")
            supplier = self.keep(supplier)
            things.append(supplier)
        if fact.buyer:
            buyer = _make("PublicBody", fact.buyer, fact.country or "")
            buyer.add("name", fact.buyer)
            buyer.add("country", fact.country)
            buyer.add("jurisdiction", fact.country)
            buyer = self.keep(buyer)
            things.append(buyer)
        if fact.place:
            address = _make("Address", fact.place, fact.country or "")
            address.add("full", fact.place)
            address.add("region", fact.region)
            address.add("country", fact.country)
            if fact.latitude is not None and (fact.fields or {}).get("geo_precision") != "country":
                address.add("latitude", fact.latitude)
                address.add("longitude", fact.longitude)
            address = self.keep(address)
            things.append(address)
        if fact.program:
            project = _make("Project", fact.program, fact.country or "")
            project.add("name", fact.program)
            project.add("country", fact.country)
            project.add("keywords", f"technology:{fact.technology}")
            project = self.keep(project)
            things.append(project)
        title = f"{fact.technology.replace('_', ' ')}" + (f" in {fact.place or fact.country}" if fact.place or fact.country else "")
        if fact.status in CONTRACT_STATUSES or fact.amount is not None:
            record = _make("Contract", str(fact.id), fact.deployment_key)
            record.add("title", title)
            record.add("authority", buyer)
            record.add("amount", fact.amount)
            record.add("currency", fact.currency)
            record.add("contractDate", fact.date or (str(fact.year) if fact.year else None))
            record.add("classification", fact.technology)
            record.add("program", fact.program)
            record.add("project", project)
            if supplier is not None:
                award = _make("ContractAward", record.id, supplier.id)
                award.add("contract", record)
                award.add("supplier", supplier)
                award.add("amount", fact.amount)
                award.add("currency", fact.currency)
                award.add("date", fact.date or (str(fact.year) if fact.year else None))
                award.add("status", fact.status)
                award.add("proof", document)
                award.add("summary", quote)
                self.keep(award)
        else:
            record = _make("Event", str(fact.id), fact.deployment_key)
            record.add("name", title)
            record.add("date", fact.date or (str(fact.year) if fact.year else None))
            record.add("involved", [e for e in (supplier, buyer) if e is not None])
            record.add("organizer", buyer)
            record.add("addressEntity", address)
        record.add("country", fact.country)
        record.add("keywords", keywords)
        record.add("summary", quote)
        if record.schema.get("status"):
            record.add("status", fact.status)
        things.append(self.keep(record))
        for thing in things:
            self.documented(thing, document, quote)


def write(session: Session, out: TextIO, flt: FactFilter | None = None) -> int:
    builder = _Builder()
    for fact in iter_facts(session, flt):
        builder.fact(fact)
    for entity in builder.entities.values():
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return len(builder.entities)
