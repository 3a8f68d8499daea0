"""A spatial index of points, answering geodesic radius and k-nearest queries.

The points are sorted by latitude band (``BAND_DEG``) and, within a band, by
longitude, so the points in a lon/lat box are one slice of the sorted arrays
per band: a query reads the bands of the boxes that contain its geodesic
circle (``geo.bbox``), whatever the number of points elsewhere.  Each
candidate is then measured on the sphere (cheap, within 0.6 % of the
geodesic), and only those that may be within the radius (or among the
nearest) are measured again on the WGS84 ellipsoid, the distance every hit
reports.  The arrays take 40 bytes a point; areas, which reach beyond their
point, have an index of their own (``geo.area_index``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.bbox import Box, circle_boxes
from geo.distance import SPHERE_ERROR, distances_km, great_circle_km
from geo.earth import EARTH_HALF_CIRCUMFERENCE_KM
from geo.errors import InvalidValue
from geo.validate import MAX_LIMIT, check_lat, check_limit, check_lon, check_radius_km

BAND_DEG = 0.1
"""Height of a latitude band of the index, in degrees."""
_BAND_STRIDE = 1000.0
"""Key distance between two bands: more than the 360 degrees of longitude a band holds."""
_SLACK_KM = 0.01
_FIRST_RING_KM = 5.0
_GROWTH = 4.0


@dataclass(slots=True)
class Hit:
    """A point found by a query, with its distance from the query position (not frozen: made by the thousand)."""

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

    def __init__(self, ids: ArrayLike, lons: ArrayLike, lats: ArrayLike) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self.lons = np.asarray(lons, dtype=np.float64)
        self.lats = np.asarray(lats, dtype=np.float64)
        if not self.ids.shape == self.lons.shape == self.lats.shape or self.ids.ndim != 1:
            raise InvalidValue("ids, lons and lats must be one-dimensional and of one length")
        if not ((np.abs(self.lons) <= 180.0).all() and (np.abs(self.lats) <= 90.0).all()):
            raise InvalidValue("longitudes must be within -180..180 and latitudes within -90..90")
        keys = _band(self.lats) * _BAND_STRIDE + (self.lons + 180.0)
        self._order = np.argsort(keys, kind="stable")
        self._keys = keys[self._order]
        self._by_id = np.argsort(self.ids, kind="stable")

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

    def rows_of(self, ids: Iterable[int]) -> NDArray[np.int64]:
        """Positions in the index of the given ids, in their order; unknown ids are left out."""
        wanted = np.fromiter(ids, dtype=np.int64)
        if not len(self):
            return np.empty(0, dtype=np.int64)
        at = np.searchsorted(self.ids, wanted, sorter=self._by_id).clip(max=len(self) - 1)
        rows = self._by_id[at]
        found: NDArray[np.int64] = rows[self.ids[rows] == wanted]
        return found

    def select(self, ids: Iterable[int]) -> PointIndex:
        """The index of those of its points whose ids are given."""
        rows = np.unique(self.rows_of(ids))
        return PointIndex(self.ids[rows], self.lons[rows], self.lats[rows])

    def in_boxes(self, boxes: Iterable[Box]) -> NDArray[np.int64]:
        """Rows of the points in any of the lon/lat boxes (and a few beside them, in the same bands)."""
        found = [self._in_box(*box) for box in boxes]
        return np.unique(np.concatenate(found)) if len(found) > 1 else found[0]

    def within(self, lon: float, lat: float, radius_km: float, limit: int | None = 100) -> list[Hit]:
        """Points within ``radius_km`` of (lon, lat), nearest first, at most ``limit``."""
        lon, lat, radius_km = check_lon(lon), check_lat(lat), check_radius_km(radius_km)
        if limit is not None:
            check_limit(limit)
        rows = self._candidates(lon, lat, radius_km)
        approx = great_circle_km(lon, lat, self.lons[rows], self.lats[rows])
        close = approx <= radius_km + _slack(radius_km)
        return self._exact(lon, lat, rows[close], approx[close], limit, radius_km)

    def nearest(self, lon: float, lat: float, k: int = 1) -> list[Hit]:
        """The ``k`` points nearest (lon, lat), nearest first."""
        lon, lat, k = check_lon(lon), check_lat(lat), check_limit(k, maximum=MAX_LIMIT, what="k")
        radius = _FIRST_RING_KM
        while True:
            rows = self._candidates(lon, lat, min(radius, EARTH_HALF_CIRCUMFERENCE_KM))
            approx = great_circle_km(lon, lat, self.lons[rows], self.lats[rows])
            if (approx <= radius - _slack(radius)).sum() >= k or radius >= EARTH_HALF_CIRCUMFERENCE_KM:
                return self._exact(lon, lat, rows, approx, k, np.inf)
            radius *= _GROWTH

    def _candidates(self, lon: float, lat: float, radius_km: float) -> NDArray[np.int64]:
        if radius_km >= EARTH_HALF_CIRCUMFERENCE_KM or not len(self):
            return np.arange(len(self), dtype=np.int64)
        return self.in_boxes(circle_boxes(lon, lat, radius_km))

    def _in_box(self, west: float, south: float, east: float, north: float) -> NDArray[np.int64]:
        bands = np.arange(_band(np.array([south]))[0], _band(np.array([north]))[0] + 1) * _BAND_STRIDE
        starts = np.searchsorted(self._keys, bands + (west + 180.0), side="left")
        ends = np.searchsorted(self._keys, bands + (east + 180.0), side="right")
        sizes = ends - starts
        total = int(sizes.sum())
        offsets = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        found: NDArray[np.int64] = self._order[np.repeat(starts, sizes) + offsets]
        return found

    def _exact(
        self,
        lon: float,
        lat: float,
        rows: NDArray[np.int64],
        approx: NDArray[np.float64],
        limit: int | None,
        radius_km: float,
    ) -> list[Hit]:
        """The hits among ``rows`` by geodesic distance: those within ``radius_km``, the ``limit`` nearest."""
        if limit is not None and rows.size > limit:
            edge = float(np.partition(approx, limit - 1)[limit - 1])
            keep = approx <= edge + 2 * _slack(edge)
            rows = rows[keep]
        km = distances_km(lon, lat, self.lons[rows], self.lats[rows])
        inside = km <= radius_km
        rows, km = rows[inside], km[inside]
        order = np.lexsort((self.ids[rows], km))[:limit]
        rows = rows[order]
        columns = (self.ids[rows].tolist(), self.lons[rows].tolist(), self.lats[rows].tolist(), km[order].tolist())
        return [Hit(*hit) for hit in zip(*columns, strict=True)]


def _band(lats: NDArray[np.float64]) -> NDArray[np.int64]:
    return np.floor((lats + 90.0) / BAND_DEG).astype(np.int64)


def _slack(radius_km: float) -> float:
    """How far beyond ``radius_km`` a great-circle distance may lie for a point truly within it."""
    return radius_km * SPHERE_ERROR + _SLACK_KM
