"""Downloads of the current selection in every export format."""
from __future__ import annotations

import io
import tempfile

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from counterwatch.serve.exports import EXPORTERS
from counterwatch.serve.web.deps import db_session
from counterwatch.serve.web.params import fact_filter
from counterwatch.store.queries import FactFilter

router = APIRouter(tags=["downloads"])

#: Format -> (file extension, media type).
FORMATS = {"eval-jsonl": ("jsonl", "application/x-ndjson"), "json": ("json", "application/json"),
           "csv": ("csv", "text/csv"), "geojson": ("geojson", "application/geo+json"),
           "ftm": ("ftm.jsonl", "application/x-ndjson")}
#: Exports up to this size (bytes) stay in memory; larger ones spill to a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK_BYTES = 64 * 1024


@router.get("/download/{fmt}", summary="The selected facts in one export format")
def download(fmt: str = Path(..., description="eval-jsonl, json, csv, geojson or ftm"),
             flt: FactFilter = Depends(fact_filter), session: Session = Depends(db_session)):
    if fmt not in EXPORTERS or fmt not in FORMATS:
        raise HTTPException(404, f"no export format {fmt!r}")
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
    EXPORTERS[fmt](session, text, flt)
    text.flush()
    text.detach()
    spool.seek(0)

    def chunks():
        with spool:
            while chunk := spool.read(CHUNK_BYTES):
                yield chunk

    extension, media = FORMATS[fmt]
    return StreamingResponse(chunks(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="counterwatch.{extension}"'})
