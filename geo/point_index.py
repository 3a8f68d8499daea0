"""A spatial index of places as points, answering geodesic radius and k-nearest queries.

The index keeps (id, lon, lat, extent) arrays and a shapely ``STRtree`` over
the points.  Areas (regions, reservoirs, roads) carry an extent in km: a
radius query counts an area as within when its extent reaches into the circle.
A query cuts candidates with lon/lat boxes that contain the geodesic circle
(``geo.bbox``), then measures each candidate on the WGS84 ellipsoid and sorts
by that distance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

from geo.bbox import circle_boxes
from geo.distance import distances_km
from geo.earth import EARTH_HALF_CIRCUMFERENCE_KM
from geo.errors import InvalidValue
from geo.validate import MAX_LIMIT, check_lat, check_limit, check_lon, check_radius_km

_FIRST_RING_KM = 5.0
_GROWTH = 4.0


@dataclass(frozen=True, slots=True)
class Hit:
    """A point found by a query, with its distance from the query position."""

    id: int
    """Id of the indexed point (a gazetteer place id)."""
    lon: float
    """Longitude of the point."""
    lat: float
    """Latitude of the point."""
    distance_km: float
    """Geodesic distance from the query position, in kilometres."""


class PointIndex:
    """Points with ids, searchable by geodesic distance."""

    def __init__(self, ids: ArrayLike, lons: ArrayLike, lats: ArrayLike, extents_km: ArrayLike | None = None) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self.lons = np.asarray(lons, dtype=np.float64)
        self.lats = np.asarray(lats, dtype=np.float64)
        self.extents = np.zeros(self.ids.shape) if extents_km is None else np.asarray(extents_km, np.float64)
        if not self.ids.shape == self.lons.shape == self.lats.shape == self.extents.shape or self.ids.ndim != 1:
            raise InvalidValue("ids, lons, lats and extents must be one-dimensional and of one length")
        self._reach = float(self.extents.max()) if self.ids.size else 0.0
        self._tree = shapely.STRtree(np.asarray(shapely.points(self.lons, self.lats)))

    @classmethod
    def from_records(cls, records: Iterable[tuple[int, float, float]]) -> PointIndex:
        """An index over (id, lon, lat) tuples."""
        rows = list(records)
        if not rows:
            return cls([], [], [])
        ids, lons, lats = zip(*rows, strict=True)
        return cls(ids, lons, lats)

    def __len__(self) -> int:
        return int(self.ids.size)

    def within(self, lon: float, lat: float, radius_km: float, limit: int | None = 100) -> list[Hit]:
        """Points (or areas reaching) within ``radius_km`` of (lon, lat), nearest first, at most ``limit``."""
        lon, lat, radius_km = check_lon(lon), check_lat(lat), check_radius_km(radius_km)
        if limit is not None:
            check_limit(limit)
        rows = self._candidates(lon, lat, min(radius_km + self._reach, EARTH_HALF_CIRCUMFERENCE_KM))
        found = self._measure(lon, lat, rows)
        keep = found[1] - self.extents[found[0]] <= radius_km
        return self._hits(found[0][keep], found[1][keep], limit)

    def nearest(self, lon: float, lat: float, k: int = 1) -> list[Hit]:
        """The ``k`` points nearest (lon, lat), nearest first."""
        lon, lat, k = check_lon(lon), check_lat(lat), check_limit(k, maximum=MAX_LIMIT, what="k")
        radius = _FIRST_RING_KM
        while True:
            rows = self._candidates(lon, lat, min(radius, EARTH_HALF_CIRCUMFERENCE_KM))
            found = self._measure(lon, lat, rows)
            keep = found[1] <= radius
            if keep.sum() >= k or radius >= EARTH_HALF_CIRCUMFERENCE_KM:
                return self._hits(found[0][keep], found[1][keep], k)
            radius *= _GROWTH

    def _candidates(self, lon: float, lat: float, radius_km: float) -> NDArray[np.int64]:
        if radius_km >= EARTH_HALF_CIRCUMFERENCE_KM:
            return np.arange(len(self), dtype=np.int64)
        boxes = shapely.box(*np.array(circle_boxes(lon, lat, radius_km)).T)
        _, rows = self._tree.query(boxes)
        return np.unique(rows)

    def _measure(
        self, lon: float, lat: float, rows: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        return rows, distances_km(lon, lat, self.lons[rows], self.lats[rows])

    def _hits(self, rows: NDArray[np.int64], km: NDArray[np.float64], limit: int | None) -> list[Hit]:
        order = np.lexsort((self.ids[rows], km))[: limit if limit is not None else None]
        return [
            Hit(int(self.ids[rows[i]]), float(self.lons[rows[i]]), float(self.lats[rows[i]]), float(km[i]))
            for i in order
        ]
