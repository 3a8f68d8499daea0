"""Areas drawn on the regions layer: places whose extent is known."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from gazetteer.records import Place
from maps.geodesy import circle_ring

AREA_CLASSES = frozenset({"A", "L", "H", "R", "T"})
"""Feature classes that have an extent worth drawing (admin, area, water, road, terrain)."""


@dataclass(frozen=True, slots=True)
class Region:
    """The outline of a place, as a GeoJSON geometry."""

    place_id: int
    """Gazetteer id of the place."""
    name: str
    """Main name of the place."""
    geometry: dict[str, object] = field(hash=False)
    """RFC 7946 geometry (``Polygon`` or ``MultiPolygon``), longitude first."""
    approximate: bool = False
    """True when the outline is a circle of the place's rough radius, not a surveyed boundary."""

    def to_feature(self) -> dict[str, object]:
        """The region as a GeoJSON Feature with its id, name and approximation flag."""
        return {
            "type": "Feature",
            "geometry": self.geometry,
            "properties": {"place_id": self.place_id, "approximate": self.approximate},
        }


def extent_region(place: Place) -> Region | None:
    """A circle of the place's ``radius_km`` for areas, None for points."""
    if place.radius_km <= 0 or place.feature_class not in AREA_CLASSES:
        return None
    ring = circle_ring(place.lon, place.lat, place.radius_km)
    geometry: dict[str, object] = {"type": "Polygon", "coordinates": [ring]}
    return Region(place_id=place.id, name=place.name, geometry=geometry, approximate=True)


def extent_regions(places: Iterable[Place]) -> list[Region]:
    """The regions of the given places that have an extent."""
    return [region for region in map(extent_region, places) if region is not None]
