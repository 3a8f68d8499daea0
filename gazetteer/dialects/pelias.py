"""Pelias's answers: GeoJSON FeatureCollections with a ``geocoding`` block, one feature a place.

Each feature's properties name the place (``id``, ``gid`` = ``source:layer:id``,
``layer``, ``source``, ``source_id``, ``name``, ``label``), the places above it
by their layers (``country``, ``country_a``, ``region``, ``county`` with their
``_gid``), and how it was found (``confidence``, ``match_type``, and
``distance`` in km from the focus or query point).  ``source`` is ``geonames``
for GeoNames ids and ``overlay`` for the curated places.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gazetteer.dialects.situated import MAX_IDS, Situated, extent
from gazetteer.errors import InvalidInput
from gazetteer.index import COUNTRY_CODES
from gazetteer.limits import MAX_ID
from gazetteer.public import Json, name_in
from gazetteer.records import OVERLAY_ID_START, Candidate, Place
from gazetteer.results import NEAREST, Nearby

GEONAMES, OVERLAY = "geonames", "overlay"
"""The sources of a ``gid``: GeoNames ids, and the curated places' ids (from ``OVERLAY_ID_START``)."""
_LAYERS = {"ADM1": "region", "ADM2": "county", "ADM3": "localadmin", "ADM4": "localadmin", "ADM5": "localadmin",
           "ADMD": "localadmin", "CONT": "continent", "PPLX": "neighbourhood", "OCN": "ocean", "SEA": "marinearea",
           "GULF": "marinearea", "BAY": "marinearea"}  # fmt: skip
"""Pelias layers of GeoNames feature codes, besides countries and populated places."""
_REVERSE_CONFIDENCE = ((0.01, 0.9), (0.1, 0.8), (0.25, 0.7), (1.0, 0.6))
"""Pelias's reverse confidence by distance (its ``confidenceScoreReverse``): (below km, confidence)."""
_EXACT_CONFIDENCE, _FAR_CONFIDENCE = 1.0, 0.5
"""Pelias's reverse confidence at the point itself, and from 1 km on."""


def layer(place: Place) -> str:
    """The Pelias layer of a place: ``country``, ``region``, ``county``, ``locality``, ... or ``venue``."""
    if place.feature_code in COUNTRY_CODES:
        return "country"
    if place.feature_code in _LAYERS:
        return _LAYERS[place.feature_code]
    return "locality" if place.feature_class == "P" else "venue"


def source(place: Place) -> str:
    """Whose id the place's id is."""
    return GEONAMES if place.geonames_id is not None else OVERLAY


def gid(place: Place) -> str:
    """``geonames:locality:147105``: the id that ``/v1/place`` takes back."""
    return f"{source(place)}:{layer(place)}:{place.id}"


def place_ids(ids: str) -> list[int]:
    """The place ids of a ``/v1/place`` ``ids`` list (``geonames:locality:147105,...``), in order, each once."""
    found: list[int] = []
    for item in [part.strip() for part in ids.split(",") if part.strip()]:
        origin, _, number = item.rpartition(":")
        origin = origin.split(":")[0]
        if origin not in (GEONAMES, OVERLAY) or not number.isascii() or not number.isdigit():
            raise InvalidInput(f"{item!r} is not an id like geonames:locality:147105")
        place_id = int(number)
        if not 1 <= place_id <= MAX_ID or (place_id >= OVERLAY_ID_START) != (origin == OVERLAY):
            raise InvalidInput(f"{item!r}: no {origin} id is {number}")
        found.append(place_id)
    if not found or len(found) > MAX_IDS:
        raise InvalidInput(f"give 1 to {MAX_IDS} ids")
    return list(dict.fromkeys(found))


def feature(situated: Situated, **facts: Any) -> Json:
    """A place as a Pelias feature, with ``facts`` (confidence, distance...) that are not ``None``."""
    place = situated.place
    properties = {
        "id": str(place.id),
        "gid": gid(place),
        "layer": layer(place),
        "source": source(place),
        "source_id": str(place.id),
        "name": situated.name,
        "accuracy": "centroid" if place.radius_km > 0 else "point",
        **_hierarchy(situated),
        "label": situated.label(),
        **{key: value for key, value in facts.items() if value is not None},
    }
    found: Json = {"type": "Feature", "geometry": place.point.to_geojson(), "properties": properties}
    if place.radius_km > 0:
        found["bbox"] = list(extent(place))
    return found


def _hierarchy(situated: Situated) -> Json:
    """``country``, ``country_gid``, ``region``, ... for each place of the chain, the place itself first."""
    named: Json = {}
    for place in situated.chain():
        key = layer(place)
        if key not in named:
            named[key] = name_in(place, situated.languages)
            named[f"{key}_gid"] = gid(place)
    country = situated.country()
    code = country.country if country else situated.place.country
    if code:
        named["country_code"] = code
        named |= _alpha_3(code)
    return named


def _alpha_3(code: str) -> Json:
    """``{"country_a": "AZE"}`` for ``AZ``; nothing for a code ISO 3166-1 does not list."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return {} if country is None else {"country_a": str(country.alpha_3)}


def search_feature(situated: Situated, candidate: Candidate) -> Json:
    """A search or autocomplete result."""
    distance = candidate.distance_km
    return feature(
        situated,
        confidence=round(candidate.confidence, 3),
        match_type=candidate.match_type.value,
        distance=None if distance is None else round(distance, 3),
    )


def reverse_feature(situated: Situated, found: Nearby) -> Json:
    """A reverse result: its distance in km, and Pelias's confidence for that distance."""
    return feature(situated, distance=round(found.distance_km, 3), confidence=reverse_confidence(found.distance_km))


def reverse_confidence(distance_km: float) -> float:
    """1.0 at the point, then 0.9, 0.8, 0.7, 0.6 below 10 m, 100 m, 250 m and 1 km; 0.5 from 1 km on."""
    if distance_km == 0:
        return _EXACT_CONFIDENCE
    return next((score for below, score in _REVERSE_CONFIDENCE if distance_km < below), _FAR_CONFIDENCE)


def reverse_order(found: Sequence[Nearby], radius_km: float | None, size: int) -> list[Nearby]:
    """Places nearest first (within ``radius_km``, if given), then the areas holding the point, smallest first."""
    near = [n for n in found if n.relation == NEAREST and (radius_km is None or n.distance_km <= radius_km)]
    holding = [n for n in found if n.relation != NEAREST]
    return (near + holding)[:size]
