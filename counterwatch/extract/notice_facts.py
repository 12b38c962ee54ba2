"""Facts of a procurement notice: one per (supplier, technology) for an award or contract, one per
technology for a tender, plan, failure or cancellation; a notice that buys no surveillance has none."""
from __future__ import annotations

from counterwatch.extract.notice_items import NoticeItem, lot_number
from counterwatch.extract.notices import Notice, NoticeSupplier
from counterwatch.extract.sentences import Sentence
from counterwatch.model import Document, Evidence, Fact, Mention

#: Statuses whose facts name the supplier that won; a tender's or a plan's facts have none (a
#: single-source plan names the one proposed supplier, and it counts as that plan's supplier).
_WITH_SUPPLIER = ("awarded", "contracted")
#: Characters at the head of a supplier's lot section read for its lot label ("第1包", "采购包3").
LOT_LABEL_CHARS = 8


def _evidence(doc: Document, start: int, end: int, sentences: list[Sentence]) -> Evidence:
    """The sentence (line) around a field, as the quote for it."""
    for s in sentences:
        if s.start <= start < s.end:
            start, end = s.start, max(end, s.end)
            break
    return Evidence(doc.source_id, doc.text[start:end], start, end, doc.content_hash)


def _technologies(mentions: list[Mention]) -> list[str]:
    values = list(dict.fromkeys(m.value for m in mentions if m.kind == "technology" and m.value != "other"))
    values += [m.attr("technology") for m in mentions if m.kind == "program"
               and m.attr("technology") and m.attr("technology") not in values]
    return list(dict.fromkeys(values))


def _lot_items(items: list[NoticeItem], supplier: NoticeSupplier | None, text: str) -> list[NoticeItem] | None:
    """The items of a supplier's lot when the goods list names lots; None when it names no such lot."""
    lot = lot_number(text[supplier.scope[0]:supplier.scope[0] + LOT_LABEL_CHARS]) if supplier else None
    mine = [i for i in items if lot is not None and i.lot == lot]
    return mine or None


def _item_quantity(items: list[NoticeItem], technology: str) -> tuple[float, str | None] | None:
    """The quantity of a technology bought: the sum of its items, in the unit of the first of them;
    items in another unit are not added in."""
    mine = [i for i in items if i.technology == technology and i.quantity is not None]
    if not mine:
        return None
    unit = mine[0].unit
    return sum(i.quantity for i in mine if i.unit == unit), unit


def _winners(notice: Notice) -> list[NoticeSupplier | None]:
    single_source = notice.kind == "单一来源公示"
    if notice.suppliers and (notice.status in _WITH_SUPPLIER or single_source):
        return list(notice.suppliers)
    return [None]


def notice_facts(doc: Document, notice: Notice, mentions: list[Mention], sentences: list[Sentence]) -> list[Fact]:
    text = doc.text
    if notice.date is None and doc.date:  # a web page's publication date, kept out of its text by the reader
        notice.date, notice.year = doc.date, int(doc.date[:4])
        notice.fields["announced"] = doc.date
    techs = [m for m in mentions if m.kind == "technology" and m.value != "other"]
    tech_values = _technologies(mentions)
    if not tech_values:
        return []
    place = notice.buyer_place
    place_mention = None if place else next((m for m in mentions if m.kind == "place" and m.attr("country") == "CN"), None)
    quantities = [m for m in mentions if m.kind == "quantity"]
    facts = []
    for supplier in _winners(notice):
        lot_items = _lot_items(notice.items, supplier, text)
        scoped = tech_values
        if supplier is not None:
            a, b = supplier.scope
            lot_techs = [i.technology for i in lot_items or () if i.technology in tech_values]
            scoped = list(dict.fromkeys(lot_techs or [m.value for m in techs if a <= m.start < b])) or tech_values
        items = lot_items or notice.items
        amount = notice.amount_for(supplier, mentions)
        for tech in scoped:
            tech_mention = next((m for m in techs if m.value == tech), None)
            ev = [_evidence(doc, *notice.anchor, sentences)] if notice.anchor else []
            if supplier is not None:
                ev.append(_evidence(doc, supplier.start, supplier.end, sentences))
            if tech_mention:
                ev.append(_evidence(doc, tech_mention.start, tech_mention.end, sentences))
            counted = _item_quantity(items, tech)
            quantity = None if counted else next(
                (q for q in quantities if q.attr("technology") == tech), None) or next(
                (q for q in quantities if q.attr("technology") is None), None)
            facts.append(Fact(
                technology=tech, evidence=ev or [_evidence(doc, 0, min(len(text), 200), sentences)],
                supplier=supplier.name if supplier else None, supplier_id=supplier.supplier_id if supplier else None,
                buyer=notice.buyer, country="CN",
                region=place.region if place else (place_mention.attr("region") if place_mention else None),
                place=place.name if place else (place_mention.value if place_mention else None),
                latitude=place.latitude if place else (place_mention.attr("latitude") if place_mention else None),
                longitude=place.longitude if place else (place_mention.attr("longitude") if place_mention else None),
                year=notice.year, date=notice.date,
                amount=amount.value if amount else None, currency="CNY" if amount else None,
                amount_kind=amount.attr("kind") if amount else None,
                quantity=counted[0] if counted else (quantity.value if quantity else None),
                unit=counted[1] if counted else (quantity.attr("unit") if quantity else None),
                status=notice.status, fields=dict(notice.fields)))
    return facts
