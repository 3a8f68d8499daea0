"""Places: search by name, one place, its names, and its mentions across documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from gazetteer.errors import InvalidInput
from gazetteer.records import Point
from service.deps import GazetteerDep, Limit, Offset, PageLimit, PlaceId, StoreDep
from service.features import candidate_feature, collection, display_name, mention_public, name_public, place_detail
from service.geojson_response import GeoJSONResponse
from service.schemas.geojson import PlaceCollection, PlaceDetailFeature
from service.schemas.places import PlaceMentions, PlaceVariants
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/places", tags=["places"], responses=problem_responses(404, 422, 503))

Text = Annotated[str | None, Query(max_length=500, description="The place name to look up.")]
Lang = Annotated[
    str | None, Query(max_length=16, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})?$", description="Name language.")
]
Country = Annotated[
    str | None, Query(pattern=r"^[A-Za-z]{2}$", description="Prefer places in this country (ISO 3166-1 alpha-2).")
]
FocusLat = Annotated[float | None, Query(alias="focus.point.lat", ge=-90, le=90, allow_inf_nan=False)]
FocusLon = Annotated[float | None, Query(alias="focus.point.lon", ge=-180, le=180, allow_inf_nan=False)]


def _focus(lat: float | None, lon: float | None) -> Point | None:
    if (lat is None) != (lon is None):
        raise InvalidInput("give both focus.point.lat and focus.point.lon")
    return None if lat is None or lon is None else Point(lon, lat)


@router.get("/search", response_model=PlaceCollection, response_class=GeoJSONResponse)
def search(
    gazetteer: GazetteerDep,
    q: Text = None,
    text: Text = None,
    limit: Limit | None = None,
    size: Limit | None = None,
    lang: Lang = None,
    country: Country = None,
    focus_lat: FocusLat = None,
    focus_lon: FocusLon = None,
    fuzzy: bool = True,
) -> PlaceCollection:
    """Ranked candidates for a name, with confidence, match type and matched name (Pelias-like)."""
    query = q if q is not None else text
    if query is None:
        raise InvalidInput("give the name to look up as q (or text)")
    count = limit or size or 10
    focus = _focus(focus_lat, focus_lon)
    candidates = gazetteer.lookup(
        query, country=country.upper() if country else None, focus=focus, limit=count, fuzzy=fuzzy
    )
    echo = {
        "text": query,
        "size": count,
        "lang": lang,
        "country": country,
        "fuzzy": fuzzy,
        "focus.point.lat": focus_lat,
        "focus.point.lon": focus_lon,
    }
    return collection([candidate_feature(c, lang) for c in candidates], echo)


@router.get("/{place_id}", response_model=PlaceDetailFeature, response_class=GeoJSONResponse)
def get_place(place_id: PlaceId, gazetteer: GazetteerDep, lang: Lang = None) -> PlaceDetailFeature:
    """One place as a GeoJSON feature, with all its names."""
    return place_detail(gazetteer.place(place_id), gazetteer.variants(place_id), lang)


@router.get("/{place_id}/variants", response_model=PlaceVariants)
def variants(place_id: PlaceId, gazetteer: GazetteerDep) -> PlaceVariants:
    """Every name of a place, with language, script and flags."""
    place = gazetteer.place(place_id)
    names = [name_public(n) for n in gazetteer.variants(place_id)]
    return PlaceVariants(id=place.id, name=place.name, count=len(names), names=names)


@router.get("/{place_id}/mentions", response_model=PlaceMentions)
def mentions(
    place_id: PlaceId, gazetteer: GazetteerDep, store: StoreDep, limit: PageLimit = 100, offset: Offset = 0
) -> PlaceMentions:
    """Every mention of a place across stored documents, with offsets and the sentence around it."""
    place = gazetteer.place(place_id)
    found = [mention_public(m) for m in store.place_mentions(place_id, limit, offset)]
    return PlaceMentions(
        place_id=place.id,
        place_name=display_name(place, None),
        limit=limit,
        offset=offset,
        count=len(found),
        mentions=found,
    )
