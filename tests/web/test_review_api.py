"""The JSON review endpoint: the form's session and CSRF token, status codes that say what is wrong,
append-only history, and its description in /openapi.json."""
from __future__ import annotations

from sqlalchemy import update

from counterwatch.store.accounts import UserRow
from counterwatch.store.reviews import ReviewEventRow


def _post(atlas, fact_id, body, token=None):
    headers = {"X-CSRF-Token": token} if token else {}
    return atlas.client.post(f"/api/facts/{fact_id}/reviews", json=body, headers=headers)


def _token(atlas) -> str:
    return atlas.client.get("/api/session").json()["csrf_token"]


def test_reviews_need_a_session_a_csrf_token_and_a_reviewing_role(atlas):
    fact_id = atlas.fact_ids["urumqi-notice"]
    confirm = {"action": "confirm", "note": "matches the notice"}
    assert _post(atlas, fact_id, confirm, "anything").status_code == 401
    assert atlas.client.get("/api/session").status_code == 401
    atlas.sign_in()
    assert _post(atlas, fact_id, confirm).status_code == 403
    assert _post(atlas, fact_id, confirm, "forged").status_code == 403
    cross_site = atlas.client.post(f"/api/facts/{fact_id}/reviews", json=confirm,
                                   headers={"X-CSRF-Token": _token(atlas), "Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    with atlas.db.session() as session:
        session.execute(update(UserRow).where(UserRow.name == "rita").values(role="viewer"))
    assert _post(atlas, fact_id, confirm, _token(atlas)).status_code == 403
    with atlas.db.session() as session:
        assert session.query(ReviewEventRow).count() == 0


def test_malformed_reviews_get_422_naming_the_field(atlas):
    atlas.sign_in()
    token, fact_id = _token(atlas), atlas.fact_ids["urumqi-notice"]

    def fault(body) -> list:
        response = _post(atlas, fact_id, body, token)
        assert response.status_code == 422, response.text
        return response.json()["detail"][0]["loc"]

    assert fault({"action": "delete", "note": "n"}) == ["body", "action"]
    assert fault({"action": "confirm"}) == ["body", "note"]
    assert fault({"action": "confirm", "note": "   "}) == ["body", "note"]
    assert fault({"action": "correct", "note": "n", "fields": {"country": "Narnia"}}) == ["body", "fields", "country"]
    assert fault({"action": "correct", "note": "n", "fields": {"year": "soon"}}) == ["body", "fields", "year"]
    assert fault({"action": "correct", "note": "n", "fields": {"document": "x"}}) == ["body", "fields"]
    assert fault({"action": "confirm", "note": "n", "fields": {"year": 2021}}) == ["body", "fields"]
    assert fault({"action": "confirm", "note": "n", "by": "someone else"}) == ["body", "by"]
    assert _post(atlas, 999_999, {"action": "confirm", "note": "n"}, token).status_code == 404
    with atlas.db.session() as session:
        assert session.query(ReviewEventRow).count() == 0


def test_reviews_append_to_a_public_history(atlas):
    fact_id = atlas.fact_ids["urumqi-notice"]
    assert atlas.client.get(f"/api/facts/{fact_id}/reviews").json() == []
    atlas.sign_in()
    token = _token(atlas)
    made = _post(atlas, fact_id, {"action": "correct", "note": "the notice says 2021", "fields": {"year": 2021}}, token)
    assert made.status_code == 201
    assert made.json()["before"] == {"year": 2020} and made.json()["user"] == "rita"
    assert _post(atlas, fact_id, {"action": "confirm", "note": "checked again"}, token).status_code == 201
    atlas.client.cookies.clear()
    history = atlas.client.get(f"/api/facts/{fact_id}/reviews").json()
    assert [(h["action"], h["state"]) for h in history] == [("correct", "corrected"), ("confirm", "confirmed")]
    fact = atlas.client.get(f"/api/facts/{fact_id}").json()["fact"]
    assert fact["year"] == 2021 and fact["review_state"] == "confirmed" and fact["original"]["year"] == 2020
    assert atlas.client.get("/api/facts", params={"year": "2021"}).json()["total"] == 1
    assert atlas.client.get("/api/facts/999999/reviews").status_code == 404


def test_the_review_endpoint_is_described_in_openapi(atlas):
    paths = atlas.client.get("/openapi.json").json()["paths"]
    post = paths["/api/facts/{fact_id}/reviews"]["post"]
    assert {"201", "401", "403", "422"} <= set(post["responses"])
    assert "get" in paths["/api/facts/{fact_id}/reviews"] and "/api/session" in paths
