"""Find counted quantities of equipment: "1,800 HD cameras", "415 million surveillance cameras",
200台, 1800路, 摄像机200台, 数量：200 单位：台, and table rows with 数量 and 单位 columns.

The caller passes ``units``: lower-case surface words (English nouns, Chinese nouns and measure
words) mapped to unit ids. Only those words make a number a quantity, so people ("97 million
Christians"), percentages, years and amounts of money are never quantities.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from counterwatch.extract.numbers import (
    ARABIC_NUMBER_RE, CHINESE_MULTIPLIER, CHINESE_NUMERAL_CLASS, ENGLISH_MULTIPLIER, TableColumns,
    fold_width, multiplier_value, number_value, parse_chinese_numeral,
)

#: Words allowed between an English number and its unit noun ("415 million surveillance cameras",
#: "200 new HD facial-recognition cameras" counts hyphenated words once).
MAX_MODIFIERS = 3
#: Characters after a Chinese measure word searched for the noun it counts (200台高清网络摄像机).
CN_NOUN_WINDOW = 8
#: Characters after "数量：200" searched for "单位：台".
UNIT_LABEL_WINDOW = 16
#: Counts below this are left out: "1套" / 一套系统 / "one camera" is an article or a single item,
#: not the size of a deployment.
MIN_QUANTITY = 2
#: Characters of the Chinese noun searched for before a number (摄像机200台): longest noun key.
MAX_NOUN_BEFORE_CHARS = 12


@dataclass(frozen=True)
class QuantityMatch:
    """One counted quantity; ``text[start:end]`` is its surface."""

    start: int
    end: int
    value: float
    unit: str  # unit id from the caller's mapping
    noun: str  # the unit word as matched, lower-cased


_CJK_RE = re.compile(r"[\u3400-\u9fff]")
#: Words that end the modifier run after a number: the noun is not in this phrase.
_STOP_WORDS = frozenset(
    "the a an of in on at to for by with from than as were was are is be been had has have "
    "per cent percent years year months days hours people persons times which that who".split()
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
#: The words after a number: at most eight, so the work per number is bounded.
_WORDS_AFTER_RE = re.compile(r"(?:[ \t]+|-)[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*(?:[ \t]+[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*){0,7}")
_ENGLISH_MULT_RE = re.compile(rf"\s?(?i:{ENGLISH_MULTIPLIER})")
_CHINESE_MULT_RE = re.compile(rf"\s?{CHINESE_MULTIPLIER}")
_PERCENT_RE = re.compile(r"\s?(?:%|‰|(?i:per\s?cent|percent)\b)")
_CURRENCY_BEFORE = frozenset("$€£¥₹₦₱฿₩₽#")
_YEAR_PREPOSITIONS_RE = re.compile(r"(?i:in|since|by|from|until|till|during|before|after|of|year)\s+$")
_QUANTITY_LABEL_RE = re.compile(r"数量\s*(?:[(（][^()（）\n]{0,4}[)）])?\s*[:：为]?\s*$")
_VAGUE_BEFORE = frozenset("数几上成好第")
#: What follows a measure word when it counts days, lots or people rather than equipment.
_NOT_EQUIPMENT_AFTER_RE = re.compile(
    r"工作日|日历天|自然日|小时|月|年(?!级)|季度|百分点|标段|包|批次|阶段|方面|部门|单位|人(?![脸证像体])|名|家|"
    r"供应商|问题|环节|项目|工作(?!站)")
_NUMBER_WORDS = {
    **{w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                  "fourteen fifteen sixteen seventeen eighteen nineteen".split())},
    **{w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)},
    "a": 1,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_ONES = "one|two|three|four|five|six|seven|eight|nine"
#: Spelled-out numbers: "six", "twenty-five", "two hundred", "a thousand", "ten billion".
_NUMBER_WORD_STARTS = [w for w in _NUMBER_WORDS if w != "a"] + [
    f"a {scale}" for scale in ("hundred", "thousand", "million", "billion", "dozen")]


def _first_letter_alternation(words: list[str]) -> str:
    """An alternation grouped by first letter, each group checking that no letter comes before.

    Grouping lets the regex engine skip fast to candidate letters and try few branches at each.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(f"{first}(?<![A-Za-z]{first})(?:{'|'.join(rests)})"
                            for first, rests in groups.items()) + ")"


_NUMBER_WORD_RE = re.compile(
    _first_letter_alternation([v for w in _NUMBER_WORD_STARTS for v in (w, w.capitalize())])
    + rf"(?:[- ](?:{_ONES}))?(?:\s+(?:hundred|thousand|million|billion|dozen))*(?![A-Za-z])"
)
_LABEL_END_CHARS = frozenset("量:：为)） ")
_CELL_EDGE_CHARS = frozenset("|\t ")


@dataclass(frozen=True)
class _Units:
    """The caller's unit words, split by language and compiled once."""

    english: dict[str, str]  # "cctv cameras" -> camera (hyphens read as spaces)
    max_words: int
    chinese: dict[str, str]  # "台" -> unit, "摄像机" -> camera
    after_re: re.Pattern | None  # a Chinese unit word right after a number
    noun_re: re.Pattern | None  # a Chinese noun (2+ characters)
    reversed_noun_re: re.Pattern | None  # a Chinese noun ending right before a number (reversed text)
    numeral_re: re.Pattern | None  # Chinese numeral + unit word: 两台, 十二路
    unit_label_re: re.Pattern | None  # "单位：台" after "数量：200"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=16)
def _compile_units(items: frozenset[tuple[str, str]]) -> _Units:
    english = {" ".join(k.lower().replace("-", " ").split()): v for k, v in items if not _CJK_RE.search(k)}
    chinese = {k.strip(): v for k, v in items if _CJK_RE.search(k)}
    nouns = [k for k in chinese if len(k) >= 2]
    words = _alternation(chinese)
    numeral = CHINESE_NUMERAL_CLASS
    return _Units(
        english=english,
        max_words=max((len(k.split()) for k in english), default=1),
        chinese=chinese,
        after_re=re.compile(rf"\s?(?P<more>[余多])?\s?(?P<key>{words})") if chinese else None,
        noun_re=re.compile(_alternation(nouns)) if nouns else None,
        reversed_noun_re=re.compile(rf"\s?[:：]?\s?(?P<noun>{_alternation(n[::-1] for n in nouns)})") if nouns else None,
        numeral_re=re.compile(
            rf"(?P<num>{numeral}(?<!{numeral}{numeral}){numeral}*+)(?P<more>[余多])?(?P<key>{words})"
        ) if chinese else None,
        unit_label_re=re.compile(rf"[^\n]{{0,{UNIT_LABEL_WINDOW}}}?单位\s*[:：]\s*(?P<key>{words})") if chinese else None,
    )


def _english_noun(t: str, pos: int, units: _Units) -> tuple[str, int] | None:
    """(noun, end) of a unit noun after at most MAX_MODIFIERS words from ``pos``.

    "and"/"or" between adjectives ("new and existing street cameras") is not a modifier; after a
    plural ("officers and cameras") it ends the phrase.
    """
    run = _WORDS_AFTER_RE.match(t, pos)
    if run is None:
        return None
    words = [(m.group().lower(), m.end()) for m in _WORD_RE.finditer(t, run.start(), run.end())]
    modifiers = 0
    for i, (word, _) in enumerate(words):
        for size in range(min(units.max_words, len(words) - i), 0, -1):
            key = " ".join(w for w, _ in words[i:i + size]).replace("-", " ")
            if key in units.english:
                return key, words[i + size - 1][1]
        if word in ("and", "or"):
            if i == 0 or words[i - 1][0].endswith("s"):
                return None
            continue
        modifiers += 1
        if word in _STOP_WORDS or modifiers > MAX_MODIFIERS:
            return None
    return None


def _chinese_noun_after(t: str, pos: int, units: _Units) -> re.Match | None:
    """The Chinese noun counted by a measure word (200台高清摄像机), within the same phrase."""
    if units.noun_re is None:
        return None
    window_end = min(len(t), pos + CN_NOUN_WINDOW)
    stop = _PHRASE_END_RE.search(t, pos, window_end)
    return units.noun_re.search(t, pos, stop.start() if stop else window_end)


_PHRASE_END_RE = re.compile(r"[，。；、,;:：\n|\t()（）]")


def _number_ok(t: str, start: int, end: int) -> bool:
    """Whether the number t[start:end] can be a count (not a code, an amount or an ordinal)."""
    if start:
        before = t[start - 1]
        if before.isascii() and (before.isalnum() or before == "_"):
            return False  # HZCG2019, v2
        if before in "-/.:" and start > 1 and t[start - 2].isascii() and t[start - 2].isalnum():
            return False  # COVID-19, 2019-118, 10:30
        if before in _CURRENCY_BEFORE or before in _VAGUE_BEFORE:
            return False
        if before == " " and start > 1 and t[start - 2] in _CURRENCY_BEFORE:
            return False
    return not _PERCENT_RE.match(t, end)


def _quantity(start: int, end: int, value: float, unit: str, noun: str) -> QuantityMatch:
    return QuantityMatch(start, end, float(value), unit, noun)


def _arabic_quantity(t: str, match: re.Match, units: _Units, tables: TableColumns) -> QuantityMatch | None:
    start, end = match.span()
    if not _number_ok(t, start, end):
        return None
    number = match.group()
    value = number_value(number)
    if units.english:
        mult = _ENGLISH_MULT_RE.match(t, end)
        after = mult.end() if mult else end
        found = _english_noun(t, after, units)
        if found:
            is_year = mult is None and len(number) == 4 and number.isdigit() and 1900 <= value <= 2099
            if is_year and _YEAR_PREPOSITIONS_RE.search(t, max(0, start - 8), start):
                return None  # "in 2019 cameras were ..."
            noun, noun_end = found
            value *= multiplier_value(mult.group() if mult else "")
            return _quantity(start, noun_end, value, units.english[noun], noun) if value >= MIN_QUANTITY else None
    if units.after_re is None:
        return None
    mult = _CHINESE_MULT_RE.match(t, end)
    after = mult.end() if mult else end
    factor = multiplier_value(mult.group()) if mult else 1.0
    measure = units.after_re.match(t, after)
    if measure:
        if value * factor < MIN_QUANTITY:
            return None
        return _chinese_quantity(t, start, measure, value * factor, units)
    if value < MIN_QUANTITY:
        return None
    return _labelled_quantity(t, start, end, value, units, tables)


def _chinese_quantity(t: str, start: int, measure: re.Match, value: float,
                      units: _Units) -> QuantityMatch | None:
    """A number with its measure word, widened to the noun before (摄像机200台) or after (200台摄像机)."""
    key, end = measure.group("key"), measure.end()
    if _NOT_EQUIPMENT_AFTER_RE.match(t, end):
        return None  # 5个工作日, 2个标段
    noun, unit = key, units.chinese[key]
    if units.reversed_noun_re is not None:
        before = units.reversed_noun_re.match(t[max(0, start - MAX_NOUN_BEFORE_CHARS - 2):start][::-1])
        if before:
            noun = before.group("noun")[::-1]
            unit, start = units.chinese[noun], start - before.end()
    if noun == key:
        after = _chinese_noun_after(t, end, units)
        if after:
            noun, unit, end = after.group(), units.chinese[after.group()], after.end()
    return _quantity(start, end, value, unit, noun)


def _labelled_quantity(t: str, start: int, end: int, value: float, units: _Units,
                       tables: TableColumns) -> QuantityMatch | None:
    """数量：200 单位：台, or a 数量 table column with a 单位 column beside it."""
    before = t[start - 1] if start else "\n"
    if before in _LABEL_END_CHARS and _QUANTITY_LABEL_RE.search(t, max(0, start - 10), start):
        unit_label = units.unit_label_re.match(t, end) if units.unit_label_re else None
        if unit_label:
            key = unit_label.group("key")
            return _quantity(start, unit_label.end(), value, units.chinese[key], key)
        return None
    found = tables.row_and_header(start, end) if before in _CELL_EDGE_CHARS else None
    if found is None:
        return None
    row, header, index = found
    if "数量" not in header[index]:
        return None
    key = next((row[j] for j, name in enumerate(header) if "单位" in name and row[j] in units.chinese), None)
    noun = next((m.group() for j, cell in enumerate(row) if j != index and units.noun_re
                 and (m := units.noun_re.search(cell))), None) if units.noun_re else None
    word = noun or key
    if word is None:
        return None
    return _quantity(start, end, value, units.chinese[word], word)


def _number_word_value(words: str) -> int:
    total = current = 0
    for word in words.lower().replace("-", " ").split():
        if word in _SCALES and word != "hundred":
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word in ("hundred", "dozen"):
            current = max(current, 1) * (100 if word == "hundred" else 12)
        else:
            current += _NUMBER_WORDS[word]
    return total + current


def _number_word_quantities(t: str, units: _Units) -> list[QuantityMatch]:
    """Quantities with spelled-out numbers: "six analysers", "a thousand new cameras"."""
    found = []
    for match in _NUMBER_WORD_RE.finditer(t):
        start, words = match.start(), match.group()
        value = _number_word_value(words)
        noun = _english_noun(t, match.end(), units) if value >= MIN_QUANTITY else None
        if noun:
            found.append(_quantity(start, noun[1], value, units.english[noun[0]], noun[0]))
    return found


def find_quantities(text: str, units: Mapping[str, str]) -> list[QuantityMatch]:
    """Every counted quantity of a unit in ``units`` stated in ``text``, in order, not overlapping."""
    compiled = _compile_units(frozenset(units.items()))
    t = fold_width(text)
    tables = TableColumns(t)
    candidates = [q for m in ARABIC_NUMBER_RE.finditer(t) if (q := _arabic_quantity(t, m, compiled, tables))]
    if compiled.numeral_re is not None and compiled.after_re is not None:
        for match in compiled.numeral_re.finditer(t):
            value = parse_chinese_numeral(match.group("num"))
            if value is None or value < MIN_QUANTITY or (match.start() and (
                    t[match.start() - 1] in _VAGUE_BEFORE or t[match.start() - 1] in "0123456789.")):
                continue
            key_match = compiled.after_re.match(t, match.end("num"))
            quantity = _chinese_quantity(t, match.start(), key_match, value, compiled) if key_match else None
            if quantity:
                candidates.append(quantity)
    if compiled.english:
        candidates.extend(_number_word_quantities(t, compiled))
    candidates.sort(key=lambda q: (q.start, -q.end))
    result: list[QuantityMatch] = []
    for quantity in candidates:
        if not result or quantity.start >= result[-1].end:
            result.append(quantity)
    return result
