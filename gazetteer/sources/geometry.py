"""Shapes of areas built from points: hulls, buffers in kilometres, lines with a width, ellipses.

Geometries are lon/lat (RFC 7946 order).  Buffers and widths are in
kilometres: a shape is moved into a local equirectangular frame around its
centre (x = lon · cos(lat₀), y = lat, both in degrees of a great circle),
buffered there, and moved back, so that 5 km is 5 km at Baku as at the
equator (within a few per cent across an area a few hundred km wide).  A
hull of points on both sides of the antimeridian is built with longitudes
east of it shifted by 360° and split back into two parts at 180°.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry.base import BaseGeometry

from gazetteer.records import Point
from geo.earth import EARTH_MEAN_RADIUS_KM

KM_PER_DEGREE = EARTH_MEAN_RADIUS_KM * math.pi / 180.0
"""Length of a degree of a great circle on the mean sphere (about 111.2 km)."""
QUAD_SEGMENTS = 4
"""Segments per quarter circle of a buffer's round caps."""
_WORLD = shapely.box(-180.0, -90.0, 180.0, 90.0)


def _local(geometry: BaseGeometry, centre: Point, inverse: bool = False) -> BaseGeometry:
    scale = max(math.cos(math.radians(centre.lat)), 0.01)

    def move(coords: np.ndarray) -> np.ndarray:
        out = coords.copy()
        if inverse:
            out[:, 0] = coords[:, 0] / scale + centre.lon
            out[:, 1] = coords[:, 1] + centre.lat
        else:
            out[:, 0] = (coords[:, 0] - centre.lon) * scale
            out[:, 1] = coords[:, 1] - centre.lat
        return out

    return shapely.transform(geometry, move)


def buffer_km(geometry: BaseGeometry, km: float) -> BaseGeometry:
    """``geometry`` grown by ``km`` kilometres on every side (a point becomes a disc, a line a band)."""
    middle = geometry.centroid
    centre = Point(middle.x, middle.y)
    grown = shapely.buffer(_local(geometry, centre), km / KM_PER_DEGREE, quad_segs=QUAD_SEGMENTS)
    return _local(grown, centre, inverse=True)


def distance_km(geometry: BaseGeometry, point: Point) -> float:
    """Distance in km from ``point`` to ``geometry`` (0 inside), measured in the point's local frame."""
    spot = shapely.Point(point.lon, point.lat)
    if geometry.covers(spot):
        return 0.0
    return float(shapely.distance(_local(geometry, point), shapely.Point(0.0, 0.0))) * KM_PER_DEGREE


def ellipse(centre: Point, semi_major_km: float, semi_minor_km: float, azimuth_deg: float) -> BaseGeometry:
    """An ellipse around ``centre``, its long axis ``azimuth_deg`` clockwise from north."""
    disc = shapely.Point(0.0, 0.0).buffer(1.0, quad_segs=16)
    scaled = affinity.scale(disc, semi_minor_km / KM_PER_DEGREE, semi_major_km / KM_PER_DEGREE)
    turned = affinity.rotate(scaled, -azimuth_deg, origin=(0.0, 0.0))
    return _local(turned, centre, inverse=True)


def hull(points: Sequence[Point]) -> BaseGeometry:
    """Convex hull of the points (a point or a segment for one or two), shifted east across the antimeridian."""
    lons = [p.lon for p in points]
    if max(lons) - min(lons) > 180.0:
        lons = [lon + 360.0 if lon < 0 else lon for lon in lons]
    return shapely.convex_hull(shapely.multipoints(list(zip(lons, [p.lat for p in points], strict=True))))


def wrapped(geometry: BaseGeometry) -> BaseGeometry:
    """``geometry`` cut to -180..180 and -90..90, its parts beyond the antimeridian moved back by 360°."""
    minx, _, maxx, _ = geometry.bounds
    if minx >= -180.0 and maxx <= 180.0:
        return shapely.intersection(geometry, _WORLD)
    parts = []
    for turns in (-1, 0, 1):
        window = shapely.box(-180.0 + 360.0 * turns, -90.0, 180.0 + 360.0 * turns, 90.0)
        part = shapely.intersection(geometry, window)
        if not part.is_empty:
            parts.append(affinity.translate(part, xoff=-360.0 * turns))
    return shapely.union_all(parts)


def clipped(geometry: BaseGeometry, outline: BaseGeometry | None) -> BaseGeometry:
    """``geometry`` inside ``outline`` (a country); itself when there is no outline or nothing would be left."""
    if outline is None or shapely.contains(outline, geometry):
        return geometry
    window = shapely.clip_by_rect(outline, *geometry.bounds)
    inside = shapely.intersection(geometry, window)
    return inside if not inside.is_empty and inside.area > 0 else geometry


def centre(geometry: BaseGeometry) -> Point:
    """The centroid of an area, or a point on its surface when the centroid falls outside it."""
    middle = geometry.centroid
    if middle.is_empty or not geometry.covers(middle):
        middle = geometry.point_on_surface()
    return Point(round(middle.x, 5), round(middle.y, 5))


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Only the polygons of a geometry (an intersection may leave stray lines and points), made valid."""
    valid = shapely.make_valid(geometry)
    parts = [part for part in shapely.get_parts(valid) if isinstance(part, shapely.Polygon | shapely.MultiPolygon)]
    return shapely.union_all(parts) if parts else valid


def wkb(geometry: BaseGeometry) -> bytes:
    """Two-dimensional little-endian WKB of a geometry."""
    return bytes(shapely.to_wkb(geometry, output_dimension=2))
