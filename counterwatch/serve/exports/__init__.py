"""Open export formats, one module each, registered by name for `counterwatch export --format`."""
from __future__ import annotations

from typing import Callable, TextIO

from sqlalchemy.orm import Session

from counterwatch.serve.exports import eval_jsonl, ftm, geojson, tabular
from counterwatch.store.queries import FactFilter

Exporter = Callable[[Session, TextIO, FactFilter | None], int]

#: Format name -> function writing it; each returns the number of records written.
EXPORTERS: dict[str, Exporter] = {
    "eval-jsonl": eval_jsonl.write,
    "json": tabular.write_json,
    "csv": tabular.write_csv,
    "geojson": geojson.write,
    "ftm": ftm.write,
}
