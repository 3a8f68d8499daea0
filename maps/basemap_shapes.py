"""The basemap as GeoJSON for one extent: clipped, simplified, rounded, labelled.

Each tier (the detail box; the rest of the box, coarser) gives country land
polygons, the outlines of first-level areas as lines, and label points that
carry the zoom from which they show.  Country borders are the outlines of the
land polygons, drawn by the page without the segments that lie on a tier's
edge (``edges``), so no box edge is ever drawn as a border and no shape is
sent twice.  Features come land first, then first-level borders, then labels.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from gazetteer.map_data import Basemap, BasemapArea
from maps.basemap_extent import OVERVIEW_PIXELS, BasemapExtent, Box, tolerance

Feature = dict[str, Any]
ATTRIBUTION = "Borders: Natural Earth"
LABEL_MIN_PX = 50
"""A label shows from the zoom at which its area is about this many pixels across."""
FIRST_LEVEL_LABEL_ZOOM = 8
"""First-level areas are labelled from this zoom on, at the earliest."""
MAX_LABEL_ZOOM = 18
_POLYGONS = ("Polygon",)
_LINES = ("LineString", "LinearRing")


def collection(basemap: Basemap, extent: BasemapExtent) -> dict[str, Any]:
    """The basemap's features inside ``extent``, as a GeoJSON FeatureCollection (lon/lat)."""
    land: list[Feature] = []
    first: list[Feature] = []
    labels: list[Feature] = []
    tiers = list(_tiers(extent))
    for area in (area for area in basemap.areas if _wanted(area, extent)):
        for region, bounds, step in tiers:
            shape = _simplified(area.geometry, bounds, step)
            if shape is None:
                continue
            if area.level == 0:
                land += _features(shapely.intersection(shape, region), _POLYGONS, step, kind="land", level=0)
            else:
                first += _features(shapely.intersection(shape.boundary, region), _LINES, step, kind="border", level=1)
        labels += _label(area, extent.box)
    return {
        "type": "FeatureCollection",
        "features": land + first + labels,
        "edges": _edges(extent),
        "source": basemap.source,
        "attribution": ATTRIBUTION,
    }


def _edges(extent: BasemapExtent) -> dict[str, list[int]]:
    """The meridians (``x``) and parallels (``y``) along which tiers were cut: no border runs there."""
    boxes = {extent.box, extent.detail}
    return {
        "x": sorted({value for box in boxes for value in (box[0], box[2])}),
        "y": sorted({value for box in boxes for value in (box[1], box[3])}),
    }


def geojson_bytes(basemap: Basemap, extent: BasemapExtent) -> bytes:
    """The collection as compact UTF-8 JSON."""
    return json.dumps(collection(basemap, extent), separators=(",", ":"), ensure_ascii=False).encode()


def display_geometry(geometry: BaseGeometry) -> BaseGeometry:
    """An area's shape simplified and rounded for drawing whole (about a pixel when it fills a window)."""
    step = tolerance(geometry.bounds)
    return _rounded(geometry.simplify(step, preserve_topology=True), step)


def _wanted(area: BasemapArea, extent: BasemapExtent) -> bool:
    if area.level > 0 and area.country not in extent.countries:
        return False
    west, south, east, north = area.geometry.bounds
    box = extent.box
    return west <= box[2] and east >= box[0] and south <= box[3] and north >= box[1]


def _tiers(extent: BasemapExtent) -> Iterator[tuple[BaseGeometry, Box, float]]:
    """(region, its bounds, tolerance) of each tier: the detail box, then the rest of the box."""
    detail = shapely.box(*extent.detail)
    yield detail, extent.detail, tolerance(extent.detail)
    if extent.tiers == 2:
        yield shapely.box(*extent.box).difference(detail), extent.box, tolerance(extent.box, OVERVIEW_PIXELS)


def _simplified(geometry: BaseGeometry, bounds: Box, step: float) -> BaseGeometry | None:
    """The part of ``geometry`` near ``bounds``, simplified, without specks smaller than the tolerance."""
    west, south, east, north = bounds
    near = shapely.clip_by_rect(geometry, west - 2 * step, south - 2 * step, east + 2 * step, north + 2 * step)
    if near.is_empty:
        return None
    simple = near.simplify(step, preserve_topology=True)
    parts = [part for part in _polygons(simple) if part.area >= (2 * step) ** 2]
    shape = shapely.MultiPolygon(parts) if parts else None
    return shape if shape is None or shape.is_valid else shapely.MultiPolygon(_polygons(shapely.make_valid(shape)))


def _polygons(geometry: BaseGeometry) -> list[shapely.Polygon]:
    """The polygons of a geometry, out of any multi-part geometry or collection."""
    return [part for part in shapely.get_parts(shapely.get_parts(geometry)) if isinstance(part, shapely.Polygon)]


def _features(geometry: BaseGeometry, types: tuple[str, ...], step: float, **properties: object) -> list[Feature]:
    parts = [part for part in shapely.get_parts(geometry) if part.geom_type in types and not part.is_empty]
    if not parts:
        return []
    merged: BaseGeometry
    if types is _POLYGONS:
        merged = shapely.MultiPolygon(parts)
    else:
        merged = shapely.MultiLineString([part.coords for part in parts])
    return [{"type": "Feature", "geometry": mapping(_rounded(merged, step)), "properties": dict(properties)}]


def _rounded(geometry: BaseGeometry, step: float) -> BaseGeometry:
    decimals = max(2, math.ceil(-math.log10(step)) + 1)
    return shapely.transform(geometry, lambda xy: np.round(xy, decimals))


def _label(area: BasemapArea, box: Box) -> list[Feature]:
    """The label of an area: at its label point when that is inside it and the box, else inside its part there."""
    part = shapely.clip_by_rect(area.geometry, *box)
    if part.is_empty:
        return []
    lon, lat = area.label
    point = shapely.Point(lon, lat)
    if not part.contains(point):
        point = part.point_on_surface()
    minzoom = label_zoom(area.geometry, 0 if area.level == 0 else FIRST_LEVEL_LABEL_ZOOM)
    properties = {"kind": "label", "level": area.level, "name": area.name, "minzoom": minzoom}
    coordinates = [round(point.x, 4), round(point.y, 4)]
    return [{"type": "Feature", "geometry": {"type": "Point", "coordinates": coordinates}, "properties": properties}]


def label_zoom(geometry: BaseGeometry, earliest: int = 0) -> int:
    """The zoom from which an area is big enough for its label: its largest part about ``LABEL_MIN_PX`` across.

    Its size is the side of a square of the part's area, or a third of the part's longer side for long thin
    shapes (a corridor), in degrees.
    """
    part = max(shapely.get_parts(geometry), key=lambda p: p.area, default=geometry)
    west, south, east, north = part.bounds
    size = max(math.sqrt(part.area), max(east - west, north - south) / 3, 1e-6)
    zoom = math.ceil(math.log2(LABEL_MIN_PX * 360 / (256 * size)))
    return min(MAX_LABEL_ZOOM, max(earliest, zoom))
