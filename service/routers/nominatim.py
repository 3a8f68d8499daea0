"""The Nominatim dialect under its own base URL, ``/nominatim/``: ``search``, ``reverse`` and ``lookup``.

Clients written for Nominatim (geopy's ``Nominatim``, Leaflet's geocoder
control, the QGIS Nominatim plugins) take a base URL; given
``http://host:port/nominatim/`` they read these answers unchanged.  The
service's own ``/reverse`` keeps its contract, so the dialect does not share
the root.  Ids are the gazetteer's: every result's ``place_id`` is its GeoNames
id (or a curated place's), which ``/lookup?place_ids=`` takes back; there are
no OpenStreetMap ids, so ``osm_ids`` is refused with a problem saying so.

Handlers parse Nominatim's parameters, call the application layer and format
with ``gazetteer.dialects.nominatim``.  Bad input is problem JSON (4xx), as in
the rest of the service; a reverse query with nothing at the zoom asked is
Nominatim's own ``{"error": "Unable to geocode"}`` with 200, which geopy and
Leaflet read as no result.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query

from gazetteer.application import GazetteerAPI
from gazetteer.dialects import nominatim
from gazetteer.dialects.narrowing import Narrowing, box_of, country_codes
from gazetteer.dialects.nominatim import Format
from gazetteer.dialects.situated import MAX_LIST, existing, languages_of, situate
from gazetteer.errors import InvalidInput
from gazetteer.limits import TEXT_PATTERN
from gazetteer.normalize import MAX_QUERY_LENGTH
from gazetteer.records import Place, Point
from service.deps import ApiDep, Lat, Limit, Lon
from service.geojson_response import GeoJSONResponse
from service.schemas.nominatim import NominatimPlaces, NominatimReverse
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/nominatim", tags=["nominatim"], responses=problem_responses(422, 503))

VIEWBOX = "viewbox is four numbers: lon1,lat1,lon2,lat2"
"""The rule of the viewbox parameter."""
OutputFormat = Annotated[Format, Query(description="json, jsonv2 (the default), geojson or geocodejson.")]
Details = Annotated[bool, Query(description="Add the address: the places holding the result (0 or 1).")]
Language = Annotated[
    str | None,
    Query(alias="accept-language", max_length=MAX_LIST, description="Languages of the names: 'ru' or 'ru,en'."),
]
AcceptLanguage = Annotated[
    str | None, Header(max_length=MAX_LIST, description="Languages of the names, when accept-language is not given.")
]


class JSONBody(GeoJSONResponse):
    """JSON as Nominatim serves every format, ``application/json``, encoded with orjson."""

    media_type = "application/json"


def _languages(param: str | None, header: str | None) -> tuple[str, ...]:
    return languages_of(param if param is not None else header)


def _viewbox(listed: str | None, bounded: bool) -> tuple[Narrowing, Point | None]:
    """The box of ``viewbox=x1,y1,x2,y2``: a filter with ``bounded``, else its centre as a focus."""
    if listed is None:
        return Narrowing(), None
    try:
        x1, y1, x2, y2 = (float(part) for part in listed.split(","))
    except ValueError as error:
        raise InvalidInput(VIEWBOX) from error
    if not all(math.isfinite(value) for value in (x1, y1, x2, y2)):
        raise InvalidInput(VIEWBOX)
    box = box_of(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
    if bounded:
        return Narrowing(box=box), None
    return Narrowing(), Point((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


@router.get("/search", response_model=NominatimPlaces, response_class=JSONBody)
def search(
    api: ApiDep,
    q: Annotated[
        str, Query(max_length=MAX_QUERY_LENGTH, pattern=TEXT_PATTERN, description="The place name to look up.")
    ],
    limit: Limit = 10,
    countrycodes: Annotated[
        str | None, Query(max_length=MAX_LIST, description="Only these countries: az,am (ISO 3166-1).")
    ] = None,
    viewbox: Annotated[
        str | None, Query(max_length=MAX_LIST, description="lon1,lat1,lon2,lat2: prefer places inside.")
    ] = None,
    bounded: Annotated[bool, Query(description="Only places inside the viewbox.")] = False,
    format: OutputFormat = Format.JSONV2,
    addressdetails: Details = False,
    language: Language = None,
    accept_language: AcceptLanguage = None,
) -> JSONBody:
    """Places named ``q``, best first, in Nominatim's shape of ``format``."""
    inside, focus = _viewbox(viewbox, bounded)
    narrowing = Narrowing(country_codes(countrycodes), inside.box)
    found = api.lookup(q, country=narrowing.country, focus=focus, limit=narrowing.asked(limit))
    places = [c.place for c in narrowing.narrowed(found, limit)]
    return _answer(api, places, format, addressdetails, _languages(language, accept_language), q)


@router.get("/reverse", response_model=NominatimReverse, response_class=JSONBody)
def reverse(
    api: ApiDep,
    lat: Lat,
    lon: Lon,
    zoom: Annotated[int, Query(ge=0, le=nominatim.MAX_ZOOM, description="Detail: 3 country ... 10 city ... 18.")] = (
        nominatim.MAX_ZOOM
    ),
    format: OutputFormat = Format.JSONV2,
    addressdetails: Details = True,
    language: Language = None,
    accept_language: AcceptLanguage = None,
) -> JSONBody:
    """The place at (lat, lon) for the detail of ``zoom``: from zoom 10 the nearest place, below the finest
    area holding the point (county up to 9, state up to 7, country up to 4)."""
    chosen = nominatim.reverse_choice(api.reverse(lon, lat, 1), zoom)
    if chosen is None:
        return JSONBody(nominatim.UNABLE)
    languages = _languages(language, accept_language)
    return _answer(api, [chosen], format, addressdetails, languages, f"{lat},{lon}", single=True)


@router.get("/lookup", response_model=NominatimPlaces, response_class=JSONBody)
def lookup(
    api: ApiDep,
    place_ids: Annotated[
        str | None, Query(max_length=MAX_LIST, description="Gazetteer (GeoNames) ids, comma-separated: 147105,146970.")
    ] = None,
    osm_ids: Annotated[
        str | None, Query(max_length=MAX_LIST, description="Refused: the gazetteer holds no OpenStreetMap objects.")
    ] = None,
    format: OutputFormat = Format.JSONV2,
    addressdetails: Details = False,
    language: Language = None,
    accept_language: AcceptLanguage = None,
) -> JSONBody:
    """The places of the given ids, in order; ids that name no place are left out, as Nominatim does."""
    if osm_ids is not None:
        raise InvalidInput("this gazetteer holds GeoNames places, not OpenStreetMap objects: give place_ids")
    if place_ids is None:
        raise InvalidInput("give place_ids, the place_id values of earlier results")
    places = existing(nominatim.place_ids(place_ids), api.place)
    return _answer(api, places, format, addressdetails, _languages(language, accept_language), place_ids)


def _answer(
    api: GazetteerAPI,
    places: list[Place],
    fmt: Format,
    details: bool,
    languages: tuple[str, ...],
    query: str,
    *,
    single: bool = False,
) -> JSONBody:
    situated = situate(places, api.place, languages)
    body: Any = nominatim.answer(situated, fmt, details=details, query=query, single=single)
    return JSONBody(body)
