"""Gathering what a map shows from the document store and the gazetteer.

The service routes and the ``gazetteer map`` command share these functions;
the map builders themselves never touch the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from gazetteer.documents import Document, Event, StoredMention
from gazetteer.errors import NotFound
from gazetteer.records import Place
from geo import Region, circle_region
from maps.mention_map import MapData, MapOptions
from maps.variants import variants_of

PAGE = 1000
"""Rows asked of the store per call (its largest page)."""
MAX_MAP_DOCUMENTS = 5000
"""Most documents on the all-documents map (the newest ones)."""

T = TypeVar("T")


class MapStore(Protocol):
    """The part of ``gazetteer.store.Store`` the maps read."""

    def document(self, document_id: int) -> Document: ...
    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]: ...
    def mentions(self, document_id: int) -> list[StoredMention]: ...
    def event(self, event_id: int) -> Event: ...
    def events(
        self, *, proposed: bool | None = None, document_id: int | None = None, limit: int = 100, offset: int = 0
    ) -> list[Event]: ...


class PlaceLookup(Protocol):
    """The part of ``gazetteer.gazetteer.Gazetteer`` the maps read."""

    def places(self, ids: Sequence[int]) -> dict[int, Place]: ...


def _pages(fetch: Callable[[int, int], list[T]], most: int) -> Iterator[T]:
    offset = 0
    while offset < most:
        page = fetch(min(PAGE, most - offset), offset)
        yield from page
        if len(page) < PAGE:
            return
        offset += len(page)


def _documents(store: MapStore, document_id: int | None) -> list[Document]:
    if document_id is not None:
        return [store.document(document_id)]
    return list(_pages(lambda limit, offset: store.documents(limit=limit, offset=offset), MAX_MAP_DOCUMENTS))


def _events(store: MapStore, document_id: int | None) -> list[Event]:
    return list(
        _pages(
            lambda limit, offset: store.events(document_id=document_id, limit=limit, offset=offset),
            MAX_MAP_DOCUMENTS,
        )
    )


def extent_regions(places: Sequence[Place]) -> list[Region]:
    """A geodesic circle of ``radius_km`` for each place with an extent (regions, reservoirs, corridors)."""
    return [circle_region(p.id, p.name, p.lon, p.lat, p.radius_km) for p in places if p.radius_km > 0]


def map_data(
    store: MapStore, gazetteer: PlaceLookup | None, *, document_id: int | None = None
) -> MapData:
    """Mentions, documents, events, variants and regions of one document, or of all."""
    documents = _documents(store, document_id)
    mentions = [m for document in documents for m in store.mentions(document.id)]
    places = gazetteer.places(sorted({m.place_id for m in mentions})) if gazetteer else {}
    return MapData(
        mentions=mentions,
        documents={document.id: document for document in documents},
        variants=variants_of(places.values()),
        events=_events(store, document_id),
        regions=extent_regions(list(places.values())),
    )


def place_centre(data: MapData, place_id: int, gazetteer: PlaceLookup | None) -> tuple[float, float]:
    """(lon, lat) of a place: from its mentions, else from the gazetteer; ``NotFound`` otherwise."""
    for mention in data.mentions:
        if mention.place_id == place_id:
            return mention.lon, mention.lat
    place = gazetteer.places([place_id]).get(place_id) if gazetteer else None
    if place is None:
        raise NotFound(f"no place with id {place_id}")
    return place.lon, place.lat


def map_title(data: MapData, document_id: int | None) -> str:
    """``Mentions in <title>`` for one document, ``Mentions in N documents`` for all."""
    if document_id is not None:
        document = data.documents.get(document_id)
        return f"Mentions in {document.title if document and document.title else f'document {document_id}'}"
    count = len(data.documents)
    return f"Mentions in {count} document{'' if count == 1 else 's'}"


def map_options(
    data: MapData,
    gazetteer: PlaceLookup | None,
    base: MapOptions,
    *,
    document_id: int | None = None,
    place_id: int | None = None,
) -> MapOptions:
    """``base`` with the title, and with the centre and opened popup of ``place_id`` when given."""
    options = replace(base, title=base.title or map_title(data, document_id))
    if place_id is None:
        return options
    centre = place_centre(data, place_id, gazetteer)
    return replace(options, centre=centre, focus_place_id=place_id)
