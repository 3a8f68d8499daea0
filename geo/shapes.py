"""Polygons cut into small pieces for a spatial index, and their areas on the sphere.

A country outline has thousands of vertices and spans tens of degrees: a
spatial index over whole outlines hands every query near one of them its
entire boundary.  ``subdivide`` cuts each polygon into pieces of few vertices
and a small span (as PostGIS's ``ST_Subdivide`` does), halving boxes until
each piece is small enough, so a query touches only the pieces around it.
The pieces' edges are kept short (``MAX_EDGE_DEG``) so that an edge straight
in lon/lat stays straight enough in the azimuthal projection of a query
(``geo.azimuthal``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from geo.earth import EARTH_MEAN_RADIUS_KM

Geometries = NDArray[np.object_]
"""A numpy array of shapely geometries."""

MAX_VERTICES = 256
"""Most vertices in one piece."""
MAX_SPAN_DEG = 2.0
"""Widest piece, in degrees of longitude or latitude."""
MAX_EDGE_DEG = 0.1
"""Longest edge of a piece, in degrees (an edge bends less than 20 m in a query's projection)."""
_POLYGON = 3


def polygons(geometry: BaseGeometry) -> list[shapely.Polygon]:
    """The polygons of a geometry (its polygonal parts, none for points and lines)."""
    parts = shapely.get_parts(np.asarray([geometry], dtype=object))
    return [part for part in parts if isinstance(part, shapely.Polygon) and not part.is_empty]


def subdivide(
    shapes: Sequence[BaseGeometry], max_vertices: int = MAX_VERTICES, max_span: float = MAX_SPAN_DEG
) -> tuple[Geometries, NDArray[np.int64]]:
    """The pieces of the polygons of ``shapes``, and for each piece the position of its shape in ``shapes``.

    The pieces of a shape cover exactly that shape; only polygonal parts are kept.

    >>> pieces, owners = subdivide([shapely.box(0, 0, 5, 1)])
    >>> len(pieces), owners.tolist(), round(float(shapely.area(pieces).sum()), 6)
    (4, [0, 0, 0, 0], 5.0)
    """
    parts, owners = shapely.get_parts(np.asarray(shapes, dtype=object), return_index=True)
    polygonal = (shapely.get_type_id(parts) == _POLYGON) & ~shapely.is_empty(parts)
    frontier, owner = parts[polygonal], owners[polygonal].astype(np.int64)
    done: list[Geometries] = []
    done_owners: list[NDArray[np.int64]] = []
    while frontier.size:
        bounds = shapely.bounds(frontier)
        width, height = bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]
        small = (shapely.get_num_coordinates(frontier) <= max_vertices) & (np.maximum(width, height) <= max_span)
        done.append(frontier[small])
        done_owners.append(owner[small])
        frontier, owner = _halves(frontier[~small], owner[~small], bounds[~small])
    pieces = np.concatenate(done) if done else np.empty(0, dtype=object)
    owned = np.concatenate(done_owners) if done_owners else np.empty(0, dtype=np.int64)
    return shapely.segmentize(pieces, MAX_EDGE_DEG), owned


def _halves(
    geometries: Geometries, owners: NDArray[np.int64], bounds: NDArray[np.float64]
) -> tuple[Geometries, NDArray[np.int64]]:
    """Each geometry clipped to the two halves of its box, split across its longer side."""
    west, south, east, north = bounds.T
    across = (east - west) >= (north - south)
    middle_x, middle_y = (west + east) / 2, (south + north) / 2
    first = np.column_stack([west, south, np.where(across, middle_x, east), np.where(across, north, middle_y)])
    second = np.column_stack([np.where(across, middle_x, west), np.where(across, south, middle_y), east, north])
    boxes = np.concatenate([first, second])
    doubled = np.concatenate([geometries, geometries])
    clipped = np.array([shapely.clip_by_rect(g, *box) for g, box in zip(doubled, boxes, strict=True)], dtype=object)
    parts, index = shapely.get_parts(clipped, return_index=True)
    keep = (shapely.get_type_id(parts) == _POLYGON) & ~shapely.is_empty(parts)
    return parts[keep], np.concatenate([owners, owners])[index[keep]]


def sphere_area_km2(shapes: Sequence[BaseGeometry] | Geometries) -> NDArray[np.float64]:
    """Areas in km² on the mean sphere (Lambert's cylindrical equal-area projection), one per shape.

    >>> round(float(sphere_area_km2([shapely.box(0, 0, 1, 1)])[0]))
    12364
    """
    shapes = np.asarray(shapes, dtype=object)
    if not shapes.size:
        return np.zeros(0, dtype=np.float64)
    projected = shapely.transform(shapes, _equal_area)
    return np.asarray(shapely.area(projected), dtype=np.float64) * EARTH_MEAN_RADIUS_KM**2


def _equal_area(lonlat: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.column_stack([np.radians(lonlat[:, 0]), np.sin(np.radians(lonlat[:, 1]))])


def circle_area_km2(radius_km: NDArray[np.float64]) -> NDArray[np.float64]:
    """Areas in km² of spherical caps of these radii (about π r² for small ones)."""
    angle = np.asarray(radius_km, dtype=np.float64) / EARTH_MEAN_RADIUS_KM
    return 2 * np.pi * EARTH_MEAN_RADIUS_KM**2 * (1 - np.cos(np.minimum(angle, np.pi)))
