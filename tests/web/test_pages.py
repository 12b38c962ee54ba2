"""The HTML atlas: pages render, filters keep, source text stays inert, map and entity pages work."""
from __future__ import annotations

import re


def test_home_shows_headline_figures_and_the_offline_map(atlas):
    page = atlas.client.get("/")
    assert page.status_code == 200
    assert re.search(r"<strong>4</strong> facts", page.text) and re.search(r"<strong>4</strong> documents", page.text)
    assert re.search(r"<strong>0.0%</strong> reviewed", page.text)
    assert 'data-country="CN"' in page.text and 'data-country="KE"' in page.text
    assert "http://" not in page.text.split("<footer")[0].replace('xmlns="http://', "")  # nothing remote


def test_search_page_filters_facets_and_pages(atlas):
    page = atlas.client.get("/search", params={"country": "CN", "target": "uyghurs"})
    assert '<span id="total">2</span>' in page.text
    assert "Huawei" not in page.text.split('class="results"')[1]
    # a facet link adds its value to the active filters
    assert "/search?supplier=Hikvision&amp;country=CN&amp;target=uyghurs" in page.text
    assert "/download/csv?country=CN&amp;target=uyghurs" in page.text
    chinese = atlas.client.get("/search", params={"q": "人脸识别"})
    assert '<span id="total">1</span>' in chinese.text and "Dahua" in chinese.text


def test_fact_page_highlights_the_quote_and_lists_sources(atlas):
    page = atlas.client.get(f"/facts/{atlas.fact_ids['kashgar-report']}")
    assert "<mark>Hikvision supplied facial recognition cameras to the Kashgar Public Security Bureau</mark>" in page.text
    assert 'href="https://example.org/kashgar"' in page.text
    assert f'href="/facts/{atlas.fact_ids["kashgar-followup"]}"' in page.text and "Not reviewed yet" in page.text
    assert "Save review" not in page.text  # the public reads only


def test_source_text_is_inert(atlas):
    fact_id = atlas.fact_ids["hostile-page"]
    for path in (f"/facts/{fact_id}", f"/documents/{fact_id}", "/search?q=Nairobi"):
        page = atlas.client.get(path)
        assert "<script>window" not in page.text and "&lt;script&gt;" in page.text or path.startswith("/search")
        assert 'href="javascript:' not in page.text
        assert "<i>hostile-page</i>" not in page.text
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    document = atlas.client.get(f"/documents/{fact_id}")
    assert "javascript:window.pwned=3" in document.text  # shown as text, never as a link


def test_entity_pages_have_facts_map_timeline_and_related(atlas):
    supplier = atlas.client.get("/suppliers/hikvision")
    assert supplier.status_code == 200 and "<h1>Hikvision</h1>" in supplier.text
    assert 'href="/countries/CN"' in supplier.text and "<rect" in supplier.text and "worldmap" in supplier.text
    assert "Kenya" in atlas.client.get("/countries/ke").text
    assert atlas.client.get("/programs/Safe%20City").status_code == 200
    buyer = atlas.client.get("/buyers/" + "乌鲁木齐市公安局")
    assert buyer.status_code == 200 and "Dahua" in buyer.text
    assert atlas.client.get("/suppliers/nobody-at-all").status_code == 404


def test_map_timeline_and_network_respect_filters(atlas):
    kenya = atlas.client.get("/map", params={"country": "KE"})
    assert 'data-country="KE"' in kenya.text and 'data-country="CN"' not in kenya.text
    assert "Nairobi: 1 facts" in kenya.text
    timeline = atlas.client.get("/timeline", params={"technology": "facial_recognition"})
    assert "2019 facial_recognition: 2" in timeline.text and "smart_city" not in timeline.text
    network = atlas.client.get("/network")
    assert "/search?supplier=Hikvision&amp;country=CN" in network.text


def test_missing_pages_are_404_pages(atlas):
    page = atlas.client.get("/facts/424242")
    assert page.status_code == 404 and "no fact 424242" in page.text and page.headers["content-type"].startswith("text/html")
