"""Polygons cut into pieces, areas on the sphere, and the azimuthal projection of a query."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo import azimuthal
from geo.distance import GEOD
from geo.shapes import MAX_EDGE_DEG, circle_area_km2, polygons, sphere_area_km2, subdivide


def test_pieces_cover_the_shape_exactly_and_are_small() -> None:
    ring = shapely.Point(45.0, 40.0).buffer(8.0, 64).difference(shapely.Point(45.0, 40.0).buffer(3.0, 64))
    lake = shapely.box(60.0, 40.0, 61.0, 41.0)
    pieces, owners = subdivide([ring, shapely.MultiPolygon([lake]), shapely.LineString([(0, 0), (1, 1)])], 32, 2.0)
    assert set(owners.tolist()) == {0, 1}
    assert shapely.union_all(pieces[owners == 0]).symmetric_difference(ring).area < 1e-9
    assert float(shapely.area(pieces).sum()) == pytest.approx(ring.area + lake.area)
    spans = shapely.bounds(pieces)
    assert (np.maximum(spans[:, 2] - spans[:, 0], spans[:, 3] - spans[:, 1]) <= 2.0 + 1e-9).all()
    edges = [np.hypot(*np.diff(shapely.get_coordinates(p.exterior), axis=0).T).max() for p in pieces]
    assert max(edges) <= MAX_EDGE_DEG + 1e-9
    empty, none = subdivide([])
    assert empty.size == 0 and none.size == 0


def test_polygons_of_a_geometry() -> None:
    mixed = shapely.GeometryCollection([shapely.box(0, 0, 1, 1), shapely.Point(5, 5), shapely.box(2, 2, 3, 3)])
    assert len(polygons(mixed)) == 2 and polygons(shapely.Point(0, 0)) == []


def test_areas_on_the_sphere_match_the_ellipsoid() -> None:
    box = shapely.box(44.0, 38.0, 48.0, 42.0)
    geodesic = abs(GEOD.geometry_area_perimeter(box)[0]) / 1e6
    assert sphere_area_km2([box])[0] == pytest.approx(geodesic, rel=0.005)
    assert circle_area_km2(np.array([10.0, 0.0])).tolist() == pytest.approx([np.pi * 100, 0.0], rel=1e-4)
    assert sphere_area_km2([]).size == 0


@pytest.mark.parametrize("lat", [-85.0, -40.0, 0.0, 40.0, 70.0, 89.0])
def test_azimuthal_lengths_are_geodesic_distances(lat: float) -> None:
    rng = np.random.default_rng(int(lat) + 100)
    azimuths, metres = rng.uniform(0, 360, 500), rng.uniform(10, 300_000, 500)
    lons, lats, _ = GEOD.fwd(np.full(500, 46.0), np.full(500, lat), azimuths, metres)
    xy = azimuthal.forward(46.0, lat, np.column_stack([lons, lats]))
    assert np.hypot(xy[:, 0], xy[:, 1]) == pytest.approx(metres / 1000, rel=1e-4)
    back = azimuthal.inverse(46.0, lat, xy)
    assert back[:, 1] == pytest.approx(lats, abs=1e-9)
    assert ((back[:, 0] - lons + 180) % 360 - 180) == pytest.approx(np.zeros(500), abs=1e-7)
    east = azimuthal.forward(46.0, lat, np.array([[46.1, lat]]))[0]
    assert east[0] > 0 and abs(east[1]) < 0.1 * east[0]
