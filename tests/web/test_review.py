"""Analyst review: sign-in, CSRF on every form, roles, append-only history, the original kept."""
from __future__ import annotations

import re

from counterwatch.store.reviews import ReviewEventRow
from counterwatch.store.schema import FactRow
from tests.web.conftest import PASSWORD


def _review(atlas, fact_id, **data):
    if "csrf_token" not in data:
        data["csrf_token"] = atlas.csrf(f"/facts/{fact_id}")
    return atlas.client.post(f"/facts/{fact_id}/review", data=data, follow_redirects=False)


def test_sign_in_needs_the_right_password_and_a_csrf_token(atlas):
    token = atlas.csrf()
    assert atlas.client.post("/login", data={"name": "rita", "password": "wrong password!!", "csrf_token": token}
                             ).status_code == 401
    assert atlas.client.post("/login", data={"name": "rita", "password": PASSWORD}).status_code == 403
    assert atlas.client.post("/login", data={"name": "rita", "password": PASSWORD, "csrf_token": "forged"}
                             ).status_code == 403
    response = atlas.client.post("/login", data={"name": "rita", "password": PASSWORD, "csrf_token": token,
                                                 "next": "//evil.example/"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_the_public_cannot_review(atlas):
    fact_id = atlas.fact_ids["urumqi-notice"]
    assert _review(atlas, fact_id, action="confirm", note="looks right", csrf_token=atlas.csrf()).status_code == 401
    assert atlas.client.get("/admin/users").status_code == 401


def test_a_review_without_the_session_csrf_token_is_refused(atlas):
    atlas.sign_in()
    fact_id = atlas.fact_ids["urumqi-notice"]
    assert _review(atlas, fact_id, action="confirm", note="x", csrf_token="").status_code == 403
    anonymous_token = atlas.client.cookies.get("cw_csrf")
    assert _review(atlas, fact_id, action="confirm", note="x", csrf_token=anonymous_token).status_code == 403
    response = atlas.client.post(f"/facts/{fact_id}/review", headers={"Origin": "https://evil.example"},
                                 data={"action": "confirm", "note": "x", "csrf_token": atlas.csrf(f"/facts/{fact_id}")})
    assert response.status_code == 403
    with atlas.db.session() as session:
        assert session.query(ReviewEventRow).count() == 0


def test_confirm_correct_reject_keep_history_and_the_original(atlas):
    atlas.sign_in()
    fact_id = atlas.fact_ids["urumqi-notice"]
    assert _review(atlas, fact_id, action="confirm", note="matches the notice").status_code == 303
    assert _review(atlas, fact_id, action="correct", note="the notice says 2021",
                   fix_year="2021", fix_supplier="Dahua").status_code == 303
    view = atlas.client.get(f"/api/facts/{fact_id}").json()
    assert view["fact"]["year"] == 2021 and view["fact"]["review_state"] == "corrected"
    assert view["fact"]["original"]["year"] == 2020
    assert [(h["action"], h["user"]) for h in view["history"]] == [("confirm", "rita"), ("correct", "rita")]
    assert view["history"][1]["before"] == {"year": 2020} and view["history"][1]["after"] == {"year": 2021}
    assert _review(atlas, fact_id, action="reject", note="on second thought, a duplicate").status_code == 303
    view = atlas.client.get(f"/api/facts/{fact_id}").json()
    assert view["fact"]["review_state"] == "rejected" and view["fact"]["year"] == 2021
    with atlas.db.session() as session:
        assert session.get(FactRow, fact_id).year == 2020  # the machine's row is never changed
        assert session.query(ReviewEventRow).count() == 3
    page = atlas.client.get(f"/facts/{fact_id}")
    assert "[machine: 2020]" in page.text and "the notice says 2021" in page.text
    assert atlas.client.get("/api/facts", params={"review": "rejected"}).json()["total"] == 1
    assert atlas.client.get("/api/facts", params={"review": "unreviewed"}).json()["total"] == 3
    assert re.search(r"<strong>25.0%</strong> reviewed", atlas.client.get("/").text)


def test_bad_reviews_are_refused_with_a_reason(atlas):
    atlas.sign_in()
    fact_id = atlas.fact_ids["urumqi-notice"]
    assert "needs a note" in _review(atlas, fact_id, action="confirm", note=" ").text
    assert "not an ISO" in _review(atlas, fact_id, action="correct", note="n", fix_country="Narnia").text
    assert "at least one field" in _review(atlas, fact_id, action="correct", note="n", fix_year="2020").text
    assert _review(atlas, fact_id, action="delete", note="n").status_code == 400
    with atlas.db.session() as session:
        assert session.query(ReviewEventRow).count() == 0


def test_roles_and_sign_out(atlas):
    atlas.sign_in("rita")
    assert atlas.client.get("/admin/users").status_code == 403
    token = atlas.csrf("/")
    assert atlas.client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert "Analyst sign-in" in atlas.client.get("/").text
    atlas.sign_in("ada")
    assert "rita" in atlas.client.get("/admin/users").text


def test_user_add_command(cli):
    from counterwatch.cli import main
    from counterwatch.store.accounts import authenticate
    from counterwatch.store.database import Database

    short = cli.runner.invoke(main, ["user", "add", "sam", "--db", cli.db, "--password-stdin"], input="short\n")
    assert short.exit_code != 0 and "at least" in short.output
    made = cli.runner.invoke(main, ["user", "add", "sam", "--db", cli.db, "--role", "admin", "--password-stdin"],
                             input=PASSWORD + "\n")
    assert made.exit_code == 0, made.output
    again = cli.runner.invoke(main, ["user", "add", "sam", "--db", cli.db, "--password-stdin"], input=PASSWORD + "\n")
    assert again.exit_code != 0 and "exists" in again.output
    prompted = cli.runner.invoke(main, ["user", "add", "tom", "--db", cli.db], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert prompted.exit_code == 0, prompted.output
    with Database(cli.db).session() as session:
        user = authenticate(session, "sam", PASSWORD)
        assert user is not None and user.role == "admin" and PASSWORD not in user.password_hash
        assert authenticate(session, "sam", "not the password") is None
