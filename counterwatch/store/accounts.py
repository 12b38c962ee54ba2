"""Analyst accounts and their sign-in sessions.

Passwords are hashed with argon2id (argon2-cffi, MIT). A session is a random token given to the browser
in a cookie; only its SHA-256 is stored, next to a per-session CSRF token that every form must echo back.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ForeignKey, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterwatch.store.schema import Base, utcnow

#: Roles an account may have: a reviewer confirms, rejects and corrects facts; an admin also lists accounts.
ROLES = ("reviewer", "admin")
#: Shortest password accepted: 12 characters, above NIST SP 800-63B's floor of 8 for a small team of analysts.
MIN_PASSWORD_CHARS = 12
#: How long a sign-in lasts: one working day, so a forgotten browser does not stay signed in for long.
SESSION_HOURS = 12
#: Random bytes in a session or CSRF token: 32 bytes (256 bits) cannot be guessed.
TOKEN_BYTES = 32

_hasher = PasswordHasher()
#: A hash verified when the account name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("counterwatch-no-such-account")


class AccountError(ValueError):
    """An account cannot be created: the message says why."""


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SessionRow(Base):
    __tablename__ = "user_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column()


@dataclass(frozen=True)
class SignedIn:
    """Who a request comes from, as the web layer sees it."""

    user_id: int
    name: str
    role: str
    csrf_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def tokens_equal(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


def add_user(session: Session, name: str, role: str, password: str) -> UserRow:
    name = name.strip()
    if not name or len(name) > 80 or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise AccountError("a name is 1-80 letters, digits, '.', '-' or '_'")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"a password has at least {MIN_PASSWORD_CHARS} characters")
    if session.scalar(select(UserRow).where(UserRow.name == name)):
        raise AccountError(f"an account named {name!r} exists")
    user = UserRow(name=name, role=role, password_hash=_hasher.hash(password))
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, name: str, password: str) -> UserRow | None:
    user = session.scalar(select(UserRow).where(UserRow.name == name.strip()))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def open_session(session: Session, user: UserRow) -> str:
    """Start a sign-in for ``user``; returns the cookie token (only its hash is stored)."""
    now = utcnow()
    session.execute(delete(SessionRow).where(SessionRow.expires_at < now))
    token = new_token()
    session.add(SessionRow(token_hash=_digest(token), user_id=user.id, csrf_token=new_token(),
                           expires_at=now + timedelta(hours=SESSION_HOURS)))
    return token


def signed_in(session: Session, token: str | None) -> SignedIn | None:
    if not token:
        return None
    row = session.get(SessionRow, _digest(token))
    if row is None or row.expires_at < utcnow():
        return None
    user = session.get(UserRow, row.user_id)
    return SignedIn(user.id, user.name, user.role, row.csrf_token) if user else None


def close_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(SessionRow).where(SessionRow.token_hash == _digest(token)))


def list_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.name)))
