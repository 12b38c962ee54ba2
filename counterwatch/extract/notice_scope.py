"""What of a notice's mentions counts: the buyer's places (not a supplier's or an agent's address), the
amounts that are budgets, ceilings and awards (not unit prices, agency fees or deposits), and the
technologies an item is bought for (a 人证核验 terminal's face comparison is part of the ID check)."""
from __future__ import annotations

import re

from counterwatch.extract.notice_items import SUBSUMES, names_device
from counterwatch.extract.notices import Notice
from counterwatch.ingest.simplified import to_simplified
from counterwatch.extract.tables import find_tables
from counterwatch.model import Mention

_BUYER_LINE = re.compile(r"^[^\n]*(?:采购人|采购单位|招标人|需求单位)[^\n]*$", re.M)
#: The field lines of a party block ("1.采购人信息 / 名称： / 地址： / 联系方式："), read on from the buyer line.
_PARTY_FIELD = re.compile(r"[ \t]*(?:名\s*称|(?:联系)?地\s*址|联系方式|联系人|(?:联系)?电话|传真|邮编|网址)\s*[:：]")
#: A section heading: "六、代理服务收费标准及金额：".
_HEADING = re.compile(r"^[ \t]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])[^\n]*$", re.M)
_FEE_WORDS = re.compile(r"代理服务费|服务费|代理费|收费|保证金|标书|文件售价|文件费")
_VALUE_WORDS = re.compile(r"预算|限价|控制价|中标|成交|合同|采购金额")
_UNIT_PRICE_HEADERS = ("单价",)
#: An item's quantity below this is no count of devices: one set or one service (1套 管理平台, 1项 培训)
#: names the purchase; the gold corpora list no such quantity.
MIN_COUNTED_QUANTITY = 2
#: Kinds of amount that are never a notice's stated value (amounts.py labels them).
_NOT_VALUES = ("unit_price", "fee")


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def buyer_spans(text: str, notice: Notice) -> list[tuple[int, int]]:
    """Where a notice speaks of its buyer: the buyer's lines with the party-field lines below them
    (名称, 地址), and the buyer's name wherever it stands. Places there are the places of the purchase;
    others (a supplier's or an agent's address) are not."""
    view = to_simplified(text)
    spans = []
    starts = [m for m in _BUYER_LINE.finditer(view)]
    if notice.buyer:  # a "名称：<buyer>" line heads the buyer's block when no 采购人 line does
        starts += [m for m in re.finditer(r"^[^\n]*" + re.escape(to_simplified(notice.buyer)) + r"[^\n]*$", view, re.M)]
    for match in starts:
        end = match.end()
        while end + 1 < len(view) and _PARTY_FIELD.match(view, end + 1):
            newline = view.find("\n", end + 1)
            end = len(view) if newline == -1 else newline
        spans.append((match.start(), end))
    if notice.buyer:
        spans += [m.span() for m in re.finditer(re.escape(notice.buyer), text)]
    return _merge(spans)


def _line(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end == -1 else end


def _fee_sections(view: str) -> list[tuple[int, int]]:
    headings = list(_HEADING.finditer(view))
    out = []
    for here, after in zip(headings, headings[1:] + [None]):
        if _FEE_WORDS.search(here.group()) and not _VALUE_WORDS.search(here.group()):
            out.append((here.start(), after.start() if after else len(view)))
    return out


def _not_a_value(text: str, view: str, amount: Mention, fee_sections, price_cells) -> bool:
    if amount.attr("kind") in _NOT_VALUES:
        return True
    if any(a <= amount.start < b for a, b in fee_sections + price_cells):
        return True
    line = view[slice(*_line(view, amount.start))]
    return bool(_FEE_WORDS.search(line)) and not _VALUE_WORDS.search(line)


def _unit_price_cells(text: str) -> list[tuple[int, int]]:
    cells = []
    for table in find_tables(text):
        header = table.column(*_UNIT_PRICE_HEADERS)
        cells += [(r.cells[header].start, r.cells[header].end) for r in table.rows if header in r.cells]
    return cells


def _subsumed(text: str, techs: list[Mention]) -> set[int]:
    """Ids of technology mentions whose item is bought as part of another technology on its line."""
    by_line: dict[tuple[int, int], set[str]] = {}
    for m in techs:
        by_line.setdefault(_line(text, m.start), set()).add(m.value)
    return {id(m) for m in techs for owner, parts in SUBSUMES.items()
            if m.value in parts and owner in by_line[_line(text, m.start)]}


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


def _item_quantities(text: str, view: str, notice: Notice, mentions: list[Mention]) -> tuple[list[Mention], set[int]]:
    """Quantities as the goods list states them: an item's quantity where no quantity mention was found in
    its row (| 45 | 台 | split over two cells), and the ids of quantity mentions of items that are neither
    surveillance technology nor a device (a lab's fume cupboards, installation works), to be dropped."""
    quantities = [m for m in mentions if m.kind == "quantity"]
    added, dropped = [], set()
    for item in notice.items:
        inside = [q for q in quantities if item.start <= q.start < item.end]
        if item.technology is None:
            if not names_device(view[item.start:item.end]):
                dropped.update(id(q) for q in inside)
        elif not inside and item.quantity is not None and item.quantity >= MIN_COUNTED_QUANTITY:
            added.append(Mention("quantity", item.quantity, item.start, item.end, text[item.start:item.end],
                                 (("technology", item.technology), ("unit", item.unit))))
    return added, dropped


def notice_mentions(text: str, notice: Notice, mentions: list[Mention]) -> list[Mention]:
    """The document's mentions as a notice reads them: unit prices, fees and deposits dropped, technologies
    that are part of another item dropped, quantities read from the goods list, the buyer and its places
    added."""
    view = to_simplified(text)
    fees, prices = _fee_sections(view), _unit_price_cells(text)
    subsumed = _subsumed(text, [m for m in mentions if m.kind == "technology"])
    # Quantities count surveillance equipment: a notice that buys none (furniture, uniforms) states none.
    surveillance = any(m.kind in ("technology", "program") and m.value != "other" for m in mentions)
    item_quantities, not_surveillance = _item_quantities(text, view, notice, mentions) if surveillance else ([], set())
    kept = [m for m in mentions
            if not (m.kind == "amount" and _not_a_value(text, view, m, fees, prices)) and id(m) not in subsumed
            and (surveillance or m.kind != "quantity") and id(m) not in not_surveillance]
    return kept + item_quantities + buyer_mentions(text, notice)
