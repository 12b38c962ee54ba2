"""The JSON API: filters combine, facets count, facts come with evidence, OpenAPI describes it all."""
from __future__ import annotations


def test_filters_combine_and_facets_count(atlas):
    everything = atlas.client.get("/api/facts").json()
    assert everything["total"] == 4
    kenya = atlas.client.get("/api/facts", params={"country": "ke", "technology": "smart_city"}).json()
    assert [f["supplier"] for f in kenya["facts"]] == ["Huawei"]
    assert atlas.client.get("/api/facts", params={"country": "KE", "technology": "drones"}).json()["total"] == 0
    ranged = atlas.client.get("/api/facts", params={"year_from": "2019", "year_to": "2020"}).json()
    assert {f["year"] for f in ranged["facts"]} == {2019, 2020} and ranged["total"] == 3
    targeted = atlas.client.get("/api/facts", params={"target": "uyghurs", "buyer": "kashgar"}).json()
    assert targeted["total"] == 2
    facets = atlas.client.get("/api/facets", params={"country": "CN"}).json()
    assert {"value": "Hikvision", "count": 2} in facets["supplier"]
    assert {"value": "uyghurs", "count": 2} in facets["target"]
    assert facets["review"] == [{"value": "unreviewed", "count": 3}]


def test_search_finds_english_and_chinese(atlas):
    assert atlas.client.get("/api/facts", params={"q": "Nairobi"}).json()["total"] == 1
    chinese = atlas.client.get("/api/facts", params={"q": "人脸"}).json()
    assert [f["supplier"] for f in chinese["facts"]] == ["Dahua"]
    traditional = atlas.client.get("/api/facts", params={"q": "人臉識別"}).json()
    assert traditional["total"] == 1


def test_paging_and_bad_parameters(atlas):
    page = atlas.client.get("/api/facts", params={"size": 3, "page": 2}).json()
    assert page["pages"] == 2 and len(page["facts"]) == 1
    assert atlas.client.get("/api/facts", params={"size": 1000}).status_code == 422
    assert atlas.client.get("/api/facts", params={"year_from": "19x9"}).status_code == 422
    assert atlas.client.get("/api/facts", params={"review": "maybe"}).status_code == 422


def test_a_fact_has_every_field_its_quote_and_all_sources(atlas):
    fact = atlas.client.get(f"/api/facts/{atlas.fact_ids['kashgar-report']}").json()
    assert fact["fact"]["buyer"] == "Kashgar Public Security Bureau" and fact["fact"]["sources"] == 2
    assert fact["quotes"][0]["quote"].startswith("Hikvision supplied")
    assert "In 2019" in fact["quotes"][0]["before"]
    assert [o["source_id"] for o in fact["others"]] == ["kashgar-followup"]
    assert atlas.client.get("/api/facts/999999").status_code == 404


def test_map_timeline_network_and_openapi(atlas):
    assert atlas.client.get("/api/map").json()["countries"] == {"CN": 3, "KE": 1}
    assert atlas.client.get("/api/timeline", params={"country": "CN"}).json() == {
        "2019": {"facial_recognition": 2}, "2020": {"facial_recognition": 1}}
    links = atlas.client.get("/api/network").json()
    assert {"supplier": "Hikvision", "kind": "country", "target": "CN", "count": 2} in links
    spec = atlas.client.get("/openapi.json").json()
    assert "/api/facts" in spec["paths"] and "/download/{fmt}" in spec["paths"]
    names = {p["name"] for p in spec["paths"]["/api/facts"]["get"]["parameters"]}
    assert {"q", "technology", "supplier", "buyer", "country", "target", "program", "year_from", "year_to",
            "status", "review"} <= names
    assert "/login" not in spec["paths"]


def test_downloads_of_the_selection_in_every_format(atlas):
    from counterwatch.serve.exports import EXPORTERS

    for fmt in EXPORTERS:
        response = atlas.client.get(f"/download/{fmt}", params={"country": "KE"})
        assert response.status_code == 200, fmt
        assert "attachment" in response.headers["content-disposition"]
        assert "Nairobi" in response.text, fmt
        if fmt != "eval-jsonl":  # the evaluation format lists every document by design
            assert "Kashgar" not in response.text, fmt
    assert atlas.client.get("/download/xls").status_code == 404
