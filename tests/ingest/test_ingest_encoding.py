"""decode_bytes and normalise_text."""
from __future__ import annotations

import codecs
import random

import pytest

from counterwatch.ingest import IngestError, decode_bytes, normalise_text

ENGLISH = "Police in the port city installed 300 new cameras — café owners objected."
SIMPLIFIED = "市公安局采购了一批人脸识别摄像机，用于火车站和汽车站的安检口。"
TRADITIONAL = "市警察局採購了一批人臉辨識攝影機，設置於車站與機場的安檢口。"


def test_utf8_plain():
    assert decode_bytes(ENGLISH.encode("utf-8")) == (ENGLISH, "utf-8")


def test_utf8_with_bom_strips_the_mark():
    text, encoding = decode_bytes(codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"))
    assert (text, encoding) == (SIMPLIFIED, "utf-8-sig")


@pytest.mark.parametrize("bom,codec,name", [
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
])
def test_utf16_and_utf32_with_bom(bom, codec, name):
    text, encoding = decode_bytes(bom + (SIMPLIFIED + " " + ENGLISH).encode(codec))
    assert text == SIMPLIFIED + " " + ENGLISH
    assert encoding == name


def test_gbk_bytes_decode_as_gb18030():
    text, encoding = decode_bytes(SIMPLIFIED.encode("gbk"))
    assert text == SIMPLIFIED
    assert encoding == "gb18030"


def test_gb18030_only_characters_survive():
    # 㐀 (U+3400) and 䶮 are outside GBK; only the GB18030 superset has them.
    sample = SIMPLIFIED + "供应商法人为刘䶮，地址在㐀字街。"
    with pytest.raises(UnicodeEncodeError):
        sample.encode("gbk")
    assert decode_bytes(sample.encode("gb18030")) == (sample, "gb18030")


def test_short_gb2312_text():
    assert decode_bytes("中标公告".encode("gb2312"))[0] == "中标公告"


def test_big5_is_recognised_and_kept_traditional():
    text, encoding = decode_bytes(TRADITIONAL.encode("big5"))
    assert text == TRADITIONAL
    assert encoding.startswith("big5") or encoding == "cp950"


def test_short_big5_text():
    assert decode_bytes("決標公告".encode("big5"))[0] == "決標公告"


def test_declared_charset_is_honoured_when_it_decodes():
    data = "Überwachung in München, Straße".encode("cp1252")
    assert decode_bytes(data, declared="windows-1252") == ("Überwachung in München, Straße", "cp1252")


def test_declared_gb2312_widened_to_gb18030():
    sample = "刘䶮" + SIMPLIFIED
    assert decode_bytes(sample.encode("gb18030"), declared="gb2312") == (sample, "gb18030")


def test_latin1_text_without_declaration_is_detected():
    sample = ("La préfecture a installé des caméras de vidéosurveillance à l'entrée de la gare. " * 3)
    text, _ = decode_bytes(sample.encode("cp1252"))
    assert text == sample


def test_garbage_is_undecodable():
    rng = random.Random(7)
    garbage = bytes(rng.randrange(0x80, 0x100) for _ in range(400))
    with pytest.raises(IngestError) as error:
        decode_bytes(garbage, path="junk.txt")
    assert "undecodable text (tried" in str(error.value)
    assert "junk.txt" in str(error.value)


def test_bad_bytes_after_bom_are_an_error():
    with pytest.raises(IngestError, match="undecodable"):
        decode_bytes(codecs.BOM_UTF8 + b"ok \xff\xfe\xfd")


def test_normalise_nfc_and_line_ends():
    decomposed = "Cafe\u0301\r\nline two\rline three"
    assert normalise_text(decomposed) == "Café\nline two\nline three"


def test_normalise_drops_control_characters_but_keeps_tabs():
    assert normalise_text("a\x00b\x07c\td\x0be\x1bf\x7fg\u200bh") == "abc\tdefgh"


def test_normalise_collapses_long_blank_runs():
    assert normalise_text("one\n\n\n\n\n\ntwo\n\n\nthree") == "one\n\n\ntwo\n\n\nthree"
    assert normalise_text("one  \t\n \n\n\n\ntwo") == "one\n\n\ntwo"


def test_normalise_keeps_traditional_characters():
    assert normalise_text(TRADITIONAL) == TRADITIONAL
