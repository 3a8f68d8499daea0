"""Reverse geocoding: the areas containing a position and the places nearest it."""

from __future__ import annotations

from fastapi import APIRouter

from gazetteer.records import Place
from geo import distance_km
from service.deps import GazetteerDep, Lat, Limit, Lon, PointsDep, RegionsDep
from service.features import collection, place_feature
from service.geojson_response import GeoJSONResponse
from service.schemas.geojson import PlaceCollection
from service.schemas.problem import problem_responses

router = APIRouter(tags=["places"], responses=problem_responses(422, 503))


@router.get("/reverse", response_model=PlaceCollection, response_class=GeoJSONResponse)
def reverse(
    lat: Lat,
    lon: Lon,
    gazetteer: GazetteerDep,
    points: PointsDep,
    regions: RegionsDep,
    limit: Limit | None = None,
    size: Limit | None = None,
) -> PlaceCollection:
    """Areas containing (lat, lon), smallest first, then the nearest places by geodesic distance."""
    count = limit or size or 10
    areas = regions.containing(lon, lat)
    hits = points.nearest(lon, lat, count)
    places = gazetteer.places([a.id for a in areas] + [h.id for h in hits])
    features = [
        place_feature(places[a.id], relation="containing", distance_km=_km(places[a.id], lon, lat))
        for a in areas
        if a.id in places
    ]
    features += [
        place_feature(places[h.id], relation="nearest", distance_km=round(h.distance_km, 3))
        for h in hits
        if h.id in places and h.id not in {a.id for a in areas}
    ]
    return collection(features, {"point.lat": lat, "point.lon": lon, "size": count})


def _km(place: Place, lon: float, lat: float) -> float:
    return round(distance_km(lon, lat, place.lon, place.lat), 3)
