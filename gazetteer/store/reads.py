"""The reading half of the store interface, the same for every backend.

A backend keeps its SQL in modules of the same function names (the
documents' rows, events, API keys and what maps need: ``document_table``,
``event_table``, ``key_table`` and ``map_table`` for SQLite,
``postgres_rows`` for the first three and ``postgres_map`` for PostgreSQL)
and opens a connection for reads with ``reading()``.  ``StoreReads`` checks the
arguments, reads through them, and turns a missing row into ``NotFound``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from types import ModuleType
from typing import Any, TypeVar

from gazetteer.api_keys import ApiKey
from gazetteer.corrections import Correction
from gazetteer.documents import Document, Event, StoredMention, StoredPage
from gazetteer.errors import NotFound
from gazetteer.limits import check_id, check_ordinal, check_page
from gazetteer.map_query import DatedPlace, MapFilter, MappedPlace
from gazetteer.mention_filter import MentionFilter
from gazetteer.results import NearQuery
from gazetteer.store.base import MentionedPlace
from gazetteer.store.correction_rows import CorrectionRows

T = TypeVar("T")


class StoreReads:
    """Reads of documents, mentions and map selections, over a backend's row modules."""

    _rows: ModuleType
    """The backend's module of document, mention, page and idempotency key rows."""
    _events: ModuleType
    """The backend's module of event rows."""
    _keys: ModuleType
    """The backend's module of API key rows."""
    _maps: ModuleType
    """The backend's module of what maps need."""
    _corrections: CorrectionRows
    """The corrections' rows, with the backend's parameter mark."""

    def reading(self) -> AbstractContextManager[Any]:
        """The backend's connection, for reads."""
        raise NotImplementedError

    def _require_document(self, db: Any, document_id: int) -> None:
        if not self._rows.has_document(db, document_id):
            raise NotFound(f"no document with id {document_id}")

    def count_mentions(self, document_id: int) -> int:
        """How many mentions a document has; ``NotFound`` for an unknown document."""
        check_id(document_id, "document id")
        with self.reading() as db:
            self._require_document(db, document_id)
            return int(self._rows.count_mentions(db, document_id))

    def _by_id(self, read: Callable[[Any, int], T | None], kind: str, record_id: int) -> T:
        """The record ``read`` finds by its id; ``NotFound`` when there is none (``kind`` names it)."""
        check_id(record_id, f"{kind} id")
        with self.reading() as db:
            found = read(db, record_id)
        if found is None:
            raise NotFound(f"no {kind} with id {record_id}")
        return found

    def document(self, document_id: int) -> Document:
        """The document with that id; ``NotFound`` otherwise."""
        found: Document = self._by_id(self._rows.get_document, "document", document_id)
        return found

    def page(self, document_id: int) -> StoredPage:
        """The original web page of a document; ``NotFound`` for an unknown document or one given as text."""
        check_id(document_id, "document id")
        with self.reading() as db:
            found: StoredPage | None = self._rows.get_page(db, document_id)
            if found is None:
                self._require_document(db, document_id)
                raise NotFound(f"document {document_id} was given as text: it has no original page")
        return found

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Stored documents, newest first."""
        limit, offset = check_page(limit, offset)
        with self.reading() as db:
            found: list[Document] = self._rows.list_documents(db, limit, offset)
        return found

    def count_documents(self) -> int:
        """How many documents are stored."""
        with self.reading() as db:
            return int(self._rows.count_documents(db))

    def mentions(self, document_id: int) -> list[StoredMention]:
        """The mentions of a document in text order; ``NotFound`` for an unknown document."""
        check_id(document_id, "document id")
        with self.reading() as db:
            self._require_document(db, document_id)
            found: list[StoredMention] = self._rows.document_mentions(db, [document_id])
        return found

    def mentions_of(self, document_ids: Sequence[int]) -> list[StoredMention]:
        """The mentions of several documents, by document then position."""
        with self.reading() as db:
            found: list[StoredMention] = self._rows.document_mentions(db, document_ids)
        return found

    def place_mentions(
        self, place_id: int, limit: int = 100, offset: int = 0, selection: MentionFilter | None = None
    ) -> list[StoredMention]:
        """Every mention of a place across documents, with snippets, bounded and sorted as ``selection`` says."""
        limit, offset = check_page(limit, offset)
        check_id(place_id, "place id")
        chosen = (selection or MentionFilter()).checked()
        with self.reading() as db:
            found: list[StoredMention] = self._rows.place_mentions(db, place_id, limit, offset, chosen)
        return found

    def mention_counts(self, place_ids: Sequence[int]) -> dict[int, int]:
        """Mention counts of the given places (unmentioned ones left out)."""
        with self.reading() as db:
            found: dict[int, int] = self._rows.mention_counts(db, place_ids)
        return found

    def mentioned_places(self, near: NearQuery | None = None) -> list[MentionedPlace]:
        """(place id, lon, lat, mention count) of every mentioned place (near ``near``: see the interface)."""
        with self.reading() as db:
            found: list[MentionedPlace] = self._rows.mentioned_places(db, near)
        return found

    def map_places(self, selection: MapFilter) -> list[MappedPlace]:
        """Every place the map filter selects, counted, the most mentioned first."""
        with self.reading() as db:
            found: list[MappedPlace] = self._maps.mapped_places(db, selection)
        return found

    def map_mentions(
        self, selection: MapFilter, per_place: int, place_ids: Sequence[int] | None = None
    ) -> list[StoredMention]:
        """Up to ``per_place`` selected mentions of each place (of ``place_ids`` only, when given)."""
        with self.reading() as db:
            found: list[StoredMention] = self._maps.listed_mentions(db, selection, per_place, place_ids)
        return found

    def map_events(self, selection: MapFilter, most: int) -> list[Event]:
        """The ``most`` newest events the map filter selects."""
        with self.reading() as db:
            found: list[Event] = self._maps.selected_events(db, selection, most)
        return found

    def map_document_count(self, selection: MapFilter) -> int:
        """How many documents hold a mention the map filter selects."""
        with self.reading() as db:
            return int(self._maps.selected_documents(db, selection))

    def document_titles(self, document_ids: Sequence[int]) -> dict[int, str]:
        """Titles of the given documents, by id (unknown ids left out)."""
        with self.reading() as db:
            found: dict[int, str] = self._maps.document_titles(db, document_ids)
        return found

    def document_dates(self, document_ids: Sequence[int]) -> dict[int, str]:
        """Dates of the given documents, by id (unknown and undated ones left out)."""
        with self.reading() as db:
            found: dict[int, str] = self._maps.document_dates(db, document_ids)
        return found

    def map_timeline(self, selection: MapFilter, most: int) -> list[DatedPlace]:
        """The places of the selected mentions of dated documents, per place and date, the ``most`` newest."""
        with self.reading() as db:
            found: list[DatedPlace] = self._maps.dated_places(db, selection, most)
        return found

    def event(self, event_id: int) -> Event:
        """The event with that id; ``NotFound`` otherwise."""
        found: Event = self._by_id(self._events.get_event, "event", event_id)
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
            found: list[Event] = self._events.list_events(
                db, proposed=proposed, document_id=document_id, limit=limit, offset=offset
            )
        return found

    def events_of(self, document_ids: Sequence[int]) -> list[Event]:
        """The events of several documents, by document then id (unknown ids give none)."""
        with self.reading() as db:
            found: list[Event] = self._events.document_events(db, document_ids)
        return found

    def key_by_digest(self, digest: str) -> ApiKey | None:
        """The API key whose secret has that digest, or ``None``."""
        with self.reading() as db:
            found: ApiKey | None = self._keys.api_key_by_digest(db, digest)
        return found

    def api_keys(self) -> list[ApiKey]:
        """Every API key, by name."""
        with self.reading() as db:
            found: list[ApiKey] = self._keys.list_api_keys(db)
        return found

    def mention(self, document_id: int, n: int) -> StoredMention:
        """Mention ``n`` of a document; ``NotFound`` when there is none."""
        check_id(document_id, "document id")
        check_ordinal(n)
        with self.reading() as db:
            found = self._corrections.mention(db, document_id, n)
        if found is None:
            raise NotFound(f"no mention {document_id}-{n}")
        return found

    def mentions_with_surfaces(self, surfaces: Sequence[str]) -> list[StoredMention]:
        """Stored mentions written as one of ``surfaces``, by document then position."""
        with self.reading() as db:
            return self._corrections.with_surfaces(db, "mentions", surfaces)

    def originals_with_surfaces(self, surfaces: Sequence[str]) -> list[StoredMention]:
        """Kept originals (mentions as parsed before a correction) written as one of ``surfaces``."""
        with self.reading() as db:
            return self._corrections.with_surfaces(db, "mention_originals", surfaces)

    def correction(self, correction_id: int) -> Correction:
        """The correction with that id; ``NotFound`` otherwise."""
        return self._by_id(self._corrections.get, "correction", correction_id)

    def corrections(self, limit: int = 100, offset: int = 0) -> list[Correction]:
        """Corrections, newest first."""
        limit, offset = check_page(limit, offset)
        with self.reading() as db:
            return self._corrections.page(db, limit, offset)

    def count_corrections(self) -> int:
        """How many corrections are stored."""
        with self.reading() as db:
            return self._corrections.count(db)

    def corrections_for(self, folded: Sequence[str]) -> list[Correction]:
        """The corrections of some folded surfaces, oldest first."""
        with self.reading() as db:
            return self._corrections.of_surfaces(db, folded)
