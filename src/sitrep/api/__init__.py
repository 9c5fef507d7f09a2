"""The HTTP API and the dashboard it serves (`sitrep serve`). Only this package and cli.py
talk to people; everything they show comes through the store's serving queries."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from sitrep import __version__
from sitrep.api.routes import counts, router
from sitrep.config import Settings
from sitrep.store import Store
from sitrep.store.serving import PUBLIC, IncidentFilter
from sitrep.theatre import Theatre

WEB = Path(str(files("sitrep") / "web"))
# Report text is untrusted: the dashboard inserts it as text only, and the browser is told to
# run no script, style or frame from anywhere but this server, and no inline script at all.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(store: Store, settings: Settings, theatre: Theatre, private: bool = False) -> FastAPI:
    app = FastAPI(
        title="sitrep",
        version=__version__,
        description="Verified, mapped, source-attributed conflict events. Reading is open unless the server "
                    "runs with --private; deciding about incidents needs a write token "
                    "(`sitrep token create --scope write`), sent as `Authorization: Bearer <token>`.",
    )
    app.state.store, app.state.settings, app.state.theatre, app.state.private = store, settings, theatre, private
    app.state.stats_cache = {}
    app.include_router(router)
    app.add_middleware(GZipMiddleware, minimum_size=1024)  # lists and boundaries shrink five- to tenfold
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


def warm(app: FastAPI) -> None:
    """Refresh the planner's statistics and count what the dashboard's first load asks for,
    before the first visitor does."""
    app.state.store.refresh_planner_statistics()
    counts(app.state, app.state.store, IncidentFilter(), PUBLIC)
