"""Shapes from points: buffers in kilometres, hulls across the antimeridian, lines with a width."""

from __future__ import annotations

import pytest
import shapely

from gazetteer.records import Point
from gazetteer.sources.geometry import buffer_km, centre, clipped, distance_km, ellipse, hull, wrapped
from geo.earth import haversine_km


@pytest.mark.parametrize("lat", [0.0, 40.0, 65.0])
def test_a_buffer_is_kilometres_wide_at_any_latitude(lat: float) -> None:
    disc = buffer_km(shapely.Point(46.0, lat), 5.0)
    for lon, at in disc.exterior.coords:
        assert haversine_km(46.0, lat, lon, at) == pytest.approx(5.0, rel=0.03)


def test_a_road_buffered_to_its_width() -> None:
    road = shapely.LineString([(46.7528, 39.8177), (46.5498, 39.6374)])
    band = buffer_km(road, 2.5)
    middle = road.interpolate(0.5, normalized=True)
    assert distance_km(band.exterior, Point(middle.x, middle.y)) == pytest.approx(2.5, rel=0.05)


def test_a_hull_across_the_antimeridian_is_split_back_into_two_parts() -> None:
    shape = wrapped(buffer_km(hull([Point(179.5, -17.0), Point(-179.5, -16.5), Point(179.0, -16.0)]), 5.0))
    assert shape.geom_type == "MultiPolygon"
    west, _, east, _ = shape.bounds
    assert (west, east) == (-180.0, 180.0)
    assert shape.covers(shapely.Point(-179.5, -16.5)) and shape.covers(shapely.Point(179.5, -17.0))


def test_clipping_keeps_a_shape_that_would_vanish() -> None:
    land = shapely.box(0, 0, 1, 1)
    assert clipped(shapely.box(0.5, 0.5, 2, 2), land).equals(shapely.box(0.5, 0.5, 1, 1))
    assert clipped(shapely.box(5, 5, 6, 6), land).equals(shapely.box(5, 5, 6, 6))


def test_the_centre_lies_inside_a_crescent() -> None:
    crescent = shapely.difference(shapely.Point(0, 0).buffer(1.0), shapely.Point(0.5, 0).buffer(0.9))
    point = centre(crescent)
    assert crescent.covers(shapely.Point(point.lon, point.lat))


def test_an_ellipse_has_its_axes_in_kilometres() -> None:
    shape = ellipse(Point(46.55, 40.15), 6.0, 1.2, 90.0)
    assert distance_km(shape.exterior, Point(46.55, 40.15)) == pytest.approx(1.2, rel=0.03)
    west, _, east, _ = shape.bounds
    assert haversine_km(west, 40.15, east, 40.15) == pytest.approx(12.0, rel=0.03)
