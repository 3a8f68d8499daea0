"""The Pelias dialect: ``/v1/search``, ``/v1/autocomplete``, ``/v1/reverse`` and ``/v1/place``.

Clients written for Pelias (geopy's ``Pelias``, Leaflet's geocoder control)
read these unchanged.  Each handler parses Pelias's parameters, calls the
application layer and formats with ``gazetteer.dialects.pelias``; bad input
is problem JSON, as everywhere in the service (Pelias itself answers 400 with
``geocoding.errors``; clients treat both as a failed request).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query

from gazetteer.application import GazetteerAPI
from gazetteer.dialects import pelias
from gazetteer.dialects.narrowing import Narrowing, box_of, country_codes
from gazetteer.dialects.situated import MAX_LIST, existing, languages_of, situate
from gazetteer.errors import InvalidInput
from gazetteer.limits import MAX_RADIUS_KM, TEXT_PATTERN
from gazetteer.normalize import MAX_QUERY_LENGTH
from gazetteer.public import collection
from gazetteer.records import Point
from service.deps import ApiDep, Limit
from service.geojson_response import GeoJSONResponse
from service.schemas.pelias import PeliasCollection
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/v1", tags=["pelias"], responses=problem_responses(422, 503))

Text = Annotated[
    str, Query(max_length=MAX_QUERY_LENGTH, pattern=TEXT_PATTERN, description="The place name to look up.")
]
Lang = Annotated[
    str | None, Query(max_length=MAX_LIST, description="Language of the names: ru, or a list such as 'ru,en'.")
]
AcceptLanguage = Annotated[
    str | None, Header(max_length=MAX_LIST, description="Language of the names, when lang is not given.")
]
Countries = Annotated[
    str | None,
    Query(alias="boundary.country", max_length=MAX_LIST, description="Only these countries (AZ or AZE, ...)."),
]
FocusLat = Annotated[float | None, Query(alias="focus.point.lat", ge=-90, le=90, allow_inf_nan=False)]
FocusLon = Annotated[float | None, Query(alias="focus.point.lon", ge=-180, le=180, allow_inf_nan=False)]
MinLon = Annotated[float | None, Query(alias="boundary.rect.min_lon", ge=-180, le=180, allow_inf_nan=False)]
MinLat = Annotated[float | None, Query(alias="boundary.rect.min_lat", ge=-90, le=90, allow_inf_nan=False)]
MaxLon = Annotated[float | None, Query(alias="boundary.rect.max_lon", ge=-180, le=180, allow_inf_nan=False)]
MaxLat = Annotated[float | None, Query(alias="boundary.rect.max_lat", ge=-90, le=90, allow_inf_nan=False)]
PointLat = Annotated[float, Query(alias="point.lat", ge=-90, le=90, allow_inf_nan=False, description="Latitude.")]
PointLon = Annotated[float, Query(alias="point.lon", ge=-180, le=180, allow_inf_nan=False, description="Longitude.")]
Radius = Annotated[
    float | None,
    Query(alias="boundary.circle.radius", ge=0, le=MAX_RADIUS_KM, allow_inf_nan=False, description="Kilometres."),
]


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A Pelias search, as its parameters give it."""

    text: str
    """The name looked up."""
    size: int
    """Most results."""
    languages: tuple[str, ...]
    """Languages to name places in."""
    focus: Point | None
    """Prefer places near this point."""
    narrowing: Narrowing
    """Only places in these countries and this box."""
    echo: dict[str, Any]
    """The parameters as given, by Pelias's names."""


def _pair(lat: float | None, lon: float | None, what: str) -> Point | None:
    if (lat is None) != (lon is None):
        raise InvalidInput(f"give both {what}.lat and {what}.lon")
    return None if lat is None or lon is None else Point(lon, lat)


def _rect(corners: tuple[float | None, ...]) -> tuple[float, float, float, float] | None:
    if all(value is None for value in corners):
        return None
    west, south, east, north = corners
    if west is None or south is None or east is None or north is None:
        raise InvalidInput("give all four of boundary.rect.min_lon, min_lat, max_lon and max_lat")
    return box_of(west, south, east, north)


def search_query(
    text: Text,
    size: Limit = 10,
    lang: Lang = None,
    accept_language: AcceptLanguage = None,
    countries: Countries = None,
    focus_lat: FocusLat = None,
    focus_lon: FocusLon = None,
    min_lon: MinLon = None,
    min_lat: MinLat = None,
    max_lon: MaxLon = None,
    max_lat: MaxLat = None,
) -> SearchQuery:
    """The parameters of ``/v1/search`` and ``/v1/autocomplete``."""
    narrowing = Narrowing(country_codes(countries), _rect((min_lon, min_lat, max_lon, max_lat)))
    echo = {"text": text, "size": size, "lang": lang, "boundary.country": countries,
            "focus.point.lat": focus_lat, "focus.point.lon": focus_lon}  # fmt: skip
    languages = _languages(lang, accept_language)
    return SearchQuery(text, size, languages, _pair(focus_lat, focus_lon, "focus.point"), narrowing, echo)


def _languages(lang: str | None, accept_language: str | None) -> tuple[str, ...]:
    """The languages of ``lang``, else of the ``Accept-Language`` header."""
    return languages_of(lang if lang is not None else accept_language)


def _search(api: GazetteerAPI, query: SearchQuery, *, complete: bool = False) -> GeoJSONResponse:
    narrowing = query.narrowing
    find = api.complete if complete else api.lookup
    found = find(query.text, country=narrowing.country, focus=query.focus, limit=narrowing.asked(query.size))
    kept = narrowing.narrowed(found, query.size)
    situated = situate([c.place for c in kept], api.place, query.languages)
    features = [pelias.search_feature(s, c) for s, c in zip(situated, kept, strict=True)]
    return GeoJSONResponse(collection(features, query.echo))


@router.get("/search", response_model=PeliasCollection, response_class=GeoJSONResponse)
def search(api: ApiDep, query: Annotated[SearchQuery, Depends(search_query)]) -> GeoJSONResponse:
    """Places named ``text``, best first, as Pelias answers (``boundary.country`` and ``boundary.rect`` filter)."""
    return _search(api, query)


@router.get("/autocomplete", response_model=PeliasCollection, response_class=GeoJSONResponse)
def autocomplete(api: ApiDep, query: Annotated[SearchQuery, Depends(search_query)]) -> GeoJSONResponse:
    """Places whose names match ``text`` or begin with it (``Khanke``: Khankendi), best first."""
    return _search(api, query, complete=True)


@router.get("/reverse", response_model=PeliasCollection, response_class=GeoJSONResponse)
def reverse(
    api: ApiDep,
    lat: PointLat,
    lon: PointLon,
    size: Limit = 10,
    radius_km: Radius = None,
    lang: Lang = None,
    accept_language: AcceptLanguage = None,
) -> GeoJSONResponse:
    """The places nearest (point.lat, point.lon), within ``boundary.circle.radius`` km if given, then the areas
    holding it, smallest first; ``distance`` in km and Pelias's confidence by distance."""
    found = pelias.reverse_order(api.reverse(lon, lat, size), radius_km, size)
    situated = situate([n.place for n in found], api.place, _languages(lang, accept_language))
    features = [pelias.reverse_feature(s, n) for s, n in zip(situated, found, strict=True)]
    echo = {"point.lat": lat, "point.lon": lon, "size": size, "boundary.circle.radius": radius_km, "lang": lang}
    return GeoJSONResponse(collection(features, echo))


@router.get("/place", response_model=PeliasCollection, response_class=GeoJSONResponse)
def place(
    api: ApiDep,
    ids: Annotated[str, Query(max_length=MAX_LIST, description="gids, comma-separated: geonames:locality:147105.")],
    lang: Lang = None,
    accept_language: AcceptLanguage = None,
) -> GeoJSONResponse:
    """The places of the given gids, in order; ids that name no place are left out, as Pelias does."""
    places = existing(pelias.place_ids(ids), api.place)
    situated = situate(places, api.place, _languages(lang, accept_language))
    return GeoJSONResponse(collection([pelias.feature(s) for s in situated], {"ids": ids, "lang": lang}))
