"""The server store backend: documents, mentions and events in PostgreSQL + PostGIS, shared by instances.

Chosen by ``open_store`` for a ``postgresql://`` URL.  Migrations are applied
on open.  Every write is one transaction that also counts the store's
generation when it wrote, so maps rendered by any instance know when to draw again; an
ingest under an idempotency key holds an advisory lock on that key from its
check to its commit, so two instances racing with the same key store one
document.  A process keeps one connection, shared by its threads behind a
lock, and opens it again when the server dropped it.  Errors name the store
without its password and the failure by its SQLSTATE only: no server path or
secret reaches a message.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from urllib.parse import urlsplit

import psycopg

from gazetteer.errors import DataError
from gazetteer.idempotency import IdempotencyKey
from gazetteer.store import postgres_map as maps
from gazetteer.store import postgres_rows as rows
from gazetteer.store.correction_rows import CorrectionRows
from gazetteer.store.postgres_rows import Connection
from gazetteer.store.postgres_schema import migrate
from gazetteer.store.writes import StoreWrites

CONNECT_TIMEOUT_S = 10
"""Seconds to wait for the server when connecting."""
KEY_LOCK_CLASS = 7412
"""Advisory lock class of idempotency keys (the key's hash is the lock's id)."""
_CORRECTIONS = CorrectionRows("%s", rows.insert_mentions)


def store_name(url: str) -> str:
    """The store's URL as errors show it: user, host, port and database, never the password or options.

    >>> store_name("postgresql://analyst:s3cret@db.example:5433/news?sslmode=require")
    'postgresql://analyst@db.example:5433/news'
    """
    try:
        parts = urlsplit(url)
        user = f"{parts.username}@" if parts.username else ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{user}{parts.hostname or ''}{port}{parts.path}"
    except ValueError:
        return "a postgresql:// URL that does not parse"


def _reason(error: psycopg.Error) -> str:
    """What failed, by its SQLSTATE name: server messages can quote paths on the server."""
    if error.sqlstate is None:
        return "the server cannot be reached, or refused the login"
    return f"{type(error).__name__} (SQLSTATE {error.sqlstate})"


class PostgresStore(StoreWrites):
    """Documents, mentions and events kept in a PostgreSQL + PostGIS database."""

    _rows = rows
    _events = rows
    _keys = rows
    _maps = maps
    _corrections = _CORRECTIONS

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = store_name(url)
        """The store as messages name it (no password)."""
        self._lock = threading.RLock()
        self._closed = False
        self._db = self._connect()

    def _connect(self) -> Connection:
        try:
            db = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as error:
            raise DataError(f"cannot open the document store {self.name}: {_reason(error)}") from None
        try:
            migrate(db)
        except psycopg.Error as error:
            db.close()
            raise DataError(f"cannot migrate the document store {self.name}: {_reason(error)}") from None
        return db

    def close(self) -> None:
        """Close the connection; committed data stays in the database."""
        with self._lock:
            self._closed = True
            self._db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _session(self) -> Iterator[Connection]:
        """The connection, under the lock, opened again if the server dropped it; errors as ``DataError``."""
        with self._lock:
            if self._closed:
                raise DataError(f"the document store {self.name} is closed")
            if self._db.closed or self._db.broken:
                self._db = self._connect()
            try:
                yield self._db
            except psycopg.Error as error:
                raise DataError(f"document store error: {_reason(error)}") from None

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """The connection, for reads."""
        with self._session() as db:
            yield db

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction, rolled back on any error, committed with the store's generation counted when it
        wrote anything (a transaction has an id once it writes)."""
        with self._session() as db, db.transaction():
            yield db
            db.execute("UPDATE store_generation SET n = n + 1 WHERE pg_current_xact_id_if_assigned() IS NOT NULL")

    def _hold(self, db: Connection, key: IdempotencyKey) -> None:
        """An advisory lock on the key until the transaction ends: instances racing with one key store one
        document."""
        db.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (KEY_LOCK_CLASS, key.key))

    def generation(self) -> str:
        """A token that changes whenever anything is committed to the store, by this process or another."""
        with self.reading() as db:
            row = db.execute("SELECT epoch, n FROM store_generation").fetchone()
        return f"{row[0]}.{row[1]}" if row else ""
