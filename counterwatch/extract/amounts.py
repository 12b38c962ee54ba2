"""Find money amounts in English and Chinese text: value, ISO 4217 currency, kind and range.

Every Arabic number is looked at once: a currency sign or code just before it, a multiplier and a
currency word just after it, or a Chinese money label (预算金额：…) in front of a bare number. Chinese
numeral amounts (人民币贰佰玖拾伍万伍仟玖佰元整) have a pattern of their own. Masked amounts (***元,
详见附件) hold no digits and so are never found; a number touching a mask character is skipped.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

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
#: Characters before an amount searched for a kind label ("contract valued at approximately"), cut
#: at the sentence or line start: long enough for a label plus a few words, short enough not to
#: borrow the label of the previous clause.
KIND_WINDOW_BEFORE = 48
#: Characters above an amount searched for a heading line that names its kind
#: ("六、代理服务收费标准及金额：" over "包1：…；包2：…"): a few short lines.
HEADING_WINDOW = 120
#: Lines longer than this are prose, not section headings.
MAX_HEADING_CHARS = 40
_HEADING_START_RE = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、])")
_COLON_RE = re.compile(r"[:：]")
#: Characters after an amount searched for a trailing kind noun ("a $3.5 million surveillance contract").
KIND_WINDOW_AFTER = 40
#: Characters before an amount searched for "approximately" / "an estimated" / "将近", plus one
#: so that a word boundary before the longest word is seen.
APPROX_WINDOW = 18
#: Characters before a bare number searched for a Chinese money label with its bracketed unit
#: ("中标（成交）金额（小写）（万元）：" is 18).
LABEL_WINDOW = 30
#: Characters before a labelled bare number searched for a "单位：万元" statement.
UNIT_STATEMENT_WINDOW = 300
#: Characters around an ambiguous currency (Sh, Rs, pesos) searched for a country word.
COUNTRY_WINDOW = 400
#: Values are rounded to this many decimals: 295.59 * 10**4 is 2955899.9999999995 in floats.
VALUE_DECIMALS = 4
#: A Chinese-numeral amount of one character (一元, 三元区) is too often not money.
MIN_CHINESE_NUMERAL_CHARS = 2

# --- currencies -------------------------------------------------------------------------------------
_ISO_CODES = (
    "USD EUR GBP CNY JPY HKD SGD AUD CAD NZD TWD KES UGX TZS RWF ETB SOS INR PKR LKR NPR BDT NGN ZAR "
    "GHS ZMW MWK ZWL AED SAR QAR OMR KWD BHD IRR MYR THB IDR PHP VND KRW RUB TRY BRL MXN ARS COP CLP "
    "PEN EGP MAD KZT UZS CHF SEK NOK DKK PLN XOF XAF MMK LAK KHR MNT BOB BGN RON HUF CZK ILS UAH GEL "
    "AZN BYN KGS TJS AFN IQD JOD LBP TND DZD LYD SDG MUR MZN AOA NAD BWP CDF GNF MGA VES PYG GTQ HNL "
    "NIO CRC JMD FJD PGK BND UYU DOP CUP YER SOS"
).split()
_CODE_ALIASES = {"RMB": "CNY", "Rmb": "CNY"}
_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "U.S. $": "USD", "US $": "USD", "HK$": "HKD", "S$": "SGD",
    "SG$": "SGD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "CAN$": "CAD", "NZ$": "NZD",
    "NT$": "TWD", "R$": "BRL", "MX$": "MXN", "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY",
    "₹": "INR", "₦": "NGN", "₱": "PHP", "฿": "THB", "₩": "KRW", "₽": "RUB", "₺": "TRY", "GH₵": "GHS",
    "E£": "EGP", "৳": "BDT", "KSh": "KES", "KShs": "KES", "Ksh": "KES", "Kshs": "KES", "KSH": "KES",
    "KSHS": "KES", "USh": "UGX", "UShs": "UGX", "TSh": "TZS", "TShs": "TZS", "Rp": "IDR", "RM": "MYR",
    "QR": "QAR", "SR": "SAR", "R": "ZAR", "N": "NGN", "Tk": "BDT",
    "人民币": "CNY", "美元": "USD", "港币": "HKD", "港元": "HKD", "欧元": "EUR", "英镑": "GBP", "日元": "JPY",
    # Families resolved from context (see _resolve_family):
    "Sh": "~shilling", "Shs": "~shilling", "Rs": "~rupee", "Dh": "~dirham", "Dhs": "~dirham",
}
_CHINESE_WORDS = {
    "美元": "USD", "欧元": "EUR", "英镑": "GBP", "日元": "JPY", "港元": "HKD", "港币": "HKD",
    "澳元": "AUD", "加元": "CAD", "新加坡元": "SGD", "新台币": "TWD", "卢布": "RUB", "卢比": "~rupee",
    "韩元": "KRW", "泰铢": "THB", "林吉特": "MYR", "先令": "~shilling", "元": "CNY", "圆": "CNY",
    "人民币": "CNY", "萬元": "CNY",
}
#: Currency words after a number -> ISO code, or "~family" when the country decides.
_WORDS = {
    "dollar": "~dollar", "euro": "EUR", "pound": "~pound", "yuan": "CNY", "renminbi": "CNY",
    "rmb": "CNY", "shilling": "~shilling", "rupee": "~rupee", "naira": "NGN", "rand": "ZAR",
    "dirham": "~dirham", "riyal": "~riyal", "rial": "~rial", "ringgit": "MYR", "baht": "THB",
    "peso": "~peso", "rupiah": "IDR", "dong": "VND", "won": "KRW", "rouble": "RUB", "ruble": "RUB",
    "lira": "TRY", "taka": "BDT", "birr": "ETB", "cedi": "GHS", "kwacha": "~kwacha", "tenge": "KZT",
    "yen": "JPY", "reais": "BRL", "franc": "~franc", "boliviano": "BOB", "bolivianos": "BOB",
    "leva": "BGN", "lev": "BGN", "hryvnia": "UAH", "hryvnias": "UAH", "shekel": "ILS", "shekels": "ILS",
}
#: What a family means with no country in sight; None: leave the amount out (pesos).
_FAMILY_DEFAULTS = {
    "dollar": "USD", "pound": "GBP", "shilling": "KES", "rupee": "INR", "dirham": "AED",
    "riyal": "SAR", "rial": "OMR", "kwacha": "ZMW", "peso": None, "franc": None,
}
_FAMILY_BY_COUNTRY = {
    "dollar": {"US": "USD", "HK": "HKD", "SG": "SGD", "AU": "AUD", "CA": "CAD", "NZ": "NZD",
               "TW": "TWD", "ZW": "ZWL"},
    "pound": {"GB": "GBP", "EG": "EGP"},
    "shilling": {"KE": "KES", "UG": "UGX", "TZ": "TZS", "SO": "SOS"},
    "rupee": {"IN": "INR", "PK": "PKR", "LK": "LKR", "NP": "NPR"},
    "dirham": {"AE": "AED", "MA": "MAD"},
    "riyal": {"SA": "SAR", "QA": "QAR"},
    "rial": {"OM": "OMR", "IR": "IRR", "YE": "YER"},
    "kwacha": {"ZM": "ZMW", "MW": "MWK"},
    "peso": {"MX": "MXN", "PH": "PHP", "AR": "ARS", "CO": "COP", "CL": "CLP", "CU": "CUP",
             "DO": "DOP", "UY": "UYU"},
    "franc": {"CH": "CHF", "RW": "RWF"},
}
#: Country words (names, adjectives, capitals) that decide an ambiguous currency family.
_COUNTRY_WORDS = {
    "US": "US|U.S.|American|United States", "HK": "Hong Kong|HK", "SG": "Singapore|Singaporean",
    "AU": "Australia|Australian", "CA": "Canada|Canadian", "NZ": "New Zealand",
    "TW": "Taiwan|Taiwanese|New Taiwan", "ZW": "Zimbabwe|Zimbabwean|Harare",
    "GB": "British|Britain|UK|sterling", "EG": "Egypt|Egyptian|Cairo",
    "KE": "Kenya|Kenyan|Nairobi|Mombasa", "UG": "Uganda|Ugandan|Kampala",
    "TZ": "Tanzania|Tanzanian|Dar es Salaam|Dodoma", "SO": "Somalia|Somali|Mogadishu",
    "IN": "India|Indian|New Delhi|Delhi|Mumbai", "PK": "Pakistan|Pakistani|Islamabad|Karachi|Lahore",
    "LK": "Sri Lanka|Sri Lankan|Colombo", "NP": "Nepal|Nepali|Nepalese|Kathmandu",
    "AE": "UAE|Emirati|Emirates|Dubai|Abu Dhabi", "MA": "Morocco|Moroccan|Rabat|Casablanca",
    "SA": "Saudi|Riyadh|Jeddah", "QA": "Qatar|Qatari|Doha", "OM": "Oman|Omani|Muscat",
    "IR": "Iran|Iranian|Tehran", "YE": "Yemen|Yemeni", "ZM": "Zambia|Zambian|Lusaka",
    "MW": "Malawi|Malawian|Lilongwe", "MX": "Mexico|Mexican", "PH": "Philippines|Philippine|Filipino|Manila",
    "AR": "Argentina|Argentine|Argentinian|Buenos Aires", "CO": "Colombia|Colombian|Bogota|Bogotá",
    "CL": "Chile|Chilean|Santiago", "CU": "Cuba|Cuban|Havana", "DO": "Dominican",
    "UY": "Uruguay|Uruguayan|Montevideo", "CH": "Switzerland|Swiss", "RW": "Rwanda|Rwandan|Kigali",
}
_COUNTRY_OF = {word: code for code, words in _COUNTRY_WORDS.items() for word in words.split("|")}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CODES = _alternation([*_ISO_CODES, *_CODE_ALIASES])
# A flat alternation of literals lets the regex engine skip to candidate first letters, which is
# an order of magnitude faster over a whole text than named groups or a leading \b.
_COUNTRY_RE = re.compile(rf"(?:{_alternation(_COUNTRY_OF)})(?![A-Za-z])")
_ADJECTIVE = rf"(?:{_alternation(_COUNTRY_OF)})"
#: A currency sign or code right before a number, with an optional ".", spaces, "(小写)" and ":".
#: Found once over the whole text; a flat alternation of literals is searched fast.
_PREFIX_SCAN_RE = re.compile(
    rf"(?:{_alternation([*_SYMBOLS, *_ISO_CODES, *_CODE_ALIASES])})"
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
    rf"(?:\s?(?P<cn>(?:{_alternation(_CHINESE_WORDS)})(?:人民币)?)"
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
_RIGHT_START_CHARS = frozenset("".join(_CHINESE_WORDS) + "十百千万萬亿億余多(（%‰")
_CELL_EDGE_CHARS = frozenset("|\t\n")
#: A range's two ends are at most this far apart ("5万元 至 10万元", "$1m and $2m").
MAX_RANGE_GAP = 8
_MONEY_HEADER_RE = re.compile(r"预算|金额|总价|报价|价格|限价|控制价|价款|总额|单价|中标价|成交价")
_UNIT_IN_LABEL_RE = re.compile(rf"(?P<mult>{CHINESE_MULTIPLIER})?(?:美元|元)")

# --- kinds and approximation -------------------------------------------------------------------------
_KIND_LABELS = {  # "|"-separated labels, as they appear in lower-cased text
    "award": "中标金额|中标总金额|中标价格|中标价|中标总价|中标额|中标(成交)金额|中标(成交)价格|中标(成交)价|"
             "成交金额|成交总金额|成交价格|成交价|成交总价|成交额|awarded|winning bid",
    "ceiling": "最高限价|最高投标限价|招标控制价|控制价|拦标价|限价|ceiling|price cap|maximum price",
    "contract": "合同金额|合同总金额|合同价款|合同价格|合同价|合同总价|contract|deal|agreement",
    "budget": "预算金额|预算资金|预算价|预算|采购预算|项目预算|budget|budgeted|allocated|allocation|earmarked",
    "unit_price": "单价|unit price|per unit",
    # Fees, deposits and document prices are stated in notices but are not what was bought.
    "fee": "代理服务费|服务费|代理费|招标代理费|收费|保证金|投标保证金|履约保证金|文件售价|售价|标书费|文件费|工本费|"
           "fee|fees|deposit",
}
_KIND_WORDS = {label: kind for kind, labels in _KIND_LABELS.items() for label in labels.split("|")}
#: Kind labels in lower-cased text. A flat alternation of literals is searched fast.
_KIND_RE = re.compile(rf"(?:{_alternation(_KIND_WORDS)})(?![a-z])")
_KIND_AFTER_RE = re.compile(
    r"\s*(?:[-\w]+\s+){0,3}?(?i:(?P<contract>contract|deal|agreement)|(?P<budget>budget))\b"
)
#: Ends of the clause a kind label must be in; a line ending in a colon heads the lines below it
#: (六、代理服务收费标准及金额：\n包1：人民币…).
_CLAUSE_END_RE = re.compile(r"[。！？；;]|\.\s|(?<![:：\n])\n")
#: Chinese labels that make a bare number in front of them an amount (in 元 unless a unit is given).
_MONEY_LABELS = "预算 金额 总价 报价 价格 限价 控制价 价款 总额 资金 单价 中标价 成交价".split()
#: A money label with its brackets and colon right before a number, matched on the reversed text
#: before it (预算金额（万元）： reads as "：）元万（额金算预").
_REVERSED_MONEY_LABEL_RE = re.compile(
    r"\s*(?:[)）][^()（）\n]{0,8}[(（])?\s*[:：]?\s*(?:为|是)?\s*(?:[)）][^()（）\n]{0,8}[(（]\s*)*"
    rf"(?:{_alternation(label[::-1] for label in _MONEY_LABELS)})"
)
_UNIT_STATEMENT_RE = re.compile(rf"单位\s*[:：]\s*(?:人民币)?(?P<mult>{CHINESE_MULTIPLIER})?(?:元|人民币)")
_APPROX_WORDS = ("about|around|approximately|approx|approx.|nearly|almost|roughly|some|over|more than|up to|"
                 "an estimated|estimated|at least|close to|约|大约|近|超过|逾|将近|接近").split("|")
#: "about", "约" ... right before an amount, matched on the lower-cased reversed text before it.
_REVERSED_APPROX_RE = re.compile(
    rf"\s*(?:{_alternation(w[::-1] for w in _APPROX_WORDS)})(?![a-z])"
)
_APPROX_AFTER_RE = re.compile(r"\s?(?:左右|上下|以上|(?i:or\s+so)\b)")
_CHINESE_AMOUNT_RE = re.compile(
    # The first numeral character is matched before the look-behind so that the engine skips fast
    # to candidates, and a long run is tried once, not from each of its characters.
    rf"(?P<num>{CHINESE_NUMERAL_CLASS}(?<!{CHINESE_NUMERAL_CLASS}{CHINESE_NUMERAL_CLASS}){CHINESE_NUMERAL_CLASS}*+)"
    rf"(?P<cur>{_alternation(k for k in _CHINESE_WORDS if k != '萬元')})"
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
    """Country words and table columns of one text, looked up only when needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tables = TableColumns(text)
        #: number start -> (currency sign or code, where the prefix starts)
        self.prefixes: dict[int, tuple[str, int]] = {}
        for match in _PREFIX_SCAN_RE.finditer(text):
            first = match.start()
            if first and text[first - 1].isascii() and text[first - 1].isalpha():
                continue  # the tail of a word, not a code: "BUS$5"
            symbol = match.group().rstrip(" :：").removesuffix("(小写)").removesuffix("(大写)")
            symbol = symbol.rstrip()
            if symbol not in _SYMBOLS and symbol not in _CODE_ALIASES and symbol not in _ISO_CODES:
                symbol = symbol.removesuffix(".")
            self.prefixes[match.end()] = (symbol, first)
        self._countries: list[tuple[int, str]] | None = None  # (position, country), in order
        self._families: dict[str, tuple[list[int], list[str], str | None]] = {}
        self._view: str | None = None

    @property
    def view(self) -> str:
        """The text with traditional characters simplified (same length), where money labels are read:
        中標金額 and 預算金額 are the labels 中标金额 and 预算金额. Made on first use."""
        if self._view is None:
            self._view = to_simplified(self.text)
        return self._view

    def resolve(self, family: str, position: int, adjective: str | None = None) -> str | None:
        """ISO code for a currency family (shilling, rupee ...) from the nearest country word."""
        choices = _FAMILY_BY_COUNTRY.get(family, {})
        if adjective in _COUNTRY_OF and _COUNTRY_OF[adjective] in choices:
            return choices[_COUNTRY_OF[adjective]]
        positions, countries, most_common = self._family_countries(family)
        index = bisect.bisect_left(positions, position)
        near = [(abs(positions[i] - position), countries[i]) for i in (index - 1, index)
                if 0 <= i < len(positions) and abs(positions[i] - position) <= COUNTRY_WINDOW]
        if near:
            return choices[min(near)[1]]
        return choices[most_common] if most_common else _FAMILY_DEFAULTS.get(family)

    def _family_countries(self, family: str) -> tuple[list[int], list[str], str | None]:
        """Positions and countries of the country words that bear on one family, and the commonest."""
        if family not in self._families:
            if self._countries is None:
                self._countries = [(m.start(), _COUNTRY_OF[m.group()]) for m in _COUNTRY_RE.finditer(self.text)
                                   if not (m.start() and self.text[m.start() - 1].isalpha())]
            choices = _FAMILY_BY_COUNTRY.get(family, {})
            relevant = [(pos, country) for pos, country in self._countries if country in choices]
            counts = Counter(country for _, country in relevant)
            self._families[family] = ([pos for pos, _ in relevant], [c for _, c in relevant],
                                      counts.most_common(1)[0][0] if counts else None)
        return self._families[family]

    def kind(self, start: int, end: int) -> str | None:
        """budget, ceiling, award, contract or unit_price from the nearest label around an amount."""
        text = self.text
        lo = max(0, start - KIND_WINDOW_BEFORE)
        for clause_end in _CLAUSE_END_RE.finditer(text, lo, start):
            lo = clause_end.end()
        window = self.view[lo:start].lower()
        before = None
        for label in _KIND_RE.finditer(window):
            if not (label.start() and window[label.start() - 1].isascii() and window[label.start() - 1].isalpha()):
                before = label
        if before is None:
            before = self._heading_label(start) or self._column_label(start)
            window = "" if before is None else window  # a heading label is never nearer than "after"
        after = _KIND_AFTER_RE.match(text, end, min(len(text), end + KIND_WINDOW_AFTER))
        if before and (after is None or len(window) - before.end() <= after.start(after.lastgroup or 0) - end):
            return _KIND_WORDS[before.group()]
        return after.lastgroup if after else None

    def _heading_label(self, start: int) -> re.Match | None:
        """The last kind label of the section heading an amount stands under.

        A heading is the start of the amount's own line up to its colon when the line is numbered
        (六、代理服务收费标准及金额：包1：…；包2：…), or a short line just above that is numbered or
        ends in a colon (八、代理服务收费标准及金额 / 六、采购代理服务费).
        """
        text = self.view
        lo = max(0, start - HEADING_WINDOW)
        line_start = text.rfind("\n", lo, start) + 1
        if _HEADING_START_RE.match(text, line_start, start):
            colon = _COLON_RE.search(text, line_start, start)
            lines = [text[line_start:colon.start() if colon else start]]
        else:
            lines = []
            end = line_start - 1
            while end > lo and len(lines) < 2:
                begin = text.rfind("\n", lo, end) + 1
                line = text[begin:end].strip()
                if line:
                    lines.append(line)
                end = begin - 1
            lines = [line for line in lines[:1] if len(line) <= MAX_HEADING_CHARS and (
                _HEADING_START_RE.match(line) or line.endswith((":", "：")))]
        for line in lines:
            labels = list(_KIND_RE.finditer(line.lower()))
            if labels:
                return labels[-1]
        return None

    def _column_label(self, start: int) -> re.Match | None:
        """The kind label of the table column header over an amount (| 合同金额 | … |)."""
        header = self.tables.column_header(start)
        return _KIND_RE.search(to_simplified(header).lower()) if header else None

    def approximate_before(self, start: int) -> bool:
        """Whether "about", "约", "nearly" ... stands just before an amount."""
        return bool(_REVERSED_APPROX_RE.match(self.text[max(0, start - APPROX_WINDOW):start].lower()[::-1]))


def _code_for(surface: str, context: _Context, position: int, adjective: str | None = None) -> str | None:
    """ISO code of a currency sign, code or word; None when it stays ambiguous (pesos)."""
    code = _SYMBOLS.get(surface) or _CHINESE_WORDS.get(surface) or _CODE_ALIASES.get(surface)
    if code is None and surface in _ISO_CODES:
        code = surface
    if code is None:
        word = surface.lower().split()[0]
        code = _WORDS.get(word) or _WORDS.get(word[:-1]) or _WORDS.get(word.removesuffix("es"))
    if code and code.startswith("~"):
        return context.resolve(code[1:], position, adjective)
    return code


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
    label = _KIND_RE.search(unit_text.lower())
    kind = _KIND_WORDS[label.group()] if label else None
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
        currency = _code_for(symbol, context, start)
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
            suffix_code = _code_for(suffix, context, start, right.group("adj"))
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
        currency = _code_for(match.group("cur"), context, start)
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
