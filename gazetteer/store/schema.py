"""The store's SQLite schema and how a connection to it is opened.

The file runs in WAL mode with full sync, so readers never block the writer
and a committed document survives a killed process; writes go through
explicit transactions (``BEGIN IMMEDIATE`` ... ``COMMIT``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gazetteer.errors import DataError

SCHEMA_VERSION = "1"

_MENTION_COLUMNS = """\
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    surface TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    place_name TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    feature_code TEXT NOT NULL,
    country TEXT NOT NULL,
    confidence REAL NOT NULL,
    snippet TEXT NOT NULL,
    snippet_start INTEGER NOT NULL,
    PRIMARY KEY (document_id, n)
"""
"""The columns of a stored mention: of ``mentions``, and of ``mention_originals`` (mentions as parsed)."""

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    source TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
{_MENTION_COLUMNS});
CREATE INDEX IF NOT EXISTS mentions_place ON mentions(place_id, document_id, n);
CREATE INDEX IF NOT EXISTS mentions_box ON mentions(lon, lat, place_id, document_id);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
CREATE TABLE IF NOT EXISTS api_keys (
    name TEXT PRIMARY KEY,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    digest TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    radius_km REAL NOT NULL,
    place_id INTEGER,
    place_name TEXT NOT NULL,
    document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    mention_n INTEGER,
    proposed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_document ON events(document_id);
CREATE INDEX IF NOT EXISTS events_proposed ON events(proposed, date);
CREATE INDEX IF NOT EXISTS mentions_surface ON mentions(surface);
CREATE TABLE IF NOT EXISTS pages (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    html TEXT NOT NULL,
    url TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    surface TEXT NOT NULL,
    folded TEXT NOT NULL,
    place_id INTEGER,
    place_name TEXT NOT NULL,
    old_place_id INTEGER,
    old_place_name TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('mention', 'document', 'region')),
    document_id INTEGER,
    mention_n INTEGER,
    mention_start INTEGER,
    text_digest TEXT NOT NULL,
    region_id INTEGER,
    region_name TEXT NOT NULL,
    author TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_folded ON corrections(folded);
CREATE TABLE IF NOT EXISTS mention_originals (
{_MENTION_COLUMNS});
"""


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the store at ``path``, created (with its folder) when missing."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA busy_timeout=10000")
        _create(db)
    except (sqlite3.DatabaseError, OSError) as error:
        raise DataError(f"cannot open the document store {path}: {error}") from error
    return db


def _create(db: sqlite3.Connection) -> None:
    version = _version(db)
    if version not in (None, SCHEMA_VERSION):
        raise DataError(f"store schema {version}, expected {SCHEMA_VERSION}")
    db.executescript("BEGIN IMMEDIATE;" + _SCHEMA)  # every statement IF NOT EXISTS: older stores gain new tables
    if version is None:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    db.execute("COMMIT")


def _version(db: sqlite3.Connection) -> str | None:
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
        return None
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return str(row[0]) if row else None
