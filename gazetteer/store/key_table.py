"""Rows of the ``api_keys`` table, to and from ``ApiKey`` records (parameterised SQL only)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from gazetteer.api_keys import ApiKey, Scope

_COLUMNS = "name, scope, digest, created"


def _key(row: Sequence[object]) -> ApiKey:
    name, scope, digest, created = row
    return ApiKey(str(name), Scope(str(scope)), str(digest), str(created))


def insert_api_key(db: sqlite3.Connection, key: ApiKey) -> bool:
    """Insert a key; false when one of that name (or digest) exists."""
    cursor = db.execute(
        f"INSERT OR IGNORE INTO api_keys ({_COLUMNS}) VALUES (?, ?, ?, ?)",
        (key.name, key.scope.value, key.digest, key.created),
    )
    return cursor.rowcount > 0


def api_key_by_digest(db: sqlite3.Connection, digest: str) -> ApiKey | None:
    """The key whose secret has that digest, or ``None``."""
    row = db.execute(f"SELECT {_COLUMNS} FROM api_keys WHERE digest = ?", (digest,)).fetchone()
    return _key(row) if row else None


def list_api_keys(db: sqlite3.Connection) -> list[ApiKey]:
    """Every key, by name."""
    return [_key(row) for row in db.execute(f"SELECT {_COLUMNS} FROM api_keys ORDER BY name")]


def delete_api_key(db: sqlite3.Connection, name: str) -> bool:
    """Delete a key; whether it existed."""
    return db.execute("DELETE FROM api_keys WHERE name = ?", (name,)).rowcount > 0
