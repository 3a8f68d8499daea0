"""The Earth's figures, and the spherical distance used where speed matters more than the last metre.

Every geodesic distance the project reports is measured on the WGS84 ellipsoid
(``geo.distance``).  ``haversine_km`` is for scoring and sizing only: ranking
by closeness, document coherence, the boxes that pre-filter a radius query.
It imports nothing heavy, so the lookup and geoparse paths stay cheap to load.
"""

from __future__ import annotations

import math

EARTH_MEAN_RADIUS_KM = 6371.0088
"""Mean radius of the WGS84 ellipsoid (IUGG R1), in kilometres."""
EARTH_HALF_CIRCUMFERENCE_KM = 20_037.5
"""Half the WGS84 equator: no two points are farther apart along the ground."""
WGS84_A_KM = 6378.137
"""Equatorial radius (semi-major axis) of the WGS84 ellipsoid, in kilometres."""
WGS84_F = 1 / 298.257223563
"""Flattening of the WGS84 ellipsoid."""


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in km on the mean sphere (within 0.5 % of the geodesic)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_MEAN_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
