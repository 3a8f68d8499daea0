"""Geodesic distances and circles on the WGS84 ellipsoid (Karney's algorithms, via pyproj)."""

from __future__ import annotations

from collections.abc import Sequence

from pyproj import Geod

WGS84 = Geod(ellps="WGS84")


def distances_km(lon: float, lat: float, points: Sequence[tuple[float, float]]) -> list[float]:
    """Geodesic distance in kilometres from (lon, lat) to each (lon, lat) point."""
    if not points:
        return []
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    _, _, metres = WGS84.inv([lon] * len(points), [lat] * len(points), lons, lats)
    return [float(m) / 1000.0 for m in metres]


def circle_ring(lon: float, lat: float, radius_km: float, steps: int = 64) -> list[list[float]]:
    """A closed GeoJSON ring ([lon, lat] pairs) approximating a geodesic circle."""
    azimuths = [360.0 * i / steps for i in range(steps)]
    lons, lats, _ = WGS84.fwd(
        [lon] * steps, [lat] * steps, azimuths, [radius_km * 1000.0] * steps
    )
    ring = [[float(x), float(y)] for x, y in zip(lons, lats, strict=True)]
    return [*ring, ring[0]]
