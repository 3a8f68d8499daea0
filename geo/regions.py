"""Point-in-region tests with shapely: areas as polygons, and geodesic circles as areas.

Region polygons are lon/lat (RFC 7946 order).  A place known only by its
point and rough extent becomes a geodesic circle polygon, so that "is this
point in Karabakh?" and "is it in that reservoir?" are the same question.
These are the outlines maps draw; the gazetteer's own queries go through
``geo.area_index``, which cuts large outlines into pieces and measures
distances to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.distance import GEOD
from geo.validate import check_lat, check_lon, check_radius_km

_CIRCLE_VERTICES = 64


@dataclass(frozen=True, slots=True)
class Region:
    """An area with an id, a name and a lon/lat geometry."""

    id: int
    """Id of the area (a gazetteer place id for areas taken from the gazetteer)."""
    name: str
    """Name to show."""
    geometry: BaseGeometry
    """Polygon or multipolygon in lon/lat degrees."""


def geodesic_circle(lon: float, lat: float, radius_km: float) -> BaseGeometry:
    """A polygon approximating the geodesic circle of ``radius_km`` around (lon, lat).

    Small circles only: the polygon is not split at the antimeridian.
    """
    lon, lat = check_lon(lon), check_lat(lat)
    metres = check_radius_km(radius_km, allow_zero=False) * 1000.0
    azimuths = np.linspace(0.0, 360.0, _CIRCLE_VERTICES, endpoint=False)
    lons, lats, _ = GEOD.fwd(
        np.full(azimuths.shape, lon), np.full(azimuths.shape, lat), azimuths, np.full(azimuths.shape, metres)
    )
    return shapely.Polygon(zip(lons, lats, strict=True))


def circle_region(region_id: int, name: str, lon: float, lat: float, radius_km: float) -> Region:
    """An area given by a centre and a radius."""
    return Region(region_id, name, geodesic_circle(lon, lat, radius_km))


class RegionIndex:
    """Areas searchable by the positions they contain."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self.regions: Sequence[Region] = tuple(regions)
        self._tree = shapely.STRtree([region.geometry for region in self.regions])

    def __len__(self) -> int:
        return len(self.regions)

    def containing(self, lon: float, lat: float) -> list[Region]:
        """The areas that contain (lon, lat), smallest first."""
        point = shapely.Point(check_lon(lon), check_lat(lat))
        rows = self._tree.query(point, predicate="covered_by")
        found = [self.regions[int(row)] for row in rows]
        return sorted(found, key=lambda region: (region.geometry.area, region.id))
