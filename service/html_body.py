"""Operations that also take an HTML body: a route that answers only requests declaring ``text/html``.

FastAPI reads one media type per body, so an operation that takes JSON and
HTML is two routes on one path and method: the HTML one, registered first
(``html_route``), matches only a body declared ``text/html`` and hides from
the schema; every other request falls through to the JSON route, which
still refuses other types with 415.  The JSON route states both in the one
OpenAPI operation (``html_body_doc``): the HTML body, and the query
parameters that carry its fields.
"""

from __future__ import annotations

import email.message
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.routing import Match
from starlette.types import Scope

HTML = "text/html"
"""The media type of an HTML body."""
F = TypeVar("F", bound=Callable[..., Any])


def _media_type(content_type: str) -> tuple[str, str | None]:
    """(``type/subtype`` in lower case, charset or ``None``) of a ``Content-Type`` value."""
    message = email.message.Message()
    message["content-type"] = content_type
    return message.get_content_type(), message.get_content_charset()


def declares_html(scope: Scope) -> bool:
    """Whether the request declares its body ``text/html``."""
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return _media_type(value.decode("latin-1"))[0] == HTML
    return False


class HtmlBodyRoute(APIRoute):
    """A route that matches only requests whose body is declared ``text/html``."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child_scope = super().matches(scope)
        if match is Match.FULL and not declares_html(scope):
            return Match.NONE, {}
        return match, child_scope


def html_route(router: APIRouter, path: str, **options: Any) -> Callable[[F], F]:
    """Register the decorated function as the POST ``path`` of ``router`` for HTML bodies (before the JSON
    route of the same path: see the module)."""

    def register(endpoint: F) -> F:
        router.add_api_route(
            path, endpoint, methods=["POST"], route_class_override=HtmlBodyRoute, include_in_schema=False, **options
        )
        return endpoint

    return register


@dataclass(frozen=True, slots=True)
class HtmlBody:
    """An HTML request body as received."""

    data: bytes
    """The bytes of the body."""
    charset: str | None
    """The charset its ``Content-Type`` declares, ``None`` for none."""


async def _html_body(request: Request) -> HtmlBody:
    return HtmlBody(await request.body(), _media_type(request.headers.get("content-type", ""))[1])


HtmlBodyDep = Annotated[HtmlBody, Depends(_html_body)]
"""The HTML body of the request."""


def html_body_doc(fields: type[BaseModel], description: str) -> dict[str, Any]:
    """The ``openapi_extra`` of a JSON route that also takes an HTML body: the body, and the query parameters
    of ``fields`` (a model whose nested definitions are already the schema's components)."""
    schema = fields.model_json_schema(ref_template="#/components/schemas/{model}")
    required = set(schema.get("required", ()))
    parameters = [
        {
            "name": name,
            "in": "query",
            "required": name in required,
            "description": stated.pop("description", ""),
            "schema": stated,
        }
        for name, stated in schema["properties"].items()
    ]
    body = {HTML: {"schema": {"type": "string", "description": description}}}
    return {"parameters": parameters, "requestBody": {"content": body}}
