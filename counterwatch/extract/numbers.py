"""Shared numeral parsing for the amount, quantity and date finders.

Arabic numbers with separators, full-width digits, Chinese numerals (小写 and 大写, Simplified and
Traditional) and multiplier words (thousand, m, bn, 万, 亿 ...). All finders first fold the text with
:func:`fold_width`, which maps every character to exactly one character, so offsets into the folded
text are offsets into the original text.
"""
from __future__ import annotations

import bisect
import re

# --- width folding (one character in, one character out: offsets are preserved) -----------------

_FULL_WIDTH_ASCII = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
# The full-width comma and semicolon are Chinese clause punctuation, not thousands separators, and
# the ideographic full stop is a sentence end: keep them as they are.
for _kept in ("，", "；"):
    _FULL_WIDTH_ASCII.pop(_kept, None)
_WIDTH_TABLE = str.maketrans({
    **_FULL_WIDTH_ASCII,
    "\u3000": " ",  # ideographic space
    "￥": "¥", "￡": "£", "￠": "¢",
    "\u2212": "-",  # minus sign
})


_FOLDABLE_RE = re.compile("[" + re.escape("".join(chr(c) for c in _WIDTH_TABLE)) + "]+")


#: A full-width comma between full-width digits groups thousands (２，９５５，９００); elsewhere it is
#: clause punctuation and stays.
_FULL_WIDTH_GROUP_COMMA_RE = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def fold_width(text: str) -> str:
    """Map full-width digits, letters and signs to ASCII, one character for one character."""
    if "，" in text:
        text = _FULL_WIDTH_GROUP_COMMA_RE.sub(",", text)
    # Translating only the runs that need it is several times faster than translating everything.
    return _FOLDABLE_RE.sub(lambda run: run.group().translate(_WIDTH_TABLE), text)


# --- Arabic numbers --------------------------------------------------------------------------------

#: Characters accepted as thousands separators inside one number besides the comma: no-break and
#: thin spaces. A plain space is not (``in 19 300 cameras`` would be read as 19300); callers that
#: know they hold an amount can use :data:`SPACED_NUMBER` instead.
_THIN_SPACES = "\u00a0\u202f\u2009"

#: One Arabic number: comma/thin-space grouped, dot-grouped ("2.000.000", at least two groups so
#: that "1.800" stays 1.8), or plain digits with an optional decimal part. The look-arounds keep the
#: match from starting or ending inside a longer number.
ARABIC_NUMBER = (
    # The leading \d lets the regex engine skip quickly to the next digit; the look-behinds after
    # it then check the character(s) before that first digit.
    rf"\d(?<!\d\d)(?<!\d[.,]\d)"
    rf"(?:\d{{0,2}}(?:[,{_THIN_SPACES}]\d{{3}})+(?:\.\d+)?"
    rf"|\d{{0,2}}(?:\.\d{{3}}){{2,}}(?![\d,])"
    rf"|\d*(?:\.\d+)?)"
    rf"(?!\d)(?!,\d)(?!\.\d)"
)
#: Like :data:`ARABIC_NUMBER` but also takes plain-space grouping ("€2 000 000").
SPACED_NUMBER = (
    rf"(?:\d{{1,3}}(?:[ ,{_THIN_SPACES}]\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)(?!,\d)(?!\.\d)"
)
ARABIC_NUMBER_RE = re.compile(ARABIC_NUMBER)

# --- multipliers -----------------------------------------------------------------------------------

ENGLISH_MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7,
}
#: An English multiplier word; abbreviations must not run on into a longer word ("3.5 mm").
ENGLISH_MULTIPLIER = (
    r"(?:thousand|millions?|billions?|trillion|lakhs?|lac|crores?|mn|mln|mil|bn|bln|tn|trn|[mkb])"
    r"(?![A-Za-z])"
)
_CHINESE_UNIT_VALUES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
                        "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
#: A Chinese multiplier after an Arabic number: 万, 亿, 万亿, 千万, 百万, 十亿 ... or 千 alone.
CHINESE_MULTIPLIER = r"(?:[十百千]?(?:万亿|萬億|[万萬亿億])|千)"
MULTIPLIER = rf"(?:{CHINESE_MULTIPLIER}|{ENGLISH_MULTIPLIER})"


def multiplier_value(word: str) -> float:
    """The factor a multiplier word stands for (1.0 for an empty or unknown word)."""
    word = word.strip()
    if not word:
        return 1.0
    if word[0] in _CHINESE_UNIT_VALUES:
        factor = 1.0
        for char in word:
            factor *= _CHINESE_UNIT_VALUES.get(char, 1)
        return factor
    return ENGLISH_MULTIPLIERS.get(word.lower(), 1.0)


# --- Chinese numerals ------------------------------------------------------------------------------

CHINESE_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1, "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2, "貮": 2,
    "三": 3, "叁": 3, "參": 3, "弎": 3, "四": 4, "肆": 4, "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
# 洞 and 幺 are radio-speak digits and too ambiguous inside running text: parse them, don't scan them.
_SCANNED_DIGITS = "".join(c for c in CHINESE_DIGITS if c not in "洞幺Ｏ")
#: A character class of Chinese digits, for regexes.
CHINESE_DIGIT_CLASS = f"[{_SCANNED_DIGITS}]"
#: A character class of Chinese digits and units, for regexes.
CHINESE_NUMERAL_CLASS = f"[{_SCANNED_DIGITS}十拾百佰千仟万萬亿億]"
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


def parse_chinese_numeral(s: str) -> int | None:
    """Value of a Chinese numeral: 一千八百, 两万, 壹佰贰拾万, 十二, 二〇二〇, 一万五 (=15000)."""
    if not s or any(c not in CHINESE_DIGITS and c not in _SMALL_UNITS and c not in _BIG_UNITS
                    for c in s):
        return None
    if all(c in CHINESE_DIGITS for c in s):  # positional: 二〇二〇
        return int("".join(str(CHINESE_DIGITS[c]) for c in s)) if len(s) > 1 else CHINESE_DIGITS[s]
    return _combine([CHINESE_DIGITS.get(c, c) for c in s])


def _combine(tokens: list[int | str]) -> int:
    """Combine digit values and unit characters (十百千万亿) into one integer."""
    total = section = number = 0
    last_unit = 0  # the unit just before a trailing digit, for the elided form 一万五 / 三百五
    zero_seen = False
    for token in tokens:
        if isinstance(token, int):
            number = token
            zero_seen = zero_seen or number == 0
        elif token in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[token]
            number, last_unit, zero_seen = 0, _SMALL_UNITS[token], False
        else:
            big = _BIG_UNITS[token]
            section += number
            if total and total < big:  # 一万亿: the bigger unit scales everything before it
                total = (total + section) * big
            else:
                total += (section or (0 if total else 1)) * big
            section, number, last_unit, zero_seen = 0, 0, big, False
    if 0 < number < 10 and last_unit >= 100 and not zero_seen:
        number *= last_unit // 10
    return total + section + number


_MIXED_RE = re.compile(r"[\d十拾百佰千仟万萬亿億]+")
_PLAIN_RE = re.compile(
    rf"(?P<num>\d{{1,3}}(?:[ ,{_THIN_SPACES}]\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:\.\d{{3}}){{2,}}|\d*\.?\d+)"
    rf"\s*(?P<mult>{MULTIPLIER})?",
    re.IGNORECASE,
)
_MIXED_TOKEN_RE = re.compile(r"\d+|\D")


_NO_SEPARATORS = str.maketrans("", "", f" ,{_THIN_SPACES}")


def number_value(number: str) -> float:
    """Float value of an Arabic number as matched by the patterns above ("1,800", "2.000.000")."""
    if not number.isdigit():
        number = number.translate(_NO_SEPARATORS)
    if number.count(".") > 1:  # dot-grouped thousands
        number = number.replace(".", "")
    return float(number)


def parse_number(s: str) -> float | None:
    """Parse one number with an optional multiplier; None when it is not one.

    "1,800", "3.5", "１２３４", "1 800", "一千八百", "两万", "壹佰贰拾万", "3.5万", "1.2亿",
    "2 million", "1.6bn", "3千万".
    """
    s = fold_width(s).strip()
    if not s:
        return None
    match = _PLAIN_RE.fullmatch(s)
    if match:
        return number_value(match.group("num")) * multiplier_value(match.group("mult") or "")
    if _MIXED_RE.fullmatch(s) and not s.isdigit():  # 3千5百, 12萬3千
        return float(_combine([int(t) if t.isdigit() else t for t in _MIXED_TOKEN_RE.findall(s)]))
    value = parse_chinese_numeral(s)
    return float(value) if value is not None else None


# --- table columns ---------------------------------------------------------------------------------

#: Lines longer than this are not treated as table rows: bounds the work per number on hostile input.
MAX_TABLE_LINE_CHARS = 2000
#: How many lines above a row are searched for its header row (a procurement list rarely has more
#: rows than this under one header; further up, a header more likely belongs to another table).
MAX_TABLE_LOOKBACK_LINES = 60
_CELL_SEPARATOR_RE = re.compile(r"[|\t｜]")
_ASCII_DIGIT_RE = re.compile(r"[0-9]")
_RULE_ROW_RE = re.compile(r"[\s|:：\-—=+]*$")


class TableColumns:
    """Header cells of '|' or tab separated table rows in one text, computed once per row."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._headers: dict[int, list[str] | None] = {}
        self._rows: dict[int, tuple[list[str], list[int]]] = {}

    def _line_span(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.text
        lo = max(0, start - MAX_TABLE_LINE_CHARS)
        line_start = text.rfind("\n", lo, start) + 1
        if line_start == 0 and lo > 0:
            return None
        line_end = text.find("\n", end, end + MAX_TABLE_LINE_CHARS)
        if line_end < 0:
            if len(text) - end >= MAX_TABLE_LINE_CHARS:
                return None
            line_end = len(text)
        return line_start, line_end

    def _header_row(self, line_start: int, cell_count: int) -> list[str] | None:
        if line_start in self._headers:
            return self._headers[line_start]
        header = None
        end = line_start - 1
        for _ in range(MAX_TABLE_LOOKBACK_LINES):
            if end < 0:
                break
            start = self.text.rfind("\n", max(0, end - MAX_TABLE_LINE_CHARS), end) + 1
            if start in self._headers:
                cached = self._headers[start]
                if cached is None or len(cached) == cell_count:
                    header = cached  # the row above is under the same header
                    break
            line = self.text[start:end]
            cells = _CELL_SEPARATOR_RE.split(line)
            if _RULE_ROW_RE.match(line) and line.strip():
                end = start - 1  # |---|---| under a markdown header
                continue
            if line.strip() and len(cells) == cell_count and not _ASCII_DIGIT_RE.search(line):
                header = [cell.strip() for cell in cells]
                break
            if not line.strip() or len(cells) != cell_count:
                if not line.strip() or len(cells) < 2:
                    break  # the table ended above this row
            end = start - 1
        self._headers[line_start] = header
        return header

    def _row(self, line_start: int, line_end: int) -> tuple[list[str], list[int]]:
        if line_start not in self._rows:
            line = self.text[line_start:line_end]
            cells = [cell.strip() for cell in _CELL_SEPARATOR_RE.split(line)]
            starts = [line_start] + [line_start + m.end() for m in _CELL_SEPARATOR_RE.finditer(line)]
            self._rows[line_start] = (cells, starts)
        return self._rows[line_start]

    def row_and_header(self, start: int, end: int) -> tuple[list[str], list[str], int] | None:
        """(row cells, header cells, column index) when text[start:end] is a whole table cell.

        The lists are shared with the cache: do not change them.
        """
        span = self._line_span(start, end)
        if span is None:
            return None
        cells, starts = self._row(*span)
        if len(cells) < 2:
            return None
        index = bisect.bisect_right(starts, start) - 1
        if cells[index] != self.text[start:end]:
            return None
        header = self._header_row(span[0], len(cells))
        if header is None:
            return None
        return cells, header, index

    def column_header(self, position: int) -> str | None:
        """The header cell of the table column that holds ``position``, if it is in a table row."""
        span = self._line_span(position, position)
        if span is None:
            return None
        cells, starts = self._row(*span)
        if len(cells) < 2:
            return None
        header = self._header_row(span[0], len(cells))
        return header[bisect.bisect_right(starts, position) - 1] if header else None
