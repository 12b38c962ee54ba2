"""Resolving an extraction: canonical supplier and buyer names and ids, home countries, map points (a
country's centroid where no place is known), deployment keys and the document's MinHash signature.

A fact with a supplier keeps the spelling its source used in ``fields["supplier_as_written"]`` (analyst
judgements refer to spellings): the surface text of the supplier mention inside the fact's evidence,
since extraction may already have written the canonical name. A renamed buyer keeps its spelling in
``fields["buyer_as_written"]``; ``buyer_id`` is the agency id, or for a Chinese buyer the list lacks its
key from the full administrative name (agencies.chinese_agency_key). A name that nearly matched a
supplier or agency is left unmerged with ``fields["supplier_review"]`` / ``fields["buyer_review"]`` =
{"candidate": id, "score": similarity} for the review queue."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import replace

from counterwatch.extract.places import country_centroid
from counterwatch.knowledge.registry import load_knowledge_base
from counterwatch.model import Extraction, Fact, Mention
from counterwatch.resolve.agencies import AgencyResolution, chinese_agency_key, is_chinese, resolve_agency
from counterwatch.resolve.duplicates import signature
from counterwatch.resolve.judgements import Decisions
from counterwatch.resolve.names import normalise_name
from counterwatch.resolve.suppliers import Resolution, resolve_supplier


def deployment_key(fact: Fact) -> str:
    """Facts with equal keys describe the same deployment, whichever document reports them."""
    supplier = fact.supplier_id or (normalise_name(fact.supplier) if fact.supplier else "")
    place = unicodedata.normalize("NFKC", fact.place or "").casefold()
    parts = [supplier, fact.origin_country or "", fact.technology, fact.country or "", place,
             (fact.program or "").casefold(), fact.buyer_id or (fact.buyer or "").casefold()]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def _surface(fact: Fact, mentions: list[Mention]) -> str | None:
    """How the source wrote the fact's supplier: the first supplier mention inside its evidence that
    names the same supplier (by id, else by value)."""
    for evidence in fact.evidence:
        for m in mentions:
            if evidence.start <= m.start and m.end <= evidence.end and m.text and (
                    (fact.supplier_id and m.attr("supplier_id") == fact.supplier_id) or m.value == fact.supplier):
                return " ".join(m.text.split())
    return None


def _resolve_buyer(fact: Fact, result: AgencyResolution) -> None:
    written = fact.buyer
    if result.name != written:
        fact.fields["buyer_as_written"] = written
    if result.method == "review":
        fact.fields["buyer_review"] = {"candidate": result.candidate, "score": round(result.score, 1)}
    fact.buyer = result.name
    fact.buyer_id = result.agency_id or (chinese_agency_key(written) if is_chinese(written) else None)


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

    buyers: dict[tuple[str, str | None], AgencyResolution] = {}

    def buyer(name: str, country: str | None) -> AgencyResolution:
        if (name, country) not in buyers:
            buyers[name, country] = resolve_agency(name, country, kb, decisions)
        return buyers[name, country]

    supplier_mentions = sorted((m for m in extraction.mentions if m.kind == "supplier"), key=lambda m: m.start)
    for fact in extraction.facts:
        if fact.supplier:
            written = _surface(fact, supplier_mentions) or fact.supplier
            result = resolution(written, fact.supplier_id)
            fact.fields["supplier_as_written"] = written
            if result.method == "review":
                fact.fields["supplier_review"] = {"candidate": result.candidate, "score": round(result.score, 1)}
            fact.supplier_id, fact.supplier = result.supplier_id, result.name
        if fact.buyer:
            _resolve_buyer(fact, buyer(fact.buyer, fact.country))
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
        elif mention.kind == "buyer" and isinstance(mention.value, str):
            # the resolution a fact of this buyer got (it knew the country), else one without a country
            found = next((r for (n, _), r in buyers.items() if n == mention.value and r.agency_id), None) \
                or buyer(mention.value, None)
            if found.agency_id:
                attrs = dict(mention.attrs) | {"buyer_id": found.agency_id}
                mention = replace(mention, value=found.name, attrs=tuple(sorted(attrs.items())))
        mentions.append(mention)
    extraction.mentions = mentions
    extraction.document.metadata["minhash"] = signature(extraction.document.text)
    return extraction
