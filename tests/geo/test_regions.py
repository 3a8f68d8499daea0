"""Point-in-region tests: polygons and geodesic circles."""

from __future__ import annotations

import pytest
import shapely

from geo.distance import distance_km
from geo.errors import InvalidValue
from geo.regions import Region, RegionIndex, circle_region, geodesic_circle

SQUARE = shapely.box(46.0, 39.0, 47.0, 40.0)


def covers(region: Region, lon: float, lat: float) -> bool:
    return bool(region.geometry.covers(shapely.Point(lon, lat)))


def test_point_in_polygon_and_on_its_border() -> None:
    region = Region(1, "square", SQUARE)
    assert covers(region, 46.5, 39.5) and covers(region, 46.0, 39.5)
    assert not covers(region, 45.9, 39.5)
    assert [r.id for r in RegionIndex([region]).containing(46.5, 39.5)] == [1]


def test_geodesic_circle_has_the_radius_in_kilometres() -> None:
    circle = geodesic_circle(46.75, 39.83, 70.0)
    for lon, lat in list(circle.exterior.coords)[:-1]:
        assert distance_km(46.75, 39.83, lon, lat) == pytest.approx(70.0, rel=1e-9)
    area = circle_region(900000001, "Karabakh", 46.75, 39.83, 70.0)
    assert covers(area, 46.7528, 39.8177) and not covers(area, 49.89, 40.38)


def test_region_index_lists_containing_areas_smallest_first() -> None:
    small = circle_region(2, "small", 46.75, 39.83, 10.0)
    large = circle_region(3, "large", 46.75, 39.83, 400.0)
    index = RegionIndex([large, Region(1, "square", SQUARE), small])
    assert [r.id for r in index.containing(46.75, 39.83)] == [2, 1, 3]
    assert index.containing(10, 10) == []
    assert len(index) == 3


def test_bad_input_is_invalid() -> None:
    with pytest.raises(InvalidValue):
        geodesic_circle(46, 40, 0)
    with pytest.raises(InvalidValue):
        RegionIndex([Region(1, "square", SQUARE)]).containing(46, 91)
