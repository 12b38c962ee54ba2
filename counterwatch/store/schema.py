"""The database schema: one SQLAlchemy model per table, portable between SQLite and PostgreSQL.

Migrations in ``migrations/`` create these tables; keep both in step (tests/store checks).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import TypeVar

from sqlalchemy import (JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


#: Values per SQL ``IN (...)`` list of a look-up: well under SQLite's (32,766) and PostgreSQL's (65,535)
#: limits on bound parameters, and short enough for each query to use its index.
IN_BATCH = 500
_T = TypeVar("_T")


def in_batches(values: Sequence[_T], size: int = IN_BATCH) -> Iterator[Sequence[_T]]:
    """``values`` in consecutive slices of at most ``size``, for IN (...) lists."""
    return (values[i:i + size] for i in range(0, len(values), size))


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """A stored document: its redacted text and where it came from. One row per distinct content."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(255), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text)
    mime_type: Mapped[str] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(8), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10))
    url: Mapped[str | None] = mapped_column(Text)
    encoding: Mapped[str | None] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(40))
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow)
    facts: Mapped[list["FactRow"]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                  passive_deletes=True)
    mentions: Mapped[list["MentionRow"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class SourceFileRow(Base):
    """A file path that was ingested, and the document its current content is. Several paths may
    share one document (the same content twice adds nothing)."""

    __tablename__ = "source_files"
    path: Mapped[str] = mapped_column(Text, primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    content_hash: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    mtime_ns: Mapped[int] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(10))  # ok | failed
    error: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class MentionRow(Base):
    """A value a document states (supplier, country, amount ...), with its offsets."""

    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    attrs: Mapped[dict] = mapped_column(JSON, default=dict)
    __table_args__ = (Index("ix_mentions_kind_value", "kind", "value"),)


class FactRow(Base):
    """One fact as extracted from one document, with the extractor version that made it."""

    __tablename__ = "facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    technology: Mapped[str] = mapped_column(String(40), index=True)
    supplier: Mapped[str | None] = mapped_column(Text, index=True)
    supplier_id: Mapped[str | None] = mapped_column(String(100), index=True)
    origin_country: Mapped[str | None] = mapped_column(String(2))
    buyer: Mapped[str | None] = mapped_column(Text, index=True)
    buyer_id: Mapped[str | None] = mapped_column(String(100), index=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    region: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text, index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    program: Mapped[str | None] = mapped_column(Text, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    date: Mapped[str | None] = mapped_column(String(10))
    amount: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount_kind: Mapped[str | None] = mapped_column(String(20))
    quantity: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(40))
    targets: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), index=True)
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    deployment_key: Mapped[str] = mapped_column(String(64), index=True)
    extractor_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    document: Mapped[DocumentRow] = relationship(back_populates="facts")
    evidence: Mapped[list["EvidenceRow"]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                         order_by="EvidenceRow.id")
    # Filters and facets of the atlas (a country's page, facets within it) read this one index.
    __table_args__ = (Index("ix_facts_country_technology_year", "country", "technology", "year"),)


class EvidenceRow(Base):
    """The exact quote a fact rests on, with its character offsets in the document's stored text."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("fact_id", "start", "end"),)


class SearchEntryRow(Base):
    """Search text of a document or a fact quote, pre-tokenised so that Chinese terms of two characters
    match (CJK runs indexed as overlapping bigrams). The full-text index over it is dialect-specific
    (FTS5 on SQLite, a GIN tsvector on PostgreSQL) and created by the migrations."""

    __tablename__ = "search_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    fact_id: Mapped[int | None] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    tokens: Mapped[str] = mapped_column(Text)
