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

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from types import TracebackType
from urllib.parse import urlsplit

import psycopg

from gazetteer.api_keys import ApiKey
from gazetteer.documents import Document, Event, NewDocument
from gazetteer.errors import DataError, InvalidInput, NotFound
from gazetteer.idempotency import IdempotencyKey, Ingested, reused
from gazetteer.limits import check_event, check_id, check_page
from gazetteer.store import postgres_map as maps
from gazetteer.store import postgres_rows as rows
from gazetteer.store.correction_rows import CorrectionRows, CorrectionWrites
from gazetteer.store.postgres_rows import Connection
from gazetteer.store.postgres_schema import migrate
from gazetteer.store.reads import StoreReads

CONNECT_TIMEOUT_S = 10
"""Seconds to wait for the server when connecting."""
KEY_LOCK_CLASS = 7412
"""Advisory lock class of idempotency keys (the key's hash is the lock's id)."""
_CORRECTIONS = CorrectionRows("%s", rows.insert_mentions)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


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


class PostgresStore(StoreReads, CorrectionWrites):
    """Documents, mentions and events kept in a PostgreSQL + PostGIS database."""

    _rows = rows
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

    def add_document(self, new: NewDocument) -> Document:
        """Store a document, its mentions and events in one transaction."""
        with self.transaction() as db:
            return self._insert(db, new)

    def add_keyed_document(self, new: NewDocument, key: IdempotencyKey) -> Ingested:
        """Store a document with its idempotency key in one transaction, or give the one stored under the key."""
        with self.transaction() as db:
            db.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (KEY_LOCK_CLASS, key.key))
            earlier = self._keyed(db, key)
            if earlier is not None:
                return Ingested(earlier, replayed=True)
            document = self._insert(db, new)
            rows.insert_idempotency_key(db, key.key, key.fingerprint, document.id, document.created)
        return Ingested(document, replayed=False)

    def keyed_document(self, key: IdempotencyKey) -> Document | None:
        """The document stored under the key, ``None`` for a new key; ``KeyReused`` for another request's key."""
        with self.reading() as db:
            return self._keyed(db, key)

    @staticmethod
    def _insert(db: Connection, new: NewDocument) -> Document:
        document = rows.insert_document(db, new.text, new.title, new.date, new.source, _now())
        rows.insert_mentions(db, (replace(m, document_id=document.id) for m in new.mentions))
        _CORRECTIONS.keep_originals(db, (replace(m, document_id=document.id) for m in new.originals))
        for event in new.events:
            rows.insert_event(db, replace(event, document_id=document.id))
        if new.page is not None:
            rows.insert_page(db, replace(new.page, document_id=document.id))
        return document

    @staticmethod
    def _keyed(db: Connection, key: IdempotencyKey) -> Document | None:
        found = rows.find_idempotency_key(db, key.key)
        if found is None:
            return None
        if found[0] != key.fingerprint:
            raise reused(key.key)
        return rows.get_document(db, found[1])

    def generation(self) -> str:
        """A token that changes whenever anything is committed to the store, by this process or another."""
        with self.reading() as db:
            row = db.execute("SELECT epoch, n FROM store_generation").fetchone()
        return f"{row[0]}.{row[1]}" if row else ""

    def add_event(self, event: Event) -> Event:
        """Store a new event; its document, when given, must exist."""
        with self.transaction() as db:
            self._check_source(db, event)
            return rows.insert_event(db, event)

    def update_event(self, event: Event) -> Event:
        """Replace event ``event.id``; ``NotFound`` when there is none."""
        with self.transaction() as db:
            self._check_source(db, event)
            if not rows.update_event(db, event):
                raise NotFound(f"no event with id {event.id}")
        return event

    def delete_event(self, event_id: int) -> None:
        """Delete an event; ``NotFound`` when there is none."""
        check_id(event_id, "event id")
        with self.transaction() as db:
            if not rows.delete_event(db, event_id):
                raise NotFound(f"no event with id {event_id}")

    def event(self, event_id: int) -> Event:
        """The event with that id; ``NotFound`` otherwise."""
        check_id(event_id, "event id")
        with self.reading() as db:
            found = rows.get_event(db, event_id)
        if found is None:
            raise NotFound(f"no event with id {event_id}")
        return found

    def events(
        self, *, proposed: bool | None = None, document_id: int | None = None, limit: int = 100, offset: int = 0
    ) -> list[Event]:
        """Events by date, filtered by proposal state and document."""
        limit, offset = check_page(limit, offset)
        if document_id is not None:
            check_id(document_id, "document id")
        with self.reading() as db:
            if document_id is not None:
                self._require_document(db, document_id)
            return rows.list_events(db, proposed=proposed, document_id=document_id, limit=limit, offset=offset)

    def add_key(self, key: ApiKey) -> ApiKey:
        """Store a new API key, stamped with the time; ``InvalidInput`` when a key of that name exists."""
        stamped = replace(key, created=key.created or _now())
        with self.transaction() as db:
            if not rows.insert_api_key(db, stamped):
                raise InvalidInput(f"a key named {key.name!r} exists; revoke it first")
        return stamped

    def key_by_digest(self, digest: str) -> ApiKey | None:
        """The API key whose secret has that digest, or ``None``."""
        with self.reading() as db:
            return rows.api_key_by_digest(db, digest)

    def api_keys(self) -> list[ApiKey]:
        """Every API key, by name."""
        with self.reading() as db:
            return rows.list_api_keys(db)

    def revoke_key(self, name: str) -> None:
        """Delete an API key; ``NotFound`` when there is none of that name."""
        with self.transaction() as db:
            if not rows.delete_api_key(db, name):
                raise NotFound(f"no key named {name!r}")

    def _check_source(self, db: Connection, event: Event) -> None:
        check_event(event)
        if event.id:
            check_id(event.id, "event id")
        if event.document_id is not None:
            self._require_document(db, event.document_id)
