"""The filters of the atlas as query parameters, shared by the HTML pages, the downloads and the API,
and the links that keep them."""
from __future__ import annotations

from dataclasses import asdict, fields, replace
from urllib.parse import quote, urlencode

from fastapi import HTTPException, Query

from counterwatch.store.queries import FactFilter
from counterwatch.store.reviews import REVIEW_STATES
from counterwatch.store.search import MAX_QUERY_CHARS

#: Longest value accepted for a name filter (supplier, buyer, program, place ...): longer than any
#: organisation name in the knowledge base, short enough to bound the LIKE work a request can cause.
MAX_NAME_CHARS = 200

FILTER_NAMES = tuple(f.name for f in fields(FactFilter))


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _year(name: str, value: str | None) -> int | None:
    value = _text(value)
    if value is None:
        return None
    if not value.isdigit() or len(value) != 4:
        raise HTTPException(422, f"{name} must be a four-digit year")
    return int(value)


def fact_filter(
    q: str | None = Query(None, max_length=MAX_QUERY_CHARS, description="Words to find in documents and "
                          "quotes (English or Chinese; 人脸 finds 人臉识别)."),
    technology: str | None = Query(None, max_length=40, description="Technology term, e.g. facial_recognition."),
    supplier: str | None = Query(None, max_length=MAX_NAME_CHARS, description="Part of a supplier name, or its id."),
    buyer: str | None = Query(None, max_length=MAX_NAME_CHARS, description="Part of a buyer name, or its id."),
    country: str | None = Query(None, max_length=2, description="ISO 3166-1 alpha-2 code of the deployment."),
    target: str | None = Query(None, max_length=40, description="Target community, e.g. uyghurs."),
    program: str | None = Query(None, max_length=MAX_NAME_CHARS, description="Program, exactly as stored."),
    place: str | None = Query(None, max_length=MAX_NAME_CHARS, description="Place, exactly as stored."),
    status: str | None = Query(None, max_length=20, description="Fact status, e.g. awarded."),
    year: str | None = Query(None, max_length=4, description="Exact year."),
    year_from: str | None = Query(None, max_length=4, description="First year of a range."),
    year_to: str | None = Query(None, max_length=4, description="Last year of a range."),
    review: str | None = Query(None, max_length=12, description="Review state: " + ", ".join(REVIEW_STATES)),
) -> FactFilter:
    review = _text(review)
    if review is not None and review not in REVIEW_STATES:
        raise HTTPException(422, f"review must be one of {', '.join(REVIEW_STATES)}")
    return FactFilter(q=_text(q), technology=_text(technology), supplier=_text(supplier), buyer=_text(buyer),
                      country=(_text(country) or "").upper() or None, target=_text(target),
                      program=_text(program), place=_text(place), status=_text(status),
                      year=_year("year", year), year_from=_year("year_from", year_from),
                      year_to=_year("year_to", year_to), review=review)


def filter_args(flt: FactFilter) -> dict[str, str]:
    return {k: str(v) for k, v in asdict(flt).items() if v not in (None, "")}


def link(path: str, flt: FactFilter | None = None, **changes) -> str:
    """``path`` with the filters of ``flt`` changed by ``changes`` (None removes one) as its query."""
    flt = replace(flt or FactFilter(), **{k: v for k, v in changes.items() if k in FILTER_NAMES})
    args = filter_args(flt)
    args.update({k: str(v) for k, v in changes.items() if k not in FILTER_NAMES and v is not None})
    return path + ("?" + urlencode(args) if args else "")


def slug(value: str | None) -> str:
    """A name or id as one path segment."""
    return quote(value or "", safe="")
