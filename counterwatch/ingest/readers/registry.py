"""Reader registry: every module in this package that registers a Reader is discovered on import,
so a new format is one new file."""
from __future__ import annotations

import importlib
import pkgutil
import threading
from pathlib import Path
from typing import TypeVar

from ..errors import IngestError
from .base import Reader

#: Bytes inspected to decide whether a file is binary: the first 8 KiB show NUL bytes or the
#: magic number of any common binary format.
BINARY_SNIFF_BYTES = 8192
#: Share of C0 control bytes (other than tab, newline, carriage return, form feed, escape)
#: above which bytes are binary: text has practically none, binaries have plenty.
MAX_CONTROL_SHARE = 0.05
#: Magic numbers of binary formats that no text reader accepts.
BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b",
    b"BZh", b"7z\xbc\xaf", b"\xd0\xcf\x11\xe0", b"RIFF", b"ID3", b"\x7fELF", b"%PDF", b"Rar!", b"OggS",
    b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*", b"\xfd7zXZ",
)
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))

R = TypeVar("R", bound=type[Reader])

_registered: list[type[Reader]] = []
_instances: list[Reader] = []
_by_extension: dict[str, Reader] = {}
_discovered = False
_lock = threading.Lock()


def register(cls: R) -> R:
    """Class decorator: make ``cls`` available to ``reader_for``."""
    for ext in cls.extensions:
        if not ext.startswith(".") or ext != ext.lower():
            raise ValueError(f"{cls.__name__}: extension {ext!r} must be lower case with a dot")
    _registered.append(cls)
    return cls


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    with _lock:
        if _discovered:
            return
        package = __name__.rsplit(".", 1)[0]
        for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
            if module.name not in {"base", "registry"}:
                importlib.import_module(f"{package}.{module.name}")
        instances = sorted((cls() for cls in _registered), key=lambda r: (r.sniff_order, r.name))
        by_extension: dict[str, Reader] = {}
        for reader in instances:
            for ext in reader.extensions:
                if ext in by_extension:
                    raise ValueError(f"extension {ext} claimed by {by_extension[ext].name} and {reader.name}")
                by_extension[ext] = reader
        _instances[:] = instances
        _by_extension.update(by_extension)
        _discovered = True


def all_readers() -> tuple[Reader, ...]:
    """Every registered reader, in sniffing order."""
    _discover()
    return tuple(_instances)


def get_reader(name: str) -> Reader:
    """The registered reader called ``name`` (e.g. "html")."""
    for reader in all_readers():
        if reader.name == name:
            return reader
    raise KeyError(name)


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is not text: NUL bytes, a binary magic number, or many control bytes."""
    head = data[:BINARY_SNIFF_BYTES]
    if head.startswith(_TEXT_BOMS):
        return False
    if b"\x00" in head or head.startswith(BINARY_MAGIC):
        return True
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > MAX_CONTROL_SHARE


def reader_for(path: Path, data: bytes) -> Reader:
    """The reader for a file: content sniffing first, then the extension.

    Raises IngestError for binary bytes under a text extension and for unknown binary formats.
    Text with an unknown (or no) extension is read as plain text.
    """
    _discover()
    path = Path(path)
    for reader in _instances:
        if reader.sniff(data):
            return reader
    ext = path.suffix.lower()
    reader = _by_extension.get(ext)
    if reader is None:
        if looks_binary(data):
            raise IngestError(path, f"unsupported file type {ext or '(no extension)'}: binary data")
        return get_reader("text")
    if not reader.binary and looks_binary(data):
        raise IngestError(path, "binary data, not text")
    return reader
