"""The JSON API: the same filters as the pages, read-only. FastAPI describes it at /openapi.json."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from counterwatch.serve.web import atlas
from counterwatch.serve.web.deps import db_session
from counterwatch.serve.web.evidence import document_context, fact_context
from counterwatch.serve.web.params import fact_filter
from counterwatch.store.queries import FactFilter

router = APIRouter(prefix="/api", tags=["api"])
#: Largest page the API returns: bounds the work of one request; use the downloads for whole selections.
MAX_API_PAGE = 100


@router.get("/facts", summary="Facts matching the filters, a page at a time")
def facts(flt: FactFilter = Depends(fact_filter), page: int = Query(1, ge=1),
          size: int = Query(atlas.PAGE_SIZE, ge=1, le=MAX_API_PAGE), session: Session = Depends(db_session)):
    result = atlas.result_page(session, flt, page, size)
    return {"total": result.total, "capped": result.capped, "page": result.page, "pages": result.pages,
            "facts": result.facts}


@router.get("/facets", summary="Counts per filter value within the selection")
def facets(flt: FactFilter = Depends(fact_filter), session: Session = Depends(db_session)):
    return {name: [{"value": v, "count": n} for v, n in values]
            for name, values in atlas.facets(session, flt).items()}


@router.get("/facts/{fact_id}", summary="One fact: every field, its evidence in context, sources, review history")
def fact(fact_id: int, session: Session = Depends(db_session)):
    return fact_context(session, fact_id)


@router.get("/documents/{document_id}", summary="One document's metadata, text and fact ids")
def document(document_id: int, session: Session = Depends(db_session)):
    context = document_context(session, document_id)
    doc = context["document"]
    return {"id": doc.id, "source_id": doc.source_id, "title": doc.title, "date": doc.date, "url": doc.url,
            "language": doc.language, "text": doc.text, "facts": [f.id for f in context["facts"]]}


@router.get("/stats", summary="Headline figures")
def stats(session: Session = Depends(db_session)):
    return atlas.headline(session)


@router.get("/map", summary="Fact counts per country and place markers for the selection")
def world_map(flt: FactFilter = Depends(fact_filter), session: Session = Depends(db_session)):
    return {"countries": atlas.country_counts(session, flt), "markers": atlas.place_markers(session, flt)}


@router.get("/timeline", summary="Facts per year and technology for the selection")
def timeline(flt: FactFilter = Depends(fact_filter), session: Session = Depends(db_session)):
    return {str(year): counts for year, counts in sorted(atlas.timeline(session, flt).items())}


@router.get("/network", summary="Strongest supplier-to-country and supplier-to-buyer links")
def network(flt: FactFilter = Depends(fact_filter), session: Session = Depends(db_session)):
    return atlas.network(session, flt)
