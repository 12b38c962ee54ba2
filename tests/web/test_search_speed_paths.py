"""The ways a text search is run (store.queries.plan_search) give the same facts, and corrected targets
count in the target filter and facets.

A search driven from the other filters' indexes, an exact one and a capped one (the newest matching
entries only) must each find the facts the plain query finds; the capped one says so ("N+")."""
from __future__ import annotations

from sqlalchemy import select

from counterwatch.serve.web.atlas import clear_cache
from counterwatch.store import queries
from counterwatch.store.queries import FactFilter, SearchPlan, plan_search
from counterwatch.store.schema import FactRow
from tests.web.test_summary import _correct, assert_counts_match_a_recount

PLANS = [SearchPlan(), SearchPlan(by_filter=True), SearchPlan(newest=1000)]


def _ids(session, flt: FactFilter, plan: SearchPlan | None) -> list[int]:
    return list(session.scalars(flt.apply(session, select(FactRow.id), plan).order_by(FactRow.id)))


def test_every_plan_finds_the_same_facts(atlas):
    with atlas.db.session() as session:
        for flt in (FactFilter(q="人脸"), FactFilter(q="人臉識別", country="CN"), FactFilter(q="hikvision"),
                    FactFilter(q="Kashgar", supplier="hikvision", year_from=2019),
                    FactFilter(q="safe city", country="KE"), FactFilter(q="uyghurs", country="KE")):
            expected = _ids(session, flt, None)
            for plan in PLANS:
                assert _ids(session, flt, plan) == expected, (flt, plan)
        assert _ids(session, FactFilter(q="人脸"), None)  # a two-character Chinese term is found


def test_plans_chosen_by_capped_counts(atlas, monkeypatch):
    with atlas.db.session() as session:
        assert plan_search(session, FactFilter(q="hikvision")) == SearchPlan()
        assert plan_search(session, FactFilter(q="hikvision", country="CN")) == SearchPlan(by_filter=True)
        monkeypatch.setattr(queries, "SEARCH_WINDOW", 1)
        monkeypatch.setattr(queries, "FILTER_DRIVEN_FACTS", 1)
        session.info.clear()
        assert plan_search(session, FactFilter(q="hikvision", country="CN")) == SearchPlan(newest=1)
        # The newest matching entry only: the latest Hikvision fact.
        newest = _ids(session, FactFilter(q="hikvision"), SearchPlan(newest=1))
        assert newest == [max(_ids(session, FactFilter(q="hikvision"), None))]


def test_a_broad_search_says_its_count_is_capped(atlas, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_WINDOW", 1)
    body = atlas.client.get("/api/facts", params={"q": "hikvision"}).json()
    assert body["capped"] and body["total"] == 1 and len(body["facts"]) == 1
    page = atlas.client.get("/search", params={"q": "hikvision"}).text
    assert '<span id="total">1+</span>' in page
    monkeypatch.setattr(queries, "SEARCH_WINDOW", 10)
    clear_cache()  # the count of a selection is kept until the data changes
    body = atlas.client.get("/api/facts", params={"q": "hikvision", "page": 2}).json()
    assert not body["capped"] and body["total"] == 2


def test_corrected_targets_count_in_the_target_filter_and_facets(atlas):
    fact_id = atlas.fact_ids["kashgar-report"]
    api = atlas.client.get
    assert api("/api/facts", params={"target": "tibetans"}).json()["total"] == 0
    api("/api/facets", params={"supplier": "hikvision"})  # cached before the correction
    atlas.sign_in()
    _correct(atlas, fact_id, targets=["tibetans", "protesters"])
    assert [f["id"] for f in api("/api/facts", params={"target": "tibetans"}).json()["facts"]] == [fact_id]
    assert fact_id not in [f["id"] for f in api("/api/facts", params={"target": "uyghurs"}).json()["facts"]]
    for params in ({}, {"country": "CN"}, {"supplier": "hikvision"}):  # counted at write time, and per request
        targets = api("/api/facets", params=params).json()["target"]
        assert {"value": "tibetans", "count": 1} in targets and {"value": "uyghurs", "count": 1} in targets, params
    assert_counts_match_a_recount(atlas.db)
    _correct(atlas, fact_id, year=2018)  # a later correction carries the corrected targets forward
    assert api("/api/facts", params={"target": "tibetans"}).json()["total"] == 1
    assert_counts_match_a_recount(atlas.db)
    with atlas.db.session() as session:
        assert session.get(FactRow, fact_id).targets == ["uyghurs"]  # the machine's terms stay stored
        session.query(FactRow).filter(FactRow.id == fact_id).delete()  # its corrected terms leave with it
    counts = assert_counts_match_a_recount(atlas.db)
    assert ("target", "tibetans", "") not in counts and counts[("target", "uyghurs", "")][0] == 1
