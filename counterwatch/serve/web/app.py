"""The atlas web application: FastAPI with Jinja2 pages, a JSON API under /api and /openapi.json."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from counterwatch import __version__
from counterwatch.serve.web import deps
from counterwatch.serve.web.routes import api, downloads, entities, pages, review, review_api
from counterwatch.store.database import Database

#: Source text is shown but never runs: scripts only from this site, no inline script or style, no
#: plugins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
#: Responses smaller than this (bytes) are sent uncompressed; pages with the inline map are ~150 KB.
GZIP_MIN_BYTES = 1000


def create_app(database: Database | str) -> FastAPI:
    app = FastAPI(title="Counterwatch atlas", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Evidence-backed facts about surveillance technology. Read-only for the public.")
    app.state.database = database if isinstance(database, Database) else Database(database)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)

    @app.middleware("http")
    async def security(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        new = getattr(request.state, "new_csrf", None)
        if new:
            response.set_cookie(deps.ANON_CSRF_COOKIE, new, httponly=True, samesite="strict",
                                secure=request.url.scheme == "https", path="/")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return deps.render(request, "error.html", None, status_code=exc.status_code, status=exc.status_code,
                           message=exc.detail)

    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")), name="static")
    for module in (pages, entities, review, downloads, api, review_api):
        app.include_router(module.router)
    return app
