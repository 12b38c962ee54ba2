"""A page per supplier, buyer, country and program: its facts, a map, a timeline and related entities."""
from __future__ import annotations

import pycountry
from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.orm import Session

from counterwatch.serve.web import atlas, charts
from counterwatch.serve.web.deps import current_user, db_session, render
from counterwatch.store.accounts import SignedIn
from counterwatch.store.queries import EntityFilter

router = APIRouter(include_in_schema=False)

#: Entity kind in the address -> the filter field it sets and the facets shown as related entities.
KINDS = {
    "suppliers": ("supplier", ("country", "buyer", "program", "technology", "target")),
    "buyers": ("buyer", ("supplier", "country", "program", "technology", "target")),
    "countries": ("country", ("supplier", "buyer", "program", "technology", "target")),
    "programs": ("program", ("supplier", "country", "buyer", "technology", "target")),
}


def _title(kind: str, key: str, facts: list[dict]) -> str:
    if kind == "countries":
        country = pycountry.countries.get(alpha_2=key.upper())
        return country.name if country else key.upper()
    field = KINDS[kind][0]
    return next((f[field] for f in facts if f.get(field)), key)


def entity_page(request: Request, kind: str, key: str, session: Session, user: SignedIn | None):
    field, related = KINDS[kind]
    flt = EntityFilter(**{field: key.upper() if kind == "countries" else key})
    results = atlas.result_page(session, flt)
    if not results.total:
        raise HTTPException(404, f"no facts for {key}")
    facets = atlas.facets(session, flt)
    return render(request, "entity.html", user, kind=kind, field=field, key=key, flt=flt, results=results,
                  title=_title(kind, key, results.facts), related={k: facets[k] for k in related},
                  map=charts.map_layers(atlas.country_counts(session, flt), atlas.place_markers(session, flt)),
                  timeline=charts.timeline_bars(atlas.timeline(session, flt)))


def _route(kind: str):
    def page(request: Request, key: str, session: Session = Depends(db_session),
             user: SignedIn | None = Depends(current_user)):
        return entity_page(request, kind, key, session, user)

    page.__name__ = f"{kind}_page"
    return page


for _kind in KINDS:
    router.add_api_route(f"/{_kind}/{{key:path}}", _route(_kind), methods=["GET"])
