"""Geodesic distances, a spatial point index and point-in-region tests (WGS84, lon first)."""

from geo.distance import Distance, distance_km, distances_km, geodesic
from geo.point_index import Hit, PointIndex
from geo.regions import Region, RegionIndex, circle_region, geodesic_circle, point_in_region

__all__ = [
    "Distance",
    "Hit",
    "PointIndex",
    "Region",
    "RegionIndex",
    "circle_region",
    "distance_km",
    "distances_km",
    "geodesic",
    "geodesic_circle",
    "point_in_region",
]
