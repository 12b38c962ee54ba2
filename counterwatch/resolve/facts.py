"""Resolving an extraction: canonical supplier names and ids, home countries, map points (a country's
centroid where no place is known), deployment keys and the document's MinHash signature.

A fact whose supplier was renamed keeps the spelling its source used in ``fields["supplier_as_written"]``
(analyst judgements refer to spellings); a name that nearly matched a supplier is left unmerged with
``fields["supplier_review"]`` = {"candidate": id, "score": similarity} for the review queue."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import replace

from counterwatch.extract.places import country_centroid
from counterwatch.knowledge.registry import load_knowledge_base
from counterwatch.model import Extraction, Fact, Mention
from counterwatch.resolve.duplicates import signature
from counterwatch.resolve.judgements import Decisions
from counterwatch.resolve.names import normalise_name
from counterwatch.resolve.suppliers import Resolution, resolve_supplier


def deployment_key(fact: Fact) -> str:
    """Facts with equal keys describe the same deployment, whichever document reports them."""
    supplier = fact.supplier_id or (normalise_name(fact.supplier) if fact.supplier else "")
    place = unicodedata.normalize("NFKC", fact.place or "").casefold()
    parts = [supplier, fact.origin_country or "", fact.technology, fact.country or "", place,
             (fact.program or "").casefold(), (fact.buyer or "").casefold()]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def resolve_extraction(extraction: Extraction, decisions: Decisions | None = None) -> Extraction:
    """Resolve in place; ``decisions`` (analyst judgements, loaded by the caller) override the matcher."""
    kb = load_knowledge_base()
    cache: dict[str, Resolution] = {}

    def resolution(name: str, known_id: str | None) -> Resolution:
        if known_id and (decisions is None or decisions.entity_of(known_id, name) == known_id):
            return Resolution(known_id, kb.supplier(known_id).name, 100.0, "exact")
        if name not in cache:
            cache[name] = resolve_supplier(name, kb, decisions)
        return cache[name]

    def canonical(name: str, known_id: str | None) -> tuple[str | None, str]:
        result = resolution(name, known_id)
        return result.supplier_id, result.name

    for fact in extraction.facts:
        if fact.supplier:
            result = resolution(fact.supplier, fact.supplier_id)
            if result.name != fact.supplier:
                fact.fields["supplier_as_written"] = fact.supplier
            if result.method == "review":
                fact.fields["supplier_review"] = {"candidate": result.candidate, "score": round(result.score, 1)}
            fact.supplier_id, fact.supplier = result.supplier_id, result.name
        if fact.latitude is None and fact.country:
            centroid = country_centroid(fact.country)
            if centroid:
                fact.latitude, fact.longitude = centroid
                fact.fields["geo_precision"] = "country"
        fact.deployment_key = deployment_key(fact)
    mentions: list[Mention] = []
    for mention in extraction.mentions:
        if mention.kind == "supplier":
            supplier_id, name = canonical(mention.value, mention.attr("supplier_id"))
            if supplier_id:
                attrs = dict(mention.attrs) | {"supplier_id": supplier_id}
                mention = replace(mention, value=name, attrs=tuple(sorted(attrs.items())))
        mentions.append(mention)
    extraction.mentions = mentions
    extraction.document.metadata["minhash"] = signature(extraction.document.text)
    return extraction
