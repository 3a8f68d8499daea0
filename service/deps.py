"""FastAPI dependencies: the application's resources and shared query parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Path, Query, Request

from gazetteer.store import Store
from gazetteer.limits import MAX_ID, MAX_PAGE
from geo import PointIndex, RegionIndex
from geo.validate import MAX_LIMIT, MAX_RADIUS_KM
from service.state import Services, services_of

if TYPE_CHECKING:
    from gazetteer.gazetteer import Gazetteer


def get_services(request: Request) -> Services:
    """The resources of the application serving the request."""
    return services_of(request.app)


ServicesDep = Annotated[Services, Depends(get_services)]


def get_store(services: ServicesDep) -> Store:
    """The document store."""
    return services.store


def get_gazetteer(services: ServicesDep) -> Gazetteer:
    """The gazetteer (opened on first use)."""
    return services.gazetteer


def get_points(services: ServicesDep) -> PointIndex:
    """The spatial index of places (built on first use)."""
    return services.points


def get_regions(services: ServicesDep) -> RegionIndex:
    """The areas with an extent (built on first use)."""
    return services.regions


StoreDep = Annotated[Store, Depends(get_store)]
GazetteerDep = Annotated[Any, Depends(get_gazetteer)]
PointsDep = Annotated[PointIndex, Depends(get_points)]
RegionsDep = Annotated[RegionIndex, Depends(get_regions)]

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
