"""Properties of all finders: they never raise, offsets are in bounds, and formatted values come back."""
import datetime
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterwatch.extract.amounts import find_amounts
from counterwatch.extract.dates import YEAR_MAX, YEAR_MIN, find_dates, find_years
from counterwatch.extract.numbers import fold_width, parse_number
from counterwatch.extract.quantities import find_quantities

UNITS = {"cameras": "camera", "camera": "camera", "cctv cameras": "camera", "摄像机": "camera", "台": "unit",
         "套": "set", "路": "channel"}
#: Characters the finders care about, so that random text often comes near a real match.
POOL = list("0123456789０１２３４５６７８９,.，．-–~/至到 \n\t|%$€£¥￥元万亿萬億千百十两一二三四五六七八九零〇"
            "壹贰叁肆伍陆柒捌玖拾佰仟整角分年月日号台套路*（）():：预算金额中标合同单价人民币美元")
WORDS = ["US$", "KSh", "Sh", "Rs", "RM", "R", "N", "HK$", "USD", "EUR", "million", "bn", "m", "k", "yuan",
         "dollars", "pesos", "shillings", "cameras", "CCTV", "between", "and", "to", "about", "February", "Feb.",
         "2020", "2019-118", "HZCG", "per cent", "单位：万元", "预算金额：", "（万元）", "数量：", "单位：台",
         "摄像机", "公告日期：", "二〇二〇年", "Mexico", "Kenya", "| ", " |\n"]
texts = st.lists(st.one_of(st.sampled_from(POOL), st.sampled_from(WORDS), st.characters()),
                 max_size=60).map("".join)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_spans(text, matches, overlapping_allowed=False):
    last_end = 0
    for match in matches:
        assert 0 <= match.start < match.end <= len(text)
        if not overlapping_allowed:
            assert match.start >= last_end
        last_end = match.end


@FAST
@given(texts)
def test_find_amounts_never_raises(text):
    amounts = find_amounts(text)
    _check_spans(text, amounts)
    for amount in amounts:
        assert math.isfinite(amount.value) and amount.value > 0
        assert len(amount.currency) == 3 and amount.currency.isupper()
        assert amount.value_max is None or amount.value_max >= amount.value


@FAST
@given(texts)
def test_find_quantities_never_raises(text):
    quantities = find_quantities(text, UNITS)
    _check_spans(text, quantities)
    assert all(math.isfinite(q.value) and q.unit in UNITS.values() for q in quantities)


@FAST
@given(texts)
def test_find_years_and_dates_never_raise(text):
    _check_spans(text, find_years(text))
    dates = find_dates(text)
    _check_spans(text, dates)
    for date in dates:
        datetime.date.fromisoformat(date.value if date.precision == "day" else date.value + "-01")


@FAST
@given(texts)
def test_fold_width_and_parse_number_never_raise(text):
    assert len(fold_width(text)) == len(text)
    value = parse_number(text)
    assert value is None or math.isfinite(value)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**13).map(lambda cents: cents / 100))
def test_yuan_round_trip(value):
    surface = f"{value:,.2f}元"
    text = f"本项目合同金额为{surface}，由采购人支付。"
    (amount,) = find_amounts(text)
    assert text[amount.start:amount.end] == surface
    assert amount.currency == "CNY"
    assert amount.value == round(value, 2)
    assert amount.kind == "contract"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999).map(lambda tenths: tenths / 10))
def test_us_dollar_millions_round_trip(millions):
    surface = f"US${millions:g}m"
    text = f"The city agreed to pay {surface} for the system."
    (amount,) = find_amounts(text)
    assert text[amount.start:amount.end] == surface
    assert (amount.currency, amount.value) == ("USD", round(millions * 1e6, 4))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=10**9), st.sampled_from(["{n:,} cameras", "{n} CCTV cameras", "{n}台"]))
def test_quantity_round_trip(count, template):
    surface = template.format(n=count)
    text = f"Records show {surface} in use."
    (quantity,) = find_quantities(text, UNITS)
    assert text[quantity.start:quantity.end] == surface
    assert quantity.value == count


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=datetime.date(YEAR_MIN, 1, 1), max_value=datetime.date(YEAR_MAX, 12, 31)),
       st.sampled_from(["{d:%B} {d.day}, {d.year}", "{d.day} {d:%B} {d.year}", "{d:%Y-%m-%d}", "{d.year}/{d.month}/{d.day}",
                        "{d.year}年{d.month}月{d.day}日", "{d:%Y.%m.%d}", "{d:%d.%m.%Y}"]))
def test_date_round_trip(date, template):
    surface = template.format(d=date)
    text = f"公告日期：{surface}。"
    (found,) = find_dates(text)
    assert text[found.start:found.end] == surface
    assert (found.value, found.precision, found.label) == (date.isoformat(), "day", "公告日期")
    assert [y.value for y in find_years(text)] == [date.year]
