"""Plain text and Markdown."""
from __future__ import annotations

import re
from pathlib import Path

from ..encoding import decode_bytes
from .base import Reader, ReadResult
from .registry import register

#: The first non-empty line is the title only when it is at most this long: headlines run to
#: about 150 characters; a longer first line is a paragraph.
MAX_TITLE_CHARS = 200
#: Lines searched for the first non-empty one (a file opening with many blank lines has no title).
TITLE_SEARCH_LINES = 20
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")


def first_line_title(text: str) -> str | None:
    """The first non-empty line of ``text`` when short enough to be a title."""
    for line in text.splitlines()[:TITLE_SEARCH_LINES]:
        line = _MARKDOWN_HEADING.sub("", line).strip()
        if line:
            return line if len(line) <= MAX_TITLE_CHARS else None
    return None


@register
class TextReader(Reader):
    name = "text"
    mime_types = ("text/plain", "text/markdown")
    extensions = (".txt", ".text", ".md", ".markdown")

    def mime_type_for(self, path: Path) -> str:
        return "text/markdown" if path.suffix.lower() in (".md", ".markdown") else "text/plain"

    def read(self, data: bytes, path: Path) -> ReadResult:
        text, encoding = decode_bytes(data, path=path)
        return ReadResult(text=text, title=first_line_title(text), encoding=encoding)
