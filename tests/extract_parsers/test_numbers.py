"""parse_number, Chinese numerals, width folding and table columns."""
import pytest

from counterwatch.extract.numbers import (
    TableColumns, fold_width, multiplier_value, parse_chinese_numeral, parse_number,
)


@pytest.mark.parametrize("text, expected", [
    ("1,800", 1800), ("3.5", 3.5), ("１２３４", 1234), ("1 800", 1800), ("2.000.000", 2_000_000),
    ("1.800", 1.8), ("0.75", 0.75), ("12,345,678.90", 12_345_678.9),
    ("一千八百", 1800), ("两万", 20_000), ("壹佰贰拾万", 1_200_000), ("十二", 12), ("十", 10),
    ("二十万", 200_000), ("一百零五", 105), ("一千零一十", 1010), ("三亿五千万", 350_000_000),
    ("一万亿", 10**12), ("一万五", 15_000), ("三百五", 350), ("二〇二〇", 2020),
    ("贰佰玖拾伍万伍仟玖佰", 2_955_900), ("壹拾萬", 100_000), ("兩億", 200_000_000),
    ("3.5万", 35_000), ("1.2亿", 120_000_000), ("1.2億", 120_000_000), ("3千万", 30_000_000),
    ("5百万", 5_000_000), ("12萬3千", 123_000), ("3千5百", 3500), ("２．５万", 25_000),
    ("3.5 million", 3_500_000), ("1.6bn", 1_600_000_000), ("2 billion", 2e9), ("15m", 15e6),
    ("40k", 40_000), ("2 thousand", 2000), ("1 trillion", 1e12), ("500 crore", 5e9),
    ("3.5 Million", 3_500_000),
])
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "   ", "abc", "cameras", "1,2,3", "3.5 potatoes", "万元整", "12ab"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


def test_parse_chinese_numeral_rejects_other_characters():
    assert parse_chinese_numeral("一千八百台") is None
    assert parse_chinese_numeral("") is None


@pytest.mark.parametrize("word, factor", [("万", 1e4), ("亿", 1e8), ("万亿", 1e12), ("千万", 1e7),
                                          ("bn", 1e9), ("M", 1e6), ("thousand", 1e3), ("", 1.0)])
def test_multiplier_value(word, factor):
    assert multiplier_value(word) == factor


def test_fold_width_keeps_every_offset():
    text = "预算金额：２９５５９００．００元（万元）￥　ＵＳＤ，；。"
    folded = fold_width(text)
    assert len(folded) == len(text)
    assert folded == "预算金额:2955900.00元(万元)¥ USD，；。"


def test_table_columns_find_the_header_over_a_cell():
    text = "| 序号 | 名称 | 金额（万元） |\n|---|---|---|\n| 1 | 摄像机 | 35.5 |\n| 2 | 硬盘 | 12 |\n"
    tables = TableColumns(text)
    start = text.index("35.5")
    row, header, index = tables.row_and_header(start, start + 4)
    assert header[index] == "金额（万元）"
    assert row[index] == "35.5"
    assert tables.column_header(text.index("12 |")) == "金额（万元）"
    assert tables.row_and_header(text.index("摄像机") + 1, text.index("摄像机") + 2) is None  # not a whole cell


def test_table_columns_ignore_prose():
    text = "本项目预算金额为35.5万元，详见附件。"
    start = text.index("35.5")
    assert TableColumns(text).row_and_header(start, start + 4) is None
