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

from gazetteer.api_keys import ApiKey
from gazetteer.corrections import Correction, MentionChanges
from gazetteer.documents import Document, Event, NewDocument, StoredMention, StoredPage
from gazetteer.idempotency import IdempotencyKey, Ingested
from gazetteer.map_query import DatedPlace, MapFilter, MappedPlace
from gazetteer.mention_filter import MentionFilter
from gazetteer.results import NearQuery

MentionedPlace = tuple[int, float, float, int]
"""(place id, lon, lat, mention count) of a mentioned place."""
POINT_FEATURES = "PPL%"
"""``LIKE`` pattern of the feature codes of places that are points: populated places (other mentioned
places may be areas, whose shapes the store does not hold)."""


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

    def add_keyed_document(self, new: NewDocument, key: IdempotencyKey) -> Ingested:
        """Store a document with its idempotency key, all or nothing, unless the key already names one.

        A key stored with the same fingerprint gives its document back (``replayed``), with another
        fingerprint ``KeyReused``; the check and the write are one transaction.
        """

    def keyed_document(self, key: IdempotencyKey) -> Document | None:
        """The document stored under the key, ``None`` for a new key; ``KeyReused`` for another request's key."""

    def count_mentions(self, document_id: int) -> int:
        """How many mentions a document has; ``NotFound`` for an unknown document."""

    def document(self, document_id: int) -> Document:
        """The document with that id; ``NotFound`` otherwise."""

    def page(self, document_id: int) -> StoredPage:
        """The original web page of a document; ``NotFound`` for an unknown document or one given as text."""

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Stored documents, newest first."""

    def count_documents(self) -> int:
        """How many documents are stored."""

    def mentions(self, document_id: int) -> list[StoredMention]:
        """The mentions of a document in text order; ``NotFound`` for an unknown document."""

    def mentions_of(self, document_ids: Sequence[int]) -> list[StoredMention]:
        """The mentions of several documents, by document then position (unknown ids give none)."""

    def events_of(self, document_ids: Sequence[int]) -> list[Event]:
        """The events of several documents, by document then id (unknown ids give none)."""

    def place_mentions(
        self, place_id: int, limit: int = 100, offset: int = 0, selection: MentionFilter | None = None
    ) -> list[StoredMention]:
        """Every mention of a place across documents, by document then position; ``selection`` bounds them by
        their documents' dates and may sort them by date (``MentionFilter``)."""

    def mention_counts(self, place_ids: Sequence[int]) -> dict[int, int]:
        """Mention counts of the given places (unmentioned ones left out)."""

    def mentioned_places(self, near: NearQuery | None = None) -> list[MentionedPlace]:
        """Every mentioned place with its position and mention count; with ``near``, those whose point
        lies within its radius (cut in the database) and every one that is no populated place (an area
        whose shape may reach into the circle: ``POINT_FEATURES``)."""

    def map_places(self, selection: MapFilter) -> list[MappedPlace]:
        """Every place the map filter selects, with its mention and document counts, the most mentioned first."""

    def map_mentions(
        self, selection: MapFilter, per_place: int, place_ids: Sequence[int] | None = None
    ) -> list[StoredMention]:
        """Up to ``per_place`` selected mentions of each place (of ``place_ids`` only), its newest documents' first."""

    def map_events(self, selection: MapFilter, most: int) -> list[Event]:
        """The ``most`` newest events of the selected documents (any, when none is named) within the filter's ranges."""

    def map_document_count(self, selection: MapFilter) -> int:
        """How many documents hold a mention the map filter selects."""

    def document_titles(self, document_ids: Sequence[int]) -> dict[int, str]:
        """Titles of the given documents, by id (unknown ids left out; their texts are not read)."""

    def document_dates(self, document_ids: Sequence[int]) -> dict[int, str]:
        """Dates of the given documents, by id (unknown and undated ones left out; their texts are not read)."""

    def map_timeline(self, selection: MapFilter, most: int) -> list[DatedPlace]:
        """The places of the selected mentions of dated documents, one per place and date with its mention
        count: the ``most`` newest, oldest first."""

    def generation(self) -> str:
        """A token that changes whenever anything is committed to the store, by this process or another."""

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

    def mention(self, document_id: int, n: int) -> StoredMention:
        """Mention ``n`` of a document; ``NotFound`` when there is none."""

    def mentions_with_surfaces(self, surfaces: Sequence[str]) -> list[StoredMention]:
        """Stored mentions written as one of ``surfaces``, by document then position."""

    def originals_with_surfaces(self, surfaces: Sequence[str]) -> list[StoredMention]:
        """Kept originals (mentions as parsed before a correction) written as one of ``surfaces``."""

    def add_correction(self, correction: Correction, changes: MentionChanges) -> Correction:
        """Store a correction and carry out its changes to stored mentions and their proposed events, in one
        transaction."""

    def delete_correction(self, correction_id: int, changes: MentionChanges) -> None:
        """Delete a correction and carry out the changes its undoing makes, in one transaction; ``NotFound``
        when there is none."""

    def correction(self, correction_id: int) -> Correction:
        """The correction with that id; ``NotFound`` otherwise."""

    def corrections(self, limit: int = 100, offset: int = 0) -> list[Correction]:
        """Corrections, newest first."""

    def count_corrections(self) -> int:
        """How many corrections are stored."""

    def corrections_for(self, folded: Sequence[str]) -> list[Correction]:
        """The corrections of some folded surfaces, oldest first."""

    def add_key(self, key: ApiKey) -> ApiKey:
        """Store a new API key; ``InvalidInput`` when a key of that name exists."""

    def key_by_digest(self, digest: str) -> ApiKey | None:
        """The API key whose secret has that digest, or ``None``."""

    def api_keys(self) -> list[ApiKey]:
        """Every API key, by name."""

    def revoke_key(self, name: str) -> None:
        """Delete an API key; ``NotFound`` when there is none of that name."""
