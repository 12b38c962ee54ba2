"""Facts as JSON (one array, every field and all evidence) and as CSV (one row per fact and quote)."""
from __future__ import annotations

import csv
import json
from typing import TextIO

from sqlalchemy.orm import Session

from counterwatch.store.queries import FactFilter, fact_as_dict, iter_facts, source_counts

CSV_COLUMNS = ("fact_id", "technology", "supplier", "supplier_id", "origin_country", "buyer", "country", "region",
               "place", "latitude", "longitude", "program", "year", "date", "amount", "currency", "amount_kind",
               "quantity", "unit", "targets", "status", "sources", "extractor_version", "document_id",
               "document_source_id", "document_title", "document_path", "quote", "quote_start", "quote_end")


def _with_sources(session: Session, flt: FactFilter | None):
    batch = []
    for row in iter_facts(session, flt):
        batch.append(row)
        if len(batch) == 1000:
            counts = source_counts(session, [r.deployment_key for r in batch])
            yield from ((r, counts.get(r.deployment_key, 1)) for r in batch)
            batch = []
    counts = source_counts(session, [r.deployment_key for r in batch])
    yield from ((r, counts.get(r.deployment_key, 1)) for r in batch)


def write_json(session: Session, out: TextIO, flt: FactFilter | None = None) -> int:
    count = 0
    out.write("[\n")
    for row, sources in _with_sources(session, flt):
        out.write((",\n" if count else "") + json.dumps(fact_as_dict(row, sources), ensure_ascii=False))
        count += 1
    out.write("\n]\n")
    return count


def write_csv(session: Session, out: TextIO, flt: FactFilter | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for row, sources in _with_sources(session, flt):
        fact = fact_as_dict(row, sources)
        base = {k: fact[k] for k in CSV_COLUMNS if k in fact}
        base.update(fact_id=fact["id"], targets=";".join(fact["targets"]), document_id=fact["document"]["id"],
                    document_source_id=fact["document"]["source_id"], document_title=fact["document"]["title"],
                    document_path=fact["document"]["path"])
        for ev in fact["evidence"] or [{"quote": "", "start": None, "end": None}]:
            writer.writerow(base | {"quote": ev["quote"], "quote_start": ev["start"], "quote_end": ev["end"]})
        count += 1
    return count
