"""PDF: the text layer with pypdf."""
from __future__ import annotations

import io
import logging
from datetime import datetime
from pathlib import Path

from ..errors import IngestError
from .base import Reader, ReadResult
from .registry import register

#: Leading whitespace skipped before the "%PDF-" header when sniffing. (PDF readers accept junk
#: before the header too, but text that merely mentions "%PDF-" must not be taken for a PDF;
#: such files still reach this reader through their .pdf extension.)
SNIFF_SKIP = b" \t\r\n\x00\xef\xbb\xbf"
#: Pages read at most: procurement notices and articles run to tens of pages; a several-
#: thousand-page PDF is a bulk document whose first 1000 pages are plenty and bound the time.
MAX_PAGES = 1000
#: A text layer averaging fewer non-space characters per page than this holds only page
#: numbers or stray marks: the PDF is a scan (a real page of text has hundreds).
MIN_CHARS_PER_PAGE = 3

logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns about every repaired xref


@register
class PdfReader(Reader):
    name = "pdf"
    mime_types = ("application/pdf",)
    extensions = (".pdf",)
    binary = True
    sniff_order = 10

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        return data[:64].lstrip(SNIFF_SKIP).startswith(b"%PDF-")

    def read(self, data: bytes, path: Path) -> ReadResult:
        from pypdf import PdfReader as PypdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

        try:
            pdf = PypdfReader(io.BytesIO(data), strict=False)
            if pdf.is_encrypted:
                try:
                    if not pdf.decrypt(""):
                        raise IngestError(path, "encrypted PDF (a password is required)")
                except (DependencyError, NotImplementedError) as exc:
                    raise IngestError(path, f"encrypted PDF (unsupported encryption: {exc})") from None
            pages = pdf.pages
            page_count = len(pages)
            texts = [(pages[i].extract_text() or "").strip() for i in range(min(page_count, MAX_PAGES))]
            title, date = _title_and_date(pdf)
        except IngestError:
            raise
        except FileNotDecryptedError:
            raise IngestError(path, "encrypted PDF (a password is required)") from None
        except PyPdfError as exc:
            raise IngestError(path, f"corrupt PDF ({type(exc).__name__}: {exc})") from None
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
                RecursionError, OSError, ZeroDivisionError) as exc:  # pypdf's own errors leak as these
            raise IngestError(path, f"corrupt PDF ({type(exc).__name__}: {exc or 'malformed structure'})") from None
        text = "\n\n".join(t for t in texts if t)
        if len("".join(text.split())) < MIN_CHARS_PER_PAGE * max(1, len(texts)):
            raise IngestError(path, "no text layer (scanned PDF?)")
        metadata = {"pages": page_count}
        if page_count > MAX_PAGES:
            metadata["pages_read"] = MAX_PAGES
        return ReadResult(text=text, title=title, date=date, metadata=metadata)


def _title_and_date(pdf) -> tuple[str | None, str | None]:
    """Title and creation (else modification) date from the document information dictionary."""
    try:
        info = pdf.metadata
    except Exception:  # a broken info dictionary must not lose the text  # noqa: BLE001
        return None, None
    if info is None:
        return None, None
    title = None
    try:
        raw = info.title
        title = str(raw).strip() or None if raw else None
    except Exception:  # noqa: BLE001
        title = None
    date = None
    for getter in ("creation_date", "modification_date"):
        try:
            value = getattr(info, getter)
        except Exception:  # malformed D:... string  # noqa: BLE001
            continue
        if isinstance(value, datetime):
            date = value.date().isoformat()
            break
    return title, date
