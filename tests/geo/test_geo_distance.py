"""Geodesic distances on WGS84, and the range checks every spatial function applies."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geo.distance import GEOD, distance_km, distances_km, geodesic
from geo.errors import InvalidValue
from geo.validate import check_lat, check_limit, check_radius_km

BAKU = (49.89201, 40.37767)
YEREVAN = (44.51361, 40.18111)
KALBAJAR = (46.04446, 40.10984)
LACHIN = (46.54977, 39.63742)


def test_known_distances_are_geodesic_not_degrees() -> None:
    assert distance_km(*BAKU, *YEREVAN) == pytest.approx(457.85, abs=0.1)
    assert distance_km(*KALBAJAR, *LACHIN) == pytest.approx(67.97, abs=0.05)
    degrees = math.dist(KALBAJAR, LACHIN) * 111.32
    assert abs(degrees - distance_km(*KALBAJAR, *LACHIN)) > 5


def test_one_degree_of_longitude_shrinks_with_latitude() -> None:
    assert distance_km(0, 0, 1, 0) == pytest.approx(111.32, abs=0.01)
    assert distance_km(46, 40, 47, 40) == pytest.approx(85.39, abs=0.05)


def test_units_and_antipodes() -> None:
    d = geodesic(0, 0, 0, 1)
    assert d.metres == pytest.approx(110_574, abs=1) and d.km == pytest.approx(110.574, abs=0.001)
    assert d.miles == pytest.approx(68.71, abs=0.01)
    assert geodesic(0, 0, 180, 0).km == pytest.approx(20_003.93, abs=0.01)


def test_many_at_once_match_one_at_a_time() -> None:
    lons, lats = np.array([YEREVAN[0], LACHIN[0]]), np.array([YEREVAN[1], LACHIN[1]])
    many = distances_km(*BAKU, lons, lats)
    assert many.tolist() == pytest.approx([distance_km(*BAKU, *YEREVAN), distance_km(*BAKU, *LACHIN)])
    assert distances_km(*BAKU, [], []).size == 0


def test_geodesic_distance_matches_the_forward_problem() -> None:
    lon, lat, _ = GEOD.fwd(*KALBAJAR, 135.0, 60_000.0)
    assert distance_km(*KALBAJAR, lon, lat) == pytest.approx(60.0, abs=1e-6)


@pytest.mark.parametrize("lat", [90.0001, -91, 999, math.nan, math.inf, "north", None])
def test_bad_latitudes_are_invalid_input(lat: object) -> None:
    with pytest.raises(InvalidValue, match="latitude"):
        check_lat(lat)  # type: ignore[arg-type]


@pytest.mark.parametrize("lon", [180.5, -181, math.nan, -math.inf])
def test_bad_longitudes_are_invalid_input(lon: float) -> None:
    with pytest.raises(InvalidValue, match="longitude"):
        distance_km(lon, 0, 0, 0)


@pytest.mark.parametrize("radius", [-1, 20_037.6, 1e9, math.nan, math.inf])
def test_bad_radii_are_invalid_input(radius: float) -> None:
    with pytest.raises(InvalidValue, match="radius_km"):
        check_radius_km(radius)


def test_radius_bounds() -> None:
    assert check_radius_km(0) == 0 and check_radius_km(20_000) == 20_000
    with pytest.raises(InvalidValue):
        check_radius_km(0, allow_zero=False)


@pytest.mark.parametrize("limit", [0, -3, 1001, 10**6, 2.5, True, "10"])
def test_bad_limits_are_invalid_input(limit: object) -> None:
    with pytest.raises(InvalidValue, match="limit"):
        check_limit(limit)  # type: ignore[arg-type]
