"""Places near a position, by geodesic distance, with their mention counts."""

from __future__ import annotations

from fastapi import APIRouter

from gazetteer.records import Place
from geo import Hit
from service.deps import GazetteerDep, K, Lat, Limit, Lon, PointsDep, RadiusKm, StoreDep
from service.features import collection, place_feature
from service.geojson_response import GeoJSONResponse
from service.nearby import NearQuery, near
from service.schemas.geojson import PlaceCollection, PlaceFeature
from service.schemas.problem import problem_responses

router = APIRouter(tags=["places"], responses=problem_responses(422, 503))


def hit_features(hits: list[Hit], counts: dict[int, int], places: dict[int, Place]) -> list[PlaceFeature]:
    """Hits as features with their distance and mention count."""
    return [
        place_feature(places[h.id], distance_km=round(h.distance_km, 3), mentions=counts.get(h.id, 0))
        for h in hits
        if h.id in places
    ]


def run_near(query: NearQuery, gazetteer: GazetteerDep, points: PointsDep, store: StoreDep) -> PlaceCollection:
    """The collection answering a near query."""
    hits, counts = near(points, store, query)
    echo = {
        "point.lat": query.lat,
        "point.lon": query.lon,
        "radius_km": None if query.k else query.radius_km,
        "k": query.k,
        "size": query.limit,
        "mentioned": query.mentioned_only,
    }
    return collection(hit_features(hits, counts, gazetteer.places([h.id for h in hits])), echo)


@router.get("/near", response_model=PlaceCollection, response_class=GeoJSONResponse)
def near_point(
    lat: Lat,
    lon: Lon,
    gazetteer: GazetteerDep,
    points: PointsDep,
    store: StoreDep,
    radius_km: RadiusKm = 25.0,
    limit: Limit = 100,
    k: K = None,
    mentioned: bool = False,
) -> PlaceCollection:
    """Places within ``radius_km`` of (lat, lon), nearest first, or the ``k`` nearest.

    ``mentioned=true`` keeps only places named in stored documents.
    """
    query = NearQuery(lon, lat, radius_km, limit, k, mentioned)
    return run_near(query, gazetteer, points, store)
