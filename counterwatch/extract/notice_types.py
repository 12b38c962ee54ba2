"""Which kind of procurement notice a text is (招标公告, 竞争性磋商, 中标结果公告, 更正公告 …), and the status
that kind gives its facts: tendered, awarded, failed, cancelled, contracted or planned.

The title names the kind most surely; a result notice's body also names the tender it concludes, so the
title is read first, then the head of the text, then the whole text. Patterns run on the simplified view
(see simplified.py), so traditional characters (結果公告, 採購) read the same.
"""
from __future__ import annotations

import re

from counterwatch.ingest.simplified import to_simplified

#: Words of which at least this many must occur for a Chinese text to be read as a procurement notice:
#: one alone ("采购") occurs in news; two (a buyer label and a notice word) mark a notice.
NOTICE_MIN_CUES = 2
#: Characters of the head in which the cues are looked for (a notice states them in its first fields).
CUE_HEAD_CHARS = 3000
#: Non-empty lines read as the title: an HTML page's <title> and <h1> come first, a text file's title line.
TITLE_LINES = 3
#: Characters of the head searched after the title: the opening fields, before the clauses that cite
#: other kinds of notice (废标处理, 采购需求).
HEAD_CHARS = 600

_NOTICE_CUES = re.compile(r"采购人|采购单位|招标人|项目编号|采购项目|中标|成交|招标公告|预算金额|采购代理|供应商|采购意向")

# (kind, status, pattern) in order of precedence: a result notice also names the tender it concludes,
# and a correction or termination names the notice it corrects.
NOTICE_KINDS = (
    ("终止公告", "cancelled", re.compile(r"终止公告|取消公告|终止采购|项目终止|终止(?:本次)?(?:招标|采购)活动")),
    ("废标公告", "failed", re.compile(r"废标|流标|采购失败|失败公告")),
    ("合同公告", "contracted", re.compile(r"合同公告|合同公示|合同签订|合同备案")),
    ("中标(成交)结果公告", "awarded", re.compile(
        r"中标(?:[（(]成交[）)])?(?:结果)?(?:公告|公示)|成交(?:结果)?(?:公告|公示)|中标(?:[（(]成交[）)])?供应商|成交供应商|"
        r"中标人|结果公告|中标(?:[（(]成交[）)])?信息")),
    ("更正公告", "tendered", re.compile(r"更正公告|变更公告|澄清公告|补充公告")),
    ("采购意向", "planned", re.compile(r"采购意向|需求公示|采购需求公示|意见征询|需求调查")),
    ("单一来源公示", "planned", re.compile(r"单一来源")),
    ("竞争性磋商", "tendered", re.compile(r"竞争性磋商|磋商公告")),
    ("竞争性谈判", "tendered", re.compile(r"竞争性谈判|谈判公告")),
    ("询价公告", "tendered", re.compile(r"询价")),
    ("招标公告", "tendered", re.compile(r"招标公告|公开招标|邀请招标|资格预审|采购公告|招标")),
)


def is_procurement_notice(text: str) -> bool:
    head = to_simplified(text[:CUE_HEAD_CHARS])
    return len(set(_NOTICE_CUES.findall(head))) >= NOTICE_MIN_CUES


def _title(view: str) -> str:
    return "\n".join([line for line in view.splitlines() if line.strip()][:TITLE_LINES])


def notice_kind(text: str) -> tuple[str | None, str]:
    """(kind as an analyst names it, status of its facts); (None, "reported") when no kind is named."""
    view = to_simplified(text)
    for part in (_title(view), view[:HEAD_CHARS], view):
        for kind, status, pattern in NOTICE_KINDS:
            if pattern.search(part):
                return kind, status
    return None, "reported"

