"""The spatial point index: radius and nearest queries by geodesic distance."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.bbox import circle_boxes
from geo.distance import distances_km
from geo.errors import InvalidValue
from geo.point_index import Hit, PointIndex


class Place(NamedTuple):
    id: int
    name: str
    lon: float
    lat: float


def from_places(places: list[Place]) -> PointIndex:
    return PointIndex(*zip(*[(p.id, p.lon, p.lat) for p in places], strict=True))


def ids_of(hits: list[Hit]) -> list[int]:
    return [hit.id for hit in hits]


KALBAJAR = Place(586268, "Kalbajar", 46.04446, 40.10984)
LACHIN = Place(147625, "Laçın", 46.54977, 39.63742)
KHANKENDI = Place(146970, "Khankendi", 46.7528, 39.8177)
BAKU = Place(587084, "Baku", 49.89201, 40.37767)
SOTK = Place(616041, "Sotk", 45.86951, 40.20007)


@pytest.fixture
def index() -> PointIndex:
    return from_places([BAKU, LACHIN, KALBAJAR, KHANKENDI, SOTK])


def test_within_sorts_by_geodesic_distance_and_cuts_at_the_radius(index: PointIndex) -> None:
    hits = index.within(KALBAJAR.lon, KALBAJAR.lat, 60)
    assert ids_of(hits) == [586268, 616041]
    assert hits[0].distance_km == 0 and hits[1].distance_km == pytest.approx(17.96, abs=0.01)
    wider = index.within(KALBAJAR.lon, KALBAJAR.lat, 68.5)
    assert ids_of(wider) == [586268, 616041, 147625]
    assert BAKU.id not in ids_of(index.within(KALBAJAR.lon, KALBAJAR.lat, 300))


def test_limit_and_nearest(index: PointIndex) -> None:
    assert ids_of(index.within(KALBAJAR.lon, KALBAJAR.lat, 500, limit=2)) == [586268, 616041]
    assert ids_of(index.nearest(49.8, 40.4, 1)) == [587084]
    assert ids_of(index.nearest(0, 0, 5)) == ids_of(index.within(0, 0, 20_000, limit=5))
    assert len(index.nearest(0, 0, 50)) == 5


def test_radius_zero_finds_only_the_point_itself(index: PointIndex) -> None:
    assert ids_of(index.within(BAKU.lon, BAKU.lat, 0)) == [587084]


def test_points_across_the_antimeridian_and_near_the_pole() -> None:
    index = PointIndex.from_records([(1, 179.95, 0.0), (2, -179.95, 0.0), (3, 0.0, 89.95), (4, 180.0, 89.95)])
    assert ids_of(index.within(179.99, 0.0, 20)) == [1, 2]
    assert ids_of(index.within(-179.99, 0.0, 20)) == [2, 1]
    assert sorted(ids_of(index.within(90.0, 89.99, 20))) == [3, 4]


def test_random_points_agree_with_brute_force() -> None:
    rng = np.random.default_rng(7)
    lons, lats = rng.uniform(-180, 180, 3000), np.degrees(np.arcsin(rng.uniform(-1, 1, 3000)))
    index = PointIndex(np.arange(3000), lons, lats)
    for lon, lat, radius in [(46, 40, 800), (179.5, -10, 1500), (-60, 85, 900), (10, -89, 2500)]:
        brute = np.flatnonzero(distances_km(lon, lat, lons, lats) <= radius)
        assert sorted(ids_of(index.within(lon, lat, radius, limit=None))) == sorted(brute.tolist())


def test_boxes_contain_the_circle() -> None:
    boxes = circle_boxes(46.0, 40.0, 100.0)
    assert len(boxes) == 1
    west, south, east, north = boxes[0]
    assert south < 40 - 0.9 and north > 40 + 0.9 and west < 46 - 1.17 and east > 46 + 1.17


def test_bad_queries_are_invalid_input(index: PointIndex) -> None:
    for call in (
        lambda: index.within(0, 999, 10),
        lambda: index.within(0, 0, -1),
        lambda: index.within(0, 0, 1e9),
        lambda: index.within(0, 0, 10, limit=0),
        lambda: index.nearest(0, 0, 10**6),
    ):
        with pytest.raises(InvalidValue):
            call()
    with pytest.raises(InvalidValue):
        PointIndex([1, 2], [0.0], [0.0])


def test_empty_index() -> None:
    empty = PointIndex.from_records([])
    assert len(empty) == 0 and empty.within(0, 0, 100) == [] and empty.nearest(0, 0, 3) == []


def test_select_keeps_the_given_points(index: PointIndex) -> None:
    assert index.rows_of([BAKU.id, 42, SOTK.id]).tolist() == [0, 4]
    chosen = index.select([SOTK.id, KALBAJAR.id, 42])
    assert len(chosen) == 2 and ids_of(chosen.within(KALBAJAR.lon, KALBAJAR.lat, 500)) == [586268, 616041]
    assert len(PointIndex.from_records([]).select([1])) == 0


def test_a_small_limit_keeps_ties_in_id_order() -> None:
    index = PointIndex(np.arange(50, 0, -1), np.zeros(50), np.zeros(50))
    assert ids_of(index.within(0, 0, 1, limit=3)) == [1, 2, 3]


WORLD = np.random.default_rng(11)
WORLD_LONS = WORLD.uniform(-180, 180, 4000)
WORLD_LATS = np.degrees(np.arcsin(WORLD.uniform(-1, 1, 4000)))
WORLD_INDEX = PointIndex(np.arange(4000), WORLD_LONS, WORLD_LATS)


@settings(max_examples=150, deadline=None)
@given(
    st.floats(-180, 180),
    st.floats(-90, 90),
    st.one_of(st.floats(0, 100), st.floats(100, 20_000)),
    st.integers(1, 60),
)
def test_within_and_nearest_agree_with_brute_force(lon: float, lat: float, radius: float, limit: int) -> None:
    km = distances_km(lon, lat, WORLD_LONS, WORLD_LATS)
    brute = np.lexsort((np.arange(4000), km))
    inside = [int(i) for i in brute if km[i] <= radius]
    assert ids_of(WORLD_INDEX.within(lon, lat, radius, limit=None)) == inside
    assert ids_of(WORLD_INDEX.within(lon, lat, radius, limit=limit)) == inside[:limit]
    nearest = WORLD_INDEX.nearest(lon, lat, limit)
    assert ids_of(nearest) == brute[:limit].tolist()
    assert [hit.distance_km for hit in nearest] == pytest.approx(km[brute[:limit]].tolist(), abs=1e-9)
