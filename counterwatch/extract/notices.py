"""Chinese government procurement notices (招标/中标/成交公告): facts from labelled fields, not sentences.

A notice states its facts as fields (采购人：…, 中标供应商：…, 预算金额：…), often in tables; reading the
fields is more reliable than reading sentences. The notice kind sets the status of its facts
(notice_types.py); the buyer's name and address give the place (notice_scope.py). Label patterns run
on the simplified view of the text, so traditional characters read the same; values are cut from the
text as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from counterwatch.extract import places
from counterwatch.extract.notice_items import NoticeItem, read_items
from counterwatch.extract.notice_types import is_procurement_notice, notice_kind
from counterwatch.extract.places import PlaceMatch
from counterwatch.extract.numbers import fold_width
from counterwatch.extract.tables import find_tables
from counterwatch.ingest.simplified import to_simplified
from counterwatch.model import Mention

__all__ = ["Notice", "NoticeSupplier", "is_procurement_notice", "read_notice"]

# Field labels are followed by a colon, or by a table-cell bar in key-value tables (| 采购人 | X |).
_SEP = r"\s*[:：|｜]\s*"
_VALUE = r"([^\s，,；;。:：|｜（(]{4,50})"
# A heading ("二、拟定供应商信息") whose name stands on a "名称：" line below it.
_BLOCK = r"(?:信息)?(?:[:：]?\s*\n\s*名\s*称)?"
_BUYER_LABEL = re.compile(r"(?:采购人|采购单位|招标人|需求单位|采购机关)(?:[（(]甲方[）)])?(?:名称)?" + _SEP + _VALUE
                          + r"|采购人信息\s*[:：]?\s*\n?\s*名\s*称" + _SEP + _VALUE)
_SUPPLIER_LABEL = re.compile(
    r"(?:(?:中标|成交)(?:[（(]成交[）)])?(?:候选)?(?:供应商|人|单位)|拟定(?:的唯一)?供应商|拟(?:成交|中标)供应商|"
    r"单一来源供应商|供应商[（(]乙方[）)]|乙方)(?:名称)?" + _BLOCK + _SEP + _VALUE)
_SUPPLIER_ANY = re.compile(r"供应商(?:名称)?" + _SEP + _VALUE)
_BRAND_LABEL = re.compile(r"(?:(?:品牌|制造商|生产厂家|生产厂商)(?:型号)?" + _SEP + r"|原厂(?:商)?(?:为|是))" + _VALUE)
# The rest of a buyer's name that an organisation pattern cut short: 绍兴市公安局 + 柯桥区分局.
_BUYER_REST = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:分局|支队|大队|派出所|看守所|警务站)")
_AGENT_LABEL = re.compile(r"(?:采购代理机构|代理机构|集中采购机构)(?:名称)?" + _BLOCK + _SEP + _VALUE)
_PROJECT_LABEL = re.compile(r"项目名称\s*[:：]\s*([^\n|｜]{2,80}?)(?=[\s，,；;。|｜]|$)")
_PROJECT_NUMBER = re.compile(r"(?:项目编号|采购编号|招标编号|采购计划编号)\s*[:：]\s*([A-Za-z0-9\-_（）()\[\]〔〕]+)")
_OPEN_TIME = re.compile(r"(?:开标|响应文件开启|磋商|谈判)(?:时间|日期)\s*(?:[（(][^（()）\n]{0,8}[）)])?\s*[:：]\s*([^\n；;]{6,40})")
#: Labels of the date a notice was published on (dates.py reads them in front of a date).
_ANNOUNCED_LABELS = ("公告日期", "公告时间", "发布时间", "发布日期", "公示时间", "公示日期")
#: The clock time after an opening date ("2024年05月08日 9:30"): at most a few characters after it.
_CLOCK = re.compile(r"\s{0,2}(?:上午|下午)?\s{0,2}(\d{1,2})\s?[:：时点]\s?(\d{2})")
# A supplier's name ends like an organisation's; anything else after a supplier label is a sentence
# about suppliers (供应商须与采购人签订保密协议), not a name.
_ORG_END = re.compile(r"(?:公司|研究所|研究院|中心|厂|集团|事务所|合作社|大学|学院|分公司)$")
_LOT = re.compile(r"(?:第?[包标][段]?\s*[0-9０-９一二三四五六七八九十]+[包号]?|第?[0-9一二三四五六七八九十]+[号]?标段|"
                  r"采购包\s*[0-9一二三四五六七八九十]+|第\s*[0-9０-９一二三四五六七八九十]+\s*包)")
# The buyer's level, from the most specific word of its name.
_BUYER_LEVELS = (
    ("traffic_brigade", re.compile(r"交通警察大队|交警大队")),
    ("traffic_detachment", re.compile(r"交通警察支队|交警支队|交通警察总队|交警总队")),
    ("county_bureau", re.compile(r"[县区旗]公安局|公安分局|分局|县公安|区公安")),
    ("city_bureau", re.compile(r"[市州盟]公安局|公安处")),
    ("provincial_department", re.compile(r"公安厅|公安局$")),
)
_WINNER_HEADERS = ("供应商名称", "中标人", "成交人", "中标单位", "成交单位", "中标供应商", "成交供应商")
_BRAND_HEADERS = ("品牌", "制造商", "生产厂家")


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
    kind: str | None = None
    buyer: str | None = None
    buyer_span: tuple[int, int] | None = None
    buyer_place: PlaceMatch | None = None
    suppliers: list[NoticeSupplier] = field(default_factory=list)
    amount: Mention | None = None
    year: int | None = None
    date: str | None = None
    anchor: tuple[int, int] | None = None  # the project name (or buyer) field: the notice's main quote
    items: list[NoticeItem] = field(default_factory=list)  # the goods list (notice_items.py)
    fields: dict = field(default_factory=dict)

    def amount_for(self, supplier: NoticeSupplier | None, mentions: list[Mention]) -> Mention | None:
        """The award stated in a supplier's lot or table row, else the notice's main amount."""
        if supplier is not None:
            a, b = supplier.scope
            if (a, b) != (0, 0):
                award = next((m for m in mentions if m.kind == "amount" and a <= m.start < b
                              and m.attr("kind") in ("award", "contract")), None)
                if award is not None:
                    return award
        return self.amount


def _lot_sections(view: str) -> list[tuple[int, int]]:
    starts = [m.start() for m in _LOT.finditer(view) if m.start() == 0 or view[m.start() - 1] in "\n|｜（(、 "]
    if not starts:
        return [(0, len(view))]
    bounds = [0, *starts, len(view)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _suppliers(text: str, view: str, mentions: list[Mention]) -> list[NoticeSupplier]:
    """Awarded (or proposed single-source) suppliers from labelled fields and result tables, and brand
    makers named in goods tables or brand fields."""
    known = [m for m in mentions if m.kind == "supplier"]
    lots = _lot_sections(view)
    found: list[NoticeSupplier] = []

    def add(start: int, end: int, scope: tuple[int, int] | None, brand: bool = False) -> None:
        canonical = next((m for m in known if start <= m.start < end), None)
        name = canonical.value if canonical else text[start:end].strip()
        if not canonical and (brand or not _ORG_END.search(to_simplified(name))):
            return
        if scope is None:
            scope = next(((a, b) for a, b in lots if a <= start < b), (0, len(text)))
        if all(s.name != name for s in found):
            found.append(NoticeSupplier(name, canonical.attr("supplier_id") if canonical else None, start, end, scope))

    for match in list(_SUPPLIER_LABEL.finditer(view)) or list(_SUPPLIER_ANY.finditer(view)):
        add(*match.span(1), None)
    for match in _BRAND_LABEL.finditer(view):
        add(*match.span(1), None, brand=True)
    for table in find_tables(text):
        winner, brand = table.column(*_WINNER_HEADERS), table.column(*_BRAND_HEADERS)
        for row in table.rows:
            if winner and winner in row.cells and row.cells[winner].text:
                add(row.cells[winner].start, row.cells[winner].end, None)
            if brand and brand in row.cells and row.cells[brand].text:
                add(row.cells[brand].start, row.cells[brand].end, (row.start, row.end), brand=True)
    return found


def buyer_level(buyer: str) -> str | None:
    view = to_simplified(buyer)
    return next((level for level, pattern in _BUYER_LEVELS if pattern.search(view)), None)


def place_field(place: PlaceMatch | None) -> dict | None:
    """A buyer's place as an analyst files it: province, city, county and the coordinates of the most
    specific of them."""
    if place is None:
        return None
    county = place.name if place.level == "county" else None
    city = place.city if place.level == "county" else (place.name if place.level == "city" else None)
    return {"province": place.region, "city": city, "county": county,
            "latitude": place.latitude, "longitude": place.longitude}


def _open_time(view: str, dated: list[Mention]) -> str | None:
    """The opening date of the bids as ISO (2024-05-08, or 2024-05-08T09:30 when the hour is stated)."""
    match = _OPEN_TIME.search(view)
    if match is None:
        return None
    date = next((m for m in dated if match.start(1) <= m.start < match.end(1)), None)
    if date is None:
        return None
    clock = _CLOCK.match(fold_width(view[date.end:date.end + len(match.group(1))]))
    if clock and len(date.value) == len("2024-05-08") and int(clock.group(1)) < 24 and int(clock.group(2)) < 60:
        afternoon = "下午" in clock.group() and int(clock.group(1)) < 12
        return f"{date.value}T{int(clock.group(1)) + (12 if afternoon else 0):02d}:{clock.group(2)}"
    return date.value


def _first(pattern: re.Pattern, view: str, text: str) -> str | None:
    match = pattern.search(view)
    return text[match.start(1):match.end(1)].strip() if match else None


def read_notice(text: str, mentions: list[Mention]) -> Notice:
    view = to_simplified(text)
    kind, status = notice_kind(text)
    notice = Notice(status=status, kind=kind)
    buyer_match = _BUYER_LABEL.search(view)
    if buyer_match:
        group = 1 if buyer_match.group(1) else 2
        notice.buyer_span = buyer_match.span(group)
        notice.buyer = text[slice(*notice.buyer_span)]
    else:
        first = next((m for m in mentions if m.kind == "buyer"), None)
        if first:
            rest = _BUYER_REST.match(view, first.end)
            end = rest.end() if rest else first.end
            notice.buyer, notice.buyer_span = text[first.start:end], (first.start, end)
    if notice.buyer:
        notice.buyer_place = places.chinese_admin_from_org(to_simplified(notice.buyer))
    notice.suppliers = _suppliers(text, view, mentions)
    notice.items = read_items(text, view)
    amounts = [m for m in mentions if m.kind == "amount" and m.attr("currency") == "CNY"]
    award = next((m for m in amounts if m.attr("kind") in ("award", "contract")), None)
    budget = next((m for m in amounts if m.attr("kind") == "budget"), None)
    ceiling = next((m for m in amounts if m.attr("kind") == "ceiling"), None)
    unpriced = [m for m in amounts if m.attr("kind") not in ("unit_price", "fee")]
    notice.amount = award or budget or ceiling or (unpriced[0] if unpriced else None)
    dated = [m for m in mentions if m.kind == "date"]
    years = [m for m in mentions if m.kind == "year"]
    announced = next((m.value for m in dated if m.attr("label") in _ANNOUNCED_LABELS), None)
    notice.date = announced or (dated[0].value if dated else None)
    notice.year = int(notice.date[:4]) if notice.date else (years[0].value if years else None)
    project = _PROJECT_LABEL.search(view)
    notice.anchor = project.span() if project else (buyer_match.span() if buyer_match else None)
    notice.fields = {
        "notice_status": status, "notice_type": kind,
        "project_name": text[project.start(1):project.end(1)] if project else None,
        "project_number": _first(_PROJECT_NUMBER, view, text),
        "buyer_level": buyer_level(notice.buyer) if notice.buyer else None,
        "agent": _first(_AGENT_LABEL, view, text),
        "budget": budget.value if budget else None, "ceiling": ceiling.value if ceiling else None,
        "open_time": _open_time(view, dated), "announced": announced,
        "buyer_place": place_field(notice.buyer_place),
        "items": [item.as_field() for item in notice.items],
    }
    return notice
