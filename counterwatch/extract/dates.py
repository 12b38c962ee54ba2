"""Find years and calendar dates in English and Chinese text.

Years are four-digit numbers (or 二〇一九) in a plausible range that are not part of a longer
number, an amount, a phone number or a code such as HZCG2019-118. Dates are full or month-precision
calendar dates ("February 4, 2020", "2020/2/4", 2020年2月4日, 二〇二〇年二月四日), each with the label
in front of it when there is one (公告日期, 开标时间, "announced").
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from counterwatch.extract.numbers import CHINESE_DIGITS, fold_width, parse_chinese_numeral
from counterwatch.ingest.simplified import to_simplified

#: Years outside this range are not facts about surveillance deployments: the field starts with
#: networked CCTV in the early 1990s, and plans rarely look further ahead than about a decade.
YEAR_MIN = 1990
YEAR_MAX = 2035
#: Characters before a year searched for a code label ("项目编号：", "No. ", "Tel: ").
ID_LABEL_WINDOW = 12
#: Characters before a date searched for its label ("投标截止时间（北京时间）：" is 13).
DATE_LABEL_WINDOW = 24


@dataclass(frozen=True)
class YearMatch:
    """One year; ``text[start:end]`` is its surface."""

    start: int
    end: int
    value: int


@dataclass(frozen=True)
class DateMatch:
    """One calendar date; ``value`` is ISO ``YYYY-MM-DD`` (precision "day") or ``YYYY-MM`` ("month")."""

    start: int
    end: int
    value: str
    precision: str
    label: str | None = None


# --- years ------------------------------------------------------------------------------------------
_CN_YEAR_DIGIT = "[〇零○一二三四五六七八九]"
# Each pattern starts with a character class so that the engine skips quickly to candidates; the
# look-behind after the first character checks what stands before it.
_YEAR_RE = re.compile(r"[12](?<![0-9A-Za-z_][12])\d{3}(?!\d)")
_CN_YEAR_RE = re.compile(rf"{_CN_YEAR_DIGIT}(?<!{_CN_YEAR_DIGIT}{_CN_YEAR_DIGIT}){_CN_YEAR_DIGIT}{{3}}(?=\s?年)")
_ID_LABEL_RE = re.compile(
    r"(?:编号|编码|项目号|批次号|文号|代码|号码|电话|手机|传真|邮编|账号|(?i:no\.?|nos\.|id|tel\.?|fax|phone|ref\.?))"
    r"\s*[:：]?\s*[A-Za-z]*$"
)
_COUNT_BEFORE_RE = re.compile(
    r"(?i:about|around|approximately|nearly|almost|over|more\s+than|fewer\s+than|less\s+than|some|"
    r"total\s+of|up\s+to|least|than)\s+$"
)
_YEAR_RANGE_BEFORE_RE = re.compile(r"(?<!\d)[12]\d{3}\s?[-–—~/至到]\s?$")
_LOWER_WORD_BEFORE_RE = re.compile(r"(?<![A-Za-z])[a-z]+-$")
_DOCUMENT_NUMBER_AFTER_RE = re.compile(r"[〕\]】)）]\s?第?\d+\s?号")
_DIGIT_GROUP_BEFORE_RE = re.compile(r"\d{3,} $")
_DMY_BEFORE_RE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-]$")
_AFTER_RE = re.compile(
    r"(?P<sep>[-–/.]\d+)"
    r"|\s?(?:[万亿千百元台个套名家次件辆路条人%‰]|(?i:per\s?cent|percent|million|billion|thousand|"
    r"yuan|dollars|people|persons|cameras|units|residents|members|officers|devices|users)\b)"
)


def _plausible(value: int) -> bool:
    return YEAR_MIN <= value <= YEAR_MAX


def _year_ok(t: str, start: int, end: int) -> bool:
    """Whether the four digits t[start:end] stand for a year rather than part of a number or code."""
    before = t[start - 1] if start else " "
    if before in "$€£¥#":
        return False
    if before in "-–/~.," and start > 1 and t[start - 2].isalnum():
        window = t[max(0, start - 8):start]  # only a year range, a day-first date or "mid-" may come before
        if not (_YEAR_RANGE_BEFORE_RE.search(window) or _DMY_BEFORE_RE.search(window)
                or (before == "-" and _LOWER_WORD_BEFORE_RE.search(window))):
            return False
    if before in "〔[【(（" and _DOCUMENT_NUMBER_AFTER_RE.match(t, end):
        return False  # 〔2002〕1980号: the year of a document number
    if before == " " and _DIGIT_GROUP_BEFORE_RE.search(t, max(0, start - 6), start):
        return False  # 0757-5550 2002: a phone number in groups
    if _ID_LABEL_RE.search(t, max(0, start - ID_LABEL_WINDOW), start):
        return False
    if before.isspace() and _COUNT_BEFORE_RE.search(t, max(0, start - 16), start):
        return False
    if end < len(t) and (t[end].isascii() and t[end].isalnum() or t[end] == "_"):
        return False  # 2010s, 2019x
    after = _AFTER_RE.match(t, end)
    if after is None:
        return True
    sep = after.group("sep")
    if sep is None:
        return False
    digits = sep[1:]
    if len(digits) == 4:
        return _plausible(int(digits)) and sep[0] != "."  # 2018-2019, 2018/2019
    if len(digits) <= 2:
        return 1 <= int(digits) <= 12 or sep[0] in "-–/"  # 2020-02, 2020.5, 2018-19
    return False  # 2019-118: a code


def find_years(text: str) -> list[YearMatch]:
    """Every year (YEAR_MIN..YEAR_MAX) stated in ``text``, in order."""
    t = fold_width(text)
    found = []
    for match in _YEAR_RE.finditer(t):
        value = int(match.group())
        if _plausible(value) and _year_ok(t, match.start(), match.end()):
            found.append(YearMatch(match.start(), match.end(), value))
    for match in _CN_YEAR_RE.finditer(t):
        value = int("".join(str(CHINESE_DIGITS[c]) for c in match.group()))
        if _plausible(value):
            found.append(YearMatch(match.start(), match.end(), value))
    return sorted(found, key=lambda y: y.start)


# --- dates ------------------------------------------------------------------------------------------
_MONTHS = {name: number for number, names in enumerate((
    "January Jan", "February Feb", "March Mar", "April Apr", "May", "June Jun", "July Jul",
    "August Aug", "September Sept Sep", "October Oct", "November Nov", "December Dec"), start=1)
    for name in names.split()}
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?![a-z])\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>[12]\d{3})(?!\d)"
_CN_NUM = "[〇零○一二三四五六七八九十]"
_DAY_FIRST = r"(?P<d>\d(?<![0-9A-Za-z_]\d)\d?)(?:st|nd|rd|th)?"
_YEAR_FIRST = r"(?P<y>[12](?<![0-9A-Za-z_][12])\d{3})"
#: Date patterns, each named for the order of its parts.
_DATE_RES = {
    # February 4, 2020 / Feb. 4 2020 / February 2020
    "month_first": re.compile(rf"{_MONTH}(?:\s+{_DAY}(?![\d:]))?,?\s+{_YEAR}"),
    # 4 February 2020 / 4th of Feb, 2020
    "day_first": re.compile(rf"{_DAY_FIRST}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),
    # 2020-02-04, 2020/2/4, 2020.02.04, 2020-02
    "numeric_year_first": re.compile(
        rf"{_YEAR_FIRST}(?P<sep>[-/.])(?P<m>[01]?\d)(?!\d)(?:(?P=sep)(?P<d>[0-3]?\d)(?!\d))?(?![-/.]\d)"),
    # 04.02.2020, 25/12/2019
    "numeric_day_first": re.compile(
        r"(?P<a>\d(?<![0-9A-Za-z_]\d)\d?)(?P<sep>[-/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>[12]\d{3})(?!\d)"),
    # 2020年2月4日, 2020年02月
    "chinese": re.compile(
        rf"{_YEAR_FIRST}\s?年\s?(?P<m>[01]?\d|{_CN_NUM}{{1,2}})\s?月(?:\s?(?P<d>[0-3]?\d|{_CN_NUM}{{1,3}})\s?[日号])?"),
    # 二〇二〇年二月四日
    "chinese_numeral": re.compile(
        rf"(?P<y>{_CN_YEAR_DIGIT}(?<!{_CN_YEAR_DIGIT}{_CN_YEAR_DIGIT}){_CN_YEAR_DIGIT}{{3}})\s?年\s?"
        rf"(?P<m>[01]?\d|{_CN_NUM}{{1,2}})\s?月(?:\s?(?P<d>[0-3]?\d|{_CN_NUM}{{1,3}})\s?[日号])?"),
}
_DATE_LABELS = (
    "公告日期|公告时间|发布时间|发布日期|开标时间|开标日期|投标截止时间|投标截止日期|递交截止时间|"
    "提交截止时间|截止时间|合同签订日期|签订日期|签约日期|中标日期|成交日期|公示时间|公示日期|"
    "announced|bid opening|opening date|deadline|signed|published|dated|posted"
).split("|")
_DATE_LABEL_RE = re.compile(
    rf"(?P<label>(?i:{'|'.join(sorted(_DATE_LABELS, key=len, reverse=True))}))"
    r"\s*(?:[(（][^()（）\n]{0,8}[)）])?\s*(?:[:：]|为|是|(?i:on|in|is|was|of))?\s*$"
)


def _number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return parse_chinese_numeral(s) if s and all(c in CHINESE_DIGITS or c == "十" for c in s) else None


def _date_value(match: re.Match) -> tuple[str, str] | None:
    """(ISO value, precision) of a date match, or None when it is not a real date."""
    groups = match.groupdict()
    year = _number(groups["y"])
    month: int | None
    day: int | None
    if groups.get("mon"):
        month = _MONTHS[groups["mon"]]
    elif groups.get("a"):  # numeric day-first: D.M.Y always, D/M/Y or M/D/Y only when unambiguous
        first, second = int(groups["a"]), int(groups["b"])
        if groups["sep"] == "." or first > 12:
            day_first = first, second
        elif second > 12:
            day_first = second, first
        else:
            return None
        groups = {**groups, "d": str(day_first[0])}
        month = day_first[1]
    else:
        month = _number(groups["m"])
    day = _number(groups["d"]) if groups.get("d") else None
    if year is None or not _plausible(year) or month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def find_dates(text: str) -> list[DateMatch]:
    """Every calendar date with a year stated in ``text``, in order, not overlapping."""
    t = fold_width(text)
    candidates = []
    for name, pattern in _DATE_RES.items():
        for match in pattern.finditer(t):
            start, end = match.span()
            if name == "month_first" and start and t[start - 1].isalpha():
                continue  # "Dejan 2020"
            if name == "numeric_year_first" and not _year_ok(t, start, start + 4):
                continue  # 编号：2019-11, 2019-118
            parsed = _date_value(match)
            if parsed is None:
                continue
            # Labels are read simplified: 開標時間 and 發佈時間 are 开标时间 and 发布时间.
            label = _DATE_LABEL_RE.search(to_simplified(t[max(0, start - DATE_LABEL_WINDOW):start]))
            candidates.append(DateMatch(start, end, parsed[0], parsed[1], label.group("label") if label else None))
    candidates.sort(key=lambda d: (d.start, -d.end))
    result: list[DateMatch] = []
    for date in candidates:
        if not result or date.start >= result[-1].end:
            result.append(date)
    return result
