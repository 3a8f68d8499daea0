"""The embedded store backend: documents, mentions and events in one SQLite file.

A document is written with all its mentions and events in one transaction, so
a killed process leaves either the whole document or nothing.  Ids and pages
are checked before they reach SQL (SQLite holds 64-bit integers only); events
are checked whole, since a stored event must always be drawable.  The reads
and writes are the backends' common ones (``reads``, ``writes``) over this
backend's row modules; ``Database`` gives the connection and transactions.
"""

from __future__ import annotations

from gazetteer.store import document_table, event_table, key_table, map_table
from gazetteer.store.correction_rows import CorrectionRows
from gazetteer.store.database import Database
from gazetteer.store.writes import StoreWrites

_CORRECTIONS = CorrectionRows("?", document_table.insert_mentions)


class SqliteStore(Database, StoreWrites):
    """Documents, mentions and events kept in an SQLite file (WAL, transactions)."""

    _rows = document_table
    _events = event_table
    _keys = key_table
    _maps = map_table
    _corrections = _CORRECTIONS

    def __enter__(self) -> SqliteStore:
        return self
