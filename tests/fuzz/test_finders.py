"""The amount, date and quantity finders on random text built from the pieces they look for: no
exception, every match inside the text with start < end."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from counterwatch.extract.amounts import find_amounts
from counterwatch.extract.dates import find_dates, find_years
from counterwatch.extract.quantities import find_quantities

from .limits import FUZZ

#: Pieces the finders react to (numbers, numerals, currencies, units, date words, separators), mixed
#: with random characters so that the regular expressions meet both near-misses and real matches.
PIECES = ["1", "9", "0", "2019", "20", "12,", "000", ".5", "-", "–", "~", "至", "到", " ", "\n", "/", "年", "月", "日",
          "万", "亿", "元", "万元", "人民币", "￥", "$", "US$", "€", "million", "billion", "USD", "RMB", "yuan",
          "叁", "仟", "贰", "佰", "拾", "陆", "整", "一", "十", "百", "台", "套", "个", "路", "units", "cameras",
          "twelve", "hundred", "March", "Mar.", "2020-05-08", "2021年3月", "（", "）", "(", ")", "：", ":",
          "预算金额", "中标金额", "单价", "数量", "about", "some", "第", "期", "Ｑ", "１２３"]
UNITS = {"台": "unit", "套": "set", "个": "unit", "路": "channel", "unit": "unit", "camera": "unit"}

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)


def _in_bounds(matches, text: str) -> None:
    for match in matches:
        assert 0 <= match.start < match.end <= len(text), (match, text)


@FUZZ
@given(text=texts)
def test_amounts(text):
    matches = find_amounts(text)
    _in_bounds(matches, text)
    assert all(m.value >= 0 and m.currency for m in matches)


@FUZZ
@given(text=texts)
def test_years_and_dates(text):
    _in_bounds(find_years(text), text)
    _in_bounds(find_dates(text), text)


@FUZZ
@given(text=texts)
def test_quantities(text):
    matches = find_quantities(text, UNITS)
    _in_bounds(matches, text)
    assert all(m.value > 0 and m.unit in UNITS.values() for m in matches)
