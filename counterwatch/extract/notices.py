"""Chinese government procurement notices (招标/中标/成交公告): facts from labelled fields, not sentences.

A notice states its facts as fields (采购人：…, 中标供应商：…, 预算金额：…), often in tables; reading the
fields is more reliable than reading sentences. The notice type sets the status of its facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from counterwatch.extract import places
from counterwatch.extract.places import PlaceMatch
from counterwatch.extract.sentences import Sentence
from counterwatch.extract.tables import find_tables
from counterwatch.model import Document, Evidence, Fact, Mention

#: Words of which at least this many must occur for a Chinese text to be read as a procurement notice:
#: one alone ("采购") occurs in news; two (a buyer label and a notice word) mark a notice.
NOTICE_MIN_CUES = 2
_NOTICE_CUES = re.compile(r"采购人|采购单位|招标人|项目编号|采购项目|中标|成交|招标公告|预算金额|采购代理|供应商")

# (status, pattern) in order of precedence: a result notice also names the tender it concludes.
_NOTICE_TYPES = (
    ("cancelled", re.compile(r"终止公告|取消公告|终止采购|项目终止")),
    ("failed", re.compile(r"废标|流标|采购失败")),
    ("contracted", re.compile(r"合同公告|合同签订|合同金额")),
    ("awarded", re.compile(r"中标(?:[（(]成交[）)])?(?:结果)?公告|成交(?:结果)?公告|中标(?:[（(]成交[）)])?供应商|成交供应商|"
                           r"中标人|结果公告|中标(?:[（(]成交[）)])?信息")),
    ("planned", re.compile(r"采购意向|需求公示|采购需求")),
    ("tendered", re.compile(r"招标公告|公开招标|竞争性磋商|竞争性谈判|询价|单一来源|邀请招标|更正公告")),
)
_FIELD_END = r"(?=[\s，,；;。|]|$)"
# Field labels are followed by a colon, or by a table-cell bar in key-value tables (| 采购人 | X |).
_SEP = r"\s*[:：|｜]\s*"
_VALUE = r"([^\s，,；;。:：|｜]{4,50})"
_BUYER_LABEL = re.compile(r"(?:采购人|采购单位|招标人)(?:[（(]甲方[）)])?(?:名称)?" + _SEP + _VALUE
                          + r"|采购人信息\s*[:：]?\s*\n?\s*名\s*称" + _SEP + _VALUE)
_SUPPLIER_LABEL = re.compile(r"(?:中标|成交)(?:[（(]成交[）)])?(?:供应商|人|单位)(?:名称)?" + _SEP + _VALUE)
_SUPPLIER_ANY = re.compile(r"供应商(?:[（(]乙方[）)])?(?:名称)?" + _SEP + _VALUE)
_PROJECT_LABEL = re.compile(r"项目名称\s*[:：]\s*([^\n|]{2,80}?)" + _FIELD_END)
# A supplier's name ends like an organisation's; anything else after a supplier label is a sentence
# about suppliers (供应商须与采购人签订保密协议), not a name.
_ORG_END = re.compile(r"(?:公司|研究所|研究院|中心|厂|集团|事务所|合作社|大学|学院)$")
_LOT = re.compile(r"(?:第?[包标][段]?\s*[0-9０-９一二三四五六七八九十]+[包号]?|[0-9一二三四五六七八九十]+[号]?标段|"
                  r"采购包\s*[0-9一二三四五六七八九十]+)")
_PROJECT_NUMBER = re.compile(r"(?:项目编号|采购编号|招标编号)\s*[:：]\s*([A-Za-z0-9\-_（）()\[\]〔〕]+)")


def is_procurement_notice(text: str) -> bool:
    head = text[:3000]
    return len(set(_NOTICE_CUES.findall(head))) >= NOTICE_MIN_CUES


def notice_status(text: str) -> str:
    head = text[:600]
    for status, pattern in _NOTICE_TYPES:
        if pattern.search(head):
            return status
    for status, pattern in _NOTICE_TYPES:
        if pattern.search(text):
            return status
    return "reported"


def _labelled(pattern: re.Pattern, text: str) -> list[re.Match]:
    return list(pattern.finditer(text))


def _evidence(doc: Document, start: int, end: int, sentences: list[Sentence]) -> Evidence:
    """The sentence (line) around a field, as the quote for it."""
    for s in sentences:
        if s.start <= start < s.end:
            start, end = s.start, max(end, s.end)
            break
    return Evidence(doc.source_id, doc.text[start:end], start, end, doc.content_hash)


@dataclass(frozen=True)
class NoticeSupplier:
    name: str
    supplier_id: str | None
    start: int
    end: int
    scope: tuple[int, int]  # the table row or lot section the supplier was named in


@dataclass
class Notice:
    """The fields of one procurement notice."""

    status: str
    buyer: str | None = None
    buyer_span: tuple[int, int] | None = None
    buyer_place: PlaceMatch | None = None
    suppliers: list[NoticeSupplier] = field(default_factory=list)
    amount: Mention | None = None
    year: int | None = None
    date: str | None = None
    anchor: tuple[int, int] | None = None  # the project name (or buyer) field: the notice's main quote
    fields: dict = field(default_factory=dict)


def _lot_sections(text: str) -> list[tuple[int, int]]:
    starts = [m.start() for m in _LOT.finditer(text) if m.start() == 0 or text[m.start() - 1] in "\n|（(、 "]
    if not starts:
        return [(0, len(text))]
    bounds = [0, *starts, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _suppliers(text: str, mentions: list[Mention]) -> list[NoticeSupplier]:
    """Awarded suppliers from labelled fields and result tables, and brand makers named in goods tables."""
    known = [m for m in mentions if m.kind == "supplier"]
    lots = _lot_sections(text)
    found: list[NoticeSupplier] = []

    def add(start: int, end: int, scope: tuple[int, int] | None, brand: bool = False) -> None:
        canonical = next((m for m in known if start <= m.start < end), None)
        name = canonical.value if canonical else text[start:end].strip()
        if not canonical and (brand or not _ORG_END.search(name)):
            return
        if scope is None:
            scope = next(((a, b) for a, b in lots if a <= start < b), (0, len(text)))
        if all(s.name != name for s in found):
            found.append(NoticeSupplier(name, canonical.attr("supplier_id") if canonical else None, start, end, scope))

    for match in _labelled(_SUPPLIER_LABEL, text) or _labelled(_SUPPLIER_ANY, text):
        add(*match.span(1), None)
    for table in find_tables(text):
        winner = table.column("供应商名称", "中标人", "成交人", "中标单位", "成交单位", "中标供应商", "成交供应商")
        brand = table.column("品牌", "制造商", "生产厂家")
        for row in table.rows:
            if winner and winner in row.cells and row.cells[winner].text:
                cell = row.cells[winner]
                add(cell.start, cell.end, None)
            if brand and brand in row.cells and row.cells[brand].text:
                cell = row.cells[brand]
                add(cell.start, cell.end, (row.start, row.end), brand=True)
    return found


def read_notice(text: str, mentions: list[Mention]) -> Notice:
    notice = Notice(status=notice_status(text))
    buyer_match = next(iter(_labelled(_BUYER_LABEL, text)), None)
    if buyer_match:
        group = 1 if buyer_match.group(1) else 2
        notice.buyer, notice.buyer_span = buyer_match.group(group), buyer_match.span(group)
    else:
        first = next((m for m in mentions if m.kind == "buyer"), None)
        if first:
            notice.buyer, notice.buyer_span = first.value, (first.start, first.end)
    if notice.buyer:
        notice.buyer_place = places.chinese_admin_from_org(notice.buyer)
    notice.suppliers = _suppliers(text, mentions)
    amounts = [m for m in mentions if m.kind == "amount" and m.attr("currency") == "CNY"]
    award = next((m for m in amounts if m.attr("kind") in ("award", "contract")), None)
    budget = next((m for m in amounts if m.attr("kind") in ("budget", "ceiling")), None)
    notice.amount = award or budget or (amounts[0] if amounts else None)
    dated = [m for m in mentions if m.kind == "date"]
    years = [m for m in mentions if m.kind == "year"]
    notice.date = dated[0].value if dated else None
    notice.year = int(notice.date[:4]) if notice.date else (years[0].value if years else None)
    project = next(iter(_labelled(_PROJECT_LABEL, text)), None)
    number = next(iter(_labelled(_PROJECT_NUMBER, text)), None)
    notice.anchor = project.span() if project else (buyer_match.span() if buyer_match else None)
    notice.fields = {"project_name": project.group(1) if project else None,
                     "project_number": number.group(1) if number else None, "notice_status": notice.status}
    return notice


def buyer_mentions(text: str, notice: Notice) -> list[Mention]:
    """The buyer and its places (county, city) as mentions at the buyer's name."""
    if not notice.buyer or notice.buyer_span is None:
        return []
    start, end = notice.buyer_span
    out = [Mention("buyer", notice.buyer, start, end, text[start:end])]
    place = notice.buyer_place
    if place is not None:
        attrs = (("country", "CN"), ("latitude", place.latitude), ("longitude", place.longitude),
                 ("region", place.region))
        out.append(Mention("place", place.name, start, end, text[start:end], attrs))
        if place.city:
            out.append(Mention("place", place.city, start, end, text[start:end], (("country", "CN"),)))
    return out


def notice_facts(doc: Document, notice: Notice, mentions: list[Mention], sentences: list[Sentence]) -> list[Fact]:
    text = doc.text
    techs = [m for m in mentions if m.kind == "technology" and m.value != "other"]
    tech_values = list(dict.fromkeys(m.value for m in techs))
    tech_values += [m.attr("technology") for m in mentions if m.kind == "program"
                    and m.attr("technology") not in tech_values]
    if not tech_values:
        return []
    place = notice.buyer_place
    place_mention = None if place else next((m for m in mentions if m.kind == "place" and m.attr("country") == "CN"), None)
    amount = notice.amount
    quantity = next((m for m in mentions if m.kind == "quantity"), None)
    awarded = notice.status in ("awarded", "contracted") and notice.suppliers
    facts = []
    for supplier in (notice.suppliers if awarded else [None]):
        scoped = tech_values
        if supplier is not None:
            a, b = supplier.scope
            scoped = list(dict.fromkeys(m.value for m in techs if a <= m.start < b)) or tech_values
        for tech in scoped:
            tech_mention = next((m for m in techs if m.value == tech), None)
            ev = [_evidence(doc, *notice.anchor, sentences)] if notice.anchor else []
            if supplier is not None:
                ev.append(_evidence(doc, supplier.start, supplier.end, sentences))
            if tech_mention:
                ev.append(_evidence(doc, tech_mention.start, tech_mention.end, sentences))
            fits = quantity is not None and quantity.attr("technology") in (tech, None)
            facts.append(Fact(
                technology=tech, evidence=ev or [_evidence(doc, 0, min(len(text), 200), sentences)],
                supplier=supplier.name if supplier else None, supplier_id=supplier.supplier_id if supplier else None,
                origin_country="CN" if supplier and not supplier.supplier_id else None,
                buyer=notice.buyer, country="CN",
                region=place.region if place else (place_mention.attr("region") if place_mention else None),
                place=place.name if place else (place_mention.value if place_mention else None),
                latitude=place.latitude if place else (place_mention.attr("latitude") if place_mention else None),
                longitude=place.longitude if place else (place_mention.attr("longitude") if place_mention else None),
                year=notice.year, date=notice.date,
                amount=amount.value if amount else None, currency="CNY" if amount else None,
                amount_kind=amount.attr("kind") if amount else None,
                quantity=quantity.value if fits else None, unit=quantity.attr("unit") if fits else None,
                status=notice.status, fields=dict(notice.fields)))
    return facts


_BUYER_LINE = re.compile(r"^[^\n]*(?:采购人|采购单位|招标人)[^\n]*$", re.M)
_ADDRESS_LINE = re.compile(r"^[^\n]*地\s*址[^\n]*$", re.M)


def buyer_spans(text: str, notice: Notice) -> list[tuple[int, int]]:
    """Where a notice speaks of its buyer: the buyer's lines, the address line after one, and the buyer's
    name wherever it stands. Places there are the places of the purchase; others (a supplier's or an
    agent's address) are not."""
    spans = [m.span() for m in _BUYER_LINE.finditer(text)]
    ends = {end for _, end in spans}
    spans += [m.span() for m in _ADDRESS_LINE.finditer(text) if m.start() - 1 in ends]
    if notice.buyer:
        spans += [m.span() for m in re.finditer(re.escape(notice.buyer), text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
