"""FastAPI dependencies: the application layer, the shared path, query and header parameters, JSON bodies."""

from __future__ import annotations

import email.message
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Path, Query, Request

from gazetteer.api_keys import ApiKey, MissingKey
from gazetteer.application import GazetteerAPI
from gazetteer.idempotency import KEY
from gazetteer.limits import MAX_ID, MAX_LIMIT, MAX_OFFSET, MAX_PAGE, MAX_RADIUS_KM
from service.key_guard import checked_key
from service.state import api_of


async def get_api(request: Request) -> GazetteerAPI:
    """The application layer of the application serving the request.

    A coroutine, so that FastAPI resolves it on the event loop instead of a
    thread hop per request: it only reads (or, once, makes) an object whose
    resources open lazily, in the handlers' threads.
    """
    return api_of(request.app)


ApiDep = Annotated[GazetteerAPI, Depends(get_api)]


async def write_key(request: Request) -> ApiKey:
    """The write key the request brings, as ``KeyGuard`` checked it: required even where other writes need
    none (loopback), since what it changes is recorded under the key's name."""
    checked = checked_key(request.scope)
    if checked is None:
        raise MissingKey("this request needs a write API key (`gazetteer keys add NAME`): it is recorded by name")
    return checked


WriteKey = Annotated[ApiKey, Depends(write_key)]
"""The request's write key (401 without one, 403 for a read key)."""

PlaceId = Annotated[int, Path(ge=1, le=MAX_ID, description="Gazetteer place id (GeoNames id).")]
DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="Document id.")]
EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="Event id.")]
Lat = Annotated[float, Query(ge=-90, le=90, allow_inf_nan=False, description="Latitude, degrees north.")]
Lon = Annotated[float, Query(ge=-180, le=180, allow_inf_nan=False, description="Longitude, degrees east.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"How many results, 1..{MAX_LIMIT}.")]
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, 1..{MAX_PAGE}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many results to skip.")]
RadiusKm = Annotated[
    float, Query(ge=0, le=MAX_RADIUS_KM, allow_inf_nan=False, description=f"Radius in km, 0..{MAX_RADIUS_KM:g}.")
]
K = Annotated[
    int | None, Query(ge=1, le=MAX_LIMIT, description="Return the k nearest places instead of a radius search.")
]
Historic = Annotated[
    bool, Query(description="Also former states and divisions (the Soviet Union), which are left out by default.")
]


async def require_json(request: Request) -> None:
    """Refuse a request body that is not JSON with 415 (FastAPI would validate its bytes and answer 422).

    A missing body is left to the body's validation (422).
    """
    if not await request.body():
        return
    declared = request.headers.get("content-type", "")
    message = email.message.Message()
    message["content-type"] = declared
    subtype = message.get_content_subtype()
    if (
        not declared
        or message.get_content_maintype() != "application"
        or not (subtype == "json" or subtype.endswith("+json"))
    ):
        raise HTTPException(415, f"the body must be application/json, not {declared or 'undeclared'}")


JsonBody = Depends(require_json)
"""The dependency of every route that reads a JSON body."""


def _idempotency_key(
    value: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            pattern=f'^(?:"{KEY}"|{KEY})$',
            description="Makes a retry safe: a key of the client's choosing, as an sf-string or bare "
            "(draft-ietf-httpapi-idempotency-key-header). The same key with the same body returns the first "
            "result; with another body, 422.",
        ),
    ] = None,
) -> str | None:
    return value[1:-1] if value is not None and value.startswith('"') else value


IdempotencyKeyDep = Annotated[str | None, Depends(_idempotency_key)]
"""The ``Idempotency-Key`` header's key, unquoted, or ``None``."""
