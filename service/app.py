"""The application factory: routers, error handlers, body limit, and the resources' lifetime."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from gazetteer.settings import Settings, load_settings
from gazetteer.limits import MAX_TEXT_BYTES
from service import problems
from service.body_limit import BodyLimit
from service.routers import documents, events, near, places, reverse
from service.schemas.problem import PROBLEM_JSON, Problem, problem_responses
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
            module = importlib.import_module(f"service.routers.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"service.routers.{name}":
                raise
            continue
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
                    responses.update(problem_responses(400, 413))
                for status, response in responses.items():
                    if status[0] in "45":
                        response["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
            app.openapi_schema = spec
        return app.openapi_schema

    return openapi


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
    app.openapi = _problem_docs(app)  # type: ignore[method-assign]
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    return app
