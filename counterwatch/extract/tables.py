"""Tables in document text: the pipe-separated rows that HTML tables become when ingested
(``| 序号 | 中标供应商名称 | 中标金额（元） |``), and the bar-separated rows text notices write by hand
(``1｜无人机｜大疆（DJI）｜4架``), read as rows of cells with their character offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass

#: A row: cells between bars (ASCII or full-width), the outer bars optional; without outer bars a row needs
#: at least two bars (three cells), so a stray bar in a sentence makes no table.
_ROW = re.compile(r"^[ \t]*[|｜](.*)[|｜][ \t]*$|^[ \t]*([^|｜\n]+(?:[|｜][^|｜\n]*){2,})[ \t]*$", re.M)
_BAR = re.compile(r"[|｜]")
_RULE = re.compile(r"^[\s|:：\-—]+$")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    cells: dict[str, Cell]  # header -> cell
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[Row]
    start: int
    end: int

    def column(self, *keywords: str) -> str | None:
        """The first header containing any of the keywords."""
        return next((h for h in self.headers if any(k in h for k in keywords)), None)


def _inner(match: re.Match) -> tuple[str, int]:
    group = 1 if match.group(1) is not None else 2
    return match.group(group), match.start(group)


def _cells(match: re.Match) -> list[Cell]:
    inner, cursor = _inner(match)
    out = []
    for part in _BAR.split(inner):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        out.append(Cell(stripped, cursor + lead, cursor + lead + len(stripped)))
        cursor += len(part) + 1
    return out


def find_tables(text: str) -> list[Table]:
    """Runs of consecutive pipe rows; the first row is the header, rule rows (|---|) are skipped."""
    tables: list[Table] = []
    block: list[re.Match] = []

    def close() -> None:
        rows = [m for m in block if not _RULE.match(_inner(m)[0])]
        if len(rows) >= 2:
            headers = [c.text for c in _cells(rows[0])]
            body = []
            for m in rows[1:]:
                cells = _cells(m)
                body.append(Row({h: c for h, c in zip(headers, cells)}, m.start(), m.end()))
            tables.append(Table(headers, body, block[0].start(), block[-1].end()))
        block.clear()

    last_end = -2
    for match in _ROW.finditer(text):
        if block and match.start() != last_end + 1:
            close()
        block.append(match)
        last_end = match.end()
    if block:
        close()
    return tables
