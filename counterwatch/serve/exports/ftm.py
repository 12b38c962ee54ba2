"""FollowTheMoney entities as JSON lines, built and checked with the followthemoney library.

Mapping (README.md, "FollowTheMoney mapping", documents the same):
- source document -> Document (title, fileName, language, mimeType, date, sourceUrl; the file's SHA-256
  as keyword ``sha256:<hex>``, since FtM's contentHash is SHA-1)
- canonical supplier (knowledge-base supplier after analyst judgements, or an unmatched spelling) ->
  one Company (name, alias = every other name the knowledge base and the sources use, country = home
  country, parent -> Ownership owner/asset); its sanctions and export-control listings -> Sanction
  (entity, program = list, startDate, authority, summary = source) and Company ``topics``
  (SANCTION_TOPICS) with a ``notes`` line per listing
- canonical buyer (knowledge-base agency after judgements, or a buyer the list lacks) -> one PublicBody
  (name = canonical English name, alias = Chinese name and every other name and spelling, country,
  jurisdiction); its parent agency -> Membership (member = the agency, organization = its parent, role
  "subordinate agency"): FtM's Ownership means holding assets or shares, which a ministry does not
  have in its bureaus, while Membership links a body to the organisation it belongs to
- deployment (facts of several documents merged, see README "Deployments") with status
  tendered/awarded/contracted or an amount -> one Contract (title, authority = buyer,
  amount, currency, contractDate, country, classification = technology, program, status, summary = quote)
  and, with a supplier, ContractAward (contract, supplier, amount, currency, date, status, proof = Document)
  every source's amount is kept (conflicting amounts both, with a ``notes`` line saying so); a fact with
  no deployment yet is its own Contract or Event
- any other deployment -> Event (name, date, country, involved = supplier and buyer, organizer = buyer,
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

from counterwatch.knowledge.registry import KnowledgeBase, Sanction, load_knowledge_base
from counterwatch.resolve.entities import Entity, summarise
from counterwatch.resolve.names import name_key
from counterwatch.store.deployments import DeploymentRow, buyer_sightings, deployments_of, supplier_sightings
from counterwatch.store.judgements import load_decisions
from counterwatch.store.queries import FactFilter, iter_facts
from counterwatch.store.schema import DocumentRow, FactRow

CONTRACT_STATUSES = ("tendered", "awarded", "contracted")
#: FtM topic of each kind of listing in suppliers.yaml: the Entity List is an export control; the
#: NDAA Section 889 and FCC Covered List bar procurement (debarment); Treasury's NS-CMIC list is a sanction.
SANCTION_TOPICS = {"US Entity List": "export.control", "NDAA Section 889": "debarment",
                   "FCC Covered List": "debarment", "NS-CMIC List": "sanction"}
#: Topic of any other listing.
DEFAULT_SANCTION_TOPIC = "sanction"


def _make(schema: str, *key: str) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = make_entity_id(schema, *key)
    return entity


def _language(code: str) -> str | None:
    lang = pycountry.languages.get(alpha_2=code) if code and len(code) == 2 else None
    return getattr(lang, "alpha_3", None)


class _Builder:
    def __init__(self, entities: dict[str, Entity], kb: KnowledgeBase, buyers: dict[str, Entity] | None = None) -> None:
        self.entities: dict[str, EntityProxy] = {}
        self.canonical = entities  # entity key -> canonical entity
        self.buyers = buyers or {}  # buyer entity key -> canonical buyer
        self.kb = kb
        # company or public body id -> (Ownership or Membership, parent, note)
        self.owners: dict[str, tuple[EntityProxy, EntityProxy, str]] = {}

    def company(self, key: str) -> EntityProxy:
        """The one Company of a canonical supplier, with its names, listings and parent."""
        found = self.canonical.get(key)
        company = _make("Company", key)
        if company.id in self.entities:
            return self.entities[company.id]
        name = found.name if found else self.kb.supplier(key).name
        names = found.names if found else set(self.kb.supplier_names(self.kb.supplier(key)))
        company.add("name", name)
        company.add("alias", sorted(n for n in names if n != name))
        supplier = None if key.startswith("name:") else self.kb.supplier(key)
        if supplier is not None:
            company.add("country", supplier.country)
            for listing in supplier.sanctions:
                self.sanction(company, listing)
        company = self.keep(company)
        if supplier is not None and supplier.parent:
            parent = self.company(supplier.parent)
            ownership = _make("Ownership", parent.id, company.id)
            ownership.add("owner", parent)
            ownership.add("asset", company)
            ownership.add("role", "parent company")
            note = f"{parent.first('name')} owns {company.first('name')} (Counterwatch knowledge base)"
            self.owners[company.id] = (self.keep(ownership), parent, note)
        return company

    def public_body(self, key: str, country: str | None) -> EntityProxy:
        """The one PublicBody of a canonical buyer, with its names and its parent agency."""
        found = self.buyers.get(key)
        agency = None if key.startswith("name:") else self.kb.agency(key)
        body = _make("PublicBody", key) if agency else _make("PublicBody", key, country or "")
        if body.id in self.entities:
            return self.entities[body.id]
        name = agency.name if agency else (found.name if found else key[len("name:"):])
        names = set(found.names if found else ()) | set(agency.names() + agency.local_aliases if agency else ())
        body.add("name", name)
        body.add("alias", sorted(n for n in names if n != name))
        body.add("country", agency.country if agency else country)
        body.add("jurisdiction", agency.country if agency else country)
        body = self.keep(body)
        if agency is not None and agency.parent:
            parent = self.public_body(agency.parent, None)
            membership = _make("Membership", parent.id, body.id)
            membership.add("member", body)
            membership.add("organization", parent)
            membership.add("role", "subordinate agency")
            note = f"{body.first('name')} answers to {parent.first('name')} (Counterwatch knowledge base)"
            self.owners[body.id] = (self.keep(membership), parent, note)
        return body

    def parents_documented(self, company: EntityProxy, document: EntityProxy) -> None:
        """A document naming a subsidiary is where its parent and the ownership enter the export."""
        if company.id in self.owners:
            ownership, parent, note = self.owners[company.id]
            self.documented(ownership, document, note, role="context")
            self.documented(parent, document, note, role="context")
            self.parents_documented(parent, document)

    def sanction(self, company: EntityProxy, listing: Sanction) -> None:
        company.add("topics", SANCTION_TOPICS.get(listing.list, DEFAULT_SANCTION_TOPIC))
        company.add("notes", f"{listing.list} since {listing.date.isoformat()}"
                             + (f" ({listing.source})" if listing.source else ""))
        record = _make("Sanction", company.id, listing.list, listing.date.isoformat())
        record.add("entity", company)
        record.add("program", listing.list)
        record.add("startDate", listing.date.isoformat())
        record.add("summary", listing.source)
        self.keep(record)

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

    def documented(self, entity: EntityProxy, document: EntityProxy, quote: str, role: str = "source") -> None:
        link = _make("Documentation", document.id, entity.id)
        link.add("document", document)
        link.add("entity", entity)
        link.add("role", role)
        link.add("summary", quote)
        self.keep(link)

    def fact(self, fact: FactRow, deployment: DeploymentRow | None, entity_key: str | None,
             buyer_key: str | None = None) -> None:
        document = self.document(fact.document)
        quote = fact.evidence[0].quote if fact.evidence else ""
        keywords = [f"technology:{fact.technology}"] + [f"target:{t}" for t in fact.targets or []]
        if fact.quantity is not None:
            keywords.append(f"quantity:{fact.quantity:g} {fact.unit or ''}".strip())
        things: list[EntityProxy] = []
        supplier = buyer = address = project = None
        if fact.supplier:
            supplier = self.company(entity_key or fact.supplier_id or f"name:{fact.supplier}")
            supplier.add("country", fact.origin_country)
            supplier.add("keywords", f"technology:{fact.technology}")
            self.parents_documented(supplier, document)
            things.append(supplier)
        if fact.buyer:
            buyer = self.public_body(buyer_key or fact.buyer_id or name_key(fact.buyer), fact.country)
            self.parents_documented(buyer, document)
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
            record = _make("Contract", *_record_key(fact, deployment))
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
            record = _make("Event", *_record_key(fact, deployment))
            record.add("name", title)
            record.add("date", fact.date or (str(fact.year) if fact.year else None))
            record.add("involved", [e for e in (supplier, buyer) if e is not None])
            record.add("organizer", buyer)
            record.add("addressEntity", address)
        record.add("country", fact.country)
        record.add("keywords", keywords)
        record.add("summary", quote)
        if deployment is not None and "amount" in (deployment.conflicts or {}):
            record.add("notes", "sources disagree on the amount: " + ", ".join(
                f"{a['amount']:,.2f} {a['currency'] or ''}".strip() for a in deployment.conflicts["amount"]))
        if record.schema.get("status"):
            record.add("status", fact.status)
        things.append(self.keep(record))
        for thing in things:
            self.documented(thing, document, quote)


def _record_key(fact: FactRow, deployment: DeploymentRow | None) -> tuple[str, ...]:
    return ("deployment", deployment.id) if deployment is not None else (str(fact.id), fact.deployment_key)


def write(session: Session, out: TextIO, flt: FactFilter | None = None) -> int:
    kb = load_knowledge_base()
    decisions = load_decisions(session)
    builder = _Builder({e.key: e for e in summarise(supplier_sightings(session), decisions, kb)}, kb,
                       {e.key: e for e in summarise(buyer_sightings(session), decisions, kb, "buyer")})
    for fact in iter_facts(session, flt):
        deployment = deployments_of(session, [fact.id]).get(fact.id)
        written = (fact.fields or {}).get("supplier_as_written") or fact.supplier
        bought = (fact.fields or {}).get("buyer_as_written") or fact.buyer
        builder.fact(fact, deployment, decisions.entity_of(fact.supplier_id, written) if written else None,
                     decisions.entity_of(fact.buyer_id, bought) if bought else None)
    for entity in builder.entities.values():
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return len(builder.entities)
