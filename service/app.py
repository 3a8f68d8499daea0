"""The application factory: routers, error handlers, body limit, and the resources' lifetime."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from gazetteer.settings import Settings, load_settings
from gazetteer.store.limits import MAX_TEXT_BYTES
from service import problems
from service.body_limit import BodyLimit
from service.routers import documents, events, near, places, reverse
from service.state import Services, close_services, services_of

MAX_BODY_BYTES = 3 * MAX_TEXT_BYTES + 64 * 1024
"""Largest request body: room for the largest text even when JSON escapes every character."""

DESCRIPTION = """
Place-name gazetteer and geoparser for news about Karabakh and the South Caucasus.

Places come back as GeoJSON (RFC 7946, [lon, lat], `application/geo+json`);
errors as RFC 9457 problem JSON (`application/problem+json`).
"""


def _routers(app: FastAPI) -> None:
    for module in (places, reverse, near, documents, events):
        app.include_router(module.router)
    for name in ("maps", "pages"):
        try:
            module = __import__(f"service.routers.{name}", fromlist=["router"])
        except ImportError:
            continue
        app.include_router(module.router)


def create_app(settings: Settings | None = None, gazetteer: Any = None, parser: Any = None) -> FastAPI:
    """A FastAPI application over the store in ``settings`` and the given (or default) gazetteer."""
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services_of(app)
        try:
            yield
        finally:
            close_services(app)

    app = FastAPI(title="Karabakh gazetteer", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.make_services = lambda: Services(settings, gazetteer, parser)
    problems.install(app)
    _routers(app)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    return app
