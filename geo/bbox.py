"""Lon/lat boxes that surely contain a geodesic circle.

A spatial index works on planar envelopes; these boxes are a cheap first cut
that never misses a point within the radius.  The exact test is then geodesic.
Boxes are split at the antimeridian and widened to every longitude when the
circle reaches a pole.
"""

from __future__ import annotations

import math

from geo.earth import EARTH_MEAN_RADIUS_KM
from geo.validate import check_lat, check_lon, check_radius_km

Box = tuple[float, float, float, float]
"""(min lon, min lat, max lon, max lat) in degrees."""

_MARGIN = 1.02
"""Slack for the ellipsoid versus the sphere used to size the box (< 0.7 %)."""
_PAD_DEG = 0.01


def _lat_range(lat: float, angle: float) -> tuple[float, float]:
    reach = math.degrees(angle) * _MARGIN + _PAD_DEG
    return max(-90.0, lat - reach), min(90.0, lat + reach)


def _lon_reach(lat: float, angle: float) -> float | None:
    """Half-width in degrees of longitude, or ``None`` when every longitude is in reach."""
    ratio = math.sin(angle) / max(math.cos(math.radians(lat)), 1e-12)
    if angle >= math.pi / 2 or ratio >= 1.0:
        return None
    reach = math.degrees(math.asin(ratio)) * _MARGIN + _PAD_DEG
    return reach if reach < 180.0 else None


def _split(lon: float, reach: float, south: float, north: float) -> list[Box]:
    west, east = lon - reach, lon + reach
    if west < -180.0:
        return [(west + 360.0, south, 180.0, north), (-180.0, south, east, north)]
    if east > 180.0:
        return [(west, south, 180.0, north), (-180.0, south, east - 360.0, north)]
    return [(west, south, east, north)]


def circle_boxes(lon: float, lat: float, radius_km: float) -> list[Box]:
    """One or two boxes covering every point within ``radius_km`` of (lon, lat).

    >>> circle_boxes(179.9, 0.0, 50.0)[1][0]
    -180.0
    """
    lon, lat = check_lon(lon), check_lat(lat)
    angle = check_radius_km(radius_km) / EARTH_MEAN_RADIUS_KM
    south, north = _lat_range(lat, angle)
    if south <= -90.0 or north >= 90.0:
        return [(-180.0, south, 180.0, north)]
    reach = _lon_reach(max(abs(south), abs(north)), angle)
    if reach is None:
        return [(-180.0, south, 180.0, north)]
    return _split(lon, reach, south, north)
