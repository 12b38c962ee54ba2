"""Resolving an extraction: canonical supplier names and ids, home countries, map points (a country's
centroid where no place is known) and deployment keys."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import replace

from counterwatch.extract.places import country_centroid
from counterwatch.knowledge.registry import load_knowledge_base
from counterwatch.model import Extraction, Fact, Mention
from counterwatch.resolve.suppliers import normalise_name, resolve_supplier


def deployment_key(fact: Fact) -> str:
    """Facts with equal keys describe the same deployment, whichever document reports them."""
    supplier = fact.supplier_id or (normalise_name(fact.supplier) if fact.supplier else "")
    place = unicodedata.normalize("NFKC", fact.place or "").casefold()
    parts = [supplier, fact.origin_country or "", fact.technology, fact.country or "", place,
             (fact.program or "").casefold(), (fact.buyer or "").casefold()]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def resolve_extraction(extraction: Extraction) -> Extraction:
    kb = load_knowledge_base()
    cache: dict[str, tuple[str | None, str]] = {}

    def canonical(name: str, known_id: str | None) -> tuple[str | None, str]:
        if known_id:
            return known_id, kb.supplier(known_id).name
        if name not in cache:
            result = resolve_supplier(name, kb)
            cache[name] = (result.supplier_id, result.name)
        return cache[name]

    for fact in extraction.facts:
        if fact.supplier:
            fact.supplier_id, fact.supplier = canonical(fact.supplier, fact.supplier_id)
            if fact.supplier_id and not fact.origin_country:
                fact.origin_country = kb.supplier(fact.supplier_id).country
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
    return extraction
