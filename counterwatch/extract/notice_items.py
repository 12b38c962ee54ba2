"""The goods list of a procurement notice: each item bought (name, quantity, unit, brand, lot) from goods
tables (主要标的信息, 货物清单: | 标的名称 | 数量 | 单位 | 品牌 |) and numbered item lines
(1.人脸识别抓拍摄像机：120台；), each classified into the technology vocabulary.

Patterns run on the simplified view of the text (simplified.py), so 數量, 臺 and 品牌 read the same in
traditional characters; names and brands are cut from the text as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from counterwatch.extract.lexicon import lexicon
from counterwatch.extract.numbers import fold_width, number_value, parse_chinese_numeral
from counterwatch.extract.tables import Row, Table, find_tables

__all__ = ["NoticeItem", "SUBSUMES", "item_technology", "lot_number", "names_device", "read_items"]

#: technology -> the technologies its item includes: an item naming both is bought for the first
#: (a 人证核验 terminal's face comparison is part of the ID check).
SUBSUMES = {
    "id_checkpoints": ("facial_recognition",),
    "license_plate_recognition": ("video_surveillance",),
    "big_data_platform": ("predictive_policing",),
    "phone_surveillance": ("big_data_platform", "license_plate_recognition"),
}

#: Measure words of goods (台, 套, 架 ...): a number followed by one of them on an item line is its quantity.
MEASURE_WORDS = "台套个架部只辆块路点批项盒件处组张把副条根份支枚颗"
_QUANTITY = re.compile(rf"(?P<n>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<unit>[{MEASURE_WORDS}])?")
#: Header words of a goods table's columns, most specific first; a name column is never a supplier's
#: or an agent's name.
_NAME_HEADERS = ("标的名称", "货物名称", "产品名称", "设备名称", "品目名称", "采购内容", "品名", "名称")
_NOT_NAME_HEADERS = ("供应商", "中标", "成交", "代理", "采购人", "单位名称", "品牌", "制造商")
_QUANTITY_HEADERS = ("数量",)
_UNIT_HEADERS = ("单位",)
_ITEM_BRAND_HEADERS = ("品牌", "制造商", "生产厂家", "生产厂商")
_LOT_HEADERS = ("包号", "采购包", "标段", "包组", "分包")
_UNIT_IN_HEADER = re.compile(rf"[（(]([{MEASURE_WORDS}])[）)]")
#: A lot named in a cell or at the head of a line: 包1, 第2包, 1号标段, 采购包3.
_LOT = re.compile(r"第?[包标][段]?\s*([0-9０-９一二三四五六七八九十]+)[包号]?|第?([0-9一二三四五六七八九十]+)[号]?标段|"
                  r"采购包\s*([0-9一二三四五六七八九十]+)|第\s*([0-9一二三四五六七八九十]+)\s*包")
#: A lot column's cell may hold the bare number (| 包号 | 1 |).
_BARE_LOT = re.compile(r"[0-9一二三四五六七八九十]{1,3}")
#: A numbered item line: "1.人脸识别抓拍摄像机：120台；", "（2）警用无人机，数量：6架，品牌：大疆".
#: The quantity must end the line or be followed by a brand, so "本项目共分2个包" is no item.
_ITEM_LINE = re.compile(
    r"^[ \t]*(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[）)])[ \t]*(?P<name>[^\n：:，,；;。|｜]{2,40}?)[ \t]*[:：，,]?[ \t]*"
    r"(?:数量[ \t]*[:：]?[ \t]*)?(?P<n>\d+(?:,\d{3})*)[ \t]*(?P<unit>[" + MEASURE_WORDS + r"])"
    r"(?:[ \t]*[，,；;][ \t]*(?:品牌|制造商|生产厂家)[ \t]*[:：][ \t]*(?P<brand>[^\n，,；;。]{1,30}))?"
    r"[ \t]*[；;。，,]?[ \t]*$", re.M)
#: A section heading (五、主要标的信息) ends the lot a lot heading line (包1（…）：) opened.
_HEADING = re.compile(r"^[ \t]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])", re.M)
#: Cells that state no brand ("/", "—", "无").
_NO_BRAND = frozenset({"", "/", "-", "—", "－", "无", "不限", "详见附件"})


@dataclass(frozen=True)
class NoticeItem:
    name: str
    quantity: float | None
    unit: str | None  # the measure word as written (台, 套, 架), simplified
    brand: str | None
    lot: str | None  # the lot number (包1 and 第1包 are both "1")
    technology: str | None
    start: int
    end: int

    def as_field(self) -> dict:
        return {"name": self.name, "quantity": self.quantity, "unit": self.unit, "brand": self.brand,
                "lot": self.lot, "technology": self.technology}


def lot_number(label: str) -> str | None:
    """The number of a lot label: 包1, 第一包, 2号标段, a bare 3 -> "1", "1", "2", "3"."""
    label = fold_width(label).strip()
    match = _LOT.search(label)
    if match is None and not _BARE_LOT.fullmatch(label):
        return None
    digits = next(g for g in match.groups() if g) if match else label
    value = int(digits) if digits.isdigit() else parse_chinese_numeral(digits)
    return None if value is None else str(int(value))


def item_technology(name: str) -> str | None:
    """The technology an item is bought for, from the technology terms in its (simplified) name, else
    from the goods unit it names (网络摄像机 is a camera: video surveillance)."""
    lex = lexicon()
    found = list(dict.fromkeys(m.value for m in lex.technologies.find(name) if m.value and m.value != "other"))
    for owner, parts in SUBSUMES.items():
        if owner in found:
            found = [t for t in found if t not in parts]
    if found:
        return max(found, key=lambda t: lex.specificity.get(t, 0))
    units = [lex.kb.unit(m.value) for m in lex.units.find(name) if m.value]
    return next((u.technology for u in units if u and u.technology), None)


def names_device(name: str) -> bool:
    """Whether an item's (simplified) name names a kind of device the knowledge base counts (服务器, 终端,
    扫描仪): a unit term of more than one character, since one-character terms are measure words (台, 件)."""
    return any(len(m.surface) > 1 for m in lexicon().units.find(name) if m.value)


def _column(table: Table, keywords: tuple[str, ...], excluded: tuple[str, ...] = ()) -> str | None:
    for keyword in keywords:  # the most specific header word first
        header = next((h for h in table.headers if keyword in h and not any(x in h for x in excluded)), None)
        if header is not None:
            return header
    return None


def _cell(row: Row, header: str | None) -> str:
    cell = row.cells.get(header) if header else None
    return cell.text if cell else ""


def _table_items(text: str, view: str, lots: list[tuple[int, int, str]]) -> list[NoticeItem]:
    items = []
    for table in find_tables(view):
        name_col = _column(table, _NAME_HEADERS, _NOT_NAME_HEADERS)
        qty_col = _column(table, _QUANTITY_HEADERS)
        if name_col is None or qty_col is None:
            continue
        unit_col, brand_col = _column(table, _UNIT_HEADERS, ("单价",)), _column(table, _ITEM_BRAND_HEADERS)
        lot_col = _column(table, _LOT_HEADERS)
        header_unit = _UNIT_IN_HEADER.search(qty_col)
        for row in table.rows:
            cell = row.cells.get(name_col)
            if cell is None or not cell.text:
                continue
            qty = _QUANTITY.search(fold_width(_cell(row, qty_col)))
            unit = (qty.group("unit") if qty else None) or _cell(row, unit_col) or (
                header_unit.group(1) if header_unit else None)
            brand = row.cells.get(brand_col) if brand_col else None
            lot_text = _cell(row, lot_col)
            items.append(NoticeItem(
                name=text[cell.start:cell.end], quantity=number_value(qty.group("n")) if qty else None,
                unit=unit or None,
                brand=text[brand.start:brand.end] if brand and brand.text not in _NO_BRAND else None,
                lot=lot_number(lot_text) if lot_text else _lot_at(lots, row.start),
                technology=item_technology(cell.text), start=row.start, end=row.end))
    return items


def _lot_headings(view: str) -> list[tuple[int, int, str]]:
    """(start, end, lot) of the stretches a lot heading line opens, up to the next section heading."""
    marks = sorted([(m.start(), lot_number(m.group())) for m in _LOT.finditer(view)
                    if m.start() == 0 or view[m.start() - 1] == "\n"]
                   + [(m.start(), None) for m in _HEADING.finditer(view)], key=lambda mark: mark[0])
    bounds = marks + [(len(view), None)]
    return [(a, b, lot) for (a, lot), (b, _) in zip(bounds, bounds[1:]) if lot is not None]


def _lot_at(lots: list[tuple[int, int, str]], position: int) -> str | None:
    return next((lot for a, b, lot in lots if a <= position < b), None)


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def read_items(text: str, view: str) -> list[NoticeItem]:
    """The goods a notice buys, in the order they are listed: table rows, then numbered item lines
    (an item listed both ways is kept once, from the table)."""
    lots = _lot_headings(view)
    items = _table_items(text, view, lots)
    names = {_key(i.name) for i in items}
    for match in _ITEM_LINE.finditer(view):
        name = text[match.start("name"):match.end("name")].strip()
        if _key(name) in names:
            continue
        brand = match.group("brand")
        items.append(NoticeItem(
            name=name, quantity=number_value(match.group("n")), unit=match.group("unit"),
            brand=text[match.start("brand"):match.end("brand")].strip()
            if brand and brand.strip() not in _NO_BRAND else None,
            lot=_lot_at(lots, match.start()), technology=item_technology(match.group("name")),
            start=match.start(), end=match.end()))
    return items
