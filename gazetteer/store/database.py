"""A locked SQLite connection with explicit write transactions.

One connection is shared by the threads of a process behind a lock; SQLite's
WAL mode lets other processes read while it writes.  SQLite errors surface as
``DataError``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from gazetteer.errors import DataError
from gazetteer.store.schema import connect

GENERATION = "generation"
"""The ``meta`` key of the count of write transactions that changed the store."""
_NEXT_GENERATION = (
    f"INSERT INTO meta (key, value) VALUES ('{GENERATION}', '1') "
    "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
)


class Database:
    """The store's file, opened (and created when missing) in WAL mode."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.db = connect(self.path)
        self._lock = threading.RLock()

    def close(self) -> None:
        """Close the connection; committed data stays in the file."""
        with self._lock:
            self.db.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed when the block ends, rolled back on any error.  One that changed
        anything moves the store's generation on (``generation``)."""
        with self._lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
                before = self.db.total_changes
                try:
                    yield self.db
                    if self.db.total_changes != before:
                        self.db.execute(_NEXT_GENERATION)
                except BaseException:
                    self.db.execute("ROLLBACK")
                    raise
                self.db.execute("COMMIT")
            except sqlite3.Error as error:
                raise DataError(f"document store error: {error}") from error

    def generation(self) -> str:
        """The count of write transactions that changed the store, by any process: maps cached under it
        stay right, and every process (and every worker) gives the same one."""
        with self.reading() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (GENERATION,)).fetchone()
        return str(row[0]) if row else "0"

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, for reads, under the lock."""
        with self._lock:
            try:
                yield self.db
            except sqlite3.Error as error:
                raise DataError(f"document store error: {error}") from error
