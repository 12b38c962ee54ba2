"""Signing in and out, and analyst review of a fact. Every POST here checks the CSRF token first."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from counterwatch.serve.web import ratelimit
from counterwatch.serve.web.deps import (SESSION_COOKIE, current_user, db_session, form_data, render,
                                         require_admin, require_csrf, require_reviewer)
from counterwatch.serve.web.evidence import fact_context, load_fact
from counterwatch.store import accounts
from counterwatch.store.accounts import SignedIn
from counterwatch.store.queries import fact_as_dict
from counterwatch.store.reviews import EDITABLE, ReviewError, record_review

router = APIRouter(include_in_schema=False)
#: Longest account name or password read from the sign-in form; longer input is refused unread.
MAX_CREDENTIAL_CHARS = 200


def _local(target: str | None) -> str:
    """Where to go after sign-in: only a path on this site, never another host."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _committed_redirect(session: Session, url: str) -> RedirectResponse:
    """Commit before redirecting: the browser's next request must see what this one wrote (the
    session dependency would otherwise commit only after the response is on its way)."""
    session.commit()
    return RedirectResponse(url, status_code=303)


@router.get("/login")
def login_form(request: Request, next: str = "/", user: SignedIn | None = Depends(current_user)):
    return render(request, "login.html", user, next=_local(next), error=None)


@router.post("/login", dependencies=[Depends(require_csrf)])
def login(request: Request, name: str = Form(..., max_length=MAX_CREDENTIAL_CHARS),
          password: str = Form(..., max_length=MAX_CREDENTIAL_CHARS), next: str = Form("/"),
          session: Session = Depends(db_session)):
    limiter, key = ratelimit.limiter_for(request.app), ratelimit.login_key(request, name)
    wait = limiter.retry_after(key)
    if wait:
        response = render(request, "login.html", None, status_code=429, next=_local(next),
                          error=f"Too many failed sign-ins: try again in {wait // 60 + 1} minutes.")
        response.headers["Retry-After"] = str(wait)
        return response
    user = accounts.authenticate(session, name, password)
    if user is None:
        limiter.failed(key)
        return render(request, "login.html", None, status_code=401, next=_local(next),
                      error="Wrong name or password.")
    limiter.succeeded(key)
    token = accounts.open_session(session, user)
    response = _committed_redirect(session, _local(next))
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https", max_age=accounts.SESSION_HOURS * 3600)
    return response


@router.post("/logout", dependencies=[Depends(require_csrf)])
def logout(request: Request, session: Session = Depends(db_session)):
    accounts.close_session(session, request.cookies.get(SESSION_COOKIE))
    response = _committed_redirect(session, "/")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/facts/{fact_id}/review", dependencies=[Depends(require_csrf)])
def review(request: Request, fact_id: int, user: SignedIn = Depends(require_reviewer),
           form: FormData = Depends(form_data), session: Session = Depends(db_session)):
    row = load_fact(session, fact_id)
    changes = {field: form.get(f"fix_{field}") for field in EDITABLE if f"fix_{field}" in form}
    try:
        record_review(session, row, fact_as_dict(row, reviewed=False), user.user_id, str(form.get("action") or ""),
                      str(form.get("note") or ""), changes)
    except ReviewError as exc:
        return render(request, "fact.html", user, status_code=400, error=str(exc), **fact_context(session, fact_id))
    return _committed_redirect(session, f"/facts/{fact_id}#review")


@router.get("/admin/users")
def users(request: Request, user: SignedIn = Depends(require_admin), session: Session = Depends(db_session)):
    return render(request, "users.html", user, users=accounts.list_users(session))
