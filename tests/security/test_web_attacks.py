"""Attacks on the web atlas, one test per attack; each fails if its defence is removed (autoescaping,
bound SQL parameters, CSRF tokens, roles, the sign-in rate limit, cookie flags, security headers)."""
from __future__ import annotations

import pytest
from markupsafe import escape

from counterwatch.ingest.loader import load_text
from counterwatch.model import Evidence, Extraction, Fact
from counterwatch.serve.web import ratelimit
from counterwatch.store.reviews import ReviewEventRow
from counterwatch.store.schema import DocumentRow
from counterwatch.store.writer import FileState, save_extraction
from tests.web.conftest import PASSWORD, Atlas, atlas  # noqa: F401 - the fixture is used by name

SCRIPT = "<script>window.pwned=1</script>"
IMAGE = "<img src=x onerror=window.pwned=2>"
INJECTIONS = ["' OR 1=1 --", '"); DROP TABLE facts; --', "1; DELETE FROM documents", "%' UNION SELECT 1,2,3 --",
              "x') OR ('1'='1"]
#: Every filter the pages and the API take as a query parameter.
FILTERS = ("q", "technology", "supplier", "buyer", "country", "target", "program", "place", "status", "year",
           "year_from", "year_to", "review")


@pytest.fixture
def hostile(atlas) -> tuple[Atlas, int, int]:  # noqa: F811 - the imported fixture
    """A stored document whose text, title and entity names are script payloads; its fact id and document id."""
    text = f"{SCRIPT} Acme {IMAGE} supplied facial recognition cameras to Springfield in 2018."
    quote = "supplied facial recognition cameras to Springfield"
    start = text.index(quote)
    fact = Fact(evidence=[Evidence("xss-doc", quote, start, start + len(quote))], technology="facial_recognition",
                supplier=f"Acme {SCRIPT}", supplier_id=None, buyer=f"Police {IMAGE}", country="US",
                place=f"Springfield {SCRIPT}", program=f"Plan {IMAGE}", year=2018, status="reported",
                deployment_key="k-xss")
    with atlas.db.session() as session:
        doc = load_text(text, "xss-doc", title=f"Title {SCRIPT}")
        save_extraction(session, Extraction(doc, [], [fact], "test-1"), FileState("/xss-doc.txt", 1, 1))
    with atlas.db.session() as session:
        document_id = session.query(DocumentRow.id).filter(DocumentRow.source_id == "xss-doc").scalar()
    fact_id = atlas.client.get("/api/facts", params={"supplier": "Acme"}).json()["facts"][0]["id"]
    return atlas, fact_id, document_id


def _inert(html: str) -> None:
    assert SCRIPT not in html and IMAGE not in html
    assert str(escape(SCRIPT)) in html or str(escape(IMAGE)) in html


def _csp_forbids_inline_script(response) -> None:
    csp = response.headers["content-security-policy"]
    script = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script and "'self'" in script


def test_xss_in_document_text_and_title_is_escaped(hostile):
    atlas, fact_id, document_id = hostile
    for path in (f"/facts/{fact_id}", f"/documents/{document_id}", "/search?q=Springfield"):
        page = atlas.client.get(path)
        assert page.status_code == 200, path
        _inert(page.text)
        _csp_forbids_inline_script(page)
    document = atlas.client.get(f"/documents/{document_id}").text
    assert str(escape(f"Title {SCRIPT}")) in document and str(escape(IMAGE)) in document


def test_xss_in_entity_names_is_escaped(hostile):
    atlas, fact_id, _ = hostile
    for path in (f"/facts/{fact_id}", "/search?supplier=Acme", "/suppliers/" + "Acme%20%3Cscript%3E", "/network",
                 "/map", "/timeline", "/"):
        page = atlas.client.get(path)
        assert page.status_code in (200, 404), path
        assert SCRIPT not in page.text and IMAGE not in page.text, path
        _csp_forbids_inline_script(page)
    assert str(escape(f"Acme {SCRIPT}")) in atlas.client.get("/search?supplier=Acme").text


def test_xss_in_the_search_term_is_escaped(atlas):  # noqa: F811
    for payload in (SCRIPT, IMAGE, '"><script>window.pwned=3</script>'):
        page = atlas.client.get("/search", params={"q": payload})
        assert page.status_code == 200
        assert payload not in page.text and str(escape(payload)) in page.text
        _csp_forbids_inline_script(page)


def _counts(atlas) -> tuple[int, int]:
    with atlas.db.session() as session:
        from sqlalchemy import text
        return (session.execute(text("SELECT count(*) FROM facts")).scalar_one(),
                session.execute(text("SELECT count(*) FROM documents")).scalar_one())


@pytest.mark.parametrize("path", ["/search", "/api/facts", "/api/facets", "/api/map"])
def test_sql_injection_through_every_filter(atlas, path):  # noqa: F811
    before = _counts(atlas)
    baseline = atlas.client.get("/api/facts").json()["total"]
    for name in FILTERS:
        for payload in INJECTIONS:
            response = atlas.client.get(path, params={name: payload})
            assert response.status_code in (200, 422), (name, payload, response.status_code)
            if path == "/api/facts" and response.status_code == 200:
                assert response.json()["total"] <= baseline  # a filter never widens the selection
                if name not in ("q",):
                    assert response.json()["total"] == 0, (name, payload)
    assert _counts(atlas) == before  # the tables are still there, nothing added or removed


def test_csrf_token_is_required_on_every_post(atlas):  # noqa: F811
    fact_id = atlas.fact_ids["urumqi-notice"]
    for data in ({}, {"csrf_token": ""}, {"csrf_token": "forged-token"}):
        login = atlas.client.post("/login", data={"name": "rita", "password": PASSWORD, **data})
        assert login.status_code == 403
    atlas.sign_in()
    for data in ({}, {"csrf_token": "forged-token"}):
        review = atlas.client.post(f"/facts/{fact_id}/review", data={"action": "confirm", "note": "x", **data})
        assert review.status_code == 403
        assert atlas.client.post("/logout", data=data).status_code == 403
    with atlas.db.session() as session:
        assert session.query(ReviewEventRow).count() == 0


def test_reviewing_needs_a_session(atlas):  # noqa: F811
    fact_id = atlas.fact_ids["urumqi-notice"]
    response = atlas.client.post(f"/facts/{fact_id}/review", follow_redirects=False,
                                 data={"action": "confirm", "note": "x", "csrf_token": atlas.csrf()})
    assert response.status_code in (401, 303)
    atlas.client.cookies.set("cw_session", "guessed-session-token")
    response = atlas.client.post(f"/facts/{fact_id}/review", follow_redirects=False,
                                 data={"action": "confirm", "note": "x", "csrf_token": atlas.csrf()})
    assert response.status_code in (401, 403)
    with atlas.db.session() as session:
        assert session.query(ReviewEventRow).count() == 0


def test_a_reviewer_cannot_do_admin_actions(atlas):  # noqa: F811
    atlas.sign_in("rita")
    assert atlas.client.get("/admin/users").status_code == 403
    token = atlas.csrf("/")
    created = atlas.client.post("/admin/users", data={"name": "mallory", "role": "admin", "password": PASSWORD,
                                                      "csrf_token": token})
    assert created.status_code in (403, 405)  # no account is ever made over the web
    from counterwatch.store.accounts import authenticate
    with atlas.db.session() as session:
        assert authenticate(session, "mallory", PASSWORD) is None


def test_sign_in_guessing_is_rate_limited(atlas):  # noqa: F811
    token = atlas.csrf()
    for _ in range(ratelimit.MAX_FAILURES):
        assert atlas.client.post("/login", data={"name": "rita", "password": "guess guess guess",
                                                 "csrf_token": token}).status_code == 401
    blocked = atlas.client.post("/login", data={"name": "rita", "password": PASSWORD, "csrf_token": token},
                                follow_redirects=False)
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert "cw_session" not in blocked.headers.get("set-cookie", "")  # even the right password waits
    other = atlas.client.post("/login", data={"name": "ada", "password": PASSWORD, "csrf_token": token},
                              follow_redirects=False)
    assert other.status_code == 303  # another account from the same address is not locked out


def test_rate_limit_forgets_failures_after_the_window():
    now = [0.0]
    limiter = ratelimit.LoginLimiter(clock=lambda: now[0])
    key = ("203.0.113.9", "rita")
    for _ in range(ratelimit.MAX_FAILURES):
        assert limiter.retry_after(key) == 0
        limiter.failed(key)
    assert limiter.retry_after(key) > 0
    now[0] += ratelimit.WINDOW_S
    assert limiter.retry_after(key) == 0
    limiter.failed(key)
    limiter.succeeded(key)
    assert limiter.retry_after(key) == 0


def test_session_cookie_is_httponly_and_samesite_strict(atlas):  # noqa: F811
    response = atlas.client.post("/login", data={"name": "rita", "password": PASSWORD, "csrf_token": atlas.csrf()},
                                 follow_redirects=False)
    cookies = [c.lower() for c in response.headers.get_list("set-cookie") if c.startswith("cw_session=")]
    assert cookies and all("httponly" in c and "samesite=strict" in c for c in cookies)
    anonymous = [c.lower() for c in atlas.client.get("/login").headers.get_list("set-cookie")]
    assert all("httponly" in c and "samesite=strict" in c for c in anonymous)


@pytest.mark.parametrize("path", ["/", "/search?q=x", "/api/facts", "/login", "/no-such-page"])
def test_security_headers_on_every_response(atlas, path):  # noqa: F811
    response = atlas.client.get(path)
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    _csp_forbids_inline_script(response)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] in ("same-origin", "no-referrer", "strict-origin-when-cross-origin")
