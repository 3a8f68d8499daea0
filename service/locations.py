"""Where a new event is: a place id, a place name resolved by the gazetteer, or lat/lon."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gazetteer.errors import InvalidInput, NotFound
from gazetteer.records import Place
from geo.validate import check_lat, check_lon


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved event location."""

    lon: float
    """Longitude."""
    lat: float
    """Latitude."""
    place: Place | None = None
    """The gazetteer place, when the location was given as one."""


def resolve_location(
    gazetteer: Any,
    *,
    place_id: int | None = None,
    place_name: str | None = None,
    lon: float | None = None,
    lat: float | None = None,
) -> Location:
    """The location given by exactly one of: a place id, a place name, or lon and lat."""
    if place_id is not None:
        try:
            place = gazetteer.place(place_id)
        except NotFound as error:
            raise InvalidInput(f"no place with id {place_id}") from error
        return Location(place.lon, place.lat, place)
    if place_name is not None:
        candidates = gazetteer.lookup(place_name, limit=1)
        if not candidates:
            raise InvalidInput(f"no place matches {place_name!r}")
        place = candidates[0].place
        return Location(place.lon, place.lat, place)
    if lon is None or lat is None:
        raise InvalidInput("give exactly one location: place_id, place_name, or lat and lon")
    return Location(check_lon(lon), check_lat(lat))
