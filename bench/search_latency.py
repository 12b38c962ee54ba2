"""Search latency at scale: the fact search and facet queries over a database of (by default) 1,000,000 facts.

    python bench/search_latency.py                   # 1,000,000 facts in a fresh SQLite file
    python bench/search_latency.py --facts 100000    # quicker
    python bench/search_latency.py --db postgresql://...   # on PostgreSQL (the database should be empty)

Facts, their documents and their search entries are generated (seeded) and written by bulk insert,
COMMIT_FACTS per transaction; then each query is run QUERIES_PER_KIND times with different terms, as the
API runs it (planned by store.queries.plan_search: exact, driven from the other filters' indexes, or
capped to the newest matching entries; the plans used are counted in the results), and its p50 and p95
are written to bench/results/search-<date>.json. Target: p95 <= 100 ms.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from collections import Counter
import time
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ingest_bench import machine  # noqa: E402
from counterwatch.store.database import Database  # noqa: E402
from counterwatch.store.queries import FactFilter, plan_search  # noqa: E402
from counterwatch.store.schema import DocumentRow, FactRow, SearchEntryRow  # noqa: E402
from counterwatch.store.search import index_tokens  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
#: Facts per generated document (notices state a few, long reports a dozen).
FACTS_PER_DOCUMENT = 10
#: Rows per bulk insert statement batch: large enough to amortise round trips, small enough for memory.
INSERT_BATCH = 20_000
#: Facts per transaction: a bulk load of a million facts in one transaction holds every new id in memory
#: (sealing, the atlas change log); 50,000 keeps each commit to a few seconds.
COMMIT_FACTS = 50_000
#: Timed runs of each query kind; the p95 of 50 runs is stable to a few ms.
QUERIES_PER_KIND = 50
#: Facts one page of search results shows (the atlas and `counterwatch facts` page at this size).
PAGE = 50

TECHNOLOGIES = ["facial_recognition", "video_surveillance", "license_plate_recognition", "smart_city",
                "dna_collection", "drones", "imsi_catcher", "phone_forensics", "big_data_platform"]
SUPPLIERS = ["Hikvision", "Dahua", "Huawei", "ZTE", "SenseTime", "Megvii", "CloudWalk", "Yitu", "Uniview",
             "iFlytek", "Inspur", "Cellebrite", "NEC", "Idemia", "海康威视", "大华股份", "宇视科技"]
COUNTRIES = ["CN", "KE", "RS", "UG", "ZW", "EC", "PK", "UZ", "ZM", "PH", "VE", "KG", "GH", "US", "DE"]
PLACES = ["营口市", "大连市", "赣州市", "喀什市", "Nairobi", "Belgrade", "Kampala", "Harare", "Quito", "Lahore"]
QUOTES = ["{s}为{p}公安局提供人脸识别系统", "{s} installed facial recognition cameras in {p}",
          "{p}视频监控建设项目中标供应商{s}", "{s} supplied license plate readers to the police in {p}",
          "{p}警务云大数据平台由{s}承建", "{s} delivered drones and a command centre to {p}"]
SEARCH_TERMS = ["人脸", "人脸识别", "视频监控", "facial recognition", "cameras", "Hikvision", "大数据", "drones",
                "license plate", "警务云", "Nairobi", "营口"]


def populate(db: Database, facts: int, seed: int) -> float:
    """Generated documents, facts and search entries, committed COMMIT_FACTS facts at a time (each commit
    also seals the new rows and folds the atlas counts, as an ingest does)."""
    rng = random.Random(seed)
    started = time.perf_counter()
    documents = max(1, facts // FACTS_PER_DOCUMENT)
    for lo in range(0, documents, INSERT_BATCH):
        with db.session() as session:
            session.execute(insert(DocumentRow), [
                dict(id=i + 1, source_id=f"doc{i}", content_hash=f"{i:064x}", path=f"/corpus/doc{i}.txt",
                     mime_type="text/plain", language="zh" if i % 2 else "en", title=f"document {i}", size=1000,
                     text="", extractor_version="bench") for i in range(lo, min(documents, lo + INSERT_BATCH))])
    for first in range(0, facts, COMMIT_FACTS):
        with db.session() as session:
            for lo in range(first, min(facts, first + COMMIT_FACTS), INSERT_BATCH):
                rows, entries = [], []
                for i in range(lo, min(facts, lo + INSERT_BATCH, first + COMMIT_FACTS)):
                    s, p, t = rng.choice(SUPPLIERS), rng.choice(PLACES), rng.choice(TECHNOLOGIES)
                    quote = rng.choice(QUOTES).format(s=s, p=p)
                    doc = i // FACTS_PER_DOCUMENT + 1
                    rows.append(dict(id=i + 1, document_id=doc, technology=t, supplier=s, supplier_id=s.lower(),
                                     country=rng.choice(COUNTRIES), place=p, year=rng.randint(2010, 2025),
                                     status="reported", targets=[], fields={}, deployment_key=f"{s}/{t}/{p}",
                                     extractor_version="bench"))
                    entries.append(dict(document_id=doc, fact_id=i + 1,
                                        tokens=index_tokens(f"{t} {s} {p} {quote}")))
                session.execute(insert(FactRow), rows)
                session.execute(insert(SearchEntryRow), entries)
    with db.session() as session:
        session.execute(text("ANALYZE"))
    return time.perf_counter() - started


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    return {"p50_ms": round(1000 * statistics.median(ordered), 1), "p95_ms": round(1000 * p95, 1),
            "max_ms": round(1000 * ordered[-1], 1), "runs": len(ordered)}


def measure(db: Database, seed: int) -> dict:
    rng = random.Random(seed + 1)
    filters = []
    for _ in range(QUERIES_PER_KIND):
        filters.append(FactFilter(q=rng.choice(SEARCH_TERMS),
                                  country=rng.choice([None, "CN", "KE"]),
                                  technology=rng.choice([None, *TECHNOLOGIES[:3]])))
    timings: dict[str, list[float]] = {"search_page": [], "facet_technology_country": []}
    plans: Counter = Counter()
    with db.session() as session:
        session.scalars(FactFilter(q="人脸").apply(session, select(FactRow.id)).limit(PAGE)).all()  # warm cache
        for flt in filters:
            # As the API runs them: each request plans its search (capped counts), then reads the newest
            # page, or the selection's facet counts, under that plan.
            session.info.clear()
            started = time.perf_counter()
            plan = plan_search(session, flt)
            session.scalars(flt.apply(session, select(FactRow), plan).order_by(FactRow.id.desc()).limit(PAGE)).all()
            timings["search_page"].append(time.perf_counter() - started)
            session.info.clear()
            started = time.perf_counter()
            plan = plan_search(session, flt)
            facet = flt.apply(session, select(FactRow.technology, FactRow.country, func.count()), plan)
            session.execute(facet.group_by(FactRow.technology, FactRow.country)).all()
            timings["facet_technology_country"].append(time.perf_counter() - started)
            plans[("capped" if plan.capped else "by filter" if plan.by_filter else "exact")] += 1
    return {**{name: _percentiles(samples) for name, samples in timings.items()}, "plans": dict(plans)}


def main() -> None:
    parser = argparse.ArgumentParser(description="Search and facet latency over generated facts.")
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--db", default=None, help="an empty database (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    db = Database(args.db or str(Path(tempfile.mkdtemp(prefix="cw-search-")) / "search.db"))
    load_seconds = populate(db, args.facts, args.seed)
    result = {"benchmark": "search_latency", "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": machine(), "database": db.dialect, "facts": args.facts,
              "load_seconds": round(load_seconds, 1), "queries": measure(db, args.seed), "target_p95_ms": 100}
    db.close()
    print(json.dumps(result["queries"]))
    RESULTS.mkdir(exist_ok=True)
    out = args.out or RESULTS / f"search-{db.dialect}-{datetime.now():%Y%m%d-%H%M}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results: {out}")


if __name__ == "__main__":
    main()
