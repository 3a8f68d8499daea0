"""Places around a position: reverse geocoding, and radius or k-nearest searches.

The handlers hand their collections to ``GeoJSONResponse`` themselves: the
collection is made by ``gazetteer.public`` from typed records, so FastAPI's
second pass over it through the response model (validation, then
serialisation) would only cost time; the model still documents the answer.
"""

from __future__ import annotations

from fastapi import APIRouter

from gazetteer.public import collection, near_collection, nearby_feature
from gazetteer.results import NearQuery
from service.deps import ApiDep, Historic, K, Lat, Limit, Lon, RadiusKm
from service.geojson_response import GeoJSONResponse
from service.schemas.geojson import PlaceCollection
from service.schemas.problem import problem_responses

router = APIRouter(tags=["places"], responses=problem_responses(422, 503))


@router.get("/reverse", response_model=PlaceCollection, response_class=GeoJSONResponse)
def reverse(
    lat: Lat,
    lon: Lon,
    api: ApiDep,
    limit: Limit | None = None,
    size: Limit | None = None,
    historic: Historic = False,
) -> GeoJSONResponse:
    """Regions containing (lat, lon), smallest first, then the nearest places.

    Regions contain by their shapes (district, province, country); ``distance_km``
    is geodesic, to each place's representative point; ``historic=true`` adds
    former states.
    """
    count = limit or size or 10
    features = [nearby_feature(found) for found in api.reverse(lon, lat, count, historic=historic)]
    echo = {"point.lat": lat, "point.lon": lon, "size": count, "historic": historic or None}
    return GeoJSONResponse(collection(features, echo))


@router.get("/near", response_model=PlaceCollection, response_class=GeoJSONResponse)
def near(
    lat: Lat,
    lon: Lon,
    api: ApiDep,
    radius_km: RadiusKm = 25.0,
    limit: Limit = 100,
    k: K = None,
    mentioned: bool = False,
    historic: Historic = False,
) -> GeoJSONResponse:
    """Places within ``radius_km`` of (lat, lon), nearest first, or the ``k`` nearest.

    A point is near when it lies within the radius, an area when its shape (or
    extent) reaches into the circle; ``distance_km`` is measured to each
    place's representative point.  ``mentioned=true`` keeps only places named
    in stored documents; ``historic=true`` adds former states.
    """
    query = NearQuery(lon, lat, radius_km, limit, k, mentioned, historic)
    return GeoJSONResponse(near_collection(query, api.near(query), historic=historic or None))
