"""Places: search by name, one place, its names, and its mentions across documents."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from gazetteer.errors import InvalidInput
from gazetteer.limits import TEXT_PATTERN
from gazetteer.mention_filter import MentionFilter, MentionOrder
from gazetteer.names_as_of import DEFAULT_LANGUAGE
from gazetteer.normalize import MAX_QUERY_LENGTH
from gazetteer.public import candidate_feature, collection, mention_json, place_detail, variants_json
from gazetteer.records import Point
from service.deps import ApiDep, Limit, Offset, PageLimit, PlaceId
from service.geojson_response import GeoJSONResponse
from service.schemas.geojson import PlaceCollection, PlaceDetailFeature
from service.schemas.places import PlaceMentions, PlaceVariants
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/places", tags=["places"], responses=problem_responses(422, 503))
_UNKNOWN = problem_responses(404)

Text = Annotated[
    str | None,
    Query(max_length=MAX_QUERY_LENGTH, pattern=TEXT_PATTERN, description="The place name to look up."),
]
Lang = Annotated[
    str | None, Query(max_length=16, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})?$", description="Name language.")
]
Country = Annotated[
    str | None, Query(pattern=r"^[A-Za-z]{2}$", description="Prefer places in this country (ISO 3166-1 alpha-2).")
]
DateText = Annotated[str, Query(max_length=10)]
"""An ISO date (checked by the application layer), ``""`` for none."""
AsOf = Annotated[
    str | None,
    Query(max_length=10, description="ISO date: add the name the place had then (name_as_of), with its period."),
]
Sort = Annotated[
    Literal["date", "-date"] | None,
    Query(description="date: by document date, oldest first; -date: newest first. Default: by document, position."),
]
FocusLat = Annotated[float | None, Query(alias="focus.point.lat", ge=-90, le=90, allow_inf_nan=False)]
FocusLon = Annotated[float | None, Query(alias="focus.point.lon", ge=-180, le=180, allow_inf_nan=False)]


def _focus(lat: float | None, lon: float | None) -> Point | None:
    if (lat is None) != (lon is None):
        raise InvalidInput("give both focus.point.lat and focus.point.lon")
    return None if lat is None or lon is None else Point(lon, lat)


@router.get("/search", response_model=PlaceCollection, response_class=GeoJSONResponse)
def search(
    api: ApiDep,
    q: Text = None,
    text: Text = None,
    limit: Limit | None = None,
    size: Limit | None = None,
    lang: Lang = None,
    country: Country = None,
    focus_lat: FocusLat = None,
    focus_lon: FocusLon = None,
    fuzzy: bool = True,
) -> dict[str, Any]:
    """Ranked candidates for a name, with confidence, match type and matched name (Pelias-like)."""
    query = q if q is not None else text
    if query is None:
        raise InvalidInput("give the name to look up as q (or text)")
    count = limit or size or 10
    focus = _focus(focus_lat, focus_lon)
    code = country.upper() if country else None
    candidates = api.lookup(query, country=code, focus=focus, limit=count, fuzzy=fuzzy)
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


@router.get("/{place_id}", response_model=PlaceDetailFeature, response_class=GeoJSONResponse, responses=_UNKNOWN)
def get_place(place_id: PlaceId, api: ApiDep, lang: Lang = None, as_of: AsOf = None) -> dict[str, Any]:
    """One place as a GeoJSON feature, with all its names; ``as_of`` adds the name it had then (in ``lang``,
    English by default) with that name's period, as ``name_as_of``."""
    then = api.name_as_of(place_id, as_of, lang or DEFAULT_LANGUAGE) if as_of is not None else None
    return place_detail(api.place(place_id), api.variants(place_id), lang, then)


@router.get("/{place_id}/variants", response_model=PlaceVariants, responses=_UNKNOWN)
def variants(place_id: PlaceId, api: ApiDep) -> dict[str, Any]:
    """Every name of a place, with language, script and flags."""
    return variants_json(api.place(place_id), api.variants(place_id))


@router.get("/{place_id}/mentions", response_model=PlaceMentions, responses=_UNKNOWN)
def mentions(
    place_id: PlaceId,
    api: ApiDep,
    limit: PageLimit = 100,
    offset: Offset = 0,
    date_from: Annotated[DateText, Query(alias="from", description="Only documents dated on or after (ISO).")] = "",
    date_to: Annotated[DateText, Query(alias="to", description="Only documents dated on or before (ISO).")] = "",
    sort: Sort = None,
) -> dict[str, Any]:
    """Every mention of a place across stored documents, with offsets and the sentence around it.

    By document then position; ``from``/``to`` keep the documents dated within (inclusive), ``sort=date``
    orders by document date oldest first, ``sort=-date`` newest first (undated documents last).
    """
    selection = MentionFilter(date_from, date_to, MentionOrder(sort or ""))
    found = [mention_json(m) for m in api.place_mentions(place_id, limit, offset, selection)]
    name = api.place(place_id).name
    return {"place_id": place_id, "place_name": name, "limit": limit, "offset": offset, "count": len(found),
            "mentions": found}  # fmt: skip
