"""The public pages: home, search, map, timeline, network, a fact and a document."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from counterwatch.serve.web import atlas, charts
from counterwatch.serve.web.deps import current_user, db_session, render
from counterwatch.serve.web.evidence import document_context, fact_context
from counterwatch.serve.web.params import fact_filter
from counterwatch.store.accounts import SignedIn
from counterwatch.store.queries import FactFilter

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, session: Session = Depends(db_session), user: SignedIn | None = Depends(current_user)):
    flt = FactFilter()
    return render(request, "home.html", user, stats=atlas.headline(session), flt=flt,
                  map=charts.map_layers(atlas.country_counts(session, flt), atlas.place_markers(session, flt)))


@router.get("/search")
def search(request: Request, flt: FactFilter = Depends(fact_filter), page: int = Query(1, ge=1),
           session: Session = Depends(db_session), user: SignedIn | None = Depends(current_user)):
    return render(request, "search.html", user, flt=flt, results=atlas.result_page(session, flt, page),
                  facets=atlas.facets(session, flt), documents=atlas.matching_documents(session, flt.q))


@router.get("/map")
def world_map(request: Request, flt: FactFilter = Depends(fact_filter), session: Session = Depends(db_session),
              user: SignedIn | None = Depends(current_user)):
    return render(request, "map.html", user, flt=flt,
                  map=charts.map_layers(atlas.country_counts(session, flt), atlas.place_markers(session, flt)))


@router.get("/timeline")
def timeline(request: Request, flt: FactFilter = Depends(fact_filter), session: Session = Depends(db_session),
             user: SignedIn | None = Depends(current_user)):
    return render(request, "timeline.html", user, flt=flt,
                  timeline=charts.timeline_bars(atlas.timeline(session, flt)))


@router.get("/network")
def network(request: Request, flt: FactFilter = Depends(fact_filter), session: Session = Depends(db_session),
            user: SignedIn | None = Depends(current_user)):
    return render(request, "network.html", user, flt=flt,
                  network=charts.network_layout(atlas.network(session, flt)))


@router.get("/facts/{fact_id}")
def fact(request: Request, fact_id: int, session: Session = Depends(db_session),
         user: SignedIn | None = Depends(current_user)):
    return render(request, "fact.html", user, error=None, **fact_context(session, fact_id))


@router.get("/documents/{document_id}")
def document(request: Request, document_id: int, session: Session = Depends(db_session),
             user: SignedIn | None = Depends(current_user)):
    return render(request, "document.html", user, **document_context(session, document_id))
