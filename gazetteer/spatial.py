"""The gazetteer's places in spatial indexes, and the one rule of what an area is.

An area is a place with a shape (a polygon from the index's ``shapes`` table)
or an extent (``radius_km > 0``, a geodesic circle around its point); every
other place is a point.  Points and areas live in separate indexes, so that a
radius query costs what its circle holds and not what the largest area
spans: a point is near when it lies in the circle, an area when its shape
reaches into it.  Regions are the areas that answer "what contains this
position" (reverse geocoding) and are drawn as outlines on maps.  Former
states and divisions (``HISTORIC_CODES``, the Soviet Union) have an index of
their own and answer only the queries that ask for them.

    >>> from gazetteer.records import Place, Point
    >>> karabakh = Place(900000001, "Karabakh", Point(46.75, 39.83), "L", "RGN", radius_km=70)
    >>> is_region(karabakh), is_region(Place(1, "Shusha", Point(46.75, 39.76)))
    (True, False)
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import shapely

from gazetteer.records import Place
from geo.area_index import Area, AreaHit, AreaIndex
from geo.point_index import Hit, PointIndex
from geo.regions import Region, circle_region

REGION_CLASSES = frozenset({"A", "L"})
"""Feature classes whose areas can contain a position (not water bodies or roads)."""
FORMER_STATE = "PCLH"
"""GeoNames feature code of a historical political entity (the Soviet Union)."""
HISTORIC_CODES = frozenset({FORMER_STATE, "ADM1H", "ADM2H", "ADM3H", "ADM4H", "ADMDH"})
"""GeoNames feature codes of former states and former administrative divisions."""


def is_historic(place: Place) -> bool:
    """Whether a place is a former state or division, which modern queries leave out."""
    return place.feature_code in HISTORIC_CODES


def is_area(place: Place, shaped: bool = False) -> bool:
    """Whether a place is an area: it has a shape (``shaped``) or an extent."""
    return shaped or place.radius_km > 0


def can_contain(place: Place, shaped: bool = False) -> bool:
    """Whether a place is an area that can contain a position, a former one included."""
    return is_area(place, shaped) and place.feature_class in REGION_CLASSES


def is_region(place: Place, shaped: bool = False) -> bool:
    """Whether a place is a modern area that can contain a position."""
    return can_contain(place, shaped) and not is_historic(place)


def region_of(place: Place, wkb: bytes | None = None) -> Region:
    """The outline of an area: its shape (lon/lat WKB) when it has one, else the geodesic circle of its extent."""
    if wkb is not None:
        return Region(place.id, place.name, shapely.from_wkb(wkb))
    return circle_region(place.id, place.name, place.lon, place.lat, place.radius_km)


def regions_of(places: Iterable[Place], shapes: Mapping[int, bytes] | None = None) -> list[Region]:
    """The outlines of those ``places`` that are regions, from ``shapes`` (place id -> WKB) where given."""
    known = shapes or {}
    return [region_of(place, known.get(place.id)) for place in places if is_region(place, place.id in known)]


Found = Hit | AreaHit
"""A place found around a position: a point (``Hit``), or an area (``AreaHit``, with its ``reach_km``)."""


@dataclass(frozen=True, slots=True)
class SpatialIndexes:
    """The spatial indexes of one gazetteer, with its places."""

    points: PointIndex
    """Modern places without a shape or an extent."""
    areas: AreaIndex
    """Modern places with a shape or an extent."""
    historic: AreaIndex
    """Former states and divisions, with their shapes or extents (or as points)."""
    places: Mapping[int, Place]
    """Every indexed place by id, without its names."""
    regions: frozenset[int]
    """Ids of the areas that can contain a position (``can_contain``), former ones included."""

    @classmethod
    def of(cls, places: Sequence[Place], shapes: Mapping[int, bytes] | None = None) -> SpatialIndexes:
        """The indexes of ``places``, areas drawn from ``shapes`` (place id -> lon/lat WKB) where given."""
        known = shapes or {}
        decoded = dict(zip(known, shapely.from_wkb(list(known.values())), strict=True)) if known else {}
        points: list[Place] = []
        areas: list[Area] = []
        former: list[Area] = []
        regions: list[int] = []
        for p in places:
            shape = decoded.get(p.id)
            if not is_area(p, shape is not None) and not is_historic(p):
                points.append(p)
                continue
            (former if is_historic(p) else areas).append(Area(p.id, p.lon, p.lat, p.radius_km, shape))
            if can_contain(p, shape is not None):
                regions.append(p.id)
        return cls(
            PointIndex([p.id for p in points], [p.lon for p in points], [p.lat for p in points]),
            AreaIndex(areas),
            AreaIndex(former),
            {p.id: p for p in places},
            frozenset(regions),
        )

    def select(self, ids: Iterable[int]) -> SpatialIndexes:
        """The indexes of the given places only (the places mentioned in documents, say)."""
        wanted = [i for i in set(ids) if i in self.places]
        return SpatialIndexes(
            self.points.select(wanted),
            self.areas.select(wanted),
            self.historic.select(wanted),
            self.places,
            self.regions,
        )

    def within(
        self, lon: float, lat: float, radius_km: float, limit: int | None = 100, *, historic: bool = False
    ) -> list[Found]:
        """Points in the circle and areas reaching into it, nearest representative point first."""
        points = self.points.within(lon, lat, radius_km, limit)
        areas: Sequence[Found] = self.areas.within(lon, lat, radius_km, limit)
        if historic:
            areas = _merged([areas, self.historic.within(lon, lat, radius_km, limit)], limit)
        return _merged([points, areas], limit)

    def nearest(self, lon: float, lat: float, k: int, *, historic: bool = False) -> list[Found]:
        """The ``k`` places whose representative points are nearest, points and areas alike."""
        points = self.points.nearest(lon, lat, k)
        areas: Sequence[Found] = self.areas.nearest(lon, lat, k)
        if historic:
            areas = _merged([areas, self.historic.nearest(lon, lat, k)], k)
        return _merged([points, areas], k)

    def containing(self, lon: float, lat: float, *, historic: bool = False) -> list[AreaHit]:
        """The regions that contain the position, smallest first."""
        hits = self.areas.containing(lon, lat)
        if historic:
            hits = sorted(hits + self.historic.containing(lon, lat), key=lambda hit: (hit.size_km2, hit.id))
        return [hit for hit in hits if hit.id in self.regions]

    def nearest_points(self, lon: float, lat: float, k: int) -> list[Hit]:
        """The ``k`` nearest places without an extent (towns, villages, features)."""
        return self.points.nearest(lon, lat, k)


def _merged(found: Sequence[Sequence[Found]], limit: int | None) -> list[Found]:
    """Lists sorted by distance to the representative point (then id) merged, at most ``limit``."""
    runs = [run for run in found if run]
    if len(runs) <= 1:
        return list(runs[0][:limit]) if runs else []
    return list(heapq.merge(*runs, key=lambda hit: (hit.distance_km, hit.id)))[:limit]
