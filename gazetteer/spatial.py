"""The gazetteer's places in spatial indexes, and which of them are areas.

One rule decides what an area is (``is_region``): a place with an extent that
is a region or an administrative area and not a former state.  Areas answer
"what contains this point" (reverse geocoding) and are drawn as outlines on
maps; every place, area or not, is a point with an extent in the point index,
so that a radius query counts an area whose extent reaches into the circle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import shapely

from gazetteer.records import Place
from geo.point_index import PointIndex
from geo.regions import Region, RegionIndex, circle_region

REGION_CLASSES = frozenset({"A", "L"})
"""Feature classes whose extent counts as a containing area (not water, roads, or former states)."""
FORMER_STATE = "PCLH"
"""GeoNames feature code of a historical political entity (the Soviet Union)."""


def is_region(place: Place) -> bool:
    """Whether a place is an area with an extent that can contain a position."""
    return place.radius_km > 0 and place.feature_class in REGION_CLASSES and place.feature_code != FORMER_STATE


def region_of(place: Place, wkb: bytes | None = None) -> Region:
    """The outline of an area: its shape (lon/lat WKB) when it has one, else the geodesic circle of its extent."""
    if wkb is not None:
        return Region(place.id, place.name, shapely.from_wkb(wkb))
    return circle_region(place.id, place.name, place.lon, place.lat, place.radius_km)


def regions_of(places: Iterable[Place], shapes: Mapping[int, bytes] | None = None) -> list[Region]:
    """The outlines of those ``places`` that are areas, from ``shapes`` (place id -> WKB) where given."""
    known = shapes or {}
    return [region_of(place, known.get(place.id)) for place in places if is_region(place)]


def point_index(places: Sequence[Place]) -> PointIndex:
    """Every place as a point with its extent."""
    return PointIndex(
        [p.id for p in places], [p.lon for p in places], [p.lat for p in places], [p.radius_km for p in places]
    )


@dataclass(frozen=True, slots=True)
class SpatialIndexes:
    """The spatial indexes of one gazetteer."""

    points: PointIndex
    """Every place as a point with its extent."""
    regions: RegionIndex
    """The areas, by the positions they contain."""

    @classmethod
    def of(cls, places: Sequence[Place]) -> SpatialIndexes:
        """The indexes of ``places``."""
        return cls(point_index(places), RegionIndex(regions_of(places)))
