"""Canonical entities as analysts see them: each knowledge-base supplier or agency (or unmatched
spelling), after judgements, with every name sources used for it, its parent, country and (suppliers)
sanctions listings."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from counterwatch.knowledge.registry import KnowledgeBase, Sanction
from counterwatch.resolve.judgements import Decisions


@dataclass(frozen=True)
class SupplierSighting:
    """One stored fact's supplier (or buyer, for buyer listings), as the store hands it over."""

    supplier_id: str | None  # the supplier's id, or the buyer's agency id / key
    supplier: str
    written: str | None  # the spelling the source used, when resolution renamed it
    deployment_id: str | None
    document_id: int


@dataclass
class Entity:
    key: str  # knowledge-base id, or name:<folded spelling>
    kind: str
    name: str
    country: str | None = None
    parent: str | None = None
    names: set[str] = field(default_factory=set)
    sanctions: tuple[Sanction, ...] = ()
    facts: int = 0
    deployments: set[str] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)


def _new(key: str, kb: KnowledgeBase, fallback: str, kind: str) -> Entity:
    if key.startswith("name:"):
        return Entity(key, kind, fallback, names={fallback})
    if kind == "buyer":
        agency = kb.agency(key)
        return Entity(key, kind, agency.name, agency.country, agency.parent,
                      {*agency.names(), *agency.local_aliases})
    supplier = kb.supplier(key)
    return Entity(key, kind, supplier.name, supplier.country, supplier.parent, set(kb.supplier_names(supplier)),
                  supplier.sanctions)


def summarise(sightings: Iterable[SupplierSighting], decisions: Decisions, kb: KnowledgeBase,
              kind: str = "supplier") -> list[Entity]:
    """Entities (suppliers, or buyers with ``kind="buyer"``) with their names and counts, most facts first."""
    found: dict[str, Entity] = {}
    for s in sightings:
        written = s.written or s.supplier
        key = decisions.entity_of(s.supplier_id, written) or written
        entity = found.get(key) or found.setdefault(key, _new(key, kb, written, kind))
        entity.names.update(n for n in (s.supplier, s.written) if n)
        entity.facts += 1
        entity.documents.add(s.document_id)
        if s.deployment_id:
            entity.deployments.add(s.deployment_id)
    return sorted(found.values(), key=lambda e: (-e.facts, e.name))
