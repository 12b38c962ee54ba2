"""Analyst review as JSON: the same append-only events as the fact page's form, for scripts and tools.

Authentication is the form's: the session cookie set by signing in at /login, and the session's CSRF
token (GET /api/session gives it) sent in the X-CSRF-Token header. Without a session: 401; a wrong or
missing token, another site's Origin or an account whose role may not review: 403; malformed input: 422
with the field named in ``loc``. Each review history is public (GET).
"""
from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from counterwatch.serve.web.deps import current_user, db_session, require_reviewer
from counterwatch.serve.web.evidence import load_fact
from counterwatch.store.accounts import ROLES, SignedIn, tokens_equal
from counterwatch.store.queries import fact_as_dict
from counterwatch.store.reviews import MAX_NOTE_CHARS, ReviewError, history, record_review

router = APIRouter(prefix="/api", tags=["review"])
CSRF_HEADER = "X-CSRF-Token"
#: Roles that may record reviews: every role there is today (reviewer, admin).
REVIEW_ROLES = ROLES

Value = str | int | float | list[str] | None


class ReviewIn(BaseModel):
    """One review: a note always; for a correction, the fields to change and their new values."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["confirm", "reject", "correct"]
    note: str = Field(min_length=1, max_length=MAX_NOTE_CHARS, description="Why: the reviewer's reasoning.")
    fields: dict[str, Value] = Field(default_factory=dict, description="For a correction: field -> new value "
                                     "(technology, supplier, buyer, country, region, place, program, year, "
                                     "status, amount, currency, quantity, unit, targets).")


class ReviewOut(BaseModel):
    id: int
    action: str
    state: str
    user: str
    note: str
    before: dict
    after: dict
    at: str


class SessionOut(BaseModel):
    user: str
    role: str
    csrf_token: str


def _invalid(exc: ReviewError) -> HTTPException:
    field = exc.field or "body"
    loc = ["body", "fields", field] if field not in ("action", "note", "fields", "body") else ["body", field]
    return HTTPException(422, [{"loc": loc, "msg": str(exc), "type": "value_error"}])


def require_api_reviewer(request: Request, user: SignedIn = Depends(require_reviewer)) -> SignedIn:
    """A signed-in reviewer whose request carries the session's CSRF token and no other site's Origin."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-site request refused")
    if not tokens_equal(request.headers.get(CSRF_HEADER), user.csrf_token):
        raise HTTPException(403, f"missing or wrong {CSRF_HEADER} header: GET /api/session gives the token")
    if user.role not in REVIEW_ROLES:
        raise HTTPException(403, "this account may not review facts")
    return user


@router.get("/session", response_model=SessionOut, summary="Who is signed in, and the CSRF token to send",
            responses={401: {"description": "Not signed in"}})
def session_info(user: SignedIn | None = Depends(current_user)):
    if user is None:
        raise HTTPException(401, "not signed in")
    return SessionOut(user=user.name, role=user.role, csrf_token=user.csrf_token)


@router.get("/facts/{fact_id}/reviews", response_model=list[ReviewOut],
            summary="A fact's review history, oldest first (public)")
def reviews(fact_id: int, session: Session = Depends(db_session)):
    load_fact(session, fact_id)
    return history(session, fact_id)


@router.post("/facts/{fact_id}/reviews", response_model=ReviewOut, status_code=201,
             summary="Confirm, reject or correct a fact (appends to its history)",
             responses={401: {"description": "Not signed in"},
                        403: {"description": "Wrong CSRF token, another site, or not a reviewer"},
                        404: {"description": "No such fact"}})
def add_review(fact_id: int, body: ReviewIn, user: SignedIn = Depends(require_api_reviewer),
               session: Session = Depends(db_session)):
    row = load_fact(session, fact_id)
    if body.fields and body.action != "correct":
        raise HTTPException(422, [{"loc": ["body", "fields"], "msg": "only a correction changes fields",
                                   "type": "value_error"}])
    try:
        event = record_review(session, row, fact_as_dict(row, reviewed=False), user.user_id, body.action,
                              body.note, body.fields)
    except ReviewError as exc:
        raise _invalid(exc) from None
    session.commit()  # the client's next request must see it
    return next(entry for entry in history(session, fact_id) if entry["id"] == event.id)
