"""The document store: one interface (``DocumentStore``), backends chosen by ``open_store``.

SQLite is the embedded default: ``open_store(path)`` opens (or creates) the
file.  A second backend implements ``store.base.DocumentStore`` and is chosen
here by the form of the target, so that no caller changes.
"""

from __future__ import annotations

from pathlib import Path

from gazetteer.store.base import DocumentStore, MentionedPlace
from gazetteer.store.sqlite_store import SqliteStore

__all__ = ["DocumentStore", "MentionedPlace", "SqliteStore", "open_store"]


def open_store(target: Path | str) -> DocumentStore:
    """The store at ``target``: an SQLite file path (created when missing)."""
    return SqliteStore(Path(target))
