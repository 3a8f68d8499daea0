"""The application factory: routers, error handlers, body limit and guards, and the resources' lifetime."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from gazetteer.application import GazetteerAPI, TextParser
from gazetteer.gazetteer import Gazetteer
from gazetteer.settings import Settings, load_settings
from service import guards, offline_docs, problems
from service.body_limit import BodyLimit
from service.routers import around, corrections, documents, events, maps, nominatim, pelias, places
from service.schemas.problem import PROBLEM_JSON, Problem, problem_responses
from service.security_headers import SecurityHeaders
from service.state import api_of, close_api, install_api

DESCRIPTION = """
Place-name gazetteer and geoparser for news about Karabakh and the South Caucasus.

Places come back as GeoJSON (RFC 7946, [lon, lat], `application/geo+json`);
errors as RFC 9457 problem JSON (`application/problem+json`).
"""


def _routers(app: FastAPI) -> None:
    for module in (places, around, documents, corrections, events, maps, pelias, nominatim):
        app.include_router(module.router)


def _problem_docs(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The OpenAPI document, every error response declared as problem JSON only."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(problem.pop("$defs", {}), Problem=problem)
            for operation in (op for path in spec["paths"].values() for op in path.values()):
                responses = operation.setdefault("responses", {})
                if "requestBody" in operation:
                    responses.update(problem_responses(400, 413, 415))
                for status, response in responses.items():
                    if status[0] in "45":
                        response["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
            app.openapi_schema = spec
        return app.openapi_schema

    return openapi


def create_app(
    settings: Settings | None = None, gazetteer: Gazetteer | None = None, parser: TextParser | None = None
) -> FastAPI:
    """A FastAPI application over the application layer of ``settings`` (the given gazetteer and parser, if any)."""
    chosen = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        api_of(app)
        try:
            yield
        finally:
            close_api(app)

    app = FastAPI(
        title="Karabakh gazetteer", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
        docs_url=None, redoc_url=None,
    )  # fmt: skip
    install_api(app, lambda: GazetteerAPI(chosen, gazetteer=gazetteer, parser=parser))
    problems.install(app)
    _routers(app)
    offline_docs.install(app)
    app.openapi = _problem_docs(app)  # type: ignore[method-assign]
    limits = chosen.service
    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes, read_timeout_s=limits.body_timeout_s)
    guards.install(app, limits)
    app.add_middleware(SecurityHeaders)
    return app
