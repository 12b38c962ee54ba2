"""A file (or a string) in, a ``Document`` out: read, decode, normalise, redact, identify the language."""
from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from ..config import DEFAULT_MAX_FILE_MB
from ..model import Document
from .encoding import normalise_text
from .errors import IngestError
from .language import detect_language
from .readers import ReadResult, reader_for
from .readers.text import first_line_title
from .redact import redact

#: Largest file read by default (the setting COUNTERWATCH_MAX_FILE_MB overrides it per run).
MAX_FILE_BYTES = DEFAULT_MAX_FILE_MB * 1024 * 1024
#: Titles longer than this are cut: a "title" that long is a paragraph mistaken for one.
MAX_TITLE_CHARS = 500


def load_document(path: Path | str, *, max_bytes: int | None = None) -> Document:
    """Read one file into a redacted, normalised Document. Raises IngestError with the reason.

    ``max_bytes`` overrides the MAX_FILE_BYTES size limit.
    """
    path = Path(path)
    data = _read_bytes(path, MAX_FILE_BYTES if max_bytes is None else max_bytes)
    reader = reader_for(path, data)
    try:
        result = reader.read(data, path)
    except (IngestError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - a library bug on one odd file must not stop a batch
        raise IngestError(path, f"{reader.name} reader failed ({type(exc).__name__}: {exc})") from exc
    return _document(
        result, path=str(path), source_id=source_id_for(path), content_hash=hashlib.sha256(data).hexdigest(),
        mime_type=reader.mime_type_for(path), size=len(data), reader=reader.name,
    )


def load_text(text: str, source_id: str, *, path: str | None = None, title: str | None = None,
              mime_type: str = "text/plain") -> Document:
    """A Document from text already in hand (tests, the API); hashed as its UTF-8 bytes."""
    data = text.encode("utf-8")
    result = ReadResult(text=text, title=title if title is not None else first_line_title(text), encoding="utf-8")
    return _document(
        result, path=path or source_id, source_id=source_id, content_hash=hashlib.sha256(data).hexdigest(),
        mime_type=mime_type, size=len(data), reader="text",
    )


def source_id_for(path: Path) -> str:
    """The evaluation id of a file: its name without the last extension."""
    return path.stem if path.suffix else path.name


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(path, "not a regular file")
        if info.st_size > limit:
            raise IngestError(path, f"too large ({info.st_size} bytes; limit {limit})")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except IngestError:
        raise
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except PermissionError:
        raise IngestError(path, "permission denied (unreadable file)") from None
    except IsADirectoryError:
        raise IngestError(path, "not a regular file") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:  # grew after stat
        raise IngestError(path, f"too large (over {limit} bytes)")
    if not data:
        raise IngestError(path, "empty file (no text)")
    return data


def _document(result: ReadResult, *, path: str, source_id: str, content_hash: str, mime_type: str,
              size: int, reader: str) -> Document:
    text = normalise_text(result.text)
    if not text:
        raise IngestError(path, "no text (nothing readable after extraction)")
    text, redactions = redact(text)
    title = None
    if result.title:
        title = " ".join(normalise_text(result.title).split())[:MAX_TITLE_CHARS] or None
        if title:
            title, title_redactions = redact(title)
            redactions += title_redactions
    metadata = dict(result.metadata)
    metadata.update(reader=reader, redactions=redactions)
    return Document(
        path=path, source_id=source_id, text=text, content_hash=content_hash, mime_type=mime_type,
        language=detect_language(text), title=title, date=result.date, url=result.url,
        encoding=result.encoding, size=size, metadata=metadata,
    )


__all__ = ["MAX_FILE_BYTES", "load_document", "load_text", "source_id_for"]
