"""A small atlas database built from documents written for these tests, an app over it, and accounts."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from counterwatch.ingest.loader import load_text
from counterwatch.model import Evidence, Extraction, Fact
from counterwatch.serve.web.app import create_app
from counterwatch.store.accounts import add_user
from counterwatch.store.database import Database
from counterwatch.store.writer import FileState, save_extraction

PASSWORD = "correct horse battery"

#: (source id, text, url, facts as (quote, fields)).
DOCUMENTS = [
    ("kashgar-report", "Field notes, spring 2019.\nIn 2019 Hikvision supplied facial recognition cameras to the "
     "Kashgar Public Security Bureau; the system flags Uyghurs at checkpoints.\nNothing else is known.",
     "https://example.org/kashgar",
     [("Hikvision supplied facial recognition cameras to the Kashgar Public Security Bureau",
       dict(technology="facial_recognition", supplier="Hikvision", supplier_id="hikvision", country="CN",
            buyer="Kashgar Public Security Bureau", place="Kashgar", latitude=39.47, longitude=75.99, year=2019,
            targets=["uyghurs"], status="contracted", deployment_key="k-kashgar"))]),
    ("kashgar-followup", "A later article repeats it: Hikvision supplied facial recognition cameras to the Kashgar "
     "Public Security Bureau in 2019.", None,
     [("Hikvision supplied facial recognition cameras to the Kashgar Public Security Bureau",
       dict(technology="facial_recognition", supplier="Hikvision", supplier_id="hikvision", country="CN",
            buyer="Kashgar Public Security Bureau", place="Kashgar", latitude=39.47, longitude=75.99, year=2019,
            targets=["uyghurs"], status="contracted", deployment_key="k-kashgar"))]),
    ("urumqi-notice", "乌鲁木齐市公安局中标公告：2020年采购大华人脸识别系统一套。", None,
     [("采购大华人脸识别系统", dict(technology="facial_recognition", supplier="Dahua", supplier_id="dahua",
                                country="CN", buyer="乌鲁木齐市公安局", place="Urumqi", latitude=43.83,
                                longitude=87.62, year=2020, status="awarded", deployment_key="k-urumqi"))]),
    ("hostile-page", "<script>window.pwned = 1</script>\nHuawei delivered a Safe City platform to Nairobi in 2015. "
     "<a href=\"javascript:window.pwned=2\">read more</a>", "javascript:window.pwned=3",
     [("Huawei delivered a Safe City platform to Nairobi in 2015",
       dict(technology="smart_city", supplier="Huawei", supplier_id="huawei", country="KE", place="Nairobi",
            latitude=-1.29, longitude=36.82, program="Safe City", year=2015, status="deployed",
            buyer="Nairobi County", deployment_key="k-nairobi"))]),
]


def build(db: Database) -> dict[str, int]:
    """Store the documents; returns fact id by source id."""
    ids = {}
    with db.session() as session:
        for i, (source_id, text, url, facts) in enumerate(DOCUMENTS):
            doc = load_text(text, source_id, title=f"<i>{source_id}</i>" if "hostile" in source_id else None)
            doc.url = url
            made = []
            for quote, fields in facts:
                start = text.index(quote)
                made.append(Fact(evidence=[Evidence(source_id, quote, start, start + len(quote))], **fields))
            save_extraction(session, Extraction(doc, [], made, "test-1"), FileState(f"/{source_id}.txt", i, i))
    with db.session() as session:
        from counterwatch.store.schema import DocumentRow, FactRow
        for fact_id, source_id in session.query(FactRow.id, DocumentRow.source_id).join(DocumentRow):
            ids[source_id] = fact_id
    return ids


@dataclass
class Atlas:
    db: Database
    client: TestClient
    fact_ids: dict[str, int]

    def csrf(self, path: str = "/login") -> str:
        page = self.client.get(path)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def sign_in(self, name: str = "rita") -> None:
        response = self.client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": self.csrf(),
                                                    "next": "/"}, follow_redirects=False)
        assert response.status_code == 303, response.text


@pytest.fixture
def atlas(database_url) -> Atlas:
    """The atlas on each backend: SQLite, then PostgreSQL when COUNTERWATCH_TEST_PG_URL is set."""
    db = Database(database_url)
    ids = build(db)
    with db.session() as session:
        add_user(session, "rita", "reviewer", PASSWORD)
        add_user(session, "ada", "admin", PASSWORD)
    with TestClient(create_app(db)) as client:
        yield Atlas(db, client, ids)
    db.close()
