"""Which stored mentions a map shows, and the per-place counts the store answers for it.

A map is bounded: ``MapFilter`` selects documents (by id, by a place they
mention, by their date) and a bounding box, and caps the markers.  The store
answers with ``MappedPlace`` rows, one per place, counted in SQL; the
application layer clusters them on a grid when there are more than the cap.

    >>> BoundingBox.parse("44.5,38.5,50,42").east
    50.0
    >>> MapFilter(document_ids=(2, 1), date_from="2023-01-01").checked().query()
    'document=1&document=2&from=2023-01-01'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from gazetteer.errors import InvalidInput
from gazetteer.limits import check_date, check_id

DEFAULT_MAX_MARKERS = 100
"""Markers a map draws when the caller gives no cap; past it, places are clustered."""
MAX_MARKERS = 500
"""Largest cap on markers a caller may ask for."""
MAX_MAP_DOCUMENT_IDS = 100
"""Most document ids one map filter names."""
MAX_BBOX_TEXT = 100
"""Longest ``bbox`` text accepted (four numbers and three commas)."""


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """A lon/lat box; west may not exceed east (boxes across the antimeridian are not supported)."""

    west: float
    """Smallest longitude, degrees east."""
    south: float
    """Smallest latitude, degrees north."""
    east: float
    """Largest longitude, degrees east."""
    north: float
    """Largest latitude, degrees north."""

    @classmethod
    def parse(cls, text: str) -> BoundingBox:
        """``minlon,minlat,maxlon,maxlat`` as a box; ``InvalidInput`` for anything else."""
        parts = text.split(",") if len(text) <= MAX_BBOX_TEXT else []
        try:
            values = [float(part) for part in parts]
        except ValueError:
            values = []
        if len(values) != 4 or not all(math.isfinite(value) for value in values):
            raise InvalidInput(f"bbox must be minlon,minlat,maxlon,maxlat, got {text[:MAX_BBOX_TEXT]!r}")
        return cls(*values).checked()

    def checked(self) -> BoundingBox:
        """The box, when its corners are on the globe and in order; ``InvalidInput`` otherwise."""
        if not (-180 <= self.west <= self.east <= 180):
            raise InvalidInput(f"bbox longitudes must satisfy -180 <= minlon <= maxlon <= 180, got {self.text()}")
        if not (-90 <= self.south <= self.north <= 90):
            raise InvalidInput(f"bbox latitudes must satisfy -90 <= minlat <= maxlat <= 90, got {self.text()}")
        return self

    def text(self) -> str:
        """``minlon,minlat,maxlon,maxlat``, shortest decimal forms."""
        return ",".join(f"{value:g}" if abs(value) < 1e5 else repr(value) for value in self.corners())

    def corners(self) -> tuple[float, float, float, float]:
        """(west, south, east, north)."""
        return self.west, self.south, self.east, self.north


@dataclass(frozen=True, slots=True)
class MapFilter:
    """Which stored mentions a map shows, and how many markers it may draw."""

    document_ids: tuple[int, ...] = ()
    """Only these documents (sorted, no repeats); empty for every document."""
    place_id: int | None = None
    """Only the documents that mention this place (the map centres on it)."""
    date_from: str = ""
    """Only documents dated on or after this ISO date; ``""`` for no lower bound."""
    date_to: str = ""
    """Only documents dated on or before this ISO date; ``""`` for no upper bound."""
    bbox: BoundingBox | None = None
    """Only mentions of places inside this box."""
    max_markers: int = DEFAULT_MAX_MARKERS
    """Most markers drawn; more places are clustered on a grid."""

    def checked(self) -> MapFilter:
        """The filter with its ids sorted and every field in range; ``InvalidInput`` otherwise."""
        ids = tuple(sorted({check_id(value, "document id") for value in self.document_ids}))
        if len(ids) > MAX_MAP_DOCUMENT_IDS:
            raise InvalidInput(f"a map names at most {MAX_MAP_DOCUMENT_IDS} documents, got {len(ids)}")
        if self.place_id is not None:
            check_id(self.place_id, "place id")
        date_from, date_to = check_date(self.date_from), check_date(self.date_to)
        if date_from and date_to and date_from > date_to:
            raise InvalidInput(f"from ({date_from}) is after to ({date_to})")
        cap = self.max_markers
        if isinstance(cap, bool) or not isinstance(cap, int) or not 1 <= cap <= MAX_MARKERS:
            raise InvalidInput(f"max_markers must be within 1..{MAX_MARKERS}, got {cap!r}")
        bbox = self.bbox.checked() if self.bbox is not None else None
        return MapFilter(ids, self.place_id, date_from, date_to, bbox, cap)

    @property
    def dated(self) -> bool:
        """Whether the filter bounds the document date."""
        return bool(self.date_from or self.date_to)

    def query(self, bbox: BoundingBox | None = None) -> str:
        """The filter as the query string of ``/map`` (``bbox`` replacing its own), in a fixed order."""
        box = bbox or self.bbox
        pairs: list[tuple[str, object]] = [("document", value) for value in self.document_ids]
        pairs += [("place", self.place_id)] if self.place_id is not None else []
        pairs += [("from", self.date_from)] if self.date_from else []
        pairs += [("to", self.date_to)] if self.date_to else []
        pairs += [("bbox", box.text())] if box is not None else []
        pairs += [("max_markers", self.max_markers)] if self.max_markers != DEFAULT_MAX_MARKERS else []
        return urlencode(pairs, safe=",")


@dataclass(frozen=True, slots=True)
class MappedPlace:
    """One place of a map, with its mentions counted by the store."""

    place_id: int
    """Gazetteer id of the place."""
    name: str
    """Main name of the place, as stored with its mentions."""
    lon: float
    """Longitude of the place."""
    lat: float
    """Latitude of the place."""
    feature_code: str
    """GeoNames feature code of the place."""
    country: str
    """ISO code of its country, ``""`` for none."""
    mentions: int
    """How many mentions of it the filter selects."""
    documents: int
    """How many documents those mentions are in."""


@dataclass(frozen=True, slots=True)
class DatedPlace:
    """One place on one date of a map's timeline: the selected mentions of it in documents of that date."""

    place_id: int
    """Gazetteer id of the place."""
    lon: float
    """Longitude of the place."""
    lat: float
    """Latitude of the place."""
    date: str
    """The documents' date, ISO 8601 (never ``""``: undated documents are not on the timeline)."""
    mentions: int
    """How many selected mentions of the place the documents of that date hold."""
