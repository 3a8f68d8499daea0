"""API keys on writes: an ASGI middleware, and the OpenAPI security it declares.

A write (POST, PUT, PATCH, DELETE) brings its key as ``Authorization:
Bearer <key>`` or ``X-API-Key: <key>``.  When keys are required
(``exposure.keys_required``) a write without one gets 401; a key that is
given is always checked, so an unknown or revoked one gets 401 and a read
key 403, before the body is read.  Reads stay open.  The key is looked up
through the application layer, in a worker thread (the store may be busy
with a write); the key found is kept in the request's state for the routes
that record its name (``checked_key``).
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from gazetteer.api_keys import ApiKey
from gazetteer.api_keys import Scope as KeyScope
from gazetteer.errors import GazetteerError
from gazetteer.settings import ServiceSettings
from service.exposure import keys_required
from service.problems import CHALLENGE, problem
from service.schemas.problem import problem_responses
from service.state import api_of

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
"""Methods that need a write key."""
API_KEY_HEADER = "X-API-Key"
"""The header that may carry the key instead of ``Authorization: Bearer``."""
CHECKED_KEY = "checked_api_key"
"""Where in the request's state ``KeyGuard`` keeps the write key it checked."""
_BEARER = "bearer "
_SCHEMES = {
    "bearerKey": {"type": "http", "scheme": "bearer", "description": "An API key from `gazetteer keys add`."},
    "apiKeyHeader": {"type": "apiKey", "in": "header", "name": API_KEY_HEADER, "description": "The same key."},
}


def presented_secret(scope: Scope) -> str | None:
    """The key a request brings (``Authorization: Bearer`` first, then ``X-API-Key``), or ``None``."""
    headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope.get("headers", [])}
    authorization = headers.get("authorization", "")
    if authorization[: len(_BEARER)].lower() == _BEARER:
        return authorization[len(_BEARER) :].strip() or None
    return headers.get(API_KEY_HEADER.lower(), "").strip() or None


def checked_key(scope: Scope) -> ApiKey | None:
    """The write key ``KeyGuard`` checked for this request, ``None`` when it checked none."""
    key = scope.get("state", {}).get(CHECKED_KEY)
    return key if isinstance(key, ApiKey) else None


class KeyGuard:
    """Refuses writes without a key where keys are required, and writes with a key that lacks the write scope."""

    def __init__(self, app: ASGIApp, settings: ServiceSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        secret = presented_secret(scope)
        if secret is not None or keys_required(scope, self.settings):
            try:
                key = await run_in_threadpool(api_of(scope["app"]).authorize, secret, KeyScope.WRITE)
            except GazetteerError as error:
                response = problem(error.status, error.detail, title=error.title, instance=scope.get("path", ""))
                if error.status == 401:
                    response.headers["WWW-Authenticate"] = CHALLENGE
                await response(scope, receive, send)
                return
            scope.setdefault("state", {})[CHECKED_KEY] = key
        await self.app(scope, receive, send)


def document_keys(spec: dict[str, Any], settings: ServiceSettings) -> None:
    """Declare the key schemes in an OpenAPI document, with 401 and 403 on every write operation."""
    spec.setdefault("components", {}).setdefault("securitySchemes", {}).update(_SCHEMES)
    optional: list[dict[str, list[str]]] = [] if settings.keys_required else [{}]
    for path in spec["paths"].values():
        for method, operation in path.items():
            if method.upper() in WRITE_METHODS:
                operation["security"] = [{name: []} for name in _SCHEMES] + optional
                for status, response in problem_responses(401, 403).items():
                    operation.setdefault("responses", {}).setdefault(status, response)
