"""Places clustered on a grid, so that a map never draws more markers than its cap.

The grid is the finest of the web-map zoom levels (cells of ``360 / 2**zoom``
degrees) whose occupied cells number no more than the cap; each occupied cell
becomes one marker at the mention-weighted centre of its places.

    >>> a = MappedPlace(1, "A", 46.70, 39.80, "PPL", "AZ", 3, 2)
    >>> b = MappedPlace(2, "B", 46.71, 39.81, "PPL", "AZ", 1, 1)
    >>> [c.mentions for c in grid_clusters([a, b], most=1)]
    [4]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.map_query import BoundingBox, MappedPlace

MAX_GRID_ZOOM = 18
"""The finest grid tried: cells of 360 / 2**18 degrees, about 150 m."""
LISTED_PLACES = 8
"""Places named in a cluster's popup, the most mentioned first."""
MIN_SPAN_DEG = 0.02
"""Smallest side of a cluster's box, so that a map zoomed to it shows some land around a lone point."""


@dataclass(frozen=True, slots=True)
class PlaceCluster:
    """Several places drawn as one marker."""

    lon: float
    """Longitude of the mention-weighted centre."""
    lat: float
    """Latitude of the mention-weighted centre."""
    mentions: int
    """Mentions of all its places."""
    place_count: int
    """How many places it holds."""
    top: tuple[MappedPlace, ...]
    """Its most mentioned places (at most ``LISTED_PLACES``), the most mentioned first."""
    bbox: BoundingBox
    """The box around its places (at least ``MIN_SPAN_DEG`` a side)."""


def grid_zoom(places: Sequence[MappedPlace], most: int) -> int:
    """The finest zoom whose grid puts ``places`` into no more than ``most`` cells.

    Coarser grids never have more occupied cells, so the zoom is found by bisection.
    """
    shifted = _shifted(places)
    low, high = 0, MAX_GRID_ZOOM  # zoom 0 is one cell: it always fits
    while low < high:
        middle = (low + high + 1) // 2
        if len(set(_cells(shifted, middle))) <= most:
            low = middle
        else:
            high = middle - 1
    return low


def grid_clusters(places: Sequence[MappedPlace], most: int) -> list[PlaceCluster]:
    """``places`` in at most ``most`` clusters (a cluster may hold one place), the most mentioned first."""
    zoom = grid_zoom(places, most)
    cells: dict[tuple[int, int], list[MappedPlace]] = {}
    for place, cell in zip(places, _cells(_shifted(places), zoom), strict=True):
        cells.setdefault(cell, []).append(place)
    clusters = [_cluster(members) for members in cells.values()]
    return sorted(clusters, key=lambda c: (-c.mentions, c.lon, c.lat))


def _shifted(places: Sequence[MappedPlace]) -> list[tuple[float, float]]:
    """Each place's degrees east of 180° W and north of the South Pole."""
    return [(place.lon + 180.0, place.lat + 90.0) for place in places]


def _cells(shifted: list[tuple[float, float]], zoom: int) -> list[tuple[int, int]]:
    """The grid cell of each ``_shifted`` point at ``zoom``: ``2**zoom`` cells of ``360 / 2**zoom`` degrees
    across, the edges in."""
    last, size, floor = 2**zoom - 1, 360.0 / 2**zoom, math.floor
    return [(min(last, floor(x / size)), min(last, floor(y / size))) for x, y in shifted]


def _cluster(members: list[MappedPlace]) -> PlaceCluster:
    weight = sum(place.mentions for place in members) or 1
    ranked = sorted(members, key=lambda p: (-p.mentions, p.name, p.place_id))
    return PlaceCluster(
        lon=sum(p.lon * p.mentions for p in members) / weight,
        lat=sum(p.lat * p.mentions for p in members) / weight,
        mentions=sum(p.mentions for p in members),
        place_count=len(members),
        top=tuple(ranked[:LISTED_PLACES]),
        bbox=_box(members),
    )


def _box(members: Sequence[MappedPlace]) -> BoundingBox:
    west, east = _span(min(p.lon for p in members), max(p.lon for p in members), 180.0)
    south, north = _span(min(p.lat for p in members), max(p.lat for p in members), 90.0)
    return BoundingBox(west, south, east, north)


def _span(low: float, high: float, limit: float) -> tuple[float, float]:
    pad = max(0.0, MIN_SPAN_DEG - (high - low)) / 2
    return max(-limit, math.floor((low - pad) * 1e5) / 1e5), min(limit, math.ceil((high + pad) * 1e5) / 1e5)
