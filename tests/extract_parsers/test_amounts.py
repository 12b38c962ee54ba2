"""find_amounts: currencies, multipliers, Chinese forms, kinds, ranges and what is never money."""
from pathlib import Path

import pytest

from counterwatch.extract.amounts import find_amounts

HERE = Path(__file__).parent


def only(text):
    found = find_amounts(text)
    assert len(found) == 1, [(text[a.start:a.end], a.value) for a in found]
    return found[0]


@pytest.mark.parametrize("text, surface, value, currency", [
    ("The deal, US$3.5m in all, was signed.", "US$3.5m", 3.5e6, "USD"),
    ("It cost $3.5 million.", "$3.5 million", 3.5e6, "USD"),
    ("a loan of USD 3.5 million", "USD 3.5 million", 3.5e6, "USD"),
    ("worth 3.5 million dollars", "3.5 million dollars", 3.5e6, "USD"),
    ("worth 3.5 million US dollars", "3.5 million US dollars", 3.5e6, "USD"),
    ("the Treasury released Kshs 1.6 billion", "Kshs 1.6 billion", 1.6e9, "KES"),
    ("a KSh1.6bn tender", "KSh1.6bn", 1.6e9, "KES"),
    ("MPs approved Sh1.6 billion for Nairobi cameras", "Sh1.6 billion", 1.6e9, "KES"),
    ("1.6 billion Kenyan shillings", "1.6 billion Kenyan shillings", 1.6e9, "KES"),
    ("Uganda spent Sh5 billion", "Sh5 billion", 5e9, "UGX"),
    ("priced at €2,000,000", "€2,000,000", 2e6, "EUR"),
    ("priced at €2 000 000", "€2 000 000", 2e6, "EUR"),
    ("EUR 2 million was paid", "EUR 2 million", 2e6, "EUR"),
    ("a £15m system", "£15m", 15e6, "GBP"),
    ("RMB 10 million", "RMB 10 million", 1e7, "CNY"),
    ("CNY 5,000", "CNY 5,000", 5000, "CNY"),
    ("30 million yuan", "30 million yuan", 3e7, "CNY"),
    ("¥480,000", "¥480,000", 480_000, "CNY"),
    ("合计2955900.00元。", "2955900.00元", 2_955_900, "CNY"),
    ("约为295.59万元", "295.59万元", 2_955_900, "CNY"),
    ("总投资1.2亿元", "1.2亿元", 1.2e8, "CNY"),
    ("总投资1.2億元", "1.2億元", 1.2e8, "CNY"),
    ("总投资3.5萬元", "3.5萬元", 35_000, "CNY"),
    ("报价￥2,955,900.00", "￥2,955,900.00", 2_955_900, "CNY"),
    ("（小写）¥1,200,000.00", "¥1,200,000.00", 1_200_000, "CNY"),
    ("人民币贰佰玖拾伍万伍仟玖佰元整", "人民币贰佰玖拾伍万伍仟玖佰元整", 2_955_900, "CNY"),
    ("人民币壹拾贰萬元整", "人民币壹拾贰萬元整", 120_000, "CNY"),
    ("大写：伍佰元零伍角叁分", "伍佰元零伍角叁分", 500.53, "CNY"),
    ("全长２９５５９００．００元", "２９５５９００．００元", 2_955_900, "CNY"),
    ("人民币100万元", "人民币100万元", 1e6, "CNY"),
    ("500万元人民币", "500万元人民币", 5e6, "CNY"),
    ("5千万美元", "5千万美元", 5e7, "USD"),
    ("Rs 500 crore", "Rs 500 crore", 5e9, "INR"),
    ("Rs. 1,500 in Lahore", "Rs. 1,500", 1500, "PKR"),
    ("INR 20 lakh", "INR 20 lakh", 2e6, "INR"),
    ("5 billion rupees for Delhi", "5 billion rupees", 5e9, "INR"),
    ("PKR 3 billion", "PKR 3 billion", 3e9, "PKR"),
    ("5 billion naira", "5 billion naira", 5e9, "NGN"),
    ("NGN 2bn", "NGN 2bn", 2e9, "NGN"),
    ("N2.5 billion", "N2.5 billion", 2.5e9, "NGN"),
    ("R1.2 billion", "R1.2 billion", 1.2e9, "ZAR"),
    ("ZAR 500 million", "ZAR 500 million", 5e8, "ZAR"),
    ("900 million rand", "900 million rand", 9e8, "ZAR"),
    ("AED 10m", "AED 10m", 1e7, "AED"),
    ("SAR 3 million", "SAR 3 million", 3e6, "SAR"),
    ("2 million riyals", "2 million riyals", 2e6, "SAR"),
    ("RM50 million", "RM50 million", 5e7, "MYR"),
    ("MYR 50 million", "MYR 50 million", 5e7, "MYR"),
    ("50 million baht", "50 million baht", 5e7, "THB"),
    ("THB 50m", "THB 50m", 5e7, "THB"),
    ("Mexico paid 100 million pesos", "100 million pesos", 1e8, "MXN"),
    ("Manila paid 100 million pesos", "100 million pesos", 1e8, "PHP"),
    ("HK$30 million", "HK$30 million", 3e7, "HKD"),
    ("30 million Hong Kong dollars", "30 million Hong Kong dollars", 3e7, "HKD"),
    ("S$2m", "S$2m", 2e6, "SGD"),
    ("A$5 million", "A$5 million", 5e6, "AUD"),
    ("BGN 8.2 million", "BGN 8.2 million", 8.2e6, "BGN"),
    ("a 5 million pound contract", "5 million pound", 5e6, "GBP"),
])
def test_amounts(text, surface, value, currency):
    amount = only(text)
    assert text[amount.start:amount.end] == surface
    assert amount.value == pytest.approx(value)
    assert amount.currency == currency


@pytest.mark.parametrize("text, value, unit_text", [
    ("预算金额：295.59（万元）", 2_955_900, "295.59（万元）"),
    ("预算金额（万元）：295.59", 2_955_900, "295.59"),
    ("预算金额：2955900.00", 2_955_900, "2955900.00"),
    ("采购预算为480000", 480_000, "480000"),
])
def test_bare_number_under_a_chinese_money_label(text, value, unit_text):
    amount = only(text)
    assert amount.value == pytest.approx(value)
    assert amount.currency == "CNY"
    assert amount.kind == "budget"
    assert text[amount.start:amount.end] == unit_text


def test_unit_statement_scales_a_labelled_number():
    text = "（单位：万元）\n项目名称：监控扩容\n预算金额：120"
    assert only(text).value == pytest.approx(1_200_000)


def test_table_column_header_gives_unit_and_kind():
    text = ("| 序号 | 中标供应商 | 中标金额（万元） | 单价（元） |\n|---|---|---|---|\n"
            "| 1 | 某科技公司 | 295.59 | 1,850.00 |\n")
    award, unit_price = find_amounts(text)
    assert (award.value, award.kind) == (pytest.approx(2_955_900), "award")
    assert (unit_price.value, unit_price.kind) == (1850, "unit_price")


@pytest.mark.parametrize("text, kind", [
    ("预算金额：500万元", "budget"), ("采购预算：500万元", "budget"), ("最高限价：500万元", "ceiling"),
    ("招标控制价：500万元", "ceiling"), ("中标金额：500万元", "award"), ("成交金额：500万元", "award"),
    ("中标价：500万元", "award"), ("中标（成交）金额：500万元", "award"), ("合同金额：500万元", "contract"),
    ("a budget of $5 million", "budget"), ("a contract worth $5 million", "contract"),
    ("the contract, valued at KSh1.6bn,", "contract"), ("a $3.5 million surveillance contract", "contract"),
    ("单价：500元/台", "unit_price"), ("代理服务费：2.5万元", "fee"), ("It cost $5 million.", None),
    ("六、代理服务收费标准及金额：包1：人民币伍万贰仟元整", "fee"), ("the price: $5m", None),
    ("a price cap of $5m", "ceiling"), ("a winning bid of $5m", "award"), ("the bid: $5m", None),
])
def test_kind_comes_from_the_nearest_label(text, kind):
    assert only(text).kind == kind


def test_kind_of_a_heading_above():
    text = "八、代理服务收费标准及金额\n\n按规定收取，金额：人民币壹万贰仟元整。"
    assert only(text).kind == "fee"


def test_kind_does_not_cross_sentences():
    text = "预算金额另行公布。合同约定首期支付30万元"
    assert only(text).kind is None


@pytest.mark.parametrize("text, approximate", [
    ("约300万元", True), ("about $5 million", True), ("an estimated $5m", True), ("1000余万元", True),
    ("300万元左右", True), ("nearly KSh2bn", True), ("300万元", False), ("a handsome $5m", False),
    ("the bill rose to $5m", False), ("paid at $5m", False),
])
def test_approximate(text, approximate):
    assert only(text).approximate is approximate


@pytest.mark.parametrize("text, low, high, currency", [
    ("5-10万元", 5e4, 1e5, "CNY"), ("5至10万元", 5e4, 1e5, "CNY"), ("5万元至10万元", 5e4, 1e5, "CNY"),
    ("between $1m and $2m", 1e6, 2e6, "USD"), ("$1-2 million", 1e6, 2e6, "USD"),
    ("$500,000 to $2 million", 5e5, 2e6, "USD"), ("between 5 and 10 million dollars", 5e6, 1e7, "USD"),
])
def test_ranges(text, low, high, currency):
    amount = only(text)
    assert (amount.value, amount.value_max, amount.currency) == (pytest.approx(low), pytest.approx(high), currency)


def test_and_without_between_is_not_a_range():
    found = find_amounts("It paid $1m and $2m later.")
    assert [a.value for a in found] == [1e6, 2e6]
    assert all(a.value_max is None for a in found)


@pytest.mark.parametrize("text", [
    "In 2019 the city bought cameras.", "an increase of 3100 per cent", "up by 1,900%", "涨幅达5%",
    "电话：0571-88888888", "联系电话：13907001234", "项目编号：HZCG2019-118", "***元", "预算金额：******",
    "预算金额：详见附件", "中标金额：***", "97 million Christians", "1,800 HD cameras", "2020年2月4日",
    "预算年度：2021", "the 2019 RAND report", "weighs 500 pounds", "a N95 mask", "an R2 unit",
    "100 million pesos", "0元", "12**34元", "数万元", "上千万元的投入", "三元区公安局",
])
def test_never_an_amount(text):
    assert find_amounts(text) == []


def test_a_procurement_notice():
    text = (HERE / "notice_zh.txt").read_text(encoding="utf-8")
    found = {(text[a.start:a.end], a.value, a.kind) for a in find_amounts(text)}
    assert ("人民币叁佰贰拾壹万捌仟元整", 3_218_000, "award") in found
    assert ("¥3,218,000.00", 3_218_000, "award") in found
    assert ("330.00万元", 3_300_000, "budget") in found
    assert ("3,300,000.00元", 3_300_000, "ceiling") in found
    assert ("1,850.00", 1850, "unit_price") in found
    assert all(a.currency == "CNY" for a in find_amounts(text))
    values = {a.value for a in find_amounts(text)}
    assert not values & {2021, 457, 86551234, 13907001234, 88776655, 9632, 1200}


def test_offsets_point_into_the_original_text():
    text = "前言　中标金额：￥２，９５５，９００．００元；"
    amount = only(text)
    assert text[amount.start:amount.end] == "￥２，９５５，９００．００元"
    assert amount.value == 2_955_900


def test_a_full_width_comma_in_prose_is_not_a_separator():
    assert [a.value for a in find_amounts("数量２００，单价３０元")] == [30]
    assert [a.value for a in find_amounts("共２００，３０元")] == [30]
