"""Word .docx: paragraphs and table cells in document order, with python-docx."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from ..errors import IngestError
from .base import Reader, ReadResult
from .registry import register

#: Total uncompressed size the archive members may declare. Word documents with images reach
#: tens of MB; 200 MB leaves room for that and stops decompression bombs. Python's zipfile never
#: inflates a member beyond its declared size, so checking declared sizes is enough.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: Members larger than this (uncompressed) must not compress better than MAX_COMPRESSION_RATIO.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
#: Document XML compresses about 5-20x, images barely; ratios in the hundreds are padding bombs.
MAX_COMPRESSION_RATIO = 200
#: A Word package holds tens of parts; tens of thousands is an attack on the central directory.
MAX_MEMBERS = 10_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_DRIVE = re.compile(r"^[A-Za-z]:")


@register
class DocxReader(Reader):
    name = "docx"
    mime_types = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
    extensions = (".docx", ".docm", ".dotx")
    binary = True
    sniff_order = 20

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        return data.startswith(b"PK\x03\x04") and b"word/document.xml" in data

    def read(self, data: bytes, path: Path) -> ReadResult:
        import docx
        from docx.opc.exceptions import OpcError
        from lxml.etree import LxmlError

        check_archive(data, path)
        try:
            document = docx.Document(io.BytesIO(data))
            lines: list[str] = []
            _blocks(document.element.body, lines)
            properties = document.core_properties
            title = (properties.title or "").strip() or None
            date = _iso_date(properties.created) or _iso_date(properties.modified)
        except (zipfile.BadZipFile, OpcError, KeyError) as exc:
            raise IngestError(path, f"corrupt DOCX ({type(exc).__name__}: {exc})") from None
        except ValueError as exc:  # python-docx: "file is not a Word file, content type is ..."
            raise IngestError(path, f"not a Word document ({exc})") from None
        except (LxmlError, EOFError, OSError) as exc:
            raise IngestError(path, f"corrupt DOCX ({type(exc).__name__}: {exc})") from None
        return ReadResult(text="\n".join(lines), title=title, date=date)


def check_archive(data: bytes, path: Path) -> None:
    """Refuse unsafe member names and decompression bombs before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise IngestError(path, f"corrupt DOCX (not a readable zip archive: {exc})") from None
    if len(members) > MAX_MEMBERS:
        raise IngestError(path, f"zip bomb suspected: {len(members)} archive members (limit {MAX_MEMBERS})")
    total = 0
    for member in members:
        name = member.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
            raise IngestError(path, f"unsafe archive member name {name!r} (absolute path or '..')")
        size = member.file_size
        if size > RATIO_CHECK_MIN_BYTES and size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            raise IngestError(
                path, f"zip bomb suspected: member {name!r} expands {size} bytes from {member.compress_size}"
            )
        total += size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise IngestError(
                path, f"zip bomb suspected: members declare over {MAX_UNCOMPRESSED_BYTES} bytes uncompressed"
            )


def _blocks(container, lines: list[str]) -> None:
    """Append the text of paragraphs and tables under ``container`` in document order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P:
            lines.append(child.text)
        elif tag == _TBL:
            for row in child.iterchildren(_TR):
                cells = []
                for cell in row.iterchildren(_TC):
                    cell_lines: list[str] = []
                    _blocks(cell, cell_lines)
                    cells.append(" ".join(line.strip() for line in cell_lines if line.strip()))
                if any(cells):
                    lines.append("\t".join(cells))
        elif tag == _SDT:  # content control: its paragraphs and tables are document text
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _blocks(content, lines)


def _iso_date(value) -> str | None:
    return value.date().isoformat() if isinstance(value, datetime) else None
