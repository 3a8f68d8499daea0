"""Which part of the world a map's basemap covers, and how finely.

A basemap has two boxes (whole degrees, ``(west, south, east, north)``): the
*detail* box around where most of the map's places are (the focus place, else
the median mentioned place, and everything within ``LOCAL_DEG`` of it), drawn
with the first-level areas of the countries mentioned there; and the whole
*box* around everything mapped and at least ``CONTEXT_DEG`` around the detail
box, drawn coarser outside the detail box.  Each
box is simplified to about one pixel at the zoom that shows it whole
(``tolerance``), so the payload stays small and the map looks right at the
zoom it opens at and a few levels in.  A served page carries the extent in its
basemap URL (``query``/``parse``), so equal maps share one cached response.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.errors import InvalidInput
from gazetteer.map_data import MAX_BASEMAP_COUNTRIES, MapData, shown_countries

Box = tuple[int, int, int, int]
"""(west, south, east, north) in whole degrees."""
Spot = tuple[float, float, float, float]
"""(lon, lat) of something mapped, and how far it reaches east-west and north-south (degrees)."""

HOME = (46.75, 39.83)
"""(lon, lat) a map with nothing on it shows: Karabakh."""
LOCAL_DEG = 8.0
"""Places this close (degrees, in both axes) to the centre make the detail box."""
MIN_PAD_DEG = 3.0
PAD_SHARE = 0.25
"""Padding around the mapped points: this share of their span, at least ``MIN_PAD_DEG``."""
CONTEXT_DEG = 10
"""The box reaches at least this far beyond the detail box, for the map zoomed out."""
PIXELS_ACROSS = 4000
"""The detail box is simplified for being about this many pixels across (zoomed in a few levels)."""
OVERVIEW_PIXELS = 1500
"""The rest of the box is simplified for being about this many pixels across (the map zoomed out)."""
MIN_TOLERANCE = 0.0005
MAX_TOLERANCE = 0.25
"""Bounds of the simplification tolerance, in degrees."""
KM_PER_DEGREE = 111.2
_BOX = re.compile(r"^-?\d{1,3},-?\d{1,2},-?\d{1,3},-?\d{1,2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class BasemapExtent:
    """The boxes a basemap covers and the countries whose first-level areas it draws."""

    box: Box
    """Everything mapped, padded."""
    detail: Box
    """Where most places are, padded; inside ``box``."""
    countries: tuple[str, ...] = ()
    """ISO codes of the countries whose first-level areas are drawn, sorted."""

    def __post_init__(self) -> None:
        for box in (self.box, self.detail):
            west, south, east, north = box
            if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
                raise InvalidInput(f"not a box of whole degrees (west, south, east, north): {box}")
        if not _inside(self.detail, self.box):
            raise InvalidInput("the detail box must lie inside the box")
        if len(self.countries) > MAX_BASEMAP_COUNTRIES or not all(_COUNTRY.match(c) for c in self.countries):
            raise InvalidInput(f"give at most {MAX_BASEMAP_COUNTRIES} ISO 3166-1 alpha-2 country codes")

    @property
    def tiers(self) -> int:
        """2 when the box reaches beyond the detail box (drawn coarser there), else 1."""
        return 1 if self.box == self.detail else 2

    def query(self) -> str:
        """The extent as URL query parameters."""
        countries = "".join(f"&country={code}" for code in self.countries)
        return f"box={_joined(self.box)}&detail={_joined(self.detail)}{countries}"

    @classmethod
    def parse(cls, box: str, detail: str, countries: Sequence[str] = ()) -> BasemapExtent:
        """The extent of URL query values (``box=w,s,e,n``, ``detail=w,s,e,n``, ``country=AZ`` repeated)."""
        return cls(_parsed(box), _parsed(detail), tuple(sorted({code.upper() for code in countries})))


def tolerance(bounds: tuple[float, float, float, float], pixels: int = PIXELS_ACROSS) -> float:
    """Simplification tolerance (degrees) for (west, south, east, north): a pixel when it is ``pixels`` across."""
    west, south, east, north = bounds
    return min(MAX_TOLERANCE, max(MIN_TOLERANCE, max(east - west, north - south) / pixels))


def extent_of(data: MapData) -> BasemapExtent:
    """The basemap extent of a map: its detail box around the focus or the median place, its box around all."""
    spots = _spots(data) or [(*HOME, 0.0, 0.0)]
    centre = data.focus or (statistics.median(s[0] for s in spots), statistics.median(s[1] for s in spots))
    local = [s for s in spots if abs(s[0] - centre[0]) <= LOCAL_DEG and abs(s[1] - centre[1]) <= LOCAL_DEG]
    detail = _padded(local or [(*centre, 0.0, 0.0)])
    box = _union(_padded(spots), _grown(detail, CONTEXT_DEG))
    mentioned = [p for p in data.counted_places() if _contains(detail, p.lon, p.lat)]
    return BasemapExtent(box, detail, shown_countries(mentioned))


def _spots(data: MapData) -> list[Spot]:
    spots = [(p.lon, p.lat, 0.0, 0.0) for p in data.counted_places()]
    spots += [(c.lon, c.lat, 0.0, 0.0) for c in data.clusters]
    for event in data.events:
        dlat = event.radius_km / KM_PER_DEGREE
        spots.append((event.lon, event.lat, dlat / max(math.cos(math.radians(event.lat)), 0.01), dlat))
    return spots + ([(*data.focus, 0.0, 0.0)] if data.focus else [])


def _padded(spots: Sequence[Spot]) -> Box:
    west, east = min(s[0] - s[2] for s in spots), max(s[0] + s[2] for s in spots)
    south, north = min(s[1] - s[3] for s in spots), max(s[1] + s[3] for s in spots)
    pad = max(MIN_PAD_DEG, PAD_SHARE * max(east - west, north - south))
    return (
        max(-180, math.floor(west - pad)),
        max(-90, math.floor(south - pad)),
        min(180, math.ceil(east + pad)),
        min(90, math.ceil(north + pad)),
    )


def _grown(box: Box, degrees: int) -> Box:
    west, south, east, north = box
    return max(-180, west - degrees), max(-90, south - degrees), min(180, east + degrees), min(90, north + degrees)


def _union(a: Box, b: Box) -> Box:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _inside(inner: Box, outer: Box) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _contains(box: Box, lon: float, lat: float) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def _joined(box: Box) -> str:
    return ",".join(str(value) for value in box)


def _parsed(text: str) -> Box:
    if not _BOX.match(text):
        raise InvalidInput(f"not a box of whole degrees west,south,east,north: {text[:40]!r}")
    west, south, east, north = (int(value) for value in text.split(","))
    return west, south, east, north
