"""The document store: one interface (``DocumentStore``), backends chosen by ``open_store``.

SQLite is the embedded default: ``open_store(path)`` opens (or creates) the
file.  A ``postgresql://`` URL opens the PostgreSQL + PostGIS backend
(``store.postgres_store``), migrating its schema; no caller changes.
"""

from __future__ import annotations

from pathlib import Path

from gazetteer.settings import is_store_url
from gazetteer.store.base import DocumentStore, MentionedPlace
from gazetteer.store.sqlite_store import SqliteStore

__all__ = ["DocumentStore", "MentionedPlace", "SqliteStore", "open_store"]


def open_store(target: Path | str) -> DocumentStore:
    """The store at ``target``: a ``postgresql://`` URL, else an SQLite file path (created when missing)."""
    if is_store_url(target):
        from gazetteer.store.postgres_store import PostgresStore

        return PostgresStore(str(target))
    return SqliteStore(Path(target))
