"""The writing half of the store interface, the same for every backend.

Each write runs in one of the backend's write transactions
(``transaction()``), through its row modules (see ``reads``): ``_rows`` for
documents, mentions, pages and idempotency keys, ``_events`` for events,
``_keys`` for API keys; corrections and the changes they make to mentions and
their proposed events go through ``_corrections``.  Arguments are checked before they reach SQL, and a
missing row is ``NotFound``.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any

from gazetteer.api_keys import ApiKey
from gazetteer.corrections import Correction, MentionChanges
from gazetteer.dates import now_utc
from gazetteer.documents import Document, Event, NewDocument
from gazetteer.errors import InvalidInput, NotFound
from gazetteer.idempotency import IdempotencyKey, Ingested, reused
from gazetteer.limits import check_event, check_id
from gazetteer.store.reads import StoreReads


class StoreWrites(StoreReads):
    """Writes of documents, events and API keys, over a backend's row modules."""

    def transaction(self) -> AbstractContextManager[Any]:
        """The backend's write transaction."""
        raise NotImplementedError

    def _hold(self, db: Any, key: IdempotencyKey) -> None:
        """Hold ``key`` until the transaction ends, where the transaction alone does not keep two writers of
        one key apart (nothing to do by default)."""

    def add_document(self, new: NewDocument) -> Document:
        """Store a document, its mentions and events in one transaction."""
        with self.transaction() as db:
            return self._insert(db, new)

    def add_keyed_document(self, new: NewDocument, key: IdempotencyKey) -> Ingested:
        """Store a document with its idempotency key in one transaction, or give the one stored under the key."""
        with self.transaction() as db:
            self._hold(db, key)
            earlier = self._keyed(db, key)
            if earlier is not None:
                return Ingested(earlier, replayed=True)
            document = self._insert(db, new)
            self._rows.insert_idempotency_key(db, key.key, key.fingerprint, document.id, document.created)
        return Ingested(document, replayed=False)

    def keyed_document(self, key: IdempotencyKey) -> Document | None:
        """The document stored under the key, ``None`` for a new key; ``KeyReused`` for another request's key."""
        with self.reading() as db:
            return self._keyed(db, key)

    def _insert(self, db: Any, new: NewDocument) -> Document:
        document: Document = self._rows.insert_document(db, new.text, new.title, new.date, new.source, now_utc())
        self._rows.insert_mentions(db, (replace(m, document_id=document.id) for m in new.mentions))
        self._corrections.keep_originals(db, (replace(m, document_id=document.id) for m in new.originals))
        for event in new.events:
            self._events.insert_event(db, replace(event, document_id=document.id))
        if new.page is not None:
            self._rows.insert_page(db, replace(new.page, document_id=document.id))
        return document

    def _keyed(self, db: Any, key: IdempotencyKey) -> Document | None:
        found = self._rows.find_idempotency_key(db, key.key)
        if found is None:
            return None
        if found[0] != key.fingerprint:
            raise reused(key.key)
        document: Document | None = self._rows.get_document(db, found[1])
        return document

    def add_event(self, event: Event) -> Event:
        """Store a new event; its document, when given, must exist."""
        with self.transaction() as db:
            self._check_source(db, event)
            stored: Event = self._events.insert_event(db, event)
        return stored

    def update_event(self, event: Event) -> Event:
        """Replace event ``event.id``; ``NotFound`` when there is none."""
        with self.transaction() as db:
            self._check_source(db, event)
            if not self._events.update_event(db, event):
                raise NotFound(f"no event with id {event.id}")
        return event

    def delete_event(self, event_id: int) -> None:
        """Delete an event; ``NotFound`` when there is none."""
        check_id(event_id, "event id")
        with self.transaction() as db:
            if not self._events.delete_event(db, event_id):
                raise NotFound(f"no event with id {event_id}")

    def add_key(self, key: ApiKey) -> ApiKey:
        """Store a new API key, stamped with the time; ``InvalidInput`` when a key of that name exists."""
        stamped = replace(key, created=key.created or now_utc())
        with self.transaction() as db:
            if not self._keys.insert_api_key(db, stamped):
                raise InvalidInput(f"a key named {key.name!r} exists; revoke it first")
        return stamped

    def revoke_key(self, name: str) -> None:
        """Delete an API key; ``NotFound`` when there is none of that name."""
        with self.transaction() as db:
            if not self._keys.delete_api_key(db, name):
                raise NotFound(f"no key named {name!r}")

    def _check_source(self, db: Any, event: Event) -> None:
        check_event(event)
        if event.id:
            check_id(event.id, "event id")
        if event.document_id is not None:
            self._require_document(db, event.document_id)

    def add_correction(self, correction: Correction, changes: MentionChanges) -> Correction:
        """Store a correction and carry out its changes to stored mentions and their proposed events, in one
        transaction."""
        with self.transaction() as db:
            correction_id = self._corrections.insert(db, correction)
            self._apply(db, changes)
        return replace(correction, id=correction_id)

    def _apply(self, db: Any, changes: MentionChanges) -> None:
        self._corrections.apply(db, changes)
        for event in changes.events:
            if event.id:
                self._events.update_event(db, event)
            else:
                self._events.insert_event(db, event)
        for event_id in changes.dropped_events:
            self._events.delete_event(db, event_id)

    def delete_correction(self, correction_id: int, changes: MentionChanges) -> None:
        """Delete a correction and carry out the changes its undoing makes, in one transaction; ``NotFound``
        when there is none."""
        check_id(correction_id, "correction id")
        with self.transaction() as db:
            if not self._corrections.delete(db, correction_id):
                raise NotFound(f"no correction with id {correction_id}")
            self._apply(db, changes)
