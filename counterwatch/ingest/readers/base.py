"""The reader interface: one class per document format."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar


@dataclass
class ReadResult:
    """What a reader extracts from one file, before normalisation and redaction."""

    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date
    url: str | None = None
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class Reader(ABC):
    """Reads one format. Subclasses declare what they read and register with ``@register``.

    ``sniff_order`` ranks content sniffing: formats with unambiguous magic bytes go first,
    loose ones (HTML markup) last. ``binary`` is False for text formats, whose files are
    refused when their bytes are binary.
    """

    name: ClassVar[str]
    mime_types: ClassVar[tuple[str, ...]]
    extensions: ClassVar[tuple[str, ...]]  # lower case, with the dot: ".html"
    binary: ClassVar[bool] = False
    sniff_order: ClassVar[int] = 100

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """True when ``data`` is recognisably this format by content (magic bytes, markup)."""
        return False

    @property
    def mime_type(self) -> str:
        return self.mime_types[0]

    def mime_type_for(self, path: Path) -> str:
        """The MIME type of a file this reader reads; the first declared one unless overridden."""
        return self.mime_types[0]

    @abstractmethod
    def read(self, data: bytes, path: Path) -> ReadResult:
        """Extract text and metadata; raise IngestError(path, reason) when the file is unusable."""
