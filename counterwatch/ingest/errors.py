"""The one error type of the ingest stage."""
from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A document that cannot be ingested; the message names the file and the reason.

    ``path`` may be ``None`` for text that did not come from a file (``load_text``,
    ``decode_bytes`` called on bare bytes).
    """

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.reason = reason
        where = str(self.path) if self.path is not None else "<text>"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # keep picklable across process pools
        return (type(self), (self.path, self.reason))
