"""Every value a document states, found in one pass per finder, as Mentions with offsets."""
from __future__ import annotations

import re

from counterwatch.extract import amounts, dates, places, quantities
from counterwatch.extract.lexicon import lexicon
from counterwatch.extract.organisations import (OrgMatch, find_chinese_organisations, find_english_agencies,
                                                find_known_suppliers)
from counterwatch.model import Mention

# An unknown named program or platform: Title Case words ending in a program word, e.g.
# "Incident Response Platform", "Tongren City Security Facial Recognition System for Building Controls".
_PROGRAM_NAME = re.compile(
    r"\b((?:[A-Z][\w'-]*\s+){1,8}(?:Platform|System|Solution|Project|Programme|Program|Initiative)"
    r"(?:\s+for(?:\s+[A-Z][\w-]*){1,3})?)\b")
#: Program-like names that are no surveillance program.
_NOT_PROGRAMS = re.compile(r"^(?:The\s+)?(?:Global Positioning|Operating|Immune|Solar|Banking|Education|Health|"
                           r"Justice|Legal|Political|Party|Financial|World Trade|United Nations)\b", re.I)


def _m(kind: str, value, start: int, end: int, text: str, /, **attrs) -> Mention:
    return Mention(kind, value, start, end, text[start:end], tuple(sorted(attrs.items())))


#: Technologies whose devices are cameras: "facial recognition cameras" is one technology, not two.
CAMERA_BORNE = frozenset({"facial_recognition", "license_plate_recognition", "ethnicity_detection"})
#: Most characters between such a technology and the camera word for the two to be one compound.
COMPOUND_GAP = 2


def technology_mentions(text: str) -> list[Mention]:
    found = [m for m in lexicon().technologies.find(text) if m.value]
    out = []
    for i, m in enumerate(found):
        if m.value == "video_surveillance" and i and found[i - 1].value in CAMERA_BORNE \
                and m.start - found[i - 1].end <= COMPOUND_GAP:
            continue
        out.append(_m("technology", m.value, m.start, m.end, text))
    return out


def known_program_mentions(text: str) -> list[Mention]:
    """Programs of the knowledge base named in ``text``."""
    lex = lexicon()
    out = []
    for m in lex.programs.find(text):
        program = lex.kb.program(m.value)
        out.append(_m("program", m.surface.strip(), m.start, m.end, text, technology=program.technology,
                      program_id=program.id))
    return out


def program_mentions(text: str, windows: list[tuple[int, int]],
                     known: list[Mention] | None = None) -> list[Mention]:
    """Known programs (``known``, when the caller has found them already), then unknown named programs
    in the given windows that overlap none of them."""
    lex = lexicon()
    out = list(known_program_mentions(text) if known is None else known)
    for a, b in windows:
        for match in _PROGRAM_NAME.finditer(text, a, b):
            start, end = match.span(1)
            if text.startswith(("The ", "the "), start):
                start += 4
            name = text[start:end]
            if _NOT_PROGRAMS.match(name) or len(name.split()) < 2 or any(o.start < end and start < o.end for o in out):
                continue
            techs = lex.technologies.find(name)
            out.append(_m("program", name, start, end, text,
                          technology=techs[-1].value if techs else "smart_city"))
    return sorted(out, key=lambda m: m.start)


def target_mentions(text: str) -> list[Mention]:
    return [_m("target", m.value, m.start, m.end, text) for m in lexicon().targets.find(text) if m.value]


def org_mentions(orgs: list[OrgMatch], text: str) -> list[Mention]:
    kb = lexicon().kb
    out = []
    for org in orgs:
        kind = {"supplier": "supplier", "buyer": "buyer"}.get(org.role)
        if not kind:
            continue
        attrs = {}
        if org.supplier_id:
            attrs = {"supplier_id": org.supplier_id, "country": kb.supplier(org.supplier_id).country}
        out.append(_m(kind, org.name, org.start, org.end, text, **attrs))
    return out


def place_mentions(text: str) -> list[Mention]:
    return [_m("place", p.name, p.start, p.end, text, country=p.country, region=p.region, city=p.city,
               level=p.level, latitude=p.latitude, longitude=p.longitude) for p in places.find_places(text)]


def country_mentions(text: str) -> list[Mention]:
    return [_m("country", c.code, c.start, c.end, text, form=c.form) for c in places.find_countries(text)]


#: Amounts that are no value of a deal: a unit price, an agency fee or a bid bond.
NOT_DEAL_AMOUNTS = frozenset({"unit_price", "fee"})


def amount_mentions(text: str) -> list[Mention]:
    return [_m("amount", a.value, a.start, a.end, text, currency=a.currency, kind=a.kind)
            for a in amounts.find_amounts(text) if a.kind not in NOT_DEAL_AMOUNTS]


def quantity_mentions(text: str) -> list[Mention]:
    lex = lexicon()
    unit_tech = {unit.id: unit.technology for unit in lex.kb.units}
    return [_m("quantity", q.value, q.start, q.end, text, unit=q.unit, technology=unit_tech.get(q.unit))
            for q in quantities.find_quantities(text, lex.unit_words)]


def year_mentions(text: str) -> list[Mention]:
    return [_m("year", y.value, y.start, y.end, text) for y in dates.find_years(text)]


def date_mentions(text: str) -> list[Mention]:
    return [_m("date", d.value, d.start, d.end, text, label=d.label) for d in dates.find_dates(text)]


def organisation_matches(text: str, chinese: bool) -> list[OrgMatch]:
    """Known suppliers, then pattern-found agencies and (Chinese) companies that overlap none of them."""
    known = find_known_suppliers(text)
    found = find_chinese_organisations(text) if chinese else find_english_agencies(text)
    out = list(known)
    for org in found:
        overlapping = [k for k in known if k.start < org.end and org.start < k.end]
        if overlapping:
            continue
        out.append(org)
    return sorted(out, key=lambda o: o.start)
