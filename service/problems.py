"""Errors as RFC 9457 problem JSON, translated in one place.

Project errors (``GazetteerError``) carry their status, title and detail (its
public form: no server path); request validation errors become 422, HTTP
errors keep their status (a 405 with every method the path allows), and
anything unexpected becomes a generic 500 without internals.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from gazetteer.errors import GazetteerError
from service.schemas.problem import PROBLEM_JSON

CHALLENGE = 'Bearer realm="karabakh-gazetteer"'
"""The ``WWW-Authenticate`` value of a 401."""
TYPE_PREFIX = "tag:karabakh-gazetteer,2024:problem/"
"""Problem types are tag URIs: unique names, not pages to fetch."""

log = logging.getLogger(__name__)
_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")
"""The methods a 405's ``Allow`` header may name, in its order."""


class ProblemResponse(JSONResponse):
    """A JSON response with the problem media type."""

    media_type = PROBLEM_JSON


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def problem(
    status: int, detail: str, *, title: str | None = None, instance: str = "", extra: dict[str, Any] | None = None
) -> ProblemResponse:
    """A problem response; the title defaults to the HTTP reason phrase."""
    title = title or HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + _slug(title),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    return ProblemResponse(body | (extra or {}), status_code=status)


async def _project_error(request: Request, error: Exception) -> ProblemResponse:
    assert isinstance(error, GazetteerError)
    response = problem(error.status, error.public_detail, title=error.title, instance=request.url.path)
    if error.status == 401:
        response.headers["WWW-Authenticate"] = CHALLENGE
    return response


def _error_entry(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "loc": [str(part) for part in entry.get("loc", ())],
        "msg": str(entry.get("msg", "")),
        "type": str(entry.get("type", "")),
    }


async def _validation_error(request: Request, error: Exception) -> ProblemResponse:
    assert isinstance(error, RequestValidationError)
    errors = [_error_entry(entry) for entry in error.errors()]
    detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5]) or "invalid request"
    return problem(422, detail, title="Invalid input", instance=request.url.path, extra={"errors": errors})


async def _http_error(request: Request, error: Exception) -> ProblemResponse:
    assert isinstance(error, HTTPException)
    detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).description
    response = problem(error.status_code, detail, instance=request.url.path)
    response.headers.update(error.headers or {})
    if error.status_code == 405:
        response.headers["Allow"] = _allowed(request)
    return response


def _allowed(request: Request) -> str:
    """Every method some route serves at the request's path (Starlette names only the first route's).

    Each method is tried on the application's routes, which match a method only in full.
    """
    routes = request.app.router.routes
    allowed = [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]
    return ", ".join(allowed)


async def _unexpected(request: Request, error: Exception) -> ProblemResponse:
    log.exception("unexpected error on %s", request.url.path, exc_info=error)
    return problem(500, "The server met an unexpected error.", instance=request.url.path)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into problem JSON."""
    app.add_exception_handler(GazetteerError, _project_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
