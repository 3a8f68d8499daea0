"""FastAPI dependencies: the application layer and the shared path and query parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request

from gazetteer.application import GazetteerAPI
from gazetteer.limits import MAX_ID, MAX_LIMIT, MAX_PAGE, MAX_RADIUS_KM
from service.state import api_of


async def get_api(request: Request) -> GazetteerAPI:
    """The application layer of the application serving the request.

    A coroutine, so that FastAPI resolves it on the event loop instead of a
    thread hop per request: it only reads (or, once, makes) an object whose
    resources open lazily, in the handlers' threads.
    """
    return api_of(request.app)


ApiDep = Annotated[GazetteerAPI, Depends(get_api)]

PlaceId = Annotated[int, Path(ge=1, le=MAX_ID, description="Gazetteer place id (GeoNames id).")]
DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="Document id.")]
EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="Event id.")]
Lat = Annotated[float, Query(ge=-90, le=90, allow_inf_nan=False, description="Latitude, degrees north.")]
Lon = Annotated[float, Query(ge=-180, le=180, allow_inf_nan=False, description="Longitude, degrees east.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"How many results, 1..{MAX_LIMIT}.")]
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, 1..{MAX_PAGE}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="How many results to skip.")]
RadiusKm = Annotated[
    float, Query(ge=0, le=MAX_RADIUS_KM, allow_inf_nan=False, description=f"Radius in km, 0..{MAX_RADIUS_KM:g}.")
]
K = Annotated[
    int | None, Query(ge=1, le=MAX_LIMIT, description="Return the k nearest places instead of a radius search.")
]
Historic = Annotated[
    bool, Query(description="Also former states and divisions (the Soviet Union), which are left out by default.")
]
