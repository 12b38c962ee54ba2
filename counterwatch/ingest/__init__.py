"""Ingest: documents in (HTML, PDF, DOCX, text, e-mail), clean redacted text out as ``Document``s."""
from .encoding import decode_bytes, normalise_text
from .errors import IngestError
from .language import detect_language
from .loader import MAX_FILE_BYTES, load_document, load_text, source_id_for
from .readers import Reader, ReadResult, reader_for
from .redact import redact
from .walker import SkippedPath, iter_files

__all__ = [
    "MAX_FILE_BYTES", "IngestError", "ReadResult", "Reader", "SkippedPath", "decode_bytes", "detect_language",
    "iter_files", "load_document", "load_text", "normalise_text", "reader_for", "redact", "source_id_for",
]
