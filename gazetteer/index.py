"""The gazetteer index: an SQLite file of places and their names.

``IndexWriter`` builds a new file beside the target and moves it into place
only when the build succeeded, so a failed or killed build never leaves a half
index behind.  ``GazetteerIndex`` reads it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from gazetteer.errors import DataError, NotFound
from gazetteer.normalize import detect_script, fold, romanize, skeleton
from gazetteer.records import Name, Place, Point

SCHEMA_VERSION = "4"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    admin1_name TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_url TEXT NOT NULL,
    radius_km REAL NOT NULL
);
CREATE TABLE names (
    place_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    lang TEXT NOT NULL,
    script TEXT NOT NULL,
    preferred INTEGER NOT NULL,
    short INTEGER NOT NULL,
    colloquial INTEGER NOT NULL,
    historic INTEGER NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    source TEXT NOT NULL,
    folded TEXT NOT NULL,
    roman TEXT NOT NULL,
    skeleton TEXT NOT NULL
);
CREATE TABLE admin1 (country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
                     PRIMARY KEY (country, code));
CREATE TABLE shapes (place_id INTEGER PRIMARY KEY, wkb BLOB NOT NULL, source TEXT NOT NULL);
"""

_INDEXES = """
CREATE INDEX names_folded ON names(folded);
CREATE INDEX names_roman ON names(roman);
CREATE INDEX names_skeleton ON names(skeleton);
"""

_PLACE_COLUMNS = (
    "id, name, lon, lat, feature_class, feature_code, country, admin1, "
    "admin1_name, population, source, source_url, radius_km"
)
_NAME_COLUMNS = 'text, lang, script, preferred, short, colloquial, historic, start, "end", source'
ShapeRow = tuple[int, bytes, str]
"""The shape of an area: place id, its geometry as lon/lat WKB, and where the geometry comes from."""
BATCH = 50_000
T = TypeVar("T")


def name_row(place_id: int, name: Name) -> tuple[object, ...]:
    """The ``names`` table row for one name, keys computed by the pipeline."""
    return (
        place_id,
        name.text,
        name.lang,
        name.script or detect_script(name.text),
        int(name.preferred),
        int(name.short),
        int(name.colloquial),
        int(name.historic),
        name.start,
        name.end,
        name.source,
        fold(name.text),
        romanize(name.text),
        skeleton(name.text),
    )


def _place_row(place: Place) -> tuple[object, ...]:
    return (
        place.id,
        place.name,
        place.lon,
        place.lat,
        place.feature_class,
        place.feature_code,
        place.country,
        place.admin1,
        place.admin1_name,
        place.population,
        place.source,
        place.source_url,
        place.radius_km,
    )


def _batched(rows: Iterable[T]) -> Iterator[list[T]]:
    batch: list[T] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class IndexWriter:
    """Builds an index file atomically; use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = self.path.with_name(self.path.name + f".building-{os.getpid()}")
        self._tmp.unlink(missing_ok=True)
        self.db = sqlite3.connect(self._tmp)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;")
        self.db.executescript(_SCHEMA)
        self.place_count = 0
        self.name_count = 0

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self._finish()
        else:
            self.db.close()
            self._tmp.unlink(missing_ok=True)

    def add_places(self, places: Iterable[Place]) -> None:
        """Insert places and their names; a known id keeps its record and gains the new names."""
        for batch in _batched(self._rows_of(places)):
            self.db.executemany(
                f"INSERT OR IGNORE INTO places ({_PLACE_COLUMNS}) VALUES ({','.join('?' * 13)})",
                [row for kind, row in batch if kind == "place"],
            )
            self._insert_names([row for kind, row in batch if kind == "name"])

    def _rows_of(self, places: Iterable[Place]) -> Iterator[tuple[str, tuple[object, ...]]]:
        for place in places:
            self.place_count += 1
            yield ("place", _place_row(place))
            seen: set[tuple[str, str]] = set()
            for name in place.names:
                if name.text and (name.text, name.lang) not in seen:
                    seen.add((name.text, name.lang))
                    yield ("name", name_row(place.id, name))

    def add_names(self, names: Iterable[tuple[int, Name]]) -> None:
        """Insert names of places already added (streamed alternate names)."""
        for batch in _batched(name_row(place_id, name) for place_id, name in names):
            self._insert_names(batch)

    def _insert_names(self, rows: list[tuple[object, ...]]) -> None:
        if rows:
            self.name_count += len(rows)
            self.db.executemany(
                f"INSERT INTO names (place_id, {_NAME_COLUMNS}, folded, roman, skeleton) VALUES ({','.join('?' * 14)})",
                rows,
            )

    def amend_point(self, place_id: int, point: Point, source_url: str) -> None:
        """Move a place already added to a better-sourced position."""
        self.db.execute(
            "UPDATE places SET lon = ?, lat = ?, source_url = ? WHERE id = ?",
            (point.lon, point.lat, source_url, place_id),
        )

    def add_admin1(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Insert (country, admin1 code, name) rows."""
        self.db.executemany("INSERT OR REPLACE INTO admin1 VALUES (?, ?, ?)", rows)

    def add_shapes(self, shapes: Iterable[ShapeRow]) -> None:
        """Insert (or replace) the shapes of areas: (place id, lon/lat WKB geometry, source)."""
        for batch in _batched(shapes):
            self.db.executemany("INSERT OR REPLACE INTO shapes VALUES (?, ?, ?)", batch)

    def set_meta(self, key: str, value: str) -> None:
        """Record a fact about the build (sources, counts, time)."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _finish(self) -> None:
        self.set_meta("schema_version", SCHEMA_VERSION)
        self.db.execute(
            "UPDATE places SET admin1_name = (SELECT name FROM admin1 a WHERE "
            "a.country = places.country AND a.code = places.admin1) WHERE admin1_name = '' "
            "AND EXISTS (SELECT 1 FROM admin1 a WHERE a.country = places.country AND a.code = places.admin1)"
        )
        self.db.execute("CREATE INDEX names_place ON names(place_id)")
        self.db.execute(
            "DELETE FROM names WHERE lang = '' AND EXISTS (SELECT 1 FROM names n2 WHERE "
            "n2.place_id = names.place_id AND n2.text = names.text AND n2.lang != '')"
        )
        self.db.execute(
            "DELETE FROM names WHERE EXISTS (SELECT 1 FROM names n2 WHERE n2.place_id = names.place_id "
            "AND n2.text = names.text AND n2.lang = names.lang AND n2.rowid < names.rowid)"
        )
        self.db.execute("DELETE FROM names WHERE place_id NOT IN (SELECT id FROM places)")
        self.db.execute("DELETE FROM shapes WHERE place_id NOT IN (SELECT id FROM places)")
        self.db.executescript(_INDEXES)
        self.db.execute("ANALYZE")
        self.db.commit()
        self.db.close()
        os.replace(self._tmp, self.path)


class GazetteerIndex:
    """Read access to a built index file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise DataError(f"no gazetteer index at {self.path}; run `gazetteer build`")
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        version = self.meta().get("schema_version")
        if version != SCHEMA_VERSION:
            raise DataError(f"index {self.path} has schema {version}, expected {SCHEMA_VERSION}; rebuild it")

    def meta(self) -> dict[str, str]:
        """Facts recorded by the build."""
        try:
            return dict(self.db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as error:
            raise DataError(f"{self.path} is not a gazetteer index: {error}") from error

    def place(self, place_id: int) -> Place:
        """The place with that id, with all its names; ``NotFound`` otherwise."""
        places = self.places([place_id])
        if not places:
            raise NotFound(f"no place with id {place_id}")
        return places[place_id]

    def places(self, ids: Iterable[int], names: bool = True) -> dict[int, Place]:
        """Places by id, each with all its names; unknown ids are left out.

        ``names=False`` skips the names (``Place.names`` is empty): cheaper, for
        callers that need only where and what a place is.
        """
        wanted = sorted(set(ids))
        found: dict[int, Place] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            named: dict[int, list[Name]] = {}
            if names:
                for row in self.db.execute(
                    f"SELECT place_id, {_NAME_COLUMNS} FROM names WHERE place_id IN ({marks}) ORDER BY rowid",
                    chunk,
                ):
                    named.setdefault(row[0], []).append(_name(row[1:]))
            for row in self.db.execute(f"SELECT {_PLACE_COLUMNS} FROM places WHERE id IN ({marks})", chunk):
                found[row[0]] = _place(row, tuple(named.get(row[0], ())))
        return found

    def ids_by(self, column: str, key: str) -> list[tuple[int, str]]:
        """(place id, name text) pairs whose ``folded``/``roman``/``skeleton`` key equals ``key``."""
        if column not in ("folded", "roman", "skeleton"):
            raise ValueError(column)
        return list(self.db.execute(f"SELECT place_id, text FROM names WHERE {column} = ?", (key,)))

    def ids_by_text(self, text: str) -> list[tuple[int, str]]:
        """(place id, name text) pairs whose name is exactly ``text``."""
        return list(
            self.db.execute("SELECT place_id, text FROM names WHERE folded = ? AND text = ?", (fold(text), text))
        )

    def iter_places(self) -> Iterator[Place]:
        """Every place, without its names (cheap, for spatial indexes)."""
        for row in self.db.execute(f"SELECT {_PLACE_COLUMNS} FROM places"):
            yield _place(row, ())

    def shapes(self, ids: Iterable[int] | None = None) -> list[ShapeRow]:
        """(place id, lon/lat WKB geometry, source) of the areas that have a shape (of ``ids`` only, if given)."""
        if ids is None:
            return [(int(pid), bytes(wkb), str(source)) for pid, wkb, source in self.db.execute("SELECT * FROM shapes")]
        found: list[ShapeRow] = []
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.db.execute(f"SELECT * FROM shapes WHERE place_id IN ({','.join('?' * len(chunk))})", chunk)
            found.extend((int(pid), bytes(wkb), str(source)) for pid, wkb, source in rows)
        return found

    def count(self) -> int:
        """Number of places."""
        return int(self.db.execute("SELECT COUNT(*) FROM places").fetchone()[0])


def _name(row: tuple[Any, ...]) -> Name:
    text, lang, script, preferred, short, colloquial, historic, start, end, source = row
    return Name(
        text=str(text),
        lang=str(lang),
        script=str(script),
        preferred=bool(preferred),
        short=bool(short),
        colloquial=bool(colloquial),
        historic=bool(historic),
        start=str(start),
        end=str(end),
        source=str(source),
    )


def _place(row: tuple[Any, ...], names: tuple[Name, ...]) -> Place:
    (pid, name, lon, lat, fclass, fcode, country, admin1, admin1_name, pop, source, url, radius) = row
    return Place(
        id=int(pid),
        name=str(name),
        point=Point(float(lon), float(lat)),
        feature_class=str(fclass),
        feature_code=str(fcode),
        country=str(country),
        admin1=str(admin1),
        admin1_name=str(admin1_name),
        population=int(pop),
        names=names,
        source=str(source),
        source_url=str(url),
        radius_km=float(radius),
    )
