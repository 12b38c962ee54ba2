"""Bytes to text: encoding detection (BOM, UTF-8, declared charset, Chinese, detector) and normalisation."""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from .errors import IngestError

#: Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Declared or detected names that are subsets of GB18030: decode with the superset so rare
#: characters (names, places) that GBK/GB2312 lack still decode.
GB_FAMILY = frozenset({"gb2312", "gbk", "cp936", "x-gbk", "gb_2312-80", "euc-cn", "gb18030", "hz-gb-2312"})
#: Big5 variants tried in order: plain Big5, then the Hong Kong and Microsoft supersets.
BIG5_CODECS = ("big5", "big5hkscs", "cp950")

#: How many non-ASCII characters of a candidate decoding are inspected to score it as Chinese;
#: a few thousand characters decide clearly and keep the scoring cheap on long files.
CHINESE_SAMPLE_CHARS = 4000
#: Share of non-ASCII characters that must be common (GB2312 level 1 or Big5 level 1, plus
#: punctuation) for a Chinese decoding to be accepted. Real GB or Big5 text scores above 0.95;
#: GB bytes decoded as Big5 (and the reverse) score about 0.4-0.6, so 0.8 separates them.
CHINESE_MIN_COMMON_SHARE = 0.8
#: Fewer non-ASCII characters than this are too few to judge a Chinese decoding.
CHINESE_MIN_CHARS = 2

#: charset-normalizer's mess ratio above which decoded text is garbage (its own default cut-off):
#: real text scores 0-0.05, bytes decoded with the wrong codec score far above 0.2.
MAX_MESS_RATIO = 0.2
#: Characters checked for mess: enough to see whether a decoding makes sense, and cheap.
MESS_SAMPLE_CHARS = 2000

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})["']""", re.I)
#: Bytes of an HTML file searched for a charset declaration (the HTML standard says 1024;
#: real pages often put it later, after long comments or scripts).
DECLARATION_SEARCH_BYTES = 4096

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# C0 and C1 controls except \t and \n, DEL, and invisible marks that only get in the way.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ufeff\u200b]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
#: More than two blank lines in a row are collapsed to two.
_BLANK_RUNS = re.compile(r"\n{4,}")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares for itself near its start, if any."""
    head = data[:DECLARATION_SEARCH_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def decode_bytes(data: bytes, declared: str | None = None, path: Path | str | None = None) -> tuple[str, str]:
    """Decode ``data``; return (text, encoding name). Raises IngestError when nothing fits.

    Order: byte-order mark, strict UTF-8, the ``declared`` charset (e.g. HTML meta) when it
    decodes, Chinese GB18030/Big5 by character commonness, then charset-normalizer.
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(name.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"undecodable text (byte-order mark says {name}: {exc.reason})") from None
            if not _readable(text):
                raise IngestError(path, f"undecodable text (byte-order mark says {name}, but the text is garbled)")
            return text, name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    tried = ["utf-8"]
    if declared:
        for name in _codecs_for(declared):
            tried.append(name)
            try:
                text = data.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
            if _readable(text):
                return text, name
    chinese = _decode_chinese(data)
    tried += ["gb18030", "big5"]
    if chinese is not None:
        return chinese
    tried.append("charset-normalizer")
    detected = _detect(data)
    if detected is not None:
        return detected
    raise IngestError(path, f"undecodable text (tried {', '.join(dict.fromkeys(tried))})")


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no control characters but ``\\n``/``\\t``, at most two blank lines in a row.

    Characters are kept as written (traditional Chinese is not converted).
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n\n", text)
    return text.strip()


def _readable(text: str) -> bool:
    """False for text that a wrong codec produced: a mix of unrelated scripts, symbols, controls."""
    from charset_normalizer.md import mess_ratio

    sample = text[:MESS_SAMPLE_CHARS]
    return "\x00" not in sample and mess_ratio(sample, MAX_MESS_RATIO) < MAX_MESS_RATIO


def _codecs_for(name: str) -> tuple[str, ...]:
    name = name.strip().lower()
    if name in GB_FAMILY:
        return ("gb18030",)
    if name in {"big5", "x-x-big5", "big5-hkscs", "cp950"}:
        return BIG5_CODECS
    try:
        return (codecs.lookup(name).name,)
    except LookupError:
        return ()


def _decode_chinese(data: bytes) -> tuple[str, str] | None:
    """Decode as GB18030 or Big5, whichever gives more common characters, if one clearly does."""
    best: tuple[float, str, str] | None = None
    candidates = [("gb18030", "gb18030", _gb_common)] + [(c, "big5", _big5_common) for c in BIG5_CODECS]
    seen_big5 = False
    for codec, family, is_common in candidates:
        if family == "big5" and seen_big5:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        seen_big5 = seen_big5 or family == "big5"
        score = _common_share(text, is_common)
        if score is not None and (best is None or score > best[0]):
            best = (score, text, codec)
    if best is not None and best[0] >= CHINESE_MIN_COMMON_SHARE:
        return best[1], best[2]
    return None


def _common_share(text: str, is_common) -> float | None:
    wide = [ch for ch in text[: CHINESE_SAMPLE_CHARS * 4] if ord(ch) > 0x7F][:CHINESE_SAMPLE_CHARS]
    if len(wide) < CHINESE_MIN_CHARS:
        return None
    return sum(1 for ch in wide if is_common(ch)) / len(wide)


def _gb_common(ch: str) -> bool:
    """GB2312 punctuation rows (lead 0xA1-0xA3) or level-1 hanzi (lead 0xB0-0xD7)."""
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xA3 or 0xB0 <= lead <= 0xD7


def _big5_common(ch: str) -> bool:
    """Big5 punctuation (lead 0xA1-0xA3) or frequently used characters (lead 0xA4-0xC6)."""
    try:
        lead = ch.encode("big5")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xC6


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # imported on first need: most files are UTF-8

    match = from_bytes(data).best()
    if match is None:
        return None
    name = match.encoding.lower().replace("_", "-")
    if name in GB_FAMILY or name.replace("-", "") in {"gb2312", "gbk", "gb18030"}:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(match.encoding), match.encoding
    except (UnicodeDecodeError, LookupError):
        return None
