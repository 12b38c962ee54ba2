"""What every route shares: the database session, who is signed in, CSRF checks and page rendering.

CSRF: every form carries a ``csrf_token`` field. A signed-in analyst's token belongs to their session
(stored server-side); before sign-in the token is a random value also set in an HttpOnly, SameSite=Strict
cookie (double submit). A POST whose token does not match, or whose Origin is another site, gets 403.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import jinja2
from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from counterwatch.model import STATUSES, TECHNOLOGIES
from counterwatch.serve.web import params
from counterwatch.store.accounts import SignedIn, new_token, signed_in, tokens_equal
from counterwatch.store.reviews import EDITABLE, REVIEW_STATES

SESSION_COOKIE = "cw_session"
ANON_CSRF_COOKIE = "cw_csrf"

templates = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
                               autoescape=True, trim_blocks=True, lstrip_blocks=True)
templates.globals.update(link=params.link, slug=params.slug, technologies=TECHNOLOGIES, statuses=STATUSES,
                         review_states=REVIEW_STATES, editable=EDITABLE)


def http_url(value: str | None) -> str | None:
    """A source's address if it is an http(s) link; anything else (javascript:, data: ...) is never a link."""
    if value and urlsplit(value.strip()).scheme.lower() in ("http", "https"):
        return value.strip()
    return None


templates.globals["http_url"] = http_url


def db_session(request: Request) -> Iterator[Session]:
    with request.app.state.database.session() as session:
        yield session


def current_user(request: Request, session: Session = Depends(db_session)) -> SignedIn | None:
    return signed_in(session, request.cookies.get(SESSION_COOKIE))


def anon_csrf(request: Request) -> str:
    """The pre-sign-in CSRF token: the cookie's value, or a new one the middleware will set."""
    token = request.cookies.get(ANON_CSRF_COOKIE)
    if not token:
        token = getattr(request.state, "new_csrf", None) or new_token()
        request.state.new_csrf = token
    return token


def csrf_token(request: Request, user: SignedIn | None) -> str:
    return user.csrf_token if user else anon_csrf(request)


async def form_data(request: Request) -> FormData:
    """The posted form (parsed once per request; sync routes read it through this dependency)."""
    return await request.form()


async def require_csrf(request: Request, user: SignedIn | None = Depends(current_user)) -> None:
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-site request refused")
    form = await request.form()
    expected = user.csrf_token if user else request.cookies.get(ANON_CSRF_COOKIE)
    if not tokens_equal(form.get("csrf_token"), expected):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")


def require_reviewer(user: SignedIn | None = Depends(current_user)) -> SignedIn:
    if user is None:
        raise HTTPException(401, "sign in to review facts")
    return user


def require_admin(user: SignedIn = Depends(require_reviewer)) -> SignedIn:
    if user.role != "admin":
        raise HTTPException(403, "only an admin may do this")
    return user


def render(request: Request, name: str, user: SignedIn | None, status_code: int = 200, **context) -> HTMLResponse:
    html = templates.get_template(name).render(request=request, user=user, csrf=csrf_token(request, user),
                                               path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
