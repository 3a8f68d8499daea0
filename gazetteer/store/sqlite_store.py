"""The document store: documents, their mentions and events in one SQLite file.

A document is geoparsed first, then written with all its mentions and its
proposed events in one transaction, so a killed process leaves either the whole
document or nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from gazetteer import events as proposals
from gazetteer.documents import Document, Event, StoredMention
from gazetteer.errors import DataError, NotFound
from gazetteer.records import Mention
from gazetteer.store import document_table as docs
from gazetteer.store import event_table as events
from gazetteer.store.database import Database
from gazetteer.limits import (
    MAX_SOURCE,
    MAX_TITLE,
    check_date,
    check_event,
    check_field,
    check_id,
    check_page,
    check_text,
)
from gazetteer.sentences import Sentences

Parse = Callable[[str], list[Mention]]
"""A geoparser: text in, resolved mentions out."""


def _check_document(text: str, title: str, date: str, source: str) -> str:
    """Check a document's fields; its date in ISO form."""
    check_text(text)
    check_field(title, "title", MAX_TITLE)
    check_field(source, "source", MAX_SOURCE)
    return check_date(date)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store(Database):
    """Documents, mentions and events kept in an SQLite file (WAL, transactions)."""

    def __init__(self, path: Path, parse: Parse | None = None) -> None:
        super().__init__(path)
        self.parse = parse

    @classmethod
    def open(cls, path: Path, parse: Parse | None = None) -> Store:
        """The store at ``path``, created when missing."""
        return cls(path, parse)

    def __enter__(self) -> Store:
        return self

    def ingest(self, text: str, *, title: str = "", date: str = "", source: str = "") -> Document:
        """Geoparse ``text`` and store it with its mentions and proposed events, atomically."""
        date = _check_document(text, title, date, source)
        if self.parse is None:
            raise DataError("this store was opened without a geoparser")
        mentions = sorted(self.parse(text), key=lambda m: (m.start, m.end))
        return self.add_document(text, mentions, title=title, date=date, source=source)

    def add_document(
        self, text: str, mentions: Sequence[Mention], *, title: str = "", date: str = "", source: str = ""
    ) -> Document:
        """Store an already parsed document, its mentions and proposed events in one transaction."""
        date = _check_document(text, title, date, source)
        sentences = Sentences(text)
        proposed = proposals.propose_events(text, mentions, document_date=date, sentences=sentences)
        with self.transaction() as db:
            document = docs.insert_document(db, text, title, date, source, _now())
            docs.insert_mentions(db, docs.stored_mentions(document, mentions, sentences))
            for event in proposed:
                events.insert_event(db, replace(event, document_id=document.id))
        return document

    def document(self, document_id: int) -> Document:
        """The document with that id; ``NotFound`` otherwise."""
        check_id(document_id, "document id")
        with self.reading() as db:
            found = docs.get_document(db, document_id)
        if found is None:
            raise NotFound(f"no document with id {document_id}")
        return found

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Stored documents, newest first."""
        limit, offset = check_page(limit, offset)
        with self.reading() as db:
            return docs.list_documents(db, limit, offset)

    def count_documents(self) -> int:
        """How many documents are stored."""
        with self.reading() as db:
            return docs.count_documents(db)

    def mentions(self, document_id: int) -> list[StoredMention]:
        """The mentions of a document in text order; ``NotFound`` for an unknown document."""
        check_id(document_id, "document id")
        with self.reading() as db:
            if docs.get_document(db, document_id) is None:
                raise NotFound(f"no document with id {document_id}")
            return docs.document_mentions(db, document_id)

    def place_mentions(self, place_id: int, limit: int = 100, offset: int = 0) -> list[StoredMention]:
        """Every mention of a place across documents, with snippets."""
        limit, offset = check_page(limit, offset)
        check_id(place_id, "place id")
        with self.reading() as db:
            return docs.place_mentions(db, place_id, limit, offset)

    def mention_counts(self, place_ids: Sequence[int]) -> dict[int, int]:
        """Mention counts of the given places (unmentioned ones left out)."""
        with self.reading() as db:
            return docs.mention_counts(db, place_ids)

    def mentioned_places(self) -> list[tuple[int, float, float, int]]:
        """(place id, lon, lat, mention count) of every mentioned place."""
        with self.reading() as db:
            return docs.mentioned_places(db)

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
            if document_id is not None and docs.get_document(db, document_id) is None:
                raise NotFound(f"no document with id {document_id}")
            return events.list_events(db, proposed=proposed, document_id=document_id, limit=limit, offset=offset)

    @staticmethod
    def _check_source(db: sqlite3.Connection, event: Event) -> None:
        check_event(event)
        if event.id:
            check_id(event.id, "event id")
        if event.document_id is not None and docs.get_document(db, event.document_id) is None:
            raise NotFound(f"no document with id {event.document_id}")
