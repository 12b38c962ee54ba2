"""Privacy redaction before anything is stored: phone numbers, e-mail addresses, ID and passport
numbers, and the names of contact persons that follow a label.

Ordinary numbers (amounts, quantities, years, dates, project and lot numbers, percentages) are
left alone: unlabelled numbers are redacted only in the exact shape of a phone or ID number, with
no digit, letter, decimal part or currency touching them and no code label ("编号", "No.") before.

For speed, detectors find their anchors with plain substring search (labels, "@", "+") or one
digit-run scan, and try their patterns only there; spans are collected, overlaps resolved, and
the text rebuilt once.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from counterwatch.ingest.simplified import to_simplified

PHONE_TOKEN = "[phone]"
EMAIL_TOKEN = "[email]"
ID_TOKEN = "[id-number]"
NAME_TOKEN = "[name]"

#: A telephone number has at least this many digits (Chinese local numbers have 7-8, with
#: area code 10-12); fewer digits after a label are a count or an extension, not a number.
MIN_PHONE_DIGITS = 7
#: Digits a labelled phone value may have at most: 15 (E.164) plus a 5-digit extension.
MAX_LABELLED_PHONE_DIGITS = 20
#: International numbers have 8-15 digits with the country code (E.164).
MIN_INTERNATIONAL_DIGITS, MAX_INTERNATIONAL_DIGITS = 8, 15
#: A Chinese personal name is 2-4 characters (surname plus given name; compound surnames make 4).
MIN_CN_NAME_CHARS, MAX_CN_NAME_CHARS = 2, 4
#: Characters before an unlabelled number searched for a code label: the longest label
#: ("采购项目编号：", "Reference No.: ") with its punctuation and spaces fits in 16.
CODE_LABEL_LOOKBACK = 16
#: Characters an e-mail local part may have (RFC 5321).
MAX_EMAIL_LOCAL = 64

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Characters that make a number part of a longer code when they touch it on the left.
_CODE_LEFT = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-/.+¥$￥#")
_NO_RIGHT = r"(?![0-9A-Za-z_%])(?!\.[0-9])(?!-[0-9])"
_NO_MONEY = r"(?![ \t]*(?:元|万|亿|块|美元|人民币|(?i:yuan|rmb|cny)))"

# ---- e-mail ------------------------------------------------------------------------------------
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._%+\-]{1," + str(MAX_EMAIL_LOCAL) + r"}\Z")
_EMAIL_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,24}(?![A-Za-z0-9])"
)

# ---- numbers without a label, tried where a run of 3+ digits (or a "+") starts -----------------
_NUMBER = re.compile(
    # Chinese resident identity number: area, birth date 18xx-20xx, sequence, check digit or X.
    r"(?P<id>[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]"
    r"(?![0-9A-Za-z]))"
    r"|(?P<intl>\+[1-9][0-9]{0,2}(?:[ \-.]?\(?[0-9]{1,5}\)?){1,5}[ \-.]?[0-9]{2,5}" + _NO_RIGHT + ")"
    r"|(?P<mobile>1[3-9][0-9](?:[ \-]?[0-9]{4}){2}" + _NO_RIGHT + _NO_MONEY + ")"
    r"|(?P<landline>(?:[(（]0[0-9]{2,3}[)）][ \t]?|0[0-9]{2,3}[\-－ ])[2-9][0-9]{6,7}(?:(?:-|转)[0-9]{1,5})?"
    + _NO_RIGHT + _NO_MONEY + ")"
    r"|(?P<nanp>(?:\([2-9][0-9]{2}\)[ \t]?[2-9][0-9]{2}[\-. ][0-9]{4}|[2-9][0-9]{2}([\-.])[2-9][0-9]{2}\6[0-9]{4})"
    + _NO_RIGHT + ")"
)
#: Where a phone or ID number can start: a "+", or a whole run of digits of a length that begins
#: one (17-18 for an ID, 11 for a mobile, 3-4 before a separator or a closing parenthesis for an
#: area code, a North American number or a spaced mobile). Anything else is skipped unexamined.
_NUMBER_START = re.compile(
    r"[0-9](?<![0-9]{2})(?:[0-9]{16,17}|[0-9]{10}|[0-9]{2,3}(?=[\-. －)）]))(?![0-9])|\+"
)
#: Labels of codes that may look like phone numbers ("项目编号：0571-20190123").
_CN_CODE_LABELS = ("编号", "编码", "项目号", "合同号", "包号", "文号", "批号", "代码")
_EN_CODE_LABELS = ("no", "ref", "reference", "number", "code", "id")

# ---- labels and what follows them --------------------------------------------------------------
_PHONE_CHUNK = r"\+?[(（]?[0-9][0-9 ()（）\-－]{5,22}[0-9](?:[ \t]*(?:转|(?i:ext\.?|x))[ \t]*[0-9]{1,5})?"
_PHONE_CHUNK_RE = re.compile(_PHONE_CHUNK)
_AFTER_PHONE_LABEL = re.compile(
    r"(?:[ \t]*(?i:no\.?|number|号码|号))?[ \t]*(?:[:：.|｜]{1,2}[ \t\u3000\n]*)?"
    # A short name or title may stand between the label and the number (联系方式：赵警官，0516-...).
    r"(?:[^\d\n:：]{1,12}?[，,、;；][ \t]*)?"
    r"(?P<value>" + _PHONE_CHUNK + r"(?:[ \t]*[、/,，;；或][ \t]*" + _PHONE_CHUNK + r")*)" + _NO_RIGHT
)
#: Labels are matched in the text as written (Chinese) or in its lower-case copy (English).
_CN_PHONE_LABELS = ("电话", "手机", "座机", "传真", "联系方式")
_EN_PHONE_LABELS = ("telephone", "tel", "phone", "cellphone", "mobile", "cell", "fax")

_AFTER_ID_LABEL = re.compile(
    r"(?:号码|号)?\.?(?:[ \t]+(?i:no\.?|number|#))?[ \t]*[:：#]?[ \t]*"
    r"(?P<value>(?=[A-Za-z0-9]*[0-9]{5})[A-Za-z0-9]{6,18})(?![A-Za-z0-9])"
)
_CN_ID_LABELS = ("身份证", "公民身份号码", "证件号码", "证件号", "护照")
_EN_ID_LABELS = ("passport", "id no", "id number", "id card")

_CN_NAME_RUN = r"[" + _HAN + r"·]{1,16}(?![" + _HAN + r"])"
_AFTER_CN_NAME_LABEL = re.compile(
    # After the label: a colon (the value may start on the next line), a table-cell bar, or spaces.
    r"(?:员)?(?:姓名|及(?:其)?联系方式|及电话)?"
    r"(?:[ \t\u3000]*(?:[:：][ \t\u3000\n]*|[|｜][ \t\u3000]*)|(?P<space>[ \t\u3000]+))"
    r"(?P<names>(?:[" + _HAN + r"][ \t\u3000]{1,3}[" + _HAN + r"](?![" + _HAN + r"])|" + _CN_NAME_RUN + r")"
    r"(?:[ \t]*[、,，/][ \t]*" + _CN_NAME_RUN + r")*)"
)
#: 联系人, 项目联系人, 采购人联系人, 经办人, 负责人, 项目负责人, 联系方式 ... (any prefix is left as written).
_CN_NAME_LABELS = ("联系人", "经办人", "负责人", "联系方式")
_NAME_SEPARATOR = re.compile(r"[ \t]*[、,，/][ \t]*")
#: Words that end a name run when written without a space: "联系人：张三电话：..."
_CN_NAME_STOPS = (
    "电话", "联系", "手机", "传真", "座机", "地址", "邮箱", "邮编", "邮件", "电子", "办公", "方式", "号码", "及",
)
#: Honorifics written after a surname in place of the given name; kept inside the redaction.
_CN_HONORIFICS = ("先生", "女士", "小姐", "老师", "经理", "主任", "科长", "处长", "工")
#: Label followers that are not names.
_CN_NOT_NAMES = frozenset({"待定", "暂无", "同上", "详见", "详见附件", "见附件", "另行通知", "略", "无", "本人", "不详", "未知"})
#: Common Chinese surnames (the ~400 most frequent). Only a label followed by a space and no colon
#: ("负责人 张三", as table cells come out) needs one: there ordinary words follow labels too.
_CN_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟"
    "邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼满闻厉伊仝区郜阚花权强帅屠豆朴盖练廉禹井祖漆巴"
    "丰支卿狄计索宣晋相初门云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危玉银亢"
    "嵇哈湛宾戎勾茅利於呼居揭干尉冶斯元束檀衣展阴昝幸奉植衡富尧闭欧阳司马诸葛上官夏侯东方皇甫尉迟公孙"
)

#: Labels of the member lists of evaluation panels (评审专家名单, 磋商小组成员), whose names are private.
_CN_PANEL_LABELS = ("评审专家", "专家名单", "专家姓名", "评标委员会", "评审小组", "评审委员会", "磋商小组", "谈判小组",
                    "询价小组", "单一来源采购人员")
#: Lines read after a panel label for its names: the label's own line and the list below it, which portals
#: write on one line or one lot per line (包1：… / 包2：…).
PANEL_LINES = 4
#: A name in a panel list, with an optional note in brackets (组长, a title and workplace).
_PANEL_NAME = r"[" + _HAN + r"]{2,4}(?:[（(][^）)\n]{1,30}[）)])?"
_PANEL_LIST = re.compile(r"(?<![" + _HAN + r"])" + _PANEL_NAME + r"(?:[ \t]*[、，,][ \t]*" + _PANEL_NAME + r")+")
_PANEL_ONE = re.compile(r"[" + _HAN + r"]{2,4}")
_PANEL_NOTE = re.compile(r"[（(][^）)\n]*[）)]")

_AFTER_EN_NAME_LABEL = re.compile(
    r"(?:[ \t]+(?i:person|name))?[ \t]*:[ \t]*"
    r"(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \t]+)?[A-Z][a-z'’\-]+(?:[ \t]+[A-Z]\.)?(?:[ \t]+[A-Z][a-z'’\-]+){0,2})"
    r"(?![A-Za-z])"
)
_EN_NAME_LABELS = ("contact",)
_EN_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof)\b")
#: Words that make an English "Contact:" follower an office rather than a person.
_EN_ORG_WORDS = frozenset({
    "office", "department", "ministry", "bureau", "media", "press", "team", "desk", "relations",
    "center", "centre", "company", "ltd", "inc", "police", "service", "services", "agency",
    "communications", "group", "us", "information", "support", "sales", "the", "editor", "newsroom",
})

Span = tuple[int, int, str]  # start, end, replacement token


def redact(text: str) -> tuple[str, int]:
    """Replace personal identifiers in ``text`` with fixed tokens; return (text, count)."""
    if not text:
        return text, 0
    # Labels and names are read in a lower-case, simplified-Chinese copy of the same length (聯繫人 reads 联系人).
    simple = to_simplified(text)
    lower = simple.lower()
    if len(lower) != len(text):  # a few characters (e.g. "İ") lower-case to two: keep offsets
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in simple)
    spans: list[tuple[int, int, int, str]] = []  # start, priority, end, token
    for priority, detector in enumerate(_DETECTORS):
        for start, end, token in detector(text, lower):
            spans.append((start, priority, end, token))
    if not spans:
        return text, 0
    spans.sort()
    out: list[str] = []
    position = count = 0
    for start, _priority, end, token in spans:
        if start < position:  # overlaps a span already taken (found by a surer detector)
            continue
        out.append(text[position:start])
        out.append(token)
        position = end
        count += 1
    out.append(text[position:])
    return "".join(out), count


def _find_all(haystack: str, needle: str) -> Iterator[int]:
    at = haystack.find(needle)
    while at != -1:
        yield at
        at = haystack.find(needle, at + 1)


def _latin_word_start(lower: str, at: int, label: str) -> bool:
    """``label`` at ``at`` is a whole word: no Latin letter before it or right after it."""
    end = at + len(label)
    before_ok = at == 0 or not ("a" <= lower[at - 1] <= "z")
    after_ok = end >= len(lower) or not ("a" <= lower[end] <= "z")
    return before_ok and after_ok


def _label_ends(text: str, lower: str, cn_labels: tuple[str, ...], en_labels: tuple[str, ...]) -> Iterator[int]:
    """Offsets just after each occurrence of a label."""
    for label in cn_labels:
        for at in _find_all(lower, label):
            yield at + len(label)
    for label in en_labels:
        for at in _find_all(lower, label):
            if _latin_word_start(lower, at, label):
                yield at + len(label)


def _emails(text: str, lower: str) -> Iterator[Span]:
    for sign in ("@", "＠"):
        for at in _find_all(text, sign):
            local = _EMAIL_LOCAL.search(text, max(0, at - MAX_EMAIL_LOCAL), at)
            domain = _EMAIL_DOMAIN.match(text, at + 1)
            if local and domain and text[local.start()] not in "._%+-":
                yield local.start(), domain.end(), EMAIL_TOKEN


def _labelled_ids(text: str, lower: str) -> Iterator[Span]:
    for end in _label_ends(text, lower, _CN_ID_LABELS, _EN_ID_LABELS):
        match = _AFTER_ID_LABEL.match(text, end)
        if match:
            yield match.start("value"), match.end("value"), ID_TOKEN


def _labelled_phones(text: str, lower: str) -> Iterator[Span]:
    for end in _label_ends(text, lower, _CN_PHONE_LABELS, _EN_PHONE_LABELS):
        match = _AFTER_PHONE_LABEL.match(text, end)
        if not match:
            continue
        for chunk in _PHONE_CHUNK_RE.finditer(text, match.start("value"), match.end("value")):
            if MIN_PHONE_DIGITS <= _digits(chunk.group(0)) <= MAX_LABELLED_PHONE_DIGITS:
                yield chunk.start(), chunk.end(), PHONE_TOKEN


def _unlabelled_numbers(text: str, lower: str) -> Iterator[Span]:
    for candidate in _NUMBER_START.finditer(text):
        start = candidate.start()
        if start and text[start - 1] in "(（":
            start -= 1  # "(010) 1234 5678", "(432) 553-1080"
        if start and text[start - 1] in _CODE_LEFT:
            continue
        match = _NUMBER.match(text, start)
        if match is None:
            continue
        kind = match.lastgroup
        if kind == "intl" and not MIN_INTERNATIONAL_DIGITS <= _digits(match.group(0)) <= MAX_INTERNATIONAL_DIGITS:
            continue
        if kind != "id" and _after_code_label(lower, start):
            continue  # a phone-shaped project or document number
        yield start, match.end(), ID_TOKEN if kind == "id" else PHONE_TOKEN


def _after_code_label(lower: str, start: int) -> bool:
    before = lower[max(0, start - CODE_LABEL_LOOKBACK):start].rstrip(" \t:：#.")
    if before.endswith(_CN_CODE_LABELS):
        return True
    for label in _EN_CODE_LABELS:
        if before.endswith(label) and (len(before) == len(label) or not before[-len(label) - 1].isalpha()):
            return True
    return False


def _cn_names(text: str, lower: str) -> Iterator[Span]:
    for end in _label_ends(text, lower, _CN_NAME_LABELS, ()):
        match = _AFTER_CN_NAME_LABEL.match(text, end)
        if match is None:
            continue
        spaced = match.group("space") is not None
        position = match.start("names")
        names = match.group("names")
        for index, part in enumerate(_NAME_SEPARATOR.split(names)):
            if index:
                separator = _NAME_SEPARATOR.match(text, position)
                position = separator.end() if separator else position
            name = _cn_name(part)
            if name is None or (spaced and name[0] not in _CN_SURNAMES):
                break
            yield position, position + len(name), NAME_TOKEN
            if len(name) < len(part):  # a label word followed the name: the list ends here
                break
            position += len(part)


def _cn_name(candidate: str) -> str | None:
    """The leading part of ``candidate`` that is a Chinese personal name, as written, or None."""
    compact = re.sub(r"[ \t\u3000]+", "", candidate)
    cut = len(compact)
    for stop in _CN_NAME_STOPS:
        at = compact.find(stop)
        if 0 <= at < cut:
            cut = at
    name = compact[:cut]
    if not name or name in _CN_NOT_NAMES:
        return None
    limit = MAX_CN_NAME_CHARS + (1 if name.endswith(_CN_HONORIFICS) else 0)
    if not MIN_CN_NAME_CHARS <= len(name) <= limit:
        return None
    taken = seen = 0  # map back onto the written form ("张  三" keeps its padding inside)
    while seen < len(name):
        if not candidate[taken].isspace():
            seen += 1
        taken += 1
    return candidate[:taken]


def _panel_names(text: str, lower: str) -> Iterator[Span]:
    """Names listed after an evaluation-panel label: every run of two or more 2-4 character names whose
    first characters are surnames (so a list of words, 采购人、代理机构, is left alone)."""
    for end in _label_ends(text, lower, _CN_PANEL_LABELS, ()):
        stop = end
        for _ in range(PANEL_LINES):
            newline = text.find("\n", stop + 1)
            stop = len(text) if newline == -1 else newline
        for listing in _PANEL_LIST.finditer(lower, end, stop):
            # Notes in brackets blanked out (same length), so only the names themselves are read.
            bare = _PANEL_NOTE.sub(lambda m: " " * len(m.group()), listing.group())
            names = [m for m in _PANEL_ONE.finditer(bare) if m.start() == 0 or bare[m.start() - 1] in "、，, \t"]
            if all(m.group()[0] in _CN_SURNAMES and m.group() not in _CN_NOT_NAMES for m in names):
                for name in names:
                    yield listing.start() + name.start(), listing.start() + name.end(), NAME_TOKEN


def _en_names(text: str, lower: str) -> Iterator[Span]:
    for end in _label_ends(text, lower, (), _EN_NAME_LABELS):
        match = _AFTER_EN_NAME_LABEL.match(text, end)
        if match is None:
            continue
        name = match.group("name")
        words = [word.strip(".").lower() for word in name.split()]
        titled = _EN_TITLE.match(name) is not None
        if any(word in _EN_ORG_WORDS for word in words) or (len(words) < 2 and not titled):
            continue
        yield match.start("name"), match.end("name"), NAME_TOKEN


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


#: Detectors in order of certainty: where two find overlapping spans, the earlier one wins.
_DETECTORS = (_emails, _labelled_ids, _labelled_phones, _unlabelled_numbers, _cn_names, _panel_names, _en_names)
