"""Every export format, read back with the tool its users would use."""
from __future__ import annotations

import csv
import json
import subprocess
import sys

from followthemoney import model

from tests.conftest import FIXTURES, SHARED


def test_ftm_round_trip_validates(cli, tmp_path):
    cli.ingest(FIXTURES)
    lines = cli.export("ftm", tmp_path / "out.ftm.jsonl").read_text(encoding="utf-8").splitlines()
    entities = [model.get_proxy(json.loads(line), cleaned=False) for line in lines]
    by_schema: dict[str, list] = {}
    for entity in entities:
        data = entity.to_dict()
        assert entity.schema.validate(data) is None, data
        by_schema.setdefault(entity.schema.name, []).append(entity)
    for schema in ("Document", "Company", "PublicBody", "Contract", "ContractAward", "Project", "Address",
                   "Documentation"):
        assert schema in by_schema, f"no {schema} in {sorted(by_schema)}"
    ids = {e.id for e in entities}
    for link in by_schema["Documentation"]:
        assert set(link.get("document")) <= ids and set(link.get("entity")) <= ids
    documented = {v for link in by_schema["Documentation"] for v in link.get("entity")}
    for entity in entities:
        if entity.schema.is_a("Thing") and entity.schema.name != "Document":
            assert entity.id in documented, entity.to_dict()
    huawei = next(e for e in by_schema["Company"] if "Huawei" in e.get("name"))
    assert "cn" in huawei.get("country")


def test_geojson_points(cli, tmp_path):
    cli.ingest(FIXTURES)
    data = json.loads(cli.export("geojson", tmp_path / "out.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    kashgar = [f for f in data["features"] if f["properties"]["place"] and "Kashgar" in f["properties"]["place"]]
    assert kashgar and abs(kashgar[0]["geometry"]["coordinates"][1] - 39.5) < 1.0


def test_csv_has_every_field_and_evidence(cli, tmp_path):
    cli.ingest(FIXTURES)
    with cli.export("csv", tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    assert {"technology", "supplier", "buyer", "country", "place", "amount", "currency", "quantity", "quote",
            "quote_start", "quote_end", "document_source_id", "extractor_version", "sources"} <= set(rows[0])
    assert all(r["quote"] for r in rows)


def test_eval_jsonl_is_read_by_the_shared_scorer(cli, tmp_path):
    cli.ingest(FIXTURES)
    pred = cli.export("eval-jsonl", tmp_path / "pred.jsonl")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "kenya_safe_city", "entities": {"suppliers": ["Huawei"], "countries": ["KE"]},
                                "relations": [{"supplier": "Huawei", "technology": "smart_city", "country": "KE"}]})
                    + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred)],
                         capture_output=True, text=True, check=True).stdout
    relations = next(line.split() for line in out.splitlines() if line.startswith("relations"))
    assert relations[2] == "1.000", out  # recall: the Huawei Safe City fact was found


def test_export_filters_apply(cli, tmp_path):
    cli.ingest(FIXTURES)
    facts = json.loads(cli.export("json", tmp_path / "ke.json", "--country", "KE").read_text())
    assert facts and all(f["country"] == "KE" for f in facts)
