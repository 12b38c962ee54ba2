"""One deployment told by four documents (English wire story, its syndicated copy, a Chinese award notice
and an English report with another amount) becomes one deployment: three independent sources, the two
amounts both kept and flagged."""
from __future__ import annotations

import json
from pathlib import Path

from followthemoney import model
from sqlalchemy import select

from counterwatch.store.database import Database
from counterwatch.store.deployments import DeploymentRow
from counterwatch.store.near_duplicates import DocumentSignatureRow
from counterwatch.store.schema import DocumentRow

CORPUS = Path(__file__).parent / "corpus"


def _kashgar(db: str) -> DeploymentRow:
    with Database(db).session() as session:
        rows = session.scalars(select(DeploymentRow).where(DeploymentRow.entity == "hikvision",
                                                           DeploymentRow.technology == "facial_recognition")).all()
        assert len(rows) == 1, [(r.place, r.year_min) for r in rows]
        return rows[0]


def test_four_reports_make_one_deployment_with_three_sources_and_a_conflict(cli):
    cli.ingest(CORPUS)
    deployment = _kashgar(cli.db)
    assert deployment.facts == 4 and deployment.sources == 3
    assert deployment.year_min == deployment.year_max == 2019
    amounts = sorted(a["amount"] for a in deployment.conflicts["amount"])
    assert amounts == [45_000_000, 52_000_000]
    # the Urumqi deployment by another supplier stays apart, with one source and no conflict
    with Database(cli.db).session() as session:
        dahua = session.scalars(select(DeploymentRow).where(DeploymentRow.entity == "dahua")).all()
    assert dahua and all(d.sources == 1 and not d.conflicts for d in dahua)


def test_the_syndicated_copy_points_to_its_original(cli):
    cli.ingest(CORPUS)
    with Database(cli.db).session() as session:
        ids = {d.source_id: d.id for d in session.scalars(select(DocumentRow))}
        links = {source: session.get(DocumentSignatureRow, doc_id).duplicate_of for source, doc_id in ids.items()}
    wire, copy = ids["en_wire_kashgar_hikvision"], ids["en_syndicated_kashgar_hikvision"]
    # whichever was stored second is the copy of the first
    assert {links["en_wire_kashgar_hikvision"], links["en_syndicated_kashgar_hikvision"]} == {None, min(wire, copy)}
    assert links["en_report_kashgar_hik_vision"] is None and links["zh_notice_kashgar_haikang"] is None


def test_json_export_gives_each_fact_its_deployment(cli, tmp_path):
    cli.ingest(CORPUS)
    facts = json.loads(cli.export("json", tmp_path / "f.json").read_text(encoding="utf-8"))
    kashgar = [f for f in facts if f["supplier_id"] == "hikvision" and f["technology"] == "facial_recognition"]
    assert len(kashgar) == 4 and len({f["deployment_id"] for f in kashgar}) == 1
    assert {f["sources"] for f in kashgar} == {3}
    assert all("amount" in f["conflicts"] for f in kashgar)
    assert {f["document"]["language"] for f in kashgar} == {"en", "zh"}


def test_ftm_export_has_one_company_with_aliases_owner_and_one_contract(cli, tmp_path):
    cli.ingest(CORPUS)
    lines = cli.export("ftm", tmp_path / "f.ftm").read_text(encoding="utf-8").splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]  # validates against the FtM model
    companies = {p.first("name"): p for p in proxies if p.schema.name == "Company"}
    hikvision = companies["Hikvision"]
    assert "海康威视" in hikvision.get("alias")
    assert "export.control" in hikvision.get("topics")
    assert any("US Entity List" in n for n in hikvision.get("notes"))
    owner = [p for p in proxies if p.schema.name == "Ownership" and p.first("asset") == hikvision.id]
    assert len(owner) == 1 and owner[0].first("owner") == companies["China Electronics Technology Group"].id
    sanctions = [p for p in proxies if p.schema.name == "Sanction" and p.first("entity") == hikvision.id]
    assert "US Entity List" in {p.first("program") for p in sanctions}
    contracts = [p for p in proxies if p.schema.name == "Contract" and "52000000" in " ".join(p.get("amount"))]
    assert len(contracts) == 1
    assert {float(a) for a in contracts[0].get("amount")} == {45_000_000, 52_000_000}
    assert any("disagree" in n for n in contracts[0].get("notes"))
    documented = {p.first("document") for p in proxies if p.schema.name == "Documentation"
                  and p.first("entity") == contracts[0].id}
    assert len(documented) == 4
