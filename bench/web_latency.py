"""Server time of the atlas's search and entity pages at 100,000 facts.

Generates 100,000 facts (2,000 documents) into a temporary SQLite database with bulk inserts, then times
requests in-process (FastAPI's TestClient, no network) and prints p50/p95 beside a baseline: a bare
SELECT count(*) over the facts. "cold" requests first empty the atlas's aggregate cache (the first visit
to a selection after a write); "warm" ones read it. Writes bench/results/web_latency.txt. Target: under
200 ms per page.

    python bench/web_latency.py [--facts N] [--repeat N]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from sqlalchemy import insert, text

from counterwatch.model import STATUSES, TECHNOLOGIES
from counterwatch.store.database import Database
from counterwatch.store.fact_targets import FactTargetRow, target_rows
from counterwatch.store.schema import DocumentRow, EvidenceRow, FactRow, SearchEntryRow, utcnow
from counterwatch.store.search import index_tokens

RESULTS = Path(__file__).with_name("results") / "web_latency.txt"
#: Facts per generated document: long procurement lists and reports carry dozens.
FACTS_PER_DOCUMENT = 50
SUPPLIERS = [f"Vendor {i}" for i in range(300)] + ["Hikvision", "Dahua", "Huawei", "ZTE", "SenseTime"]
COUNTRIES = ["CN", "KE", "EC", "PK", "UG", "ZW", "RS", "VE", "BO", "MY", "AE", "EG", "ET", "ZM", "LA"]
TARGETS = ["uyghurs", "tibetans", "protesters", "journalists", "migrants"]


def generate(db: Database, facts: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = utcnow()
    with db.session() as session:
        for d in range(1, facts // FACTS_PER_DOCUMENT + 1):
            body = f"Report {d}. " + " ".join(f"{rng.choice(SUPPLIERS)} sold 人脸识别 cameras." for _ in range(20))
            session.execute(insert(DocumentRow), [dict(id=d, source_id=f"doc{d}", content_hash=f"{d:064x}",
                                                       path=f"/bench/doc{d}.txt", mime_type="text/plain",
                                                       language="en", title=f"Report {d}", text=body, size=len(body),
                                                       extractor_version="bench", ingested_at=now)])
            rows, evidence, targets = [], [], []
            entries = [dict(document_id=d, fact_id=None, tokens=index_tokens(body))]
            for i in range(FACTS_PER_DOCUMENT):
                fact_id = (d - 1) * FACTS_PER_DOCUMENT + i + 1
                supplier = rng.choice(SUPPLIERS)
                rows.append(dict(id=fact_id, document_id=d, technology=rng.choice(TECHNOLOGIES), supplier=supplier,
                                 supplier_id=supplier.lower().replace(" ", "_"), country=rng.choice(COUNTRIES),
                                 buyer=f"Agency {rng.randrange(500)}", place=f"City {rng.randrange(400)}",
                                 latitude=rng.uniform(-40, 60), longitude=rng.uniform(-100, 140),
                                 program=rng.choice([None, "Safe City", "Sharp Eyes"]), year=rng.randrange(2005, 2025),
                                 targets=rng.sample(TARGETS, rng.randrange(0, 2)), status=rng.choice(STATUSES),
                                 fields={}, deployment_key=f"k{rng.randrange(facts // 2)}", extractor_version="bench",
                                 created_at=now))
                targets += target_rows(fact_id, rows[-1]["targets"])
                quote = f"{supplier} sold cameras"
                evidence.append(dict(fact_id=fact_id, document_id=d, quote=quote, start=0, end=len(quote)))
                entries.append(dict(document_id=d, fact_id=fact_id, tokens=index_tokens(quote)))
            session.execute(insert(FactRow), rows)
            session.execute(insert(EvidenceRow), evidence)
            if targets:
                session.execute(insert(FactTargetRow), targets)
            session.execute(insert(SearchEntryRow), entries)
        session.execute(text("ANALYZE"))


def timed(call, repeat: int, before=lambda: None) -> tuple[float, float]:
    call()  # warm caches once
    samples = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from counterwatch.serve.web.app import create_app
    from counterwatch.serve.web.atlas import clear_cache

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        generate(db, args.facts)
        lines = [f"web latency at {args.facts:,} facts (generated in {time.perf_counter() - started:.1f} s), "
                 f"{args.repeat} requests each, server time in ms",
                 f"{'request':<48} {'p50':>8} {'p95':>8} {'cold p50':>9} {'cold p95':>9}"]

        def bare():
            with db.engine.connect() as connection:
                connection.execute(text("SELECT count(*) FROM facts")).scalar()

        p50, p95 = timed(bare, args.repeat)
        lines.append(f"{'baseline: bare SELECT count(*) FROM facts':<48} {p50:8.1f} {p95:8.1f}")
        client = TestClient(create_app(db))
        for path in ("/search", "/search?q=hikvision", "/search?q=人脸识别&country=CN",
                     "/search?technology=facial_recognition&year_from=2015&year_to=2020&target=uyghurs",
                     "/api/facts?supplier=Huawei&country=KE", "/suppliers/hikvision", "/countries/CN",
                     "/programs/Safe%20City", "/buyers/Agency%2012", "/map", "/timeline", "/network", "/facts/5000"):
            def call(path=path):
                assert client.get(path).status_code == 200, path

            p50, p95 = timed(call, args.repeat)
            cold50, cold95 = timed(call, args.repeat, before=clear_cache)
            lines.append(f"{path:<48} {p50:8.1f} {p95:8.1f} {cold50:9.1f} {cold95:9.1f}")
        db.close()
    report = "\n".join(lines) + "\n"
    print(report, end="")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
