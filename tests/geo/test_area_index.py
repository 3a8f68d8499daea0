"""The area index: containment, and reach into a circle by geodesic distance to the nearest point of a shape."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.area_index import Area, AreaIndex
from geo.distance import distance_km, distances_km
from geo.errors import InvalidValue

KALBAJAR = (46.04446, 40.10984)
DISTRICT = shapely.Polygon([(46.3, 39.5), (46.9, 39.5), (46.9, 40.0), (46.3, 40.0)])
PROVINCE = shapely.box(45.5, 39.0, 47.5, 40.6)
#: A corridor drawn 0.2 degrees wide from Lachin towards Goris, its point at the eastern end.
CORRIDOR = shapely.LineString([(46.55, 39.64), (46.1, 39.5), (45.6, 39.55)]).buffer(0.1)


def ids_of(hits: list) -> list[int]:  # type: ignore[type-arg]
    return [hit.id for hit in hits]


def brute_reach_km(lon: float, lat: float, shape: shapely.Geometry) -> float:
    """Geodesic distance to the shape, 0 inside, by measuring every vertex of a finely cut outline."""
    if shape.covers(shapely.Point(lon, lat)):
        return 0.0
    outline = shapely.get_coordinates(shapely.segmentize(shape.boundary, 0.001))
    return float(distances_km(lon, lat, outline[:, 0], outline[:, 1]).min())


def test_containing_lists_areas_smallest_first() -> None:
    index = AreaIndex(
        [Area(1, 46.5, 39.8, shape=PROVINCE), Area(2, 46.6, 39.75, shape=DISTRICT), Area(3, 46.5, 39.8, 400.0)]
    )
    assert ids_of(index.containing(46.6, 39.7)) == [2, 1, 3]
    assert ids_of(index.containing(46.0, 39.2)) == [1, 3]
    assert ids_of(index.containing(46.3, 39.7)) == [2, 1, 3], "the border belongs to the area"
    assert index.containing(10.0, 10.0) == []
    sizes = [hit.size_km2 for hit in index.containing(46.6, 39.7)]
    assert sizes[0] == pytest.approx(0.6 * 0.5 * 111.2 * 111.2 * 0.77, rel=0.02)
    assert sizes[2] == pytest.approx(np.pi * 400**2, rel=0.01)


def test_an_area_reaches_into_the_circle_though_its_point_is_outside() -> None:
    index = AreaIndex([Area(7, 46.55, 39.64, shape=CORRIDOR)])
    (hit,) = index.within(*KALBAJAR, 60)
    assert hit.distance_km == pytest.approx(distance_km(*KALBAJAR, 46.55, 39.64)) and hit.distance_km > 60
    assert hit.reach_km == pytest.approx(brute_reach_km(*KALBAJAR, CORRIDOR), abs=0.01)
    assert index.within(*KALBAJAR, hit.reach_km - 0.05) == []
    assert ids_of(index.within(*KALBAJAR, hit.reach_km + 0.05)) == [7]
    assert index.within(46.3, 39.55, 1)[0].reach_km == 0.0


def test_an_area_without_a_shape_reaches_by_its_extent() -> None:
    corridor = Area(900000003, 46.45, 39.6, radius_km=25)
    index = AreaIndex([corridor, Area(5, 46.45, 39.6, shape=shapely.Point(46.45, 39.6))])
    (hit,) = index.within(*KALBAJAR, 60)
    assert hit.id == 900000003 and hit.distance_km > 60
    assert hit.reach_km == pytest.approx(hit.distance_km - 25)
    assert index.within(*KALBAJAR, 30) == []
    assert ids_of(index.containing(46.45, 39.6)) == [5, 900000003], "a shape without polygons is a point"


def test_areas_across_the_antimeridian() -> None:
    west = shapely.box(179.0, -1.0, 180.0, 1.0)
    east = shapely.box(-180.0, -1.0, -179.5, 1.0)
    index = AreaIndex([Area(1, 179.5, 0.0, shape=west), Area(2, -179.75, 0.0, shape=east)])
    assert ids_of(index.within(-179.9, 0.0, 20)) == [2, 1]
    assert index.within(-179.9, 0.0, 20)[1].reach_km == pytest.approx(distance_km(-179.9, 0, 180, 0), abs=0.01)


def test_nearest_and_select() -> None:
    index = AreaIndex(
        [Area(1, 46.5, 39.8, shape=PROVINCE), Area(2, 46.6, 39.75, shape=DISTRICT), Area(3, 49.9, 40.4, 30.0)]
    )
    nearest = index.nearest(49.8, 40.4, 2)
    assert ids_of(nearest) == [3, 2] and nearest[0].reach_km == 0.0
    assert nearest[1].reach_km == pytest.approx(brute_reach_km(49.8, 40.4, DISTRICT), abs=0.05)
    chosen = index.select([2, 3])
    assert len(chosen) == 2 and ids_of(chosen.containing(46.6, 39.7)) == [2]
    assert ids_of(chosen.within(46.6, 39.7, 1000)) == [2, 3]
    assert len(AreaIndex([])) == 0 and AreaIndex([]).within(0, 0, 10) == []


def test_bad_queries_are_invalid() -> None:
    index = AreaIndex([Area(1, 46.5, 39.8, shape=PROVINCE)])
    for call in (lambda: index.within(0, 91, 1), lambda: index.within(0, 0, -1), lambda: index.containing(181, 0)):
        with pytest.raises(InvalidValue):
            call()
    with pytest.raises(InvalidValue):
        AreaIndex([Area(1, 46.5, 39.8, radius_km=-3)])


corners = st.tuples(st.floats(40.0, 50.0), st.floats(36.0, 44.0))
shapes = st.one_of(
    st.lists(corners, min_size=3, max_size=12).map(lambda points: shapely.MultiPoint(points).convex_hull),
    st.tuples(corners, st.floats(0.01, 1.5)).map(lambda centre: shapely.Point(centre[0]).buffer(centre[1], 4)),
    st.lists(corners, min_size=2, max_size=5).map(lambda points: shapely.LineString(points).buffer(0.05)),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(shapes, min_size=1, max_size=5),
    st.lists(st.tuples(st.floats(38.0, 52.0), st.floats(34.0, 46.0), st.floats(0.0, 300.0)), min_size=1, max_size=4),
)
def test_reach_agrees_with_brute_force(
    areas: list[shapely.Geometry], queries: list[tuple[float, float, float]]
) -> None:
    polygonal = [shape for shape in areas if shape.area > 0]
    index = AreaIndex(Area(n, *shape.centroid.coords[0], shape=shape) for n, shape in enumerate(polygonal))
    for lon, lat, radius in queries:
        found = {hit.id: hit.reach_km for hit in index.within(lon, lat, radius)}
        for n, shape in enumerate(polygonal):
            brute = brute_reach_km(lon, lat, shape)
            if abs(brute - radius) <= 0.0005 * radius + 0.1:
                continue
            assert (n in found) == (brute <= radius), (n, lon, lat, radius, brute)
            if n in found:
                assert found[n] == pytest.approx(brute, rel=0.0005, abs=0.06)
