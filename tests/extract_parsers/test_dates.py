"""find_years and find_dates."""
from pathlib import Path

import pytest

from counterwatch.extract.dates import YEAR_MAX, YEAR_MIN, find_dates, find_years

HERE = Path(__file__).parent


def years(text):
    return [(text[y.start:y.end], y.value) for y in find_years(text)]


@pytest.mark.parametrize("text, expected", [
    ("In 2015, Kenya signed", [("2015", 2015)]),
    ("2019年度预算", [("2019", 2019)]),
    ("二〇一九年", [("二〇一九", 2019)]),
    ("from 2018-2019", [("2018", 2018), ("2019", 2019)]),
    ("in 2018-19", [("2018", 2018)]),
    ("mid-2020 to late 2021", [("2020", 2020), ("2021", 2021)]),
    ("(2019)", [("2019", 2019)]),
    ("February 4, 2020", [("2020", 2020)]),
    ("2020-02-04", [("2020", 2020)]),
    ("04.02.2020", [("2020", 2020)]),
    ("the 2019's budget", [("2019", 2019)]),
    ("２０２０年", [("２０２０", 2020)]),
])
def test_years(text, expected):
    assert years(text) == expected


@pytest.mark.parametrize("text", [
    "项目编号：HZCG2019-118", "编号：2019-11", "电话：0571-20198888", "0757-5550 2002", "in the 2010s",
    "an increase of 3100 per cent", "2020万元", "$2019", "about 2000 people", "2,019 cameras", "1989",
    "2036", "参照计价格〔2002〕1980号文件", "No. 2019", "TJHX-2023-1107", "12019", "2019.118",
])
def test_not_years(text):
    assert years(text) == []


def test_year_range_constants():
    assert YEAR_MIN <= 2015 <= YEAR_MAX
    assert years(f"in {YEAR_MIN}") and years(f"in {YEAR_MAX}")
    assert not years(f"in {YEAR_MIN - 1}") and not years(f"in {YEAR_MAX + 1}")


def dates(text):
    return [(text[d.start:d.end], d.value, d.precision, d.label) for d in find_dates(text)]


@pytest.mark.parametrize("text, surface, value, precision", [
    ("on February 4, 2020 the", "February 4, 2020", "2020-02-04", "day"),
    ("Tuesday, February 4, 2020", "February 4, 2020", "2020-02-04", "day"),
    ("4 February 2020", "4 February 2020", "2020-02-04", "day"),
    ("Feb. 4, 2020", "Feb. 4, 2020", "2020-02-04", "day"),
    ("the 4th of February, 2020", "4th of February, 2020", "2020-02-04", "day"),
    ("Sept. 30, 2019", "Sept. 30, 2019", "2019-09-30", "day"),
    ("in February 2020", "February 2020", "2020-02", "month"),
    ("2020-02-04", "2020-02-04", "2020-02-04", "day"),
    ("2020/2/4", "2020/2/4", "2020-02-04", "day"),
    ("2020.02.04", "2020.02.04", "2020-02-04", "day"),
    ("2020-02", "2020-02", "2020-02", "month"),
    ("04.02.2020", "04.02.2020", "2020-02-04", "day"),
    ("25/12/2019", "25/12/2019", "2019-12-25", "day"),
    ("12/25/2019", "12/25/2019", "2019-12-25", "day"),
    ("2020年2月4日", "2020年2月4日", "2020-02-04", "day"),
    ("2020 年 2 月 4 日", "2020 年 2 月 4 日", "2020-02-04", "day"),
    ("二〇二〇年二月四日", "二〇二〇年二月四日", "2020-02-04", "day"),
    ("二〇二〇年十二月三十一日", "二〇二〇年十二月三十一日", "2020-12-31", "day"),
    ("2020年02月", "2020年02月", "2020-02", "month"),
    ("２０２０年２月４日", "２０２０年２月４日", "2020-02-04", "day"),
    ("2020年2月29日", "2020年2月29日", "2020-02-29", "day"),
])
def test_dates(text, surface, value, precision):
    assert [d[:3] for d in dates(text)] == [(surface, value, precision)]


@pytest.mark.parametrize("text", [
    "began on September 7 and", "04/02/2020", "2019-02-30", "2021年2月29日", "2020-13-45", "Dejan 2020",
    "项目编号：HZCG2019-11", "1989年6月4日", "version 3.2.1",
])
def test_not_dates(text):
    assert dates(text) == []


@pytest.mark.parametrize("text, label", [
    ("公告日期：2020年2月4日", "公告日期"), ("发布时间：2020-02-04 10:00", "发布时间"),
    ("发布日期：2020-02-04", "发布日期"), ("开标时间：2020年03月01日 09:30", "开标时间"),
    ("投标截止时间（北京时间）：2020-03-01 09:30", "投标截止时间"), ("合同签订日期：2020年3月5日", "合同签订日期"),
    ("The ministry announced on March 3, 2021 that", "announced"), ("bid opening: 3 March 2021", "bid opening"),
    ("the deadline is March 3, 2021", "deadline"), ("Deadline: March 3, 2021", "Deadline"),
    ("the deadline passed. March 3, 2021", None),
    ("signed on 3 March 2021", "signed"), ("On March 3, 2021 it rained", None),
])
def test_date_labels(text, label):
    assert dates(text)[0][3] == label


def test_a_procurement_notice():
    text = (HERE / "notice_zh.txt").read_text(encoding="utf-8")
    assert [(d[1], d[3]) for d in dates(text)] == [("2021-06-18", "开标时间"), ("2021-06-25", "公告日期")]
    assert {y for _, y in years(text)} == {2021}
