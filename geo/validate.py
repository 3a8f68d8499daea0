"""Range checks for coordinates, distances and counts.

Every spatial function takes kilometres (or metres) and validates its input
here, so a bad value becomes one ``InvalidValue`` with a message a user can
read, whichever edge (API, CLI, library) it came from.
"""

from __future__ import annotations

import math

from geo.earth import EARTH_HALF_CIRCUMFERENCE_KM
from geo.errors import InvalidValue

MAX_RADIUS_KM = EARTH_HALF_CIRCUMFERENCE_KM
"""Largest radius accepted from callers: half the Earth's circumference."""
MAX_LIMIT = 1000
"""Largest number of results a caller may ask for."""


def _finite(value: float, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise InvalidValue(f"{what} must be a number, got {value!r}") from error
    if not math.isfinite(number):
        raise InvalidValue(f"{what} must be a finite number, got {value!r}")
    return number


def check_lat(lat: float) -> float:
    """A latitude in -90..90 degrees."""
    value = _finite(lat, "latitude")
    if not -90.0 <= value <= 90.0:
        raise InvalidValue(f"latitude must be within -90..90, got {value}")
    return value


def check_lon(lon: float) -> float:
    """A longitude in -180..180 degrees."""
    value = _finite(lon, "longitude")
    if not -180.0 <= value <= 180.0:
        raise InvalidValue(f"longitude must be within -180..180, got {value}")
    return value


def check_radius_km(radius_km: float, *, allow_zero: bool = True) -> float:
    """A radius in kilometres, 0 (or above) up to ``MAX_RADIUS_KM``."""
    value = _finite(radius_km, "radius_km")
    if value < 0 or (value == 0 and not allow_zero):
        raise InvalidValue(f"radius_km must be {'positive' if not allow_zero else '0 or more'}, got {value}")
    if value > MAX_RADIUS_KM:
        raise InvalidValue(f"radius_km must be at most {MAX_RADIUS_KM:g}, got {value:g}")
    return value


def check_limit(limit: int, *, maximum: int = MAX_LIMIT, what: str = "limit") -> int:
    """A result count in 1..``maximum``."""
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InvalidValue(f"{what} must be an integer, got {limit!r}")
    if not 1 <= limit <= maximum:
        raise InvalidValue(f"{what} must be within 1..{maximum}, got {limit}")
    return limit
