"""The interface every document store backend implements.

A store is persistence only: it keeps documents already geoparsed, their
mentions and events, and answers queries on them.  Parsing, proposing events
and checking what users give are the application layer's work
(``gazetteer.application``).  Backends are chosen by ``open_store``.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Protocol

from gazetteer.documents import Document, Event, NewDocument, StoredMention

MentionedPlace = tuple[int, float, float, int]
"""(place id, lon, lat, mention count) of a mentioned place."""


class DocumentStore(Protocol):
    """Documents, their mentions and events, kept by a backend."""

    def close(self) -> None:
        """Release the backend's connection; committed data stays."""

    def __enter__(self) -> DocumentStore: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...

    def add_document(self, new: NewDocument) -> Document:
        """Store a document with its mentions and events, all or nothing; the stored document."""

    def document(self, document_id: int) -> Document:
        """The document with that id; ``NotFound`` otherwise."""

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Stored documents, newest first."""

    def count_documents(self) -> int:
        """How many documents are stored."""

    def mentions(self, document_id: int) -> list[StoredMention]:
        """The mentions of a document in text order; ``NotFound`` for an unknown document."""

    def mentions_of(self, document_ids: Sequence[int]) -> list[StoredMention]:
        """The mentions of several documents, by document then position (unknown ids give none)."""

    def place_mentions(self, place_id: int, limit: int = 100, offset: int = 0) -> list[StoredMention]:
        """Every mention of a place across documents, by document then position."""

    def mention_counts(self, place_ids: Sequence[int]) -> dict[int, int]:
        """Mention counts of the given places (unmentioned ones left out)."""

    def mentioned_places(self) -> list[MentionedPlace]:
        """Every mentioned place with its position and mention count."""

    def add_event(self, event: Event) -> Event:
        """Store a new event (its document, when given, must exist); the event with its id."""

    def update_event(self, event: Event) -> Event:
        """Replace event ``event.id``; ``NotFound`` when there is none."""

    def delete_event(self, event_id: int) -> None:
        """Delete an event; ``NotFound`` when there is none."""

    def event(self, event_id: int) -> Event:
        """The event with that id; ``NotFound`` otherwise."""

    def events(
        self, *, proposed: bool | None = None, document_id: int | None = None, limit: int = 100, offset: int = 0
    ) -> list[Event]:
        """Events by date then id, filtered by proposal state and document."""
