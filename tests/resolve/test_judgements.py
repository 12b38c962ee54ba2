"""Analyst judgements: latest in force wins, undo is another judgement, and re-storing documents after a
merge or split keeps it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from counterwatch.ingest.loader import load_text
from counterwatch.model import Evidence, Extraction, Fact
from counterwatch.resolve.judgements import Decisions, Judgement, judgement_key
from counterwatch.store.database import Database
from counterwatch.store.deployments import DeploymentRow, refresh_deployments
from counterwatch.store.judgements import list_judgements, record_judgement
from counterwatch.store.writer import FileState, save_extraction

NOW = datetime(2024, 1, 1)


def _j(id_: int, kind: str, subject: str, other: str = "") -> Judgement:
    return Judgement(id_, kind, subject, other, "tester", NOW)


def test_merge_then_split_then_undo():
    spelling = judgement_key("Dahau Secrity", ["dahua"])
    assert spelling == "name:dahau secrity" and judgement_key("dahua", ["dahua"]) == "dahua"
    merged = Decisions([_j(1, "merge", "dahua", spelling)])
    assert merged.entity_of(None, "Dahau  SECRITY") == "dahua"
    split = Decisions([_j(1, "merge", "dahua", spelling), _j(2, "split", "dahua", spelling)])
    assert split.entity_of(None, "Dahau Secrity") == spelling
    undone = Decisions([_j(1, "merge", "dahua", spelling), _j(2, "split", "dahua", spelling), _j(3, "undo", "2")])
    assert undone.entity_of(None, "Dahau Secrity") == "dahua"


def test_a_split_takes_a_spelling_off_the_supplier_it_was_matched_to():
    decisions = Decisions([_j(1, "split", "dahua", "name:dahua security services")])
    assert decisions.entity_of("dahua", "Dahua Security Services") == "name:dahua security services"
    assert decisions.entity_of("dahua", "Zhejiang Dahua") == "dahua"


def test_merged_spellings_follow_a_knowledge_base_id():
    decisions = Decisions([_j(1, "merge", "name:haikang", "name:hk vision"), _j(2, "merge", "name:haikang", "hikvision")])
    assert decisions.entity_of(None, "HK Vision") == "hikvision"


def _extraction(text: str, source: str, supplier: str, supplier_id: str | None) -> Extraction:
    doc = load_text(text, source)
    fact = Fact(technology="license_plate_recognition", supplier=supplier, supplier_id=supplier_id, country="CN",
                place="Urumqi", latitude=43.83, longitude=87.62, year=2020, deployment_key=source,
                evidence=[Evidence(source, text[:30], 0, 30)])
    return Extraction(doc, [], [fact], "test-1")


def _dahua_deployments(db: Database) -> list[DeploymentRow]:
    with db.session() as session:
        return list(session.scalars(select(DeploymentRow).where(DeploymentRow.technology == "license_plate_recognition")))


def test_judgements_survive_re_storing(tmp_path):
    db = Database(str(tmp_path / "j.db"))
    a = _extraction("Dahua installed plate cameras in Urumqi in 2020, officials said.", "a", "Dahua", "dahua")
    b = _extraction("A firm called Dahau Secrity fitted plate readers around Urumqi in 2020.", "b",
                    "Dahau Secrity", None)
    with db.session() as session:
        save_extraction(session, a, FileState("/a.txt", 1, 1))
        save_extraction(session, b, FileState("/b.txt", 1, 1))
    assert sorted(d.sources for d in _dahua_deployments(db)) == [1, 1]
    with db.session() as session:
        record_judgement(session, "merge", "dahua", "name:dahau secrity", by="analyst")
        refresh_deployments(session)
    assert [(d.entity, d.sources) for d in _dahua_deployments(db)] == [("dahua", 2)]
    changed = _extraction("A firm called Dahau Secrity fitted plate readers around Urumqi in 2020 and 2021.", "b",
                          "Dahau Secrity", None)
    with db.session() as session:  # the file changed: its document and facts are replaced
        assert save_extraction(session, changed, FileState("/b.txt", 2, 2)).status == "replaced"
    assert [(d.entity, d.sources) for d in _dahua_deployments(db)] == [("dahua", 2)]
    with db.session() as session:
        record_judgement(session, "split", "dahua", "name:dahau secrity")
        refresh_deployments(session)
        kinds = [(j.kind, j.by) for j in list_judgements(session)]
    assert kinds[0] == ("merge", "analyst") and kinds[1][0] == "split"
    assert sorted(d.entity for d in _dahua_deployments(db)) == ["dahua", "name:dahau secrity"]
