"""A fact with its evidence in context: the quote marked inside its document's text, the other documents
reporting the same deployment, and the review history. Text is returned as plain segments; templates
escape every one of them."""
from __future__ import annotations

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counterwatch.serve.web.atlas import fact_views, other_sources
from counterwatch.store.reviews import history
from counterwatch.store.schema import DocumentRow, EvidenceRow, FactRow

#: Characters of document text shown before and after a quote on a fact page: about a paragraph each side.
CONTEXT_CHARS = 600


def segments(text: str, spans: list[tuple[int, int, int | None]]) -> list[tuple[str, int | None]]:
    """``text`` cut into (piece, fact id or None) with each span marked; overlapping spans are merged into
    the first one."""
    out: list[tuple[str, int | None]] = []
    pos = 0
    for start, end, fact_id in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], fact_id))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def excerpt(text: str, start: int, end: int) -> dict:
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return {"before": ("…" if lo else "") + text[lo:start], "quote": text[start:end],
            "after": text[end:hi] + ("…" if hi < len(text) else "")}


def load_fact(session: Session, fact_id: int) -> FactRow:
    row = session.scalar(select(FactRow).options(selectinload(FactRow.evidence), selectinload(FactRow.document))
                         .where(FactRow.id == fact_id))
    if row is None:
        raise HTTPException(404, f"no fact {fact_id}")
    return row


def fact_context(session: Session, fact_id: int) -> dict:
    row = load_fact(session, fact_id)
    fact = fact_views(session, [row])[0]
    text = row.document.text
    quotes = [excerpt(text, e.start, e.end) for e in row.evidence if 0 <= e.start < e.end <= len(text)]
    others = [{"fact_id": o.id, "document_id": o.document_id, "title": o.document.title,
               "source_id": o.document.source_id, "date": o.document.date, "url": o.document.url}
              for o in other_sources(session, row)]
    return {"fact": fact, "quotes": quotes, "others": others, "history": history(session, fact_id)}


def document_context(session: Session, document_id: int) -> dict:
    doc = session.get(DocumentRow, document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id}")
    spans = [(s, e, f) for s, e, f in session.execute(select(EvidenceRow.start, EvidenceRow.end, EvidenceRow.fact_id)
                                                      .where(EvidenceRow.document_id == document_id))]
    facts = session.scalars(select(FactRow).where(FactRow.document_id == document_id).order_by(FactRow.id)).all()
    return {"document": doc, "segments": segments(doc.text, spans), "facts": facts}
