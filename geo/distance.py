"""Geodesic distances on the WGS84 ellipsoid (Karney's method through pyproj).

Distances are never computed in degrees: a degree of longitude near Baku is
about 85 km, at the equator 111 km.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import Geod

from geo.earth import EARTH_MEAN_RADIUS_KM
from geo.validate import check_lat, check_lon

GEOD = Geod(ellps="WGS84")
"""The WGS84 ellipsoid used for every distance in the project."""
SPHERE_ERROR = 0.006
"""Largest relative gap between a great-circle distance on the mean sphere and the geodesic one (0.56 %)."""


@dataclass(frozen=True, slots=True)
class Distance:
    """A length on the ground, kept in metres."""

    metres: float
    """The length in metres."""

    @property
    def km(self) -> float:
        """The length in kilometres."""
        return self.metres / 1000.0

    @property
    def miles(self) -> float:
        """The length in statute miles."""
        return self.metres / 1609.344


def geodesic(lon1: float, lat1: float, lon2: float, lat2: float) -> Distance:
    """The geodesic distance between two lon/lat positions.

    >>> round(geodesic(49.8920, 40.3777, 44.5136, 40.1811).km)
    458
    """
    points = (check_lon(lon1), check_lat(lat1), check_lon(lon2), check_lat(lat2))
    _, _, metres = GEOD.inv(*points)
    return Distance(float(metres))


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """The geodesic distance in kilometres between two lon/lat positions."""
    return geodesic(lon1, lat1, lon2, lat2).km


def distances_km(lon: float, lat: float, lons: ArrayLike, lats: ArrayLike) -> NDArray[np.float64]:
    """Geodesic distances in kilometres from one position to many (vectorised)."""
    lon, lat = check_lon(lon), check_lat(lat)
    to_lon = np.asarray(lons, dtype=np.float64)
    to_lat = np.asarray(lats, dtype=np.float64)
    if to_lon.size == 0:
        return np.zeros(0, dtype=np.float64)
    _, _, metres = GEOD.inv(np.full(to_lon.shape, lon), np.full(to_lat.shape, lat), to_lon, to_lat)
    return np.asarray(metres, dtype=np.float64) / 1000.0


def great_circle_km(
    lon: float, lat: float, lons: NDArray[np.float64], lats: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Great-circle distances in km on the mean sphere from one position to many: within ``SPHERE_ERROR`` of the
    geodesic and some 30 times cheaper: for sorting out candidates before they are measured."""
    phi, phi0 = np.radians(lats), np.radians(lat)
    h = np.sin((phi - phi0) / 2) ** 2 + np.cos(phi0) * np.cos(phi) * np.sin(np.radians(lons - lon) / 2) ** 2
    return np.asarray(2 * EARTH_MEAN_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))
