"""Parsers a procurement notice leans on: money labels in traditional characters, money ranges, dates
with their labels, lot numbers, and goods item lines."""
from __future__ import annotations

import pytest

from counterwatch.extract.amounts import find_amounts
from counterwatch.extract.dates import find_dates, find_years
from counterwatch.extract.notice_items import item_technology, lot_number, read_items
from counterwatch.ingest.simplified import to_simplified


@pytest.mark.parametrize("text,value,kind", [
    ("中標金額：1,250,000.00元", 1250000, "award"),
    ("預算金額：350萬元", 3500000, "budget"),
    ("成交金額（元）：880000", 880000, "award"),
    ("預算金額（萬元）：120", 1200000, "budget"),
    ("合同價款：人民幣壹佰貳拾萬元整", 1200000, "contract"),
    ("| 序號 | 中標金額（萬元）|\n| 1 | 35.5 |", 355000, "award"),
])
def test_traditional_money_labels_read_like_simplified(text, value, kind):
    amounts = find_amounts(text)
    assert [(a.value, a.kind) for a in amounts] == [(value, kind)]


@pytest.mark.parametrize("text,low,high", [
    ("预算金额：80万元至100万元", 800000, 1000000),
    ("预算金额：80-100万元", 800000, 1000000),
    ("採購預算：80萬元至100萬元", 800000, 1000000),
    ("项目预算约为1,200,000元～1,500,000元", 1200000, 1500000),
])
def test_money_ranges(text, low, high):
    (amount,) = find_amounts(text)
    assert (amount.value, amount.value_max, amount.kind) == (low, high, "budget")


def test_a_falling_range_is_two_amounts():
    assert [a.value_max for a in find_amounts("中标金额：100万元-80万元")] == [None, None]


def test_an_iso_date_gives_its_year_and_label():
    (date,) = find_dates("公告日期：2023-11-20")
    assert (date.value, date.label) == ("2023-11-20", "公告日期")
    assert [y.value for y in find_years("公告日期：2023-11-20")] == [2023]


def test_traditional_date_labels_are_read():
    labels = [d.label for d in find_dates("發佈時間：2024年02月06日\n開標時間：2024-03-01 09:30")]
    assert labels == ["发布时间", "开标时间"]


@pytest.mark.parametrize("label,number", [("包1", "1"), ("第一包", "1"), ("2号标段", "2"), ("3", "3"),
                                          ("第十二包", "12"), ("采购包 4", "4"), ("序号", None)])
def test_lot_numbers(label, number):
    assert lot_number(label) == number


def test_item_lines_with_brands_and_lots():
    text = ("包1（前端）：\n1.人臉識別攝像機：120臺；\n（2）警用无人机，数量：6架，品牌：大疆\n"
            "本项目共分2个包。\n五、其他\n3、办公桌椅：80套。\n")
    items = [(i.name, i.quantity, i.unit, i.brand, i.lot, i.technology) for i in read_items(text, to_simplified(text))]
    assert items == [("人臉識別攝像機", 120, "台", None, "1", "facial_recognition"),
                     ("警用无人机", 6, "架", "大疆", "1", "drones"),
                     ("办公桌椅", 80, "套", None, None, None)]


def test_goods_table_with_unit_and_lot_columns():
    text = "包号｜标的名称｜品牌｜数量｜单位\n2｜车牌识别一体机｜宇视｜80｜套\n1｜人证核验终端｜/｜12｜台\n"
    items = [(i.name, i.quantity, i.unit, i.brand, i.lot, i.technology) for i in read_items(text, text)]
    assert items == [("车牌识别一体机", 80, "套", "宇视", "2", "license_plate_recognition"),
                     ("人证核验终端", 12, "台", None, "1", "id_checkpoints")]


def test_a_supplier_table_is_no_goods_list():
    text = "序号｜中标供应商名称｜数量\n1｜某某科技有限公司｜3\n"
    assert read_items(text, text) == []


@pytest.mark.parametrize("name,technology", [("高清网络摄像机", "video_surveillance"),
                                             ("人证核验闸机", "id_checkpoints"), ("办公桌椅", None)])
def test_item_technology(name, technology):
    assert item_technology(name) == technology
