"""Each reader in English and Chinese, and how a reader is chosen."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from counterwatch.ingest import IngestError, reader_for
from counterwatch.ingest.readers import all_readers, get_reader

from .builders import make_cjk_pdf, make_docx, make_eml, make_pdf

P = Path("sample")

ARTICLE_PARAGRAPHS = [
    "Officials in the coastal province confirmed that the traffic police had finished installing a "
    "network of number-plate cameras along the main ring road during the summer months.",
    "According to the tender documents, the supplier will also maintain the central video platform "
    "for three years and train local officers to use the new search tools.",
    "Residents interviewed near the main bus terminal said they had not been told how long the "
    "recordings would be kept or who would be allowed to look at them.",
]


def english_page() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ring road gets plate cameras | Example Tribune</title>
<meta property="article:published_time" content="2021-06-14T09:00:00+00:00">
<link rel="canonical" href="https://tribune.example.org/news/ring-road-cameras">
<style>.hidden {{ display:none }} .ad {{ color: red }}</style>
<script>window.trackingSecret = "SCRIPT-CONTENT-MUST-NOT-APPEAR";</script></head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather forecast</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav>
<article><h1>Ring road gets plate cameras</h1>{paragraphs}</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Reader42 wrote: first! COMMENT-MUST-NOT-APPEAR</p></div></section>
<footer><p>Copyright Example Tribune. All rights reserved. FOOTER-MUST-NOT-APPEAR</p></footer>
</body></html>"""


def chinese_page() -> str:
    rows = "".join(
        f"<p>{i}、本项目在城区主要道路和重点场所新建高清视频监控点位，统一接入公安视频专网平台进行管理。</p>"
        for i in range(1, 7)
    )
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>某县公安局视频监控建设项目成交公告</title><script>var x = "脚本内容不应出现";</script></head><body>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/zcfg">政策法规</a></li>
<li><a href="/cgxx">采购信息</a></li></ul></div>
<div class="content"><h1>某县公安局视频监控建设项目成交公告</h1>{rows}
<table><tr><td>成交供应商</td><td>某某安防科技有限公司</td></tr><tr><td>成交金额</td><td>1286000.00元</td></tr></table></div>
<div class="footer">主办单位：某县财政局 版权所有 页脚内容不应出现</div></body></html>"""


def test_html_keeps_main_text_and_drops_boilerplate():
    result = get_reader("html").read(english_page().encode("utf-8"), P)
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in result.text
    for junk in ("SCRIPT-CONTENT", "COMMENT-MUST-NOT", "FOOTER-MUST-NOT", "Weather forecast", "display:none"):
        assert junk not in result.text
    assert result.title and "Ring road gets plate cameras" in result.title
    assert result.date == "2021-06-14"
    assert result.url == "https://tribune.example.org/news/ring-road-cameras"
    assert result.encoding == "utf-8"


def test_html_chinese_gbk_page_by_meta_charset():
    result = get_reader("html").read(chinese_page().encode("gbk"), P)
    assert result.encoding == "gb18030"
    assert "统一接入公安视频专网平台" in result.text
    assert "某某安防科技有限公司" in result.text and "1286000.00元" in result.text
    assert "脚本内容不应出现" not in result.text
    assert "网站首页" not in result.text and "页脚内容不应出现" not in result.text
    assert result.title == "某县公安局视频监控建设项目成交公告"


def test_html_title_without_site_name_and_no_invented_date():
    sentence = "采购计划编号HZCG2019-118，本段说明监控设备的安装位置和验收要求。"
    body = "".join(f"<p>第{i}段：{sentence}</p>" for i in range(8))
    page = (f"<html><head><title>某区雪亮工程设备采购公告_某省政府采购网</title></head>"
            f"<body><div>{body}</div></body></html>")
    result = get_reader("html").read(page.encode(), P)
    assert result.title == "某区雪亮工程设备采购公告"
    assert result.date is None  # project codes are not dates
    assert "HZCG2019-118" in result.text


def test_html_fallback_when_trafilatura_finds_nothing():
    # A page whose only text sits in a bare table cell: trafilatura may return nothing;
    # either way the text must come out and scripts must not.
    page = ("<html><head><script>var s='NOPE';</script></head>"
            "<body><table><tr><td>监控</td><td>摄像机</td></tr></table></body></html>")
    result = get_reader("html").read(page.encode(), P)
    assert "监控" in result.text and "摄像机" in result.text
    assert "NOPE" not in result.text


def test_html_fallback_plain_text_drops_scripts_styles_comments():
    from counterwatch.ingest.readers.html import plain_text

    text, title = plain_text(
        "<html><head><title>The title</title><style>p{color:red}</style></head><body><!-- hidden note -->"
        "<p>First para</p><script>alert('x')</script><div>Second <b>bold</b> para</div></body></html>"
    )
    assert text == "First para\nSecond bold para"
    assert title == "The title"


def test_pdf_english_text_title_and_date():
    data = make_pdf(["Cameras were delivered to the border post.", "The invoice was paid in March."],
                    title="Delivery note", created="D:20200315120000+01'00'")
    result = get_reader("pdf").read(data, P)
    assert "Cameras were delivered to the border post." in result.text
    assert "The invoice was paid in March." in result.text
    assert result.title == "Delivery note"
    assert result.date == "2020-03-15"
    assert result.metadata["pages"] == 1


def test_pdf_chinese_text():
    result = get_reader("pdf").read(make_cjk_pdf(["某市公安局人脸识别系统采购合同", "合同金额：人民币叁佰万元"]), P)
    assert "某市公安局人脸识别系统采购合同" in result.text
    assert "合同金额：人民币叁佰万元" in result.text


def test_docx_paragraphs_and_tables_in_order():
    data = make_docx(
        ["Procurement summary for the district security bureau.", "第一部分：采购内容为人脸识别门禁设备。"],
        table=[["Item", "数量"], ["Face-recognition gate", "12"]],
        after_table=["Delivery is due within ninety days."],
        title="采购摘要", created=datetime.datetime(2018, 5, 2, 8, 0),
    )
    result = get_reader("docx").read(data, P)
    lines = result.text.split("\n")
    assert lines == [
        "Procurement summary for the district security bureau.",
        "第一部分：采购内容为人脸识别门禁设备。",
        "Item\t数量",
        "Face-recognition gate\t12",
        "Delivery is due within ninety days.",
    ]
    assert result.title == "采购摘要"
    assert result.date == "2018-05-02"


def test_text_reader_title_from_first_line():
    data = "\n\n某区智慧城市视频平台建设项目招标公告\n\n一、项目概况：新建视频平台一套。".encode()
    result = get_reader("text").read(data, P)
    assert result.title == "某区智慧城市视频平台建设项目招标公告"
    assert result.encoding == "utf-8"


def test_text_reader_markdown_heading_and_long_first_line():
    assert get_reader("text").read(b"# Drone purchase\n\nThe agency bought drones.", P).title == "Drone purchase"
    long_line = ("word " * 80).strip()
    assert get_reader("text").read(long_line.encode(), P).title is None


def test_eml_plain_body_subject_date_attachments():
    data = make_eml("Tender result: camera upgrade", "The county awarded the camera upgrade contract.\n",
                    html="<html><body><p>HTML alternative</p></body></html>",
                    attachments=(("award-notice.pdf", b"%PDF-1.4 fake"), ("报价单.xlsx", b"PK fake")))
    result = get_reader("eml").read(data, P)
    assert result.text.strip() == "The county awarded the camera upgrade contract."
    assert result.title == "Tender result: camera upgrade"
    assert result.date == "2019-10-09"
    assert result.metadata["attachments"] == ["award-notice.pdf", "报价单.xlsx"]
    assert "fake" not in result.text


def test_eml_chinese_gb2312_body():
    body = "各供应商：本项目采购视频监控设备一批，详见附件。\n"
    data = make_eml("关于视频监控设备采购的通知", body, charset="gb2312")
    result = get_reader("eml").read(data, P)
    assert result.text.strip() == body.strip()
    assert result.title == "关于视频监控设备采购的通知"


def test_eml_html_only_body_goes_through_html_path():
    html = ("<html><head><script>var q='SCRIPTY';</script></head><body><nav>Home | Archive | Login</nav>"
            "<article><p>" + " ".join(ARTICLE_PARAGRAPHS) + "</p></article></body></html>")
    result = get_reader("eml").read(make_eml("Newsletter", "", html=html, plain=False), P)
    assert ARTICLE_PARAGRAPHS[0] in result.text
    assert "SCRIPTY" not in result.text
    assert result.metadata["body_type"] == "text/html"


# ---- choosing a reader -----------------------------------------------------------------------

def test_registry_has_one_reader_per_format_with_declared_types():
    readers = {reader.name: reader for reader in all_readers()}
    assert set(readers) >= {"html", "pdf", "docx", "text", "eml"}
    assert ".pdf" in readers["pdf"].extensions and "application/pdf" in readers["pdf"].mime_types
    assert ".docx" in readers["docx"].extensions
    assert readers["html"].mime_type == "text/html"


@pytest.mark.parametrize("name,data,expected", [
    ("report.txt", make_pdf(["A PDF under a text name."]), "pdf"),
    ("notice.bin", make_docx(["docx without its extension"]), "docx"),
    ("message.txt", make_eml("Hello", "Body"), "eml"),
    ("page.txt", b"  <!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("page.htm", b"<p>a fragment without html tags</p>", "html"),
    ("notes.md", b"# Notes\nplain", "text"),
    ("README", b"no extension but plain text", "text"),
    ("data.csv", "城市,数量\n杭州,1800\n".encode(), "text"),
])
def test_reader_for_sniffs_content_then_extension(name, data, expected):
    assert reader_for(Path(name), data).name == expected


def test_text_that_mentions_the_pdf_header_is_not_a_pdf():
    data = b"File formats\nA PDF file starts with the bytes %PDF-1.7 followed by objects.\n"
    assert reader_for(Path("formats.txt"), data).name == "text"


def test_plain_text_that_mentions_headers_is_not_email():
    data = b"Subject: cameras\nThe city bought cameras.\n"
    assert reader_for(Path("a.txt"), data).name == "text"


@pytest.mark.parametrize("name,data", [
    ("picture.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
    ("notes.txt", b"some text\x00\x00\x00with NUL bytes"),
    ("page.htm", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(32)),
])
def test_binary_bytes_under_a_text_extension(name, data):
    with pytest.raises(IngestError) as error:
        reader_for(Path(name), data)
    assert "binary data, not text" in str(error.value)
    assert name in str(error.value)


def test_unknown_binary_format_is_refused():
    with pytest.raises(IngestError, match="unsupported file type .jpg"):
        reader_for(Path("photo.jpg"), b"\xff\xd8\xff\xe0" + bytes(100))


def test_large_page_is_read_whole_by_the_streaming_parse():
    from counterwatch.ingest.readers.html import LARGE_PAGE_BYTES

    paragraph = "<p>" + ARTICLE_PARAGRAPHS[0] + "</p>\n"
    repeats = LARGE_PAGE_BYTES // len(paragraph) + 10  # just over the threshold
    page = ("<html><head><title>Ring road camera archive | Example Tribune</title><script>var hidden = 1;</script>"
            "<link rel='canonical' href='https://example.org/archive'></head><body>" + paragraph * repeats
            + "<table><tr><td>Lot 7</td><td>120 cameras</td></tr></table><p>The very last line.</p>"
            "<!-- an editor's comment --></body></html>")
    result = get_reader("html").read(page.encode("utf-8"), P.with_suffix(".html"))
    assert result.metadata["extractor"] == "lxml-stream"
    assert result.text.count(ARTICLE_PARAGRAPHS[0]) == repeats  # repeated paragraphs all kept
    assert result.text.endswith("Lot 7 120 cameras\nThe very last line.")
    assert "hidden" not in result.text and "editor" not in result.text
    assert (result.title, result.url) == ("Ring road camera archive", "https://example.org/archive")
