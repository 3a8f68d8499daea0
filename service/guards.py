"""The middlewares that guard the service, in their order, with the OpenAPI they add.

From the outside in: the Host allow-list, CORS (only when origins are set,
so that the errors below carry its headers), the rate limit, the longest
request, then API keys on writes, before the body limit and the routes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from gazetteer.settings import ServiceSettings
from service.host_check import HostCheck
from service.key_guard import API_KEY_HEADER, WRITE_METHODS, KeyGuard, document_keys
from service.rate_limit import RateLimit
from service.request_timeout import RequestTimeout
from service.schemas.problem import problem_responses

EXPOSED_HEADERS = ("Location", "Retry-After", "ETag")
"""Response headers a page of an allowed origin may read."""


def install(app: FastAPI, settings: ServiceSettings) -> None:
    """Add the guards of ``settings`` to ``app`` (the last added runs first) and declare them in its OpenAPI."""
    app.add_middleware(KeyGuard, settings=settings)
    app.add_middleware(RequestTimeout, seconds=settings.request_timeout_s)
    if settings.rate_per_minute:
        app.add_middleware(RateLimit, per_minute=settings.rate_per_minute)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "HEAD", *sorted(WRITE_METHODS)],
            allow_headers=["Authorization", API_KEY_HEADER, "Content-Type", "Idempotency-Key", "If-None-Match"],
            expose_headers=list(EXPOSED_HEADERS),
        )
    app.add_middleware(HostCheck, settings=settings)
    app.openapi = _documented(app, settings)  # type: ignore[method-assign]


def _documented(app: FastAPI, settings: ServiceSettings) -> Callable[[], dict[str, Any]]:
    """``app.openapi`` with the key schemes, and 429 on every operation when there is a rate limit."""
    make = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = make()
            document_keys(spec, settings)
            for operation in (op for path in spec["paths"].values() for op in path.values()):
                statuses = (429, 503) if settings.rate_per_minute else (503,)
                for status, response in problem_responses(*statuses).items():
                    operation.setdefault("responses", {}).setdefault(status, response)
            app.openapi_schema = spec
        return app.openapi_schema

    return openapi
