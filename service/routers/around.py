"""Places around a position: reverse geocoding, and radius or k-nearest searches."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from gazetteer.public import collection, near_collection, nearby_feature
from gazetteer.results import NearQuery
from service.deps import ApiDep, K, Lat, Limit, Lon, RadiusKm
from service.geojson_response import GeoJSONResponse
from service.schemas.geojson import PlaceCollection
from service.schemas.problem import problem_responses

router = APIRouter(tags=["places"], responses=problem_responses(422, 503))


@router.get("/reverse", response_model=PlaceCollection, response_class=GeoJSONResponse)
def reverse(lat: Lat, lon: Lon, api: ApiDep, limit: Limit | None = None, size: Limit | None = None) -> dict[str, Any]:
    """Areas containing (lat, lon), smallest first, then the nearest places by geodesic distance."""
    count = limit or size or 10
    features = [nearby_feature(found) for found in api.reverse(lon, lat, count)]
    return collection(features, {"point.lat": lat, "point.lon": lon, "size": count})


@router.get("/near", response_model=PlaceCollection, response_class=GeoJSONResponse)
def near(
    lat: Lat,
    lon: Lon,
    api: ApiDep,
    radius_km: RadiusKm = 25.0,
    limit: Limit = 100,
    k: K = None,
    mentioned: bool = False,
) -> dict[str, Any]:
    """Places within ``radius_km`` of (lat, lon), nearest first, or the ``k`` nearest.

    ``mentioned=true`` keeps only places named in stored documents.
    """
    query = NearQuery(lon, lat, radius_km, limit, k, mentioned)
    return near_collection(query, api.near(query))
