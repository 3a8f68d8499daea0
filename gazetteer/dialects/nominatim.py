"""Nominatim's answers in its formats ``json``, ``jsonv2``, ``geojson`` and ``geocodejson``: one dispatcher.

A place is ``place_id`` (the gazetteer's id: GeoNames ids, the curated places
from ``OVERLAY_ID_START``), ``lat`` and ``lon`` as strings, ``display_name``
(the place and the places above it), ``boundingbox`` as four strings
``[south, north, west, east]``, ``class`` (``category`` in ``jsonv2``) and
``type`` after OpenStreetMap's tags, ``place_rank``, ``addresstype``,
``importance`` (the place's prominence, 0..1) and, when asked, ``address``.
There is no ``osm_type``/``osm_id``: the places are GeoNames', not OpenStreetMap
objects (Nominatim leaves them out too for results that are none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gazetteer.dialects.situated import MAX_IDS, Situated, extent
from gazetteer.errors import InvalidInput
from gazetteer.index import COUNTRY_CODES
from gazetteer.limits import check_id
from gazetteer.public import ATTRIBUTION, Json, name_in
from gazetteer.ranking import prominence
from gazetteer.records import Place
from gazetteer.results import NEAREST, Nearby

LICENCE = f"Data: {ATTRIBUTION}"
"""The ``licence`` of every answer."""
UNABLE = {"error": "Unable to geocode"}
"""Nominatim's answer to a reverse query with no place at the detail asked (geopy reads it as no result)."""
MAX_ZOOM = 18
"""Finest detail of a reverse query, Nominatim's default."""
NEAREST_ZOOM = 10
"""From this zoom on (city detail), a reverse query answers with the nearest place, below with an area."""
_AREA_RANKS = ((4, 4), (7, 8), (9, 12))
"""(up to zoom, finest place rank) of a reverse query answered with an area: country, state, county."""
LICENCE_ID = "CC-BY-4.0"
"""The SPDX id of the data's licence, in ``geocodejson``."""


class Format(StrEnum):
    """Nominatim's output formats served here (not ``xml``)."""

    JSON = "json"
    JSONV2 = "jsonv2"
    GEOJSON = "geojson"
    GEOCODEJSON = "geocodejson"


@dataclass(frozen=True, slots=True)
class Kind:
    """What Nominatim would call a place."""

    category: str
    """The OpenStreetMap key (``class``): ``place``, ``boundary``, ``natural``."""
    type: str
    """Its value: ``city``, ``town``, ``village``, ``administrative``, ``water``."""
    rank: int
    """Nominatim's ``place_rank``: 4 country, 8 state, 12 county, 16 city, 18 town, 19 village."""
    address: str
    """The key naming the place in an ``address``: ``village``, ``county``, ``state``, ``country``."""


_ADMIN = {"ADM1": Kind("boundary", "administrative", 8, "state"),
          "ADM2": Kind("boundary", "administrative", 12, "county"),
          "ADM3": Kind("boundary", "administrative", 16, "municipality"),
          "CONT": Kind("place", "continent", 2, "continent"),
          "PPLX": Kind("place", "suburb", 20, "suburb")}  # fmt: skip
_COUNTRY = Kind("boundary", "administrative", 4, "country")
_BY_CLASS = {
    "H": Kind("natural", "water", 22, "water"),
    "L": Kind("place", "region", 10, "region"),
    "R": Kind("highway", "road", 26, "road"),
    "A": Kind("boundary", "administrative", 18, "municipality"),
}
_OTHER = Kind("place", "locality", 22, "locality")
_SETTLEMENTS = ((100_000, Kind("place", "city", 16, "city")), (10_000, Kind("place", "town", 18, "town")))
_VILLAGE = Kind("place", "village", 19, "village")


def place_ids(listed: str) -> list[int]:
    """The ids of a ``place_ids`` list (``147105,146970``), in order, each once."""
    parts = [part.strip() for part in listed.split(",") if part.strip()]
    if not parts or len(parts) > MAX_IDS:
        raise InvalidInput(f"give 1 to {MAX_IDS} place ids")
    if not all(part.isascii() and part.isdigit() for part in parts):
        raise InvalidInput("place_ids are gazetteer (GeoNames) ids, such as 147105,146970")
    return list(dict.fromkeys(check_id(int(part), "place id") for part in parts))


def kind(place: Place) -> Kind:
    """The Nominatim class, type and rank of a place, from its GeoNames feature and population."""
    if place.feature_code in COUNTRY_CODES:
        return _COUNTRY
    if place.feature_code in _ADMIN:
        return _ADMIN[place.feature_code]
    if place.feature_class == "P":
        if place.feature_code == "PPLC":
            return _SETTLEMENTS[0][1]
        return next((k for least, k in _SETTLEMENTS if place.population >= least), _VILLAGE)
    return _BY_CLASS.get(place.feature_class, _OTHER)


def address(situated: Situated) -> Json:
    """``{"village": "Shusha", "state": "Shusha District", "country": "Azerbaijan", "country_code": "az"}``."""
    found: Json = {}
    for place in situated.chain():
        found.setdefault(kind(place).address, name_in(place, situated.languages))
    country = situated.country()
    code = country.country if country else situated.place.country
    if code:
        found["country_code"] = code.lower()
    return found


def _degrees(value: float) -> str:
    return f"{value:.7f}"


def place_json(situated: Situated, fmt: Format, *, details: bool) -> Json:
    """A place in ``json`` (``class``) or ``jsonv2`` (``category``), with its ``address`` when ``details``."""
    place, what = situated.place, kind(situated.place)
    west, south, east, north = extent(place)
    found: Json = {
        "place_id": place.id,
        "licence": LICENCE,
        "lat": _degrees(place.lat),
        "lon": _degrees(place.lon),
        ("class" if fmt is Format.JSON else "category"): what.category,
        "type": what.type,
        "place_rank": what.rank,
        "importance": round(prominence(place), 5),
        "addresstype": what.address,
        "name": situated.name,
        "display_name": situated.label(),
        "boundingbox": [_degrees(south), _degrees(north), _degrees(west), _degrees(east)],
    }
    if details:
        found["address"] = address(situated)
    return found


def _geojson_feature(situated: Situated, details: bool) -> Json:
    properties = place_json(situated, Format.JSONV2, details=details)
    box = properties.pop("boundingbox")
    for key in ("licence", "lat", "lon"):
        del properties[key]
    west, south, east, north = (float(box[i]) for i in (2, 0, 3, 1))
    geometry = situated.place.point.to_geojson()
    return {"type": "Feature", "properties": properties, "bbox": [west, south, east, north], "geometry": geometry}


def _geocodejson_feature(situated: Situated, details: bool) -> Json:
    place, what = situated.place, kind(situated.place)
    facts: Json = {"place_id": place.id, "type": what.address, "label": situated.label(), "name": situated.name}
    if details:
        facts |= address(situated)
    return {"type": "Feature", "properties": {"geocoding": facts}, "geometry": place.point.to_geojson()}


def answer(results: Sequence[Situated], fmt: Format, *, details: bool, query: str, single: bool = False) -> Any:
    """What Nominatim answers with ``results`` in ``fmt``: a list (one object when ``single``) or a collection."""
    if fmt is Format.GEOJSON:
        features = [_geojson_feature(s, details) for s in results]
        return {"type": "FeatureCollection", "licence": LICENCE, "features": features}
    if fmt is Format.GEOCODEJSON:
        geocoding = {"version": "0.1.0", "attribution": LICENCE, "licence": LICENCE_ID, "query": query}
        features = [_geocodejson_feature(s, details) for s in results]
        return {"type": "FeatureCollection", "geocoding": geocoding, "features": features}
    places = [place_json(s, fmt, details=details) for s in results]
    return places[0] if single else places


def reverse_choice(found: Sequence[Nearby], zoom: int) -> Place | None:
    """The place a reverse query answers at ``zoom`` (0..18), ``None`` when there is none at that detail.

    From ``NEAREST_ZOOM`` on, the nearest place; below, the finest area holding the point whose rank the zoom
    allows (country up to zoom 4, state up to 7, county up to 9).
    """
    if zoom >= NEAREST_ZOOM:
        return next((n.place for n in found if n.relation == NEAREST), None)
    finest = next(rank for up_to, rank in _AREA_RANKS if zoom <= up_to)
    areas = [n.place for n in found if n.relation != NEAREST and kind(n.place).category == "boundary"]
    allowed = [place for place in areas if kind(place).rank <= finest]
    return max(allowed, key=lambda place: kind(place).rank, default=None)
