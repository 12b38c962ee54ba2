"""What an amount is (budget, ceiling, award, contract, unit price, fee): the nearest kind label before it in
its clause, the heading it stands under, its table column's header, or a noun just after it
("a $3.5 million surveillance contract"). The labels are in data/currencies.yaml.
"""
from __future__ import annotations

import re

from counterwatch.extract.currencies import KIND_LABELS, alternation
from counterwatch.extract.numbers import TableColumns
from counterwatch.ingest.simplified import to_simplified

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
#: Kind label -> kind.
KIND_WORDS = {label: kind for kind, labels in KIND_LABELS.items() for label in labels.split("|")}
#: Kind labels in lower-cased text. A flat alternation of literals is searched fast.
KIND_RE = re.compile(rf"(?:{alternation(KIND_WORDS)})(?![a-z])")
_KIND_AFTER_RE = re.compile(
    r"\s*(?:[-\w]+\s+){0,3}?(?i:(?P<contract>contract|deal|agreement)|(?P<budget>budget))\b"
)
#: Ends of the clause a kind label must be in; a line ending in a colon heads the lines below it
#: (六、代理服务收费标准及金额：\n包1：人民币…).
_CLAUSE_END_RE = re.compile(r"[。！？；;]|\.\s|(?<![:：\n])\n")


class KindLabels:
    """The kind labels around the amounts of one text."""

    def __init__(self, text: str, tables: TableColumns) -> None:
        self.text = text
        self.tables = tables
        self._view: str | None = None

    @property
    def view(self) -> str:
        """The text with traditional characters simplified (same length), where money labels are read:
        中標金額 and 預算金額 are the labels 中标金额 and 预算金额. Made on first use."""
        if self._view is None:
            self._view = to_simplified(self.text)
        return self._view

    def kind(self, start: int, end: int) -> str | None:
        """budget, ceiling, award, contract or unit_price from the nearest label around an amount."""
        text = self.text
        lo = max(0, start - KIND_WINDOW_BEFORE)
        for clause_end in _CLAUSE_END_RE.finditer(text, lo, start):
            lo = clause_end.end()
        window = self.view[lo:start].lower()
        before = None
        for label in KIND_RE.finditer(window):
            if not (label.start() and window[label.start() - 1].isascii() and window[label.start() - 1].isalpha()):
                before = label
        if before is None:
            before = self._heading_label(start) or self._column_label(start)
            window = "" if before is None else window  # a heading label is never nearer than "after"
        after = _KIND_AFTER_RE.match(text, end, min(len(text), end + KIND_WINDOW_AFTER))
        if before and (after is None or len(window) - before.end() <= after.start(after.lastgroup or 0) - end):
            return KIND_WORDS[before.group()]
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
            labels = list(KIND_RE.finditer(line.lower()))
            if labels:
                return labels[-1]
        return None

    def _column_label(self, start: int) -> re.Match | None:
        """The kind label of the table column header over an amount (| 合同金额 | … |)."""
        header = self.tables.column_header(start)
        return KIND_RE.search(to_simplified(header).lower()) if header else None
