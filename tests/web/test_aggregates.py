"""Entity pages match whole names, the target facet and filter read fact_targets, and cached aggregates
follow the data: a write changes the figures the next request shows."""
from __future__ import annotations

from counterwatch.serve.web import atlas as aggregates
from counterwatch.store.queries import EntityFilter, FactFilter


def test_entity_pages_match_whole_names_while_search_matches_parts(atlas):
    assert atlas.client.get("/suppliers/hikvision").status_code == 200  # the knowledge-base id
    assert atlas.client.get("/suppliers/Hikvision").status_code == 200  # the name, as facets link it
    assert atlas.client.get("/suppliers/hikv").status_code == 404
    partial = atlas.client.get("/api/facts", params={"supplier": "hikv"}).json()
    assert partial["total"] == 2


def test_target_facet_and_filter_count_each_fact_once(atlas):
    facets = atlas.client.get("/api/facets").json()
    assert facets["target"] == [{"value": "uyghurs", "count": 2}]
    assert atlas.client.get("/api/facts", params={"target": "uyghurs"}).json()["total"] == 2
    assert atlas.client.get("/api/facts", params={"target": "uyghur"}).json()["total"] == 0


def test_cached_figures_change_when_facts_do(atlas):
    with atlas.db.session() as session:
        before = aggregates.facets(session, FactFilter())
        assert aggregates.facets(session, FactFilter()) is before  # read back, not recomputed
        assert aggregates.country_counts(session, EntityFilter(supplier="dahua")) == {"CN": 1}
    with atlas.db.session() as session:
        from counterwatch.store.schema import FactRow
        session.query(FactRow).filter(FactRow.supplier_id == "dahua").delete()
    with atlas.db.session() as session:
        assert aggregates.country_counts(session, EntityFilter(supplier="dahua")) == {}
        after = dict(aggregates.facets(session, FactFilter()))["supplier"]
        assert ("Dahua", 1) not in after and ("Hikvision", 2) in after
