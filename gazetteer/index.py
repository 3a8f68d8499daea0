"""The gazetteer index: an SQLite file of places, their names and the shapes of areas.

``IndexWriter`` builds a new file beside the target and moves it into place
only when the build succeeded, so a failed or killed build never leaves a half
index behind.  ``GazetteerIndex`` reads it.

When a build finishes, the writer links every place to the one that encloses
it (``parent_id``: ADM2 by admin codes, else ADM1, else the country) unless a
source gave the link, and sets the extent (``radius_km``) of every place with
a shape to the largest distance from its point to the shape's boundary.
It also counts the languages or scripts that name each place
(``places.languages``, read by ``language_counts``).  Schema 5 added the
admin2 code, the parent link, the division type, the point's source, a
historic place's period and that count; schema 4 files still open (those
fields read as empty) until they are rebuilt.
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
from gazetteer.records import ABBREVIATION, PSEUDO_LANGUAGES, Name, Place, Point
from geo.earth import EARTH_MEAN_RADIUS_KM

SCHEMA_VERSION = "5"
READABLE_SCHEMAS = ("4", SCHEMA_VERSION)
"""Schema versions this module reads; 4 lacks the columns that 5 added."""

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
    radius_km REAL NOT NULL,
    admin2 TEXT NOT NULL,
    parent_id INTEGER NOT NULL,
    admin_type TEXT NOT NULL,
    point_source TEXT NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    languages INTEGER NOT NULL DEFAULT 0
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
CREATE INDEX places_parent ON places(parent_id);
"""

_PLACE_COLUMNS = (
    "id, name, lon, lat, feature_class, feature_code, country, admin1, "
    "admin1_name, population, source, source_url, radius_km, "
    'admin2, parent_id, admin_type, point_source, start, "end"'
)
_V4_PLACE_COLUMNS = _PLACE_COLUMNS.split(", admin2")[0] + ", '', 0, '', '', '', ''"
COUNTRY_CODES = ("PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX", "TERR")
"""Feature codes of a country's own place, the first one preferred as a parent."""

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
        place.admin2,
        place.parent_id,
        place.admin_type,
        place.point_source,
        place.start,
        place.end,
    )


def batched(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
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
        for batch in batched(self._rows_of(places)):
            self.db.executemany(
                f"INSERT OR IGNORE INTO places ({_PLACE_COLUMNS}) VALUES ({','.join('?' * 19)})",
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
        for batch in batched(name_row(place_id, name) for place_id, name in names):
            self._insert_names(batch)

    def _insert_names(self, rows: list[tuple[object, ...]]) -> None:
        if rows:
            self.name_count += len(rows)
            self.db.executemany(
                f"INSERT INTO names (place_id, {_NAME_COLUMNS}, folded, roman, skeleton) VALUES ({','.join('?' * 14)})",
                rows,
            )

    def amend_point(self, place_id: int, point: Point, source_url: str, point_source: str = "overlay") -> None:
        """Move a place already added to a better-sourced position, citing it."""
        self.db.execute(
            "UPDATE places SET lon = ?, lat = ?, source_url = ?, point_source = ? WHERE id = ?",
            (point.lon, point.lat, source_url, point_source, place_id),
        )

    def rename(self, place_id: int, name: str) -> None:
        """Give a place already added another main name (one of its names, by a curated choice)."""
        self.db.execute("UPDATE places SET name = ? WHERE id = ?", (name, place_id))

    def set_point(self, place_id: int, point: Point, point_source: str) -> None:
        """Move a place already added to a point derived from data (its shape's centre), keeping its citation."""
        self.db.execute(
            "UPDATE places SET lon = ?, lat = ?, point_source = ? WHERE id = ?",
            (point.lon, point.lat, point_source, place_id),
        )

    def set_links(self, rows: Iterable[tuple[int, str, int]]) -> None:
        """Give places already added their (admin2 code, parent id): rows of (place id, admin2, parent id)."""
        for batch in batched(rows):
            self.db.executemany(
                "UPDATE places SET admin2 = ?, parent_id = ? WHERE id = ?", [(a, p, i) for i, a, p in batch]
            )

    def add_admin1(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Insert (country, admin1 code, name) rows."""
        self.db.executemany("INSERT OR REPLACE INTO admin1 VALUES (?, ?, ?)", rows)

    def add_shapes(self, shapes: Iterable[ShapeRow]) -> None:
        """Insert (or replace) the shapes of areas: (place id, lon/lat WKB geometry, source)."""
        for batch in batched(shapes):
            self.db.executemany("INSERT OR REPLACE INTO shapes VALUES (?, ?, ?)", batch)

    def set_meta(self, key: str, value: str) -> None:
        """Record a fact about the build (sources, counts, time)."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # What the build holds so far, for sources that derive from other sources' places.

    def country_ids(self) -> dict[str, int]:
        """ISO code -> id of the country's own place (``PCLI`` first, then the lowest id)."""
        return country_ids(self.db)

    def points_of(self, ids: Iterable[int]) -> dict[int, Point]:
        """The points of places already added, by id (unknown ids left out)."""
        found: dict[int, Point] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for pid, lon, lat in self.db.execute(f"SELECT id, lon, lat FROM places WHERE id IN ({marks})", chunk):
                found[int(pid)] = Point(float(lon), float(lat))
        return found

    def shapes_of(self, ids: Iterable[int]) -> dict[int, bytes]:
        """The WKB shapes already added, by place id (ids without a shape left out)."""
        found: dict[int, bytes] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for pid, wkb in self.db.execute(f"SELECT place_id, wkb FROM shapes WHERE place_id IN ({marks})", chunk):
                found[int(pid)] = bytes(wkb)
        return found

    def main_name_keys(self) -> dict[int, set[str]]:
        """Place id -> phonetic keys of its language-less preferred names (its main name, as GeoNames has it)."""
        found: dict[int, set[str]] = {}
        for place_id, key in self.db.execute("SELECT place_id, skeleton FROM names WHERE preferred = 1 AND lang = ''"):
            found.setdefault(int(place_id), set()).add(str(key))
        return found

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
        _link_parents(self.db)
        _fit_extents(self.db)
        _count_languages(self.db)
        self.db.executescript(_INDEXES)
        self.db.execute("ANALYZE")
        self.db.commit()
        self.db.close()
        os.replace(self._tmp, self.path)


_TEXTS = 400
"""Texts per ``ids_by_texts`` query (two parameters each, under SQLite's limit)."""


def _chunks(ids: Iterable[int], size: int = 500) -> Iterator[list[int]]:
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), size):
        yield wanted[start : start + size]


_COUNTRY_OF = (
    "(SELECT c.id FROM places c WHERE c.country = places.country AND c.feature_code IN ({codes}) "
    "ORDER BY c.feature_code != 'PCLI', c.id LIMIT 1)"
)
_ADM1_OF = (
    "(SELECT a.id FROM places a WHERE a.feature_code = 'ADM1' AND a.country = places.country "
    "AND a.admin1 = places.admin1 ORDER BY a.id LIMIT 1)"
)
_ADM2_OF = (
    "(SELECT a.id FROM places a WHERE a.feature_code = 'ADM2' AND a.country = places.country "
    "AND a.admin1 = places.admin1 AND a.admin2 = places.admin2 ORDER BY a.id LIMIT 1)"
)


def _link_parents(db: sqlite3.Connection) -> None:
    """Link each place no source linked to its enclosing place, by admin codes (ADM2, else ADM1, else country)."""
    codes = ",".join(f"'{code}'" for code in COUNTRY_CODES)
    country_of = _COUNTRY_OF.format(codes=codes)
    not_area = f"feature_code NOT IN ('ADM1', 'ADM2', 'CONT', {codes})"
    db.execute("CREATE INDEX places_admin ON places(feature_code, country, admin1, admin2)")
    steps = (
        (_ADM2_OF, f"{not_area} AND admin2 != ''"),
        (_ADM1_OF, f"({not_area} OR feature_code = 'ADM2') AND admin1 != ''"),
        (country_of, f"feature_code NOT IN ('CONT', {codes}) AND country != ''"),
    )
    for parent, which in steps:
        db.execute(f"UPDATE places SET parent_id = COALESCE({parent}, 0) WHERE parent_id = 0 AND {which}")
    db.execute("UPDATE places SET parent_id = 0 WHERE parent_id = id")
    db.execute("DROP INDEX places_admin")


_NOT_LANGUAGES = ",".join(f"'{code}'" for code in sorted({"", ABBREVIATION, *PSEUDO_LANGUAGES}))
"""The ``lang`` values of names that are no language (codes, links, abbreviations), as an SQL list."""
_LANGUAGE_COUNT = (
    f"MAX(COUNT(DISTINCT CASE WHEN lang NOT IN ({_NOT_LANGUAGES}) THEN lang END), "
    "COUNT(DISTINCT CASE WHEN script != '' THEN script END))"
)
"""Per place (grouped names): the larger of the distinct languages and the distinct scripts of its names."""


def _count_languages(db: sqlite3.Connection) -> None:
    """Set ``places.languages``: the larger of the distinct languages (codes left out) and scripts of its names."""
    db.execute(
        f"UPDATE places SET languages = counted.n FROM (SELECT place_id, {_LANGUAGE_COUNT} AS n "
        "FROM names GROUP BY place_id) AS counted WHERE counted.place_id = places.id"
    )


def _fit_extents(db: sqlite3.Connection) -> None:
    """Set ``radius_km`` of every place with a shape: the largest distance from its point to the shape's boundary."""
    rows = db.execute("SELECT s.place_id, s.wkb, p.lon, p.lat FROM shapes s JOIN places p ON p.id = s.place_id")
    ids, wkbs, lons, lats = [], [], [], []
    for place_id, wkb, lon, lat in rows:
        ids.append(int(place_id))
        wkbs.append(bytes(wkb))
        lons.append(float(lon))
        lats.append(float(lat))
    if not ids:
        return
    import numpy as np
    import shapely

    coords, which = shapely.get_coordinates(shapely.from_wkb(wkbs), return_index=True)
    far = np.zeros(len(ids))
    np.maximum.at(
        far, which, _haversine_km(np.asarray(lons)[which], np.asarray(lats)[which], coords[:, 0], coords[:, 1])
    )
    db.executemany("UPDATE places SET radius_km = ? WHERE id = ?", zip(np.round(far, 2).tolist(), ids, strict=True))


def _haversine_km(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> Any:
    """Great-circle distances on the mean sphere, vectorised over numpy arrays."""
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_MEAN_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def country_ids(db: sqlite3.Connection) -> dict[str, int]:
    """ISO code -> id of the country's own place (``PCLI`` first, then the lowest id) in an index file."""
    marks = ",".join("?" * len(COUNTRY_CODES))
    rows = db.execute(
        f"SELECT country, id FROM places WHERE country != '' AND feature_code IN ({marks}) "
        "ORDER BY country, feature_code != 'PCLI', id",
        COUNTRY_CODES,
    )
    found: dict[str, int] = {}
    for country, place_id in rows:
        found.setdefault(str(country), int(place_id))
    return found


class GazetteerIndex:
    """Read access to a built index file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise DataError(f"no gazetteer index at {self.path}; run `gazetteer build`")
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        version = self.meta().get("schema_version")
        if version not in READABLE_SCHEMAS:
            raise DataError(f"index {self.path} has schema {version}, expected {SCHEMA_VERSION}; rebuild it")
        self._columns = _PLACE_COLUMNS if version == SCHEMA_VERSION else _V4_PLACE_COLUMNS

    def meta(self) -> dict[str, str]:
        """Facts recorded by the build."""
        try:
            return dict(self.db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as error:
            raise DataError(f"{self.path} is not a gazetteer index: {error}") from error

    def country_ids(self) -> dict[str, int]:
        """ISO code -> id of the country's own place."""
        return country_ids(self.db)

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
        found: dict[int, Place] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            named: dict[int, list[Name]] = {}
            if names:
                for row in self.db.execute(
                    f"SELECT place_id, {_NAME_COLUMNS} FROM names WHERE place_id IN ({marks}) ORDER BY rowid",
                    chunk,
                ):
                    named.setdefault(row[0], []).append(_name(row[1:]))
            for row in self.db.execute(f"SELECT {self._columns} FROM places WHERE id IN ({marks})", chunk):
                found[row[0]] = _place(row, tuple(named.get(row[0], ())))
        return found

    def ids_by(self, column: str, key: str) -> list[tuple[int, str]]:
        """(place id, name text) pairs whose ``folded``/``roman``/``skeleton`` key equals ``key``."""
        if column not in ("folded", "roman", "skeleton"):
            raise ValueError(column)
        return list(self.db.execute(f"SELECT place_id, text FROM names WHERE {column} = ?", (key,)))

    def ids_by_prefix(self, column: str, prefix: str, most: int) -> list[tuple[int, str]]:
        """(place id, name text) pairs whose ``folded``/``roman`` key begins with ``prefix``, at most ``most``,
        those of the most populous places first."""
        if column not in ("folded", "roman"):
            raise ValueError(column)
        return list(
            self.db.execute(
                f"SELECT n.place_id, n.text FROM names n JOIN places p ON p.id = n.place_id "
                f"WHERE n.{column} >= ? AND n.{column} < ? ORDER BY p.population DESC, n.place_id LIMIT ?",
                (prefix, prefix + "\U0010ffff", most),
            )
        )

    def ids_by_text(self, text: str) -> list[tuple[int, str]]:
        """(place id, name text) pairs whose name is exactly ``text``."""
        return list(
            self.db.execute("SELECT place_id, text FROM names WHERE folded = ? AND text = ?", (fold(text), text))
        )

    def ids_by_texts(self, texts: Iterable[str]) -> dict[str, set[int]]:
        """``ids_by_text`` of many texts, a few queries for all: text -> ids (texts no name has left out)."""
        wanted = {(fold(text), text) for text in texts}
        found: dict[str, set[int]] = {}
        for chunk in batched(sorted(wanted), _TEXTS):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT place_id, folded, text FROM names WHERE folded IN ({marks}) AND text IN ({marks})",
                [folded for folded, _ in chunk] + [text for _, text in chunk],
            )
            for place_id, folded, text in rows:
                if (folded, text) in wanted:
                    found.setdefault(text, set()).add(place_id)
        return found

    def names_in_script(self, script: str) -> Iterator[tuple[int, str]]:
        """(place id, name text) of every name written in ``script`` (ISO 15924: ``Cyrl``, ``Armn``...)."""
        yield from self.db.execute("SELECT place_id, text FROM names WHERE script = ? ORDER BY rowid", (script,))

    def iter_places(self) -> Iterator[Place]:
        """Every place, without its names (cheap, for spatial indexes)."""
        for row in self.db.execute(f"SELECT {self._columns} FROM places"):
            yield _place(row, ())

    def children(self, place_id: int) -> list[int]:
        """Ids of the places whose parent is ``place_id`` (ADM1 of a country, ADM2 of an ADM1...), in id order."""
        if self._columns != _PLACE_COLUMNS:
            return []
        return [
            int(row[0]) for row in self.db.execute("SELECT id FROM places WHERE parent_id = ? ORDER BY id", (place_id,))
        ]

    def shapes(self, ids: Iterable[int] | None = None) -> list[ShapeRow]:
        """(place id, lon/lat WKB geometry, source) of the areas that have a shape (of ``ids`` only, if given)."""
        if ids is None:
            return [(int(pid), bytes(wkb), str(source)) for pid, wkb, source in self.db.execute("SELECT * FROM shapes")]
        found: list[ShapeRow] = []
        for chunk in _chunks(ids):
            rows = self.db.execute(f"SELECT * FROM shapes WHERE place_id IN ({','.join('?' * len(chunk))})", chunk)
            found.extend((int(pid), bytes(wkb), str(source)) for pid, wkb, source in rows)
        return found

    def shapes_by_code(self, codes: Iterable[str], countries: Iterable[str] | None = None) -> list[ShapeRow]:
        """The shapes of the places with one of the feature ``codes`` (and of ``countries`` only, if given)."""
        chosen, params = list(codes), []
        where = f"p.feature_code IN ({','.join('?' * len(chosen))})"
        if countries is not None:
            params = list(countries)
            where += f" AND p.country IN ({','.join('?' * len(params))})"
        rows = self.db.execute(
            f"SELECT s.place_id, s.wkb, s.source FROM shapes s JOIN places p ON p.id = s.place_id WHERE {where}",
            [*chosen, *params],
        )
        return [(int(pid), bytes(wkb), str(source)) for pid, wkb, source in rows]

    def count(self) -> int:
        """Number of places."""
        return int(self.db.execute("SELECT COUNT(*) FROM places").fetchone()[0])

    def skeletons_starting(self, first: str) -> list[str]:
        """Distinct ``skeleton`` keys that begin with the character ``first`` (a range scan of their index)."""
        rows = self.db.execute(
            "SELECT DISTINCT skeleton FROM names WHERE skeleton >= ? AND skeleton < ?", (first, chr(ord(first) + 1))
        )
        return [str(key) for (key,) in rows]

    def language_counts(self, ids: Iterable[int]) -> dict[int, int]:
        """How many languages or scripts name each place; places without names are left out.

        The count is the larger of the distinct languages of its names (codes,
        links and abbreviations left out) and their distinct scripts, read from
        a ``places.languages`` column where the build wrote one.
        """
        if "languages" in self._columns_of_places():
            select = "SELECT id, languages FROM places WHERE id IN ({})"
        else:
            select = f"SELECT place_id, {_LANGUAGE_COUNT} FROM names WHERE place_id IN ({{}}) GROUP BY place_id"
        found: dict[int, int] = {}
        for chunk in _chunks(ids):
            rows = self.db.execute(select.format(",".join("?" * len(chunk))), chunk)
            found.update((int(pid), int(count)) for pid, count in rows)
        return found

    def _columns_of_places(self) -> frozenset[str]:
        columns: frozenset[str] | None = getattr(self, "_place_columns", None)
        if columns is None:
            columns = frozenset(str(row[1]) for row in self.db.execute("PRAGMA table_info(places)"))
            self._place_columns = columns
        return columns


def _name(row: tuple[Any, ...]) -> Name:
    """The name of a row of ``_NAME_COLUMNS`` (text columns as they are; the flags, integers, as booleans)."""
    text, lang, script, preferred, short, colloquial, historic, start, end, source = row
    return Name(
        text=text,
        lang=lang,
        script=script,
        preferred=preferred == 1,
        short=short == 1,
        colloquial=colloquial == 1,
        historic=historic == 1,
        start=start,
        end=end,
        source=source,
    )


def _place(row: tuple[Any, ...], names: tuple[Name, ...]) -> Place:
    """The place of a row of ``_PLACE_COLUMNS`` (their types are the schema's: no conversion needed)."""
    (pid, name, lon, lat, fclass, fcode, country, admin1, admin1_name, pop, source, url, radius, *more) = row
    admin2, parent_id, admin_type, point_source, start, end = more
    return Place(
        id=pid,
        name=name,
        point=Point(lon, lat),
        feature_class=fclass,
        feature_code=fcode,
        country=country,
        admin1=admin1,
        admin1_name=admin1_name,
        population=pop,
        names=names,
        source=source,
        source_url=url,
        radius_km=radius,
        admin2=admin2,
        parent_id=parent_id,
        admin_type=admin_type,
        point_source=point_source,
        start=start,
        end=end,
    )
