"""A spatial index of areas: what contains a position, and what reaches into a circle around it.

An area has a representative point and either a shape (a lon/lat polygon or
multipolygon) or a radius (a geodesic circle around its point, for areas
known only by their extent).  Shapes are cut into small pieces
(``geo.shapes.subdivide``) and circles enter the index as the boxes that hold
them (``geo.bbox``), so a query reads only what lies around it, whatever the
size of the largest area.

Distances are geodesic (WGS84): to a shape, the distance from the centre to
its nearest point, 0 inside, found in the azimuthal projection of the query
(``geo.azimuthal``) and measured again on the ellipsoid where the projection
is not close enough (beyond 1,000 km, and at the edge of a radius query, where
it decides); to a circle, the distance to its centre less its radius.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from geo import azimuthal
from geo.bbox import circle_boxes
from geo.distance import distances_km
from geo.point_index import PointIndex
from geo.shapes import Geometries, circle_area_km2, polygons, sphere_area_km2, subdivide
from geo.validate import MAX_LIMIT, check_lat, check_limit, check_lon, check_radius_km

_SLACK_KM = 0.05
"""Absolute slack for edges that bend in the projection."""
_ORIGIN = shapely.Point(0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Area:
    """An area to index."""

    id: int
    """Id of the area (a gazetteer place id)."""
    lon: float
    """Longitude of the representative point."""
    lat: float
    """Latitude of the representative point."""
    radius_km: float = 0.0
    """Extent around the point, for an area without a shape."""
    shape: BaseGeometry | None = None
    """Polygon or multipolygon in lon/lat degrees; without polygons, the circle of ``radius_km`` stands in."""


@dataclass(slots=True)
class AreaHit:
    """An area found by a query (not frozen, like ``Hit``: cheaper to make)."""

    id: int
    """Id of the area."""
    lon: float
    """Longitude of its representative point."""
    lat: float
    """Latitude of its representative point."""
    distance_km: float
    """Geodesic distance from the query position to the representative point, in km."""
    reach_km: float
    """Geodesic distance from the query position to the nearest point of the area, in km, 0 inside (to a metre or
    two within 60 km, 0.03 % within 1,000 km, on the ellipsoid beyond and at the edge of a radius query)."""
    size_km2: float
    """Area on the ground, in km² (on the mean sphere)."""


@dataclass(frozen=True, slots=True)
class _Parts:
    """The arrays an index is made of: one row per area, one entry per box or piece in the tree."""

    ids: NDArray[np.int64]
    lons: NDArray[np.float64]
    lats: NDArray[np.float64]
    radii: NDArray[np.float64]
    sizes: NDArray[np.float64]
    entries: Geometries
    """Circle boxes first, then shape pieces."""
    entry_rows: NDArray[np.int64]
    """The area row of each entry."""
    first_piece: int
    """Position of the first shape piece among the entries."""


class AreaIndex:
    """Areas searchable by containment and by geodesic reach."""

    def __init__(self, areas: Iterable[Area]) -> None:
        self._build(_parts(list(areas)))

    def _build(self, parts: _Parts) -> None:
        self._parts = parts
        self.ids = parts.ids
        self._tree = shapely.STRtree(parts.entries)
        self._points = PointIndex(parts.ids, parts.lons, parts.lats)
        self._order = np.argsort(parts.entry_rows, kind="stable")
        self._starts = np.searchsorted(parts.entry_rows[self._order], np.arange(len(parts.ids) + 1))

    def __len__(self) -> int:
        return int(self.ids.size)

    def select(self, ids: Iterable[int]) -> AreaIndex:
        """The index of those of its areas whose ids are given (pieces are kept, not cut again)."""
        parts = self._parts
        keep = np.isin(parts.ids, np.fromiter(ids, dtype=np.int64))
        renumber = np.cumsum(keep) - 1
        entry_keep = keep[parts.entry_rows]
        chosen = _Parts(
            parts.ids[keep],
            parts.lons[keep],
            parts.lats[keep],
            parts.radii[keep],
            parts.sizes[keep],
            parts.entries[entry_keep],
            renumber[parts.entry_rows[entry_keep]],
            int(entry_keep[: parts.first_piece].sum()),
        )
        index = AreaIndex.__new__(AreaIndex)
        index._build(chosen)
        return index

    def within(self, lon: float, lat: float, radius_km: float, limit: int | None = None) -> list[AreaHit]:
        """Areas reaching into the geodesic circle, nearest representative point first, at most ``limit``."""
        lon, lat, radius_km = check_lon(lon), check_lat(lat), check_radius_km(radius_km)
        if limit is not None:
            check_limit(limit)
        boxes = shapely.box(*np.array(circle_boxes(lon, lat, radius_km)).T)
        _, entries = self._tree.query(boxes)
        rows, reach = self._reach(lon, lat, np.unique(entries), radius_km)
        near = reach <= radius_km
        return self._hits(lon, lat, rows[near], reach[near], limit)

    def containing(self, lon: float, lat: float) -> list[AreaHit]:
        """Areas that contain (lon, lat) (their border included), smallest first."""
        lon, lat = check_lon(lon), check_lat(lat)
        entries = self._tree.query(shapely.Point(lon, lat))
        rows, reach = self._reach(lon, lat, entries, 0.0)
        hits = self._hits(lon, lat, rows[reach <= 0.0], np.zeros(int((reach <= 0.0).sum())), None)
        return sorted(hits, key=lambda hit: (hit.size_km2, hit.id))

    def nearest(self, lon: float, lat: float, k: int = 1) -> list[AreaHit]:
        """The ``k`` areas whose representative points are nearest (lon, lat), nearest first."""
        k = check_limit(k, maximum=MAX_LIMIT, what="k")
        found = self._points.nearest(lon, lat, k)
        rows = self._points.rows_of([hit.id for hit in found])
        entries = [self._order[self._starts[row] : self._starts[row + 1]] for row in rows.tolist()]
        got, reach = self._reach(lon, lat, np.concatenate([np.empty(0, np.int64), *entries]), np.inf)
        by_row = dict(zip(got.tolist(), reach.tolist(), strict=True))
        return self._hits(lon, lat, rows, np.array([by_row[row] for row in rows.tolist()]), k)

    def _reach(
        self, lon: float, lat: float, entries: NDArray[np.int64], within_km: float
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Area rows of ``entries`` with their reach in km: exact up to ``within_km``, a lower figure above."""
        first = self._parts.first_piece
        circle_rows, circle_reach = self._circle_reach(lon, lat, entries[entries < first])
        shape_rows, shape_reach = self._shape_reach(lon, lat, entries[entries >= first], within_km)
        return np.concatenate([circle_rows, shape_rows]), np.concatenate([circle_reach, shape_reach])

    def _circle_reach(
        self, lon: float, lat: float, entries: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        rows = np.unique(self._parts.entry_rows[entries])
        km = distances_km(lon, lat, self._parts.lons[rows], self._parts.lats[rows])
        return rows, np.maximum(km - self._parts.radii[rows], 0.0)

    def _shape_reach(
        self, lon: float, lat: float, entries: NDArray[np.int64], within_km: float
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        pieces, rows = self._parts.entries[entries], self._parts.entry_rows[entries]
        inside = np.zeros(len(self.ids), dtype=bool)
        inside[rows[shapely.covers(pieces, shapely.Point(lon, lat))]] = True
        inside_rows = np.flatnonzero(inside)
        outside = ~inside[rows]
        if within_km <= 0.0 or not outside.any():
            return inside_rows, np.zeros(inside_rows.size)
        out_rows, reach = _nearest_pieces(lon, lat, pieces[outside], rows[outside], within_km)
        return np.concatenate([inside_rows, out_rows]), np.concatenate([np.zeros(inside_rows.size), reach])

    def _hits(
        self, lon: float, lat: float, rows: NDArray[np.int64], reach: NDArray[np.float64], limit: int | None
    ) -> list[AreaHit]:
        parts = self._parts
        km = distances_km(lon, lat, parts.lons[rows], parts.lats[rows])
        order = np.lexsort((parts.ids[rows], km))[:limit]
        at = rows[order]
        columns = (parts.ids[at], parts.lons[at], parts.lats[at], km[order], reach[order], parts.sizes[at])
        return [AreaHit(*hit) for hit in zip(*(column.tolist() for column in columns), strict=True)]


def _nearest_pieces(
    lon: float, lat: float, pieces: Geometries, rows: NDArray[np.int64], within_km: float
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Per area row, the distance from (lon, lat) to its nearest piece, in km.

    Measured in the query's azimuthal projection (within 0.002 % up to 60 km, 0.03 % up to 1,000 km), and
    again on the ellipsoid where that is not close enough: beyond 1,000 km, and near ``within_km``, where the
    distance decides whether the area is within reach.
    """
    projected = shapely.transform(pieces, lambda lonlat: azimuthal.forward(lon, lat, lonlat))
    approx = np.asarray(shapely.distance(_ORIGIN, projected), dtype=np.float64)
    order = np.lexsort((approx, rows))
    first = np.ones(order.size, dtype=bool)
    first[1:] = rows[order][1:] != rows[order][:-1]
    best = order[first]
    reach = approx[best]
    band = within_km * azimuthal.relative_error(within_km) + _SLACK_KM
    measure = (np.abs(reach - within_km) <= band) | (reach > azimuthal.NEAR_KM)
    if measure.any():
        lines = shapely.shortest_line(_ORIGIN, projected[best[measure]])
        lonlat = azimuthal.inverse(lon, lat, shapely.get_coordinates(lines)[1::2])
        reach[measure] = distances_km(lon, lat, lonlat[:, 0], lonlat[:, 1])
    return rows[best], reach


def _parts(areas: list[Area]) -> _Parts:
    """Rows, circle boxes and shape pieces of ``areas``."""
    outlines = [_outline(area) for area in areas]
    shaped = [row for row, outline in enumerate(outlines) if outline is not None]
    shapes = [outline for outline in outlines if outline is not None]
    radii = np.array([0.0 if outlines[row] is not None else area.radius_km for row, area in enumerate(areas)])
    sizes = circle_area_km2(radii)
    sizes[shaped] = sphere_area_km2(shapes)
    boxes, box_rows = _circle_entries(areas, outlines)
    pieces, owners = subdivide(shapes)
    return _Parts(
        ids=np.array([area.id for area in areas], dtype=np.int64),
        lons=np.array([check_lon(area.lon) for area in areas], dtype=np.float64),
        lats=np.array([check_lat(area.lat) for area in areas], dtype=np.float64),
        radii=radii,
        sizes=sizes,
        entries=np.concatenate([boxes, pieces]),
        entry_rows=np.concatenate([box_rows, np.array(shaped, dtype=np.int64)[owners]]).astype(np.int64),
        first_piece=int(boxes.size),
    )


def _outline(area: Area) -> BaseGeometry | None:
    """The polygons of an area's shape, ``None`` when it has none (its circle stands in)."""
    if area.shape is None or isinstance(area.shape, shapely.MultiPolygon | shapely.Polygon):
        return None if area.shape is None or area.shape.is_empty else area.shape
    found = polygons(area.shape)
    return shapely.MultiPolygon(found) if found else None


def _circle_entries(areas: list[Area], outlines: list[BaseGeometry | None]) -> tuple[Geometries, NDArray[np.int64]]:
    boxes: list[tuple[float, float, float, float]] = []
    rows: list[int] = []
    for row, (area, outline) in enumerate(zip(areas, outlines, strict=True)):
        if outline is None:
            found = circle_boxes(area.lon, area.lat, check_radius_km(area.radius_km))
            boxes.extend(found)
            rows.extend([row] * len(found))
    if not boxes:
        return np.empty(0, dtype=object), np.empty(0, dtype=np.int64)
    return shapely.box(*np.array(boxes).T), np.array(rows, dtype=np.int64)
