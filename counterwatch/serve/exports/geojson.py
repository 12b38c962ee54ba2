"""Facts with a known location as GeoJSON points: the place's coordinates, else the country's centroid
(set at resolve time, marked ``geo_precision: country``)."""
from __future__ import annotations

import json
from typing import TextIO

from sqlalchemy.orm import Session

from counterwatch.store.queries import FactFilter, fact_as_dict, iter_facts


def write(session: Session, out: TextIO, flt: FactFilter | None = None) -> int:
    count = 0
    out.write('{"type": "FeatureCollection", "features": [\n')
    for row in iter_facts(session, flt):
        if row.latitude is None or row.longitude is None:
            continue
        props = fact_as_dict(row)
        props["geo_precision"] = (row.fields or {}).get("geo_precision", "place")
        feature = {"type": "Feature", "id": row.id,
                   "geometry": {"type": "Point", "coordinates": [round(row.longitude, 5), round(row.latitude, 5)]},
                   "properties": props}
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
