"""The summary kept at write time (store.summary) and the reviewed values the atlas filters by.

After every kind of write (ingest, re-ingest of a changed file, a review correction, a merge judgement,
a direct delete) the counts must equal a recount from scratch, and filters, facets, entity pages, the map
and the downloads must show an analyst's correction while the machine's value stays in the history."""
from __future__ import annotations

from sqlalchemy import select

from counterwatch.ingest.loader import load_text
from counterwatch.model import Evidence, Extraction, Fact
from counterwatch.store.judgements import record_judgement
from counterwatch.store.schema import FactRow
from counterwatch.store.summary import AtlasCountRow, FactCurrentRow, rebuild
from counterwatch.store.writer import FileState, save_extraction
from tests.web.conftest import DOCUMENTS


def _counts(session) -> dict:
    return {(r.dims, r.a, r.b) + ((r.c,) if r.c else ()): (r.n, r.located, round(r.lat_sum, 6), round(r.lon_sum, 6))
            for r in session.scalars(select(AtlasCountRow))}


def assert_counts_match_a_recount(db) -> dict:
    session = db.sessions()
    try:
        kept = _counts(session)
        rebuild(session.connection())
        assert kept == _counts(session)
    finally:
        session.rollback()
        session.close()
    return kept


def _correct(atlas, fact_id, **fields):
    token = atlas.client.get("/api/session").json()["csrf_token"]
    response = atlas.client.post(f"/api/facts/{fact_id}/reviews", headers={"X-CSRF-Token": token},
                                 json={"action": "correct", "note": "the notice names another", "fields": fields})
    assert response.status_code == 201, response.text
    return response.json()


def _reingest(db, source_id: str, text: str, facts: list[tuple[str, dict]]) -> None:
    with db.session() as session:
        doc = load_text(text, source_id)
        made = [Fact(evidence=[Evidence(source_id, q, text.index(q), text.index(q) + len(q))], **f) for q, f in facts]
        index = [d[0] for d in DOCUMENTS].index(source_id)
        state = FileState(f"/{source_id}.txt", index, index + 100)
        save_extraction(session, Extraction(doc, [], made, "test-1"), state)


def test_counts_follow_ingest_reingest_corrections_merges_and_deletes(atlas):
    counts = assert_counts_match_a_recount(atlas.db)
    assert counts[("facts", "", "")][0] == 4 and counts[("supplier", "Hikvision", "")][0] == 2
    assert counts[("target", "uyghurs", "")][0] == 2
    assert counts[("place", "Kashgar", "CN")][:3] == (2, 2, round(2 * 39.47, 6))
    atlas.sign_in()
    _correct(atlas, atlas.fact_ids["urumqi-notice"], country="KE", supplier="Uniview")
    counts = assert_counts_match_a_recount(atlas.db)
    assert counts[("supplier_country", "Uniview", "KE")][0] == 1 and ("supplier", "Dahua", "") not in counts
    text = "A revised notice: Huawei delivered a Safe City platform to Mombasa in 2016."
    _reingest(atlas.db, "hostile-page", text, [("Huawei delivered a Safe City platform to Mombasa", dict(
        technology="smart_city", supplier="Huawei", country="KE", place="Mombasa", program="Safe City", year=2016,
        status="deployed", deployment_key="k-mombasa"))])
    counts = assert_counts_match_a_recount(atlas.db)
    assert ("place", "Nairobi", "KE") not in counts and counts[("place", "Mombasa", "KE")][:2] == (1, 0)
    with atlas.db.session() as session:
        record_judgement(session, "merge", "hikvision", "name:uniview", by="rita")
    assert_counts_match_a_recount(atlas.db)
    # Re-ingesting the corrected fact's document replaces the fact: its correction leaves the counts with it.
    _, text, _, facts = DOCUMENTS[2]
    _reingest(atlas.db, "urumqi-notice", text + " 补充说明。", facts)
    counts = assert_counts_match_a_recount(atlas.db)
    assert ("supplier", "Uniview", "") not in counts and counts[("supplier", "Dahua", "")][0] == 1
    with atlas.db.session() as session:
        assert session.scalar(select(FactCurrentRow.fact_id)) is None
        session.query(FactRow).filter(FactRow.supplier == "Hikvision").delete()
    counts = assert_counts_match_a_recount(atlas.db)
    assert counts[("facts", "", "")][0] == 2 and ("target", "uyghurs", "") not in counts


def test_filters_facets_pages_map_and_downloads_show_a_correction(atlas):
    fact_id = atlas.fact_ids["urumqi-notice"]
    assert atlas.client.get("/api/facts", params={"country": "CN"}).json()["total"] == 3
    atlas.client.get("/api/facets")  # cached before the correction: the write must change what follows
    atlas.sign_in()
    _correct(atlas, fact_id, country="KE", supplier="Uniview")
    api = atlas.client.get
    assert fact_id in [f["id"] for f in api("/api/facts", params={"country": "KE"}).json()["facts"]]
    assert api("/api/facts", params={"country": "CN"}).json()["total"] == 2
    assert api("/api/facts", params={"supplier": "dahua"}).json()["total"] == 0
    assert api("/api/facts", params={"supplier": "univ", "country": "KE"}).json()["total"] == 1
    facets = api("/api/facets").json()
    assert {"value": "KE", "count": 2} in facets["country"] and {"value": "CN", "count": 2} in facets["country"]
    assert {"value": "Uniview", "count": 1} in facets["supplier"]
    assert all(v["value"] != "Dahua" for v in facets["supplier"])
    assert {"value": "corrected", "count": 1} in facets["review"]
    within = api("/api/facets", params={"country": "KE"}).json()
    assert {"value": "Uniview", "count": 1} in within["supplier"] and within["review"][0]["value"] == "unreviewed"
    assert api("/api/map").json()["countries"] == {"CN": 2, "KE": 2}
    assert api("/suppliers/Uniview").status_code == 200 and api("/suppliers/dahua").status_code == 404
    assert "Uniview" in api("/countries/KE").text
    assert "Uniview" in api("/download/csv", params={"country": "KE"}).text
    assert api("/download/csv", params={"supplier": "dahua"}).text.count("\n") == 1  # the header only
    history = api(f"/api/facts/{fact_id}/reviews").json()
    assert history[-1]["before"] == {"country": "CN", "supplier": "Dahua"}
    with atlas.db.session() as session:
        assert session.get(FactRow, fact_id).country == "CN"  # the machine's value stays stored
