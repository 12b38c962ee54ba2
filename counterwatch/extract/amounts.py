"""Find money amounts in English and Chinese text: value, ISO 4217 currency, kind and range.

Every Arabic number is looked at once: a currency sign or code just before it, a multiplier and a
currency word just after it, or a Chinese money label (预算金额：…) in front of a bare number. Chinese
numeral amounts (人民币贰佰玖拾伍万伍仟玖佰元整) have a pattern of their own. Masked amounts (***元,
详见附件) hold no digits and so are never found; a number touching a mask character is skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from counterwatch.extract.amount_kinds import KIND_RE, KIND_WORDS, KindLabels
from counterwatch.extract.currencies import (
    APPROX_WORDS, CHINESE_WORDS, CODE_ALIASES, COUNTRY_OF, ISO_CODES, MONEY_LABELS, SYMBOLS,
    CountryWords, alternation, code_for,
)
from counterwatch.ingest.simplified import to_simplified
from counterwatch.extract.numbers import (
    ARABIC_NUMBER_RE, CHINESE_DIGIT_CLASS, CHINESE_DIGITS, CHINESE_MULTIPLIER,
    CHINESE_NUMERAL_CLASS, ENGLISH_MULTIPLIER, SPACED_NUMBER, fold_width, multiplier_value,
    TableColumns, number_value, parse_chinese_numeral,
)


@dataclass(frozen=True)
class AmountMatch:
    """One money amount; ``text[start:end]`` is its surface."""

    start: int
    end: int
    value: float
    currency: str
    kind: str | None = None  # budget, ceiling, award, contract, unit_price, fee, or None
    approximate: bool = False
    value_max: float | None = None  # upper end of a range; ``value`` is then the lower end


# --- limits -----------------------------------------------------------------------------------------
#: Characters before a Chinese numeral amount searched for "人民币（大写）：".
PREFIX_WINDOW = 12
#: Characters before an amount searched for "approximately" / "an estimated" / "将近", plus one
#: so that a word boundary before the longest word is seen.
APPROX_WINDOW = 18
#: Characters before a bare number searched for a Chinese money label with its bracketed unit
#: ("中标（成交）金额（小写）（万元）：" is 18).
LABEL_WINDOW = 30
#: Characters before a labelled bare number searched for a "单位：万元" statement.
UNIT_STATEMENT_WINDOW = 300
#: Values are rounded to this many decimals: 295.59 * 10**4 is 2955899.9999999995 in floats.
VALUE_DECIMALS = 4
#: A Chinese-numeral amount of one character (一元, 三元区) is too often not money.
MIN_CHINESE_NUMERAL_CHARS = 2

_CODES = alternation([*ISO_CODES, *CODE_ALIASES])
_ADJECTIVE = rf"(?:{alternation(COUNTRY_OF)})"
#: A currency sign or code right before a number, with an optional ".", spaces, "(小写)" and ":".
#: Found once over the whole text; a flat alternation of literals is searched fast.
_PREFIX_SCAN_RE = re.compile(
    rf"(?:{alternation([*SYMBOLS, *ISO_CODES, *CODE_ALIASES])})"
    r"\.?\s{0,2}(?:[(（](?:小写|大写)?[)）])?[:：]?\s{0,2}(?=\d)"
)
_WORD_PATTERN = (
    r"(?i:dollars?|euros?|pounds?(?:\s+sterling)?|yuan|renminbi|rmb|shillings?|rupees?|naira|rand|"
    r"dirhams?|riyals?|rials?|ringgits?|baht|pesos?|rupiahs?|dong|won|roubles?|rubles?|lira|taka|"
    r"birr|cedis?|kwacha|tenge|yen|reais|francs?|bolivianos?|leva|lev|hryvnias?|shekels?)(?![A-Za-z])"
)
_CN_BRACKET_UNIT = rf"[(（]\s*(?:单位\s*[:：]\s*)?(?:人民币)?(?P<bmult>{CHINESE_MULTIPLIER})?(?P<bcur>元|美元|人民币)\s*[)）]"
_RIGHT_RE = re.compile(
    rf"(?P<more1>\s?[余多])?(?:\s?(?P<mult>{CHINESE_MULTIPLIER}|(?i:{ENGLISH_MULTIPLIER})))?(?P<more2>[余多])?"
    rf"(?:\s?(?P<cn>(?:{alternation(CHINESE_WORDS)})(?:人民币)?)"
    rf"|\s*{_CN_BRACKET_UNIT}"
    rf"|\s?(?:(?P<adj>{_ADJECTIVE})\s+)?(?P<word>{_WORD_PATTERN})"
    rf"|\s?(?P<code>(?<![A-Za-z])(?:{_CODES}))(?![A-Za-z]))?"
)
_SPACED_RE = re.compile(SPACED_NUMBER)
_PERCENT_RE = re.compile(r"\s?(?:%|‰|(?i:per\s?cent|percent|pct)\b)")
_PER_UNIT_RE = re.compile(r"\s?(?:/|(?i:per|each|apiece|a\s+piece)\b|每)")
_RANGE_JOIN_RE = re.compile(r"\s*(?:-|–|—|~|〜|至|到)\s*|\s+(?:to|and)\s+")
_RANGE_AFTER_RE = re.compile(r"\s*(?:-|–|—|~|〜|至|到)|\s+(?:to|and)\s")
_RANGE_BEFORE_RE = re.compile(r"(?:-|–|—|~|〜|至|到|\sto|\sand)\s*$")
#: Characters before a number searched for a range connector (" and ", "至").
RANGE_JOIN_CHARS = 6
_BETWEEN_RE = re.compile(r"(?i:between|from)\s+$")
_MASK_CHARS = frozenset("*＊×✱●○")
_REJECT_AFTER_BARE = frozenset("年月日号%‰个台套人次")
_WORDS_NEED_MAGNITUDE = frozenset({"pound", "won", "rand", "dong", "lira", "lev"})
_GROUPED_RE = re.compile(r"\d[, \u00a0\u202f\u2009]\d")
#: Characters that can end a Chinese money label ("金额", "预算", "（万元）", "：", "为").
_LABEL_END_CHARS = frozenset("算额价款金)）:：为是")
#: The traditional forms of those characters (額 價 為), looked for before the view is made.
_TRADITIONAL_LABEL_END_CHARS = frozenset("額價為")
#: First characters of what _RIGHT_RE can match, besides ASCII letters.
_RIGHT_START_CHARS = frozenset("".join(CHINESE_WORDS) + "十百千万萬亿億余多(（%‰")
_CELL_EDGE_CHARS = frozenset("|\t\n")
#: A range's two ends are at most this far apart ("5万元 至 10万元", "$1m and $2m").
MAX_RANGE_GAP = 8
_MONEY_HEADER_RE = re.compile(r"预算|金额|总价|报价|价格|限价|控制价|价款|总额|单价|中标价|成交价")
_UNIT_IN_LABEL_RE = re.compile(rf"(?P<mult>{CHINESE_MULTIPLIER})?(?:美元|元)")

# --- kinds and approximation -------------------------------------------------------------------------
#: A money label with its brackets and colon right before a number, matched on the reversed text
#: before it (预算金额（万元）： reads as "：）元万（额金算预").
_REVERSED_MONEY_LABEL_RE = re.compile(
    r"\s*(?:[)）][^()（）\n]{0,8}[(（])?\s*[:：]?\s*(?:为|是)?\s*(?:[)）][^()（）\n]{0,8}[(（]\s*)*"
    rf"(?:{alternation(label[::-1] for label in MONEY_LABELS)})"
)
_UNIT_STATEMENT_RE = re.compile(rf"单位\s*[:：]\s*(?:人民币)?(?P<mult>{CHINESE_MULTIPLIER})?(?:元|人民币)")
#: "about", "约" ... right before an amount, matched on the lower-cased reversed text before it.
_REVERSED_APPROX_RE = re.compile(
    rf"\s*(?:{alternation(w[::-1] for w in APPROX_WORDS)})(?![a-z])"
)
_APPROX_AFTER_RE = re.compile(r"\s?(?:左右|上下|以上|(?i:or\s+so)\b)")
_CHINESE_AMOUNT_RE = re.compile(
    # The first numeral character is matched before the look-behind so that the engine skips fast
    # to candidates, and a long run is tried once, not from each of its characters.
    rf"(?P<num>{CHINESE_NUMERAL_CLASS}(?<!{CHINESE_NUMERAL_CLASS}{CHINESE_NUMERAL_CLASS}){CHINESE_NUMERAL_CLASS}*+)"
    rf"(?P<cur>{alternation(k for k in CHINESE_WORDS if k != '萬元')})"
    rf"(?:零?(?P<jiao>{CHINESE_DIGIT_CLASS})角)?(?:零?(?P<fen>{CHINESE_DIGIT_CLASS})分)?(?P<zheng>整|正)?"
)
_RMB_PREFIX_RE = re.compile(r"人民币\s*(?:[(（]大写[)）])?\s*[:：]?\s*$")
#: Chinese numerals longer than this are not amounts (the longest real one, with 亿, 万 and every
#: digit spelled out, is about 20 characters).
MAX_CHINESE_NUMERAL_CHARS = 24
_VAGUE_BEFORE = frozenset("数几上成好")


@dataclass
class _Piece:
    """One number with the currency and multiplier around it, before ranges are joined."""

    start: int
    end: int
    raw: float
    grouped: bool  # written with thousands separators
    mult: float | None
    currency: str | None
    needs_magnitude: bool = False
    approximate: bool = False
    unit_price: bool = False
    label_kind: str | None = None  # the kind its Chinese label or column header names

    def value(self, inherited_mult: float | None = None) -> float:
        return self.raw * (self.mult or inherited_mult or 1.0)


class _Context:
    """Currency prefixes, country words and table columns of one text, looked up only when needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tables = TableColumns(text)
        self.labels = KindLabels(text, self.tables)
        #: number start -> (currency sign or code, where the prefix starts)
        self.prefixes: dict[int, tuple[str, int]] = {}
        for match in _PREFIX_SCAN_RE.finditer(text):
            first = match.start()
            if first and text[first - 1].isascii() and text[first - 1].isalpha():
                continue  # the tail of a word, not a code: "BUS$5"
            symbol = match.group().rstrip(" :：").removesuffix("(小写)").removesuffix("(大写)")
            symbol = symbol.rstrip()
            if symbol not in SYMBOLS and symbol not in CODE_ALIASES and symbol not in ISO_CODES:
                symbol = symbol.removesuffix(".")
            self.prefixes[match.end()] = (symbol, first)
        self.countries = CountryWords(text)

    @property
    def view(self) -> str:
        """The text with traditional characters simplified (same length), made on first use."""
        return self.labels.view

    def kind(self, start: int, end: int) -> str | None:
        return self.labels.kind(start, end)

    def approximate_before(self, start: int) -> bool:
        """Whether "about", "约", "nearly" ... stands just before an amount."""
        return bool(_REVERSED_APPROX_RE.match(self.text[max(0, start - APPROX_WINDOW):start].lower()[::-1]))


def _code(surface: str, context: _Context, position: int, adjective: str | None = None) -> str | None:
    return code_for(surface, context.countries, position, adjective)


def _char_before(t: str, pos: int) -> str:
    """The character before ``pos``, skipping up to two spaces; "" at the start."""
    pos -= 1
    for _ in range(2):
        if pos >= 0 and t[pos] == " ":
            pos -= 1
    return t[pos] if pos >= 0 else ""


def _bare_label(t: str, start: int, end: int, context: _Context) -> tuple[float, str, str | None] | None:
    """(multiplier, currency, kind) for a bare number under a Chinese money label or column header."""
    if end < len(t) and t[end] in _REJECT_AFTER_BARE:
        return None
    before = _char_before(t, start)
    label = None
    if before in _LABEL_END_CHARS or before in _TRADITIONAL_LABEL_END_CHARS:
        view = context.view
        label = _REVERSED_MONEY_LABEL_RE.match(view[max(0, start - LABEL_WINDOW):start][::-1])
    if label:
        unit_text = view[start - label.end():start]
    elif before in _CELL_EDGE_CHARS:
        found = context.tables.row_and_header(start, end)
        if found is None or not _MONEY_HEADER_RE.search(to_simplified(found[1][found[2]])):
            return None
        unit_text = to_simplified(found[1][found[2]])
    else:
        return None
    unit = _UNIT_IN_LABEL_RE.search(unit_text)
    if unit is None:
        statements = list(_UNIT_STATEMENT_RE.finditer(context.view, max(0, start - UNIT_STATEMENT_WINDOW), start))
        unit = statements[-1] if statements else None
    label = KIND_RE.search(unit_text.lower())
    kind = KIND_WORDS[label.group()] if label else None
    if unit is None:
        return 1.0, "CNY", kind
    return multiplier_value(unit.group("mult") or ""), "USD" if "美元" in unit.group(0) else "CNY", kind


def _piece_at(t: str, start: int, end: int, context: _Context) -> _Piece | None:
    """The number t[start:end] with its currency and multiplier, or None when it cannot be money."""
    if (start and t[start - 1] in _MASK_CHARS) or (end < len(t) and t[end] in _MASK_CHARS):
        return None
    prefix = context.prefixes.get(start)
    currency, needs_magnitude, surface_start = None, False, start
    if prefix:
        symbol, surface_start = prefix
        currency = _code(symbol, context, start)
        if currency is None:
            return None
        needs_magnitude = symbol in ("R", "N")
        spaced = _SPACED_RE.match(t, start)
        if spaced and spaced.end() > end:
            end = spaced.end()
    elif start and t[start - 1].isascii() and t[start - 1].isalpha():
        return None  # inside a code such as HZCG2019
    number = t[start:end]
    right = _RIGHT_RE.match(t, end) if _may_continue(t, end) else None
    mult_word = ""
    right_end = end
    if right:
        if _PERCENT_RE.match(t, right.end("mult") if right.group("mult") else end):
            return None
        right_end = right.end()
        mult_word = right.group("mult") or right.group("bmult") or ""
        chinese_word = right.group("cn") and (right.group("cn").removesuffix("人民币") or "人民币")
        suffix = chinese_word or right.group("bcur") or right.group("word") or right.group("code")
        if suffix:
            word = right.group("word")
            suffix_code = _code(suffix, context, start, right.group("adj"))
            if suffix_code is None:
                return None  # pesos with no country in sight
            if word and word.split()[0].lower().rstrip("s") in _WORDS_NEED_MAGNITUDE:
                needs_magnitude = not (right.group("adj") or "sterling" in word.lower())
            if currency and suffix_code != currency:
                right_end = right.end("mult") if right.group("mult") else end
            else:
                currency = suffix_code
    mult = multiplier_value(mult_word) if mult_word else None
    label_kind = None
    if currency is None:
        labelled = _bare_label(t, start, end, context)
        if labelled:
            label_mult, currency, label_kind = labelled
            mult = mult or (label_mult if label_mult != 1.0 else None)
    if currency is None and not (_RANGE_AFTER_RE.match(t, right_end) or _RANGE_BEFORE_RE.search(
            t, max(0, start - RANGE_JOIN_CHARS), start)):
        return None  # no currency, and no range for one to come from
    approx = bool(right and (right.group("more1") or right.group("more2"))) or bool(
        _APPROX_AFTER_RE.match(t, right_end))
    return _Piece(
        start=surface_start, end=right_end, raw=number_value(number),
        grouped=bool(_GROUPED_RE.search(number)), mult=mult, currency=currency,
        needs_magnitude=needs_magnitude, approximate=approx,
        unit_price=bool(currency and _PER_UNIT_RE.match(t, right_end)), label_kind=label_kind,
    )


def _may_continue(t: str, end: int) -> bool:
    """Cheap test whether a multiplier, currency word, bracket or % can follow a number at ``end``."""
    if end >= len(t):
        return False
    char = t[end] if t[end] != " " or end + 1 == len(t) else t[end + 1]
    return char in _RIGHT_START_CHARS or (char.isascii() and char.isalpha())


def _join_ranges(t: str, pieces: list[_Piece]) -> list[tuple[_Piece, _Piece | None]]:
    """Pair "5-10万元", "$1m to $2m", "between $1m and $2m"; single pieces pair with None."""
    out: list[tuple[_Piece, _Piece | None]] = []
    i = 0
    while i < len(pieces):
        low = pieces[i]
        high = pieces[i + 1] if i + 1 < len(pieces) else None
        if high is not None and _is_range(t, low, high):
            out.append((low, high))
            i += 2
            continue
        out.append((low, None))
        i += 1
    return out


def _is_range(t: str, low: _Piece, high: _Piece) -> bool:
    if low.end > high.start or high.start - low.end > MAX_RANGE_GAP or not (low.currency or high.currency):
        return False
    if low.currency and high.currency and low.currency != high.currency:
        return False
    join = _RANGE_JOIN_RE.fullmatch(t, low.end, high.start)
    if join is None:
        return False
    if join.group(0).strip() == "and" and not _BETWEEN_RE.search(t, max(0, low.start - 10), low.start):
        return False
    return low.value(_inherited(low, high)) <= high.value()


def _inherited(low: _Piece, high: _Piece) -> float | None:
    """The multiplier "5-10万元" or "$1-2 million" lends its first number."""
    if low.mult is None and high.mult and not low.grouped and low.raw <= high.raw:
        return high.mult
    return None


def _chinese_numeral_amounts(t: str, context: _Context) -> list[AmountMatch]:
    found = []
    for match in _CHINESE_AMOUNT_RE.finditer(t):
        num, start, end = match.group("num"), match.start(), match.end()
        prefix = _RMB_PREFIX_RE.search(t, max(0, start - PREFIX_WINDOW), start)
        if len(num) > MAX_CHINESE_NUMERAL_CHARS or (not prefix and (
                len(num) < MIN_CHINESE_NUMERAL_CHARS or (start and t[start - 1] in _VAGUE_BEFORE))):
            continue
        value = parse_chinese_numeral(num)
        currency = _code(match.group("cur"), context, start)
        if value is None or currency is None:
            continue
        jiao, fen = match.group("jiao"), match.group("fen")
        cents = (CHINESE_DIGITS[jiao] * 10 if jiao else 0) + (CHINESE_DIGITS[fen] if fen else 0)
        start = prefix.start() if prefix else start
        found.append(AmountMatch(start, end, round(value + cents / 100, VALUE_DECIMALS), currency,
                                 context.kind(start, end), context.approximate_before(start)))
    return found


def find_amounts(text: str) -> list[AmountMatch]:
    """Every money amount stated in ``text``, in order, not overlapping."""
    t = fold_width(text)
    context = _Context(t)
    pieces: list[_Piece] = []
    last_end = 0
    for match in ARABIC_NUMBER_RE.finditer(t):
        if match.start() < last_end:
            continue  # already inside "€2 000 000"
        piece = _piece_at(t, match.start(), match.end(), context)
        if piece:
            pieces.append(piece)
            last_end = piece.end
    candidates: list[AmountMatch] = []
    for low, high in _join_ranges(t, pieces):
        currency = low.currency or (high.currency if high else None)
        if currency is None:
            continue
        if high is None:
            if low.needs_magnitude and not (low.mult or low.grouped):
                continue  # a bare R/N prefix or a word like "pounds"/"rand" needs a magnitude
            value, value_max, end = low.value(), None, low.end
        else:
            value, value_max, end = low.value(_inherited(low, high)), high.value(), high.end
        start = low.start
        approximate = low.approximate or bool(high and high.approximate) or context.approximate_before(start)
        kind = "unit_price" if (high or low).unit_price else low.label_kind or context.kind(start, end)
        candidates.append(AmountMatch(
            start, end, round(value, VALUE_DECIMALS), currency, kind, approximate,
            None if value_max is None else round(value_max, VALUE_DECIMALS)))
    candidates.extend(_chinese_numeral_amounts(t, context))
    candidates.sort(key=lambda a: (a.start, -a.end))
    result: list[AmountMatch] = []
    for amount in candidates:
        if amount.value > 0 and (not result or amount.start >= result[-1].end):
            result.append(amount)  # 0元 is a free tender document or a placeholder, never a price
    return result
