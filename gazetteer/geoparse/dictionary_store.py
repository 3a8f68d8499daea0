"""The spotting dictionary as an SQLite file of its own, looked up by the names a text uses.

Opening the file reads its per-key and per-place arrays (a few MB); phrases
and keys' candidates are read on first use, a text's new ones together, and
remembered by the ``SpotDictionary`` (or its users), so a process holds only the names its texts use.  The
file is data only: opening it runs no code.  Tables:

``meta(key, value)``
    ``format``; ``digest`` of everything the dictionary depends on (checked
    against the caller's, see ``dictionary_cache``); ``keys`` and ``places``
    (counts); ``machine`` (byte order and word size of the arrays);
    ``country_codes`` (comma-separated, indexed by the ``country`` column);
    ``facts`` (what the digest covers, readable).
``phrases(phrase, key, follow)``
    Every key and every leading part of a longer key: its key id (-1 when it
    is no name) and the words that may follow it, space-separated (``NULL``
    for none).
``candidates(key, places)``
    Per key id, its candidate place rows, best known first, packed as
    unsigned 32-bit integers ``row * 2 + is_main``.
``columns(name, typecode, data)``
    Whole ``array`` columns in machine order: ``flags`` and ``best`` by key
    id; ``ids``, ``lon``, ``lat``, ``prominence`` and ``country`` by place row.
``countries(phrase, key)``
    Keys of country and continent main names (targets for misspellings).
"""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
import threading
from array import array
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from gazetteer.errors import DataError
from gazetteer.geoparse.name_dictionary import NO_PHRASE, MemoryNames, Phrase, PlaceTable, SpotDictionary
from gazetteer.index import batched

FORMAT = "spotter-sqlite-1"
"""Version of the layout above; a file of another version is stale."""
MACHINE = f"{sys.byteorder} I{array('I').itemsize} q{array('q').itemsize}"
"""Byte order and word sizes of the stored arrays; a file from another machine is stale."""
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE phrases (phrase TEXT PRIMARY KEY, key INTEGER NOT NULL, follow TEXT) WITHOUT ROWID;
CREATE TABLE candidates (key INTEGER PRIMARY KEY, places BLOB NOT NULL);
CREATE TABLE columns (name TEXT PRIMARY KEY, typecode TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE countries (phrase TEXT PRIMARY KEY, key INTEGER NOT NULL);
"""
_KEY_COLUMNS = ("flags", "best")
_CHUNK = 500
"""Values per ``IN (...)`` list (SQLite's limit on parameters is far above it)."""
_PLACE_COLUMNS = ("ids", "lon", "lat", "prominence", "country")


class StaleStore(DataError):
    """The file was made by other code, word lists or index: it must be rebuilt."""


class DamagedStore(DataError):
    """The file is no dictionary file, or not a whole one: it must be rebuilt."""


class StoredNames:
    """A ``NameSource`` that reads the tables of a dictionary file."""

    __slots__ = ("_lock", "db", "path")

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        """Read-only connection to the file (shared by threads, one query at a time)."""
        self.path = path
        """The file, for messages."""
        self._lock = threading.Lock()

    def phrases(self, phrases: Collection[str]) -> dict[str, Phrase]:
        """What is known of each folded phrase (``NO_PHRASE`` for nothing)."""
        found = dict.fromkeys(phrases, NO_PHRASE)
        for phrase, key, follow in self._rows("SELECT phrase, key, follow FROM phrases WHERE phrase IN ({})", found):
            found[phrase] = _phrase(key, follow)
        return found

    def candidates(self, keys: Collection[int]) -> dict[int, list[tuple[int, bool]]]:
        """(place row, is main name) of each key, best known first."""
        found = {}
        for key, places in self._rows("SELECT key, places FROM candidates WHERE key IN ({})", keys):
            if not isinstance(places, bytes):
                raise self._damaged(f"the candidates of key {key} are no array")
            packed = array("I")
            packed.frombytes(places)
            found[key] = [(value >> 1, bool(value & 1)) for value in packed]
        missing = [key for key in keys if key not in found]
        if missing:
            raise self._damaged(f"no candidates for key {missing[0]}")
        return found

    def countries(self) -> dict[str, int]:
        """Keys of country and continent main names -> key ids."""
        try:
            with self._lock:
                return dict(self.db.execute("SELECT phrase, key FROM countries"))
        except sqlite3.DatabaseError as error:
            raise self._damaged(error) from error

    def _rows(self, sql: str, values: Collection[object]) -> list[Any]:
        """The rows of ``sql`` whose ``IN ({})`` list is ``values`` (read in chunks; one value, the usual
        case, by a statement made once)."""
        try:
            with self._lock:
                if len(values) == 1:
                    return self.db.execute(_single(sql), tuple(values)).fetchall()
                rows: list[Any] = []
                for chunk in batched(values, _CHUNK):
                    rows += self.db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
                return rows
        except sqlite3.DatabaseError as error:
            raise self._damaged(error) from error

    def _damaged(self, reason: object) -> DataError:
        return DataError(f"spotting dictionary {self.path} is damaged ({reason}); delete it to rebuild")


@functools.cache
def _single(sql: str) -> str:
    """``sql`` with its ``IN ({})`` list made for one value."""
    return sql.format("?")


def _phrase(key: int, follow: str | None) -> Phrase:
    return Phrase(key, frozenset(follow.split(" ")) if follow else None)


def open_store(path: Path, digest: str) -> SpotDictionary:
    """The dictionary of the file at ``path``; ``StaleStore`` unless it was made for ``digest``,
    ``DamagedStore`` when it is unreadable or incomplete."""
    try:
        db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error as error:
        raise DamagedStore(f"{path}: {error}") from error
    try:
        return _read(db, path, digest)
    except (StaleStore, DamagedStore):
        db.close()
        raise
    except (sqlite3.DatabaseError, OSError, KeyError, ValueError, IndexError) as error:
        db.close()
        raise DamagedStore(f"{path}: {error}") from error


def _read(db: sqlite3.Connection, path: Path, digest: str) -> SpotDictionary:
    meta = dict(db.execute("SELECT key, value FROM meta"))
    if (meta.get("format"), meta.get("machine"), meta.get("digest")) != (FORMAT, MACHINE, digest):
        raise StaleStore(f"{path} was made by other code, word lists or index")
    page_size, pages = (db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_size", "page_count"))
    if page_size * pages != os.path.getsize(path):
        raise DamagedStore(f"{path} is not whole ({os.path.getsize(path)} bytes, {pages} pages)")
    columns = dict(_columns(db))
    keys, rows = int(meta["keys"]), int(meta["places"])
    for name in (*_KEY_COLUMNS, *_PLACE_COLUMNS):
        if len(columns[name]) != (keys if name in _KEY_COLUMNS else rows):
            raise DamagedStore(f"{path}: column {name} has {len(columns[name])} entries")
    codes = meta["country_codes"].split(",")
    places = PlaceTable(
        columns["ids"], columns["lon"], columns["lat"], columns["prominence"], [codes[i] for i in columns["country"]]
    )
    return SpotDictionary(columns["flags"], columns["best"], places, StoredNames(db, path))


def _columns(db: sqlite3.Connection) -> Iterator[tuple[str, array[Any]]]:
    for name, typecode, data in db.execute("SELECT name, typecode, data FROM columns"):
        column = array(typecode)
        column.frombytes(data)
        yield name, column


def write_store(names: MemoryNames, path: Path, digest: str, facts: str = "") -> None:
    """Write the dictionary ``names`` to ``path`` for ``digest``, all at once (by a temporary file)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(temporary)
        try:
            _fill(db, names, digest, facts)
        finally:
            db.close()
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _fill(db: sqlite3.Connection, names: MemoryNames, digest: str, facts: str) -> None:
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(_SCHEMA)
    codes = sorted(set(names.places.country))
    with db:
        db.executemany("INSERT INTO phrases VALUES (?, ?, ?)", _phrase_rows(names))
        db.executemany("INSERT INTO candidates VALUES (?, ?)", _candidate_rows(names))
        db.executemany("INSERT INTO columns VALUES (?, ?, ?)", _column_rows(names, codes))
        db.executemany("INSERT INTO countries VALUES (?, ?)", sorted(names.country_keys.items()))
        meta = {
            "format": FORMAT,
            "machine": MACHINE,
            "digest": digest,
            "facts": facts,
            "keys": str(len(names.flags)),
            "places": str(len(names.places.ids)),
            "country_codes": ",".join(codes),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


def _phrase_rows(names: MemoryNames) -> Iterator[tuple[str, int, str | None]]:
    keys, followers = names.keys, names.followers
    for phrase in sorted(keys.keys() | followers.keys()):
        follow = followers.get(phrase)
        yield phrase, keys.get(phrase, -1), " ".join(sorted(follow)) if follow else None


def _candidate_rows(names: MemoryNames) -> Iterator[tuple[int, bytes]]:
    offsets, rows, main = names.offsets, names.rows, names.main
    for key in range(len(offsets) - 1):
        lo, hi = offsets[key], offsets[key + 1]
        yield key, array("I", [rows[i] * 2 + main[i] for i in range(lo, hi)]).tobytes()


def _column_rows(names: MemoryNames, codes: list[str]) -> Iterator[tuple[str, str, bytes]]:
    places = names.places
    index = {code: n for n, code in enumerate(codes)}
    columns: list[tuple[str, array[Any]]] = [
        ("flags", names.flags),
        ("best", names.best),
        ("ids", places.ids),
        ("lon", places.lon),
        ("lat", places.lat),
        ("prominence", places.prominence),
        ("country", array("H", [index[code] for code in places.country])),
    ]
    for name, column in columns:
        yield name, column.typecode, column.tobytes()
