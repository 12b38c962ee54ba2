"""Random procurement-notice-like text through the notice parser and the whole extraction: no exception,
every span, quote and offset inside the text, every quote equal to the text it points at."""
from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from counterwatch.extract import mentions as found
from counterwatch.extract.notices import read_notice
from counterwatch.extract.pipeline import extract_document
from counterwatch.ingest.errors import IngestError
from counterwatch.ingest.loader import load_text

from .limits import FUZZ

#: Field labels, values and layout of Chinese award and tender notices (written for this test), shuffled
#: and mixed with random characters by the fuzzer.
PIECES = ["中标结果公告", "成交公告", "招标公告", "更正公告", "终止公告", "采购人：", "采购单位名称：", "供应商名称：",
          "中标供应商：", "成交供应商：", "中标（成交）金额：", "预算金额：", "项目名称：", "项目编号：", "发布时间：",
          "开标时间：", "包号：", "第一包", "第二包", "合同包1", "一、", "二、", "三、", "（1）", "\n", "\n\n", "　",
          "：", "；", "，", "。", "|", "\t", "喀什市公安局", "乌鲁木齐市公安局", "某县公安局", "杭州海康威视数字技术股份有限公司",
          "浙江大华技术股份有限公司", "华为技术有限公司", "某某科技有限公司", "人脸识别系统", "视频监控", "车牌识别",
          "雪亮工程", "平安城市", "DNA检测", "人民币", "万元", "元", "￥", "32,860,000.00", "120", "叁仟贰佰万元整",
          "2020年5月8日", "2021-06-01", "上午9:30", "下午3时", "台", "套", "数量：", "单价：", "品牌：", "序号",
          "名称", "金额"]

TITLES = ["某县公安局视频监控项目中标结果公告\n", "成交公告\n", "招标公告\n", ""]
#: A title (so that most examples are read as notices) and a body of shuffled pieces.
notice_texts = st.builds(lambda title, body: title + "".join(body), st.sampled_from(TITLES),
                         st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), min_size=1, max_size=50))


def _span_ok(span, text: str) -> None:
    if span is not None:
        start, end = span
        assert 0 <= start <= end <= len(text), (span, text)


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Load the knowledge base and matchers once, outside the timed examples."""
    extract_document(load_text("乌鲁木齐市公安局人脸识别系统中标结果公告\n供应商名称：华为技术有限公司", "warm"))


def _notice_mentions(text: str):
    base = (found.technology_mentions(text) + found.place_mentions(text) + found.amount_mentions(text)
            + found.quantity_mentions(text) + found.year_mentions(text) + found.date_mentions(text))
    return base + found.org_mentions(found.organisation_matches(text, True), text)


@FUZZ
@given(text=notice_texts)
def test_read_notice_spans_stay_in_the_text(text):
    notice = read_notice(text, _notice_mentions(text))
    _span_ok(notice.buyer_span, text)
    _span_ok(notice.anchor, text)
    for supplier in notice.suppliers:
        _span_ok((supplier.start, supplier.end), text)
        _span_ok(supplier.scope, text)
    if notice.amount is not None:
        _span_ok((notice.amount.start, notice.amount.end), text)


@FUZZ
@given(text=notice_texts)
def test_notice_facts_quote_the_text_exactly(text):
    try:
        doc = load_text(text, "fuzz")
    except IngestError:  # nothing but blanks: no document at all
        assume(False)
    extraction = extract_document(doc)
    stored = extraction.document.text
    for mention in extraction.mentions:
        _span_ok((mention.start, mention.end), stored)
    for fact in extraction.facts:
        assert fact.evidence
        for evidence in fact.evidence:
            assert 0 <= evidence.start < evidence.end <= len(stored)
            assert stored[evidence.start:evidence.end] == evidence.quote
