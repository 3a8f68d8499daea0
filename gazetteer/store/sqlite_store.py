"""The embedded store backend: documents, mentions and events in one SQLite file.

A document is written with all its mentions and events in one transaction, so
a killed process leaves either the whole document or nothing.  Ids and pages
are checked before they reach SQL (SQLite holds 64-bit integers only); events
are checked whole, since a stored event must always be drawable.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace

from gazetteer.api_keys import ApiKey
from gazetteer.documents import Document, Event, NewDocument
from gazetteer.errors import InvalidInput, NotFound
from gazetteer.idempotency import IdempotencyKey, Ingested, reused
from gazetteer.limits import check_event, check_id, check_page
from gazetteer.store import document_table as docs
from gazetteer.store import event_table as events
from gazetteer.store import key_table as key_rows
from gazetteer.store import map_table
from gazetteer.store.correction_rows import CorrectionRows, CorrectionWrites
from gazetteer.store.database import Database
from gazetteer.store.reads import StoreReads

_CORRECTIONS = CorrectionRows("?", docs.insert_mentions)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SqliteStore(Database, StoreReads, CorrectionWrites):
    """Documents, mentions and events kept in an SQLite file (WAL, transactions)."""

    _rows = docs
    _maps = map_table
    _corrections = _CORRECTIONS

    def __enter__(self) -> SqliteStore:
        return self

    def add_document(self, new: NewDocument) -> Document:
        """Store a document, its mentions and events in one transaction."""
        with self.transaction() as db:
            return self._insert(db, new)

    def add_keyed_document(self, new: NewDocument, key: IdempotencyKey) -> Ingested:
        """Store a document with its idempotency key in one transaction, or give the one stored under the key."""
        with self.transaction() as db:
            earlier = self._keyed(db, key)
            if earlier is not None:
                return Ingested(earlier, replayed=True)
            document = self._insert(db, new)
            docs.insert_key(db, key.key, key.fingerprint, document.id, document.created)
        return Ingested(document, replayed=False)

    def keyed_document(self, key: IdempotencyKey) -> Document | None:
        """The document stored under the key, ``None`` for a new key; ``KeyReused`` for another request's key."""
        with self.reading() as db:
            return self._keyed(db, key)

    @staticmethod
    def _insert(db: sqlite3.Connection, new: NewDocument) -> Document:
        document = docs.insert_document(db, new.text, new.title, new.date, new.source, _now())
        docs.insert_mentions(db, (replace(m, document_id=document.id) for m in new.mentions))
        _CORRECTIONS.keep_originals(db, (replace(m, document_id=document.id) for m in new.originals))
        for event in new.events:
            events.insert_event(db, replace(event, document_id=document.id))
        if new.page is not None:
            docs.insert_page(db, replace(new.page, document_id=document.id))
        return document

    @staticmethod
    def _keyed(db: sqlite3.Connection, key: IdempotencyKey) -> Document | None:
        found = docs.find_key(db, key.key)
        if found is None:
            return None
        if found[0] != key.fingerprint:
            raise reused(key.key)
        return docs.get_document(db, found[1])

    def add_event(self, event: Event) -> Event:
        """Store a new event; its document, when given, must exist."""
        with self.transaction() as db:
            self._check_source(db, event)
            return events.insert_event(db, event)

    def update_event(self, event: Event) -> Event:
        """Replace event ``event.id``; ``NotFound`` when there is none."""
        with self.transaction() as db:
            self._check_source(db, event)
            if not events.update_event(db, event):
                raise NotFound(f"no event with id {event.id}")
        return event

    def delete_event(self, event_id: int) -> None:
        """Delete an event; ``NotFound`` when there is none."""
        check_id(event_id, "event id")
        with self.transaction() as db:
            if not events.delete_event(db, event_id):
                raise NotFound(f"no event with id {event_id}")

    def event(self, event_id: int) -> Event:
        """The event with that id; ``NotFound`` otherwise."""
        check_id(event_id, "event id")
        with self.reading() as db:
            found = events.get_event(db, event_id)
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
            return events.list_events(db, proposed=proposed, document_id=document_id, limit=limit, offset=offset)

    def add_key(self, key: ApiKey) -> ApiKey:
        """Store a new API key, stamped with the time; ``InvalidInput`` when a key of that name exists."""
        stamped = replace(key, created=key.created or _now())
        with self.transaction() as db:
            if not key_rows.insert_key(db, stamped):
                raise InvalidInput(f"a key named {key.name!r} exists; revoke it first")
        return stamped

    def key_by_digest(self, digest: str) -> ApiKey | None:
        """The API key whose secret has that digest, or ``None``."""
        with self.reading() as db:
            return key_rows.key_by_digest(db, digest)

    def api_keys(self) -> list[ApiKey]:
        """Every API key, by name."""
        with self.reading() as db:
            return key_rows.list_keys(db)

    def revoke_key(self, name: str) -> None:
        """Delete an API key; ``NotFound`` when there is none of that name."""
        with self.transaction() as db:
            if not key_rows.delete_key(db, name):
                raise NotFound(f"no key named {name!r}")

    def _check_source(self, db: sqlite3.Connection, event: Event) -> None:
        check_event(event)
        if event.id:
            check_id(event.id, "event id")
        if event.document_id is not None:
            self._require_document(db, event.document_id)
