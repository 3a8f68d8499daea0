"""Geodesic distances, spatial indexes and point-in-region tests (WGS84, longitude first).

The names below are loaded on first use, so importing ``geo.earth`` (or this
package) costs nothing until numpy, pyproj or shapely are really needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.distance import (
        Distance as Distance,
    )
    from geo.distance import (
        distance_km as distance_km,
    )
    from geo.distance import (
        distances_km as distances_km,
    )
    from geo.distance import (
        geodesic as geodesic,
    )
    from geo.point_index import Hit as Hit
    from geo.point_index import PointIndex as PointIndex
    from geo.regions import (
        Region as Region,
    )
    from geo.regions import (
        RegionIndex as RegionIndex,
    )
    from geo.regions import (
        circle_region as circle_region,
    )
    from geo.regions import (
        geodesic_circle as geodesic_circle,
    )

_EXPORTS = {
    "Distance": "geo.distance",
    "distance_km": "geo.distance",
    "distances_km": "geo.distance",
    "geodesic": "geo.distance",
    "Hit": "geo.point_index",
    "PointIndex": "geo.point_index",
    "Region": "geo.regions",
    "RegionIndex": "geo.regions",
    "circle_region": "geo.regions",
    "geodesic_circle": "geo.regions",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
