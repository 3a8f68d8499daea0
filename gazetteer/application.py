"""The application layer: one typed object that every front end calls.

``GazetteerAPI`` owns lookup, variants, reverse geocoding, near queries,
geoparsing, ingest (parse, propose events, store), events and the data a map
needs, in the manner of Nominatim's ``NominatimAPI``.  The HTTP routers, the
CLI, the map builders' callers and the benchmarks call only this; it holds no
web framework and no map library.

Resources open on first use, once, behind a lock: the store is cheap, the
gazetteer may have to be built the first time on a machine, the geoparser
reads its dictionary, and the spatial indexes take a second or two.

    >>> from gazetteer.application import GazetteerAPI
    >>> with GazetteerAPI() as api:                                  # doctest: +SKIP
    ...     api.lookup("Ханкенди", limit=1)[0].place.name
    'Khankendi'
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, TypeVar

from gazetteer.documents import Document, Event, StoredMention
from gazetteer.errors import DataError, InvalidInput, NotFound
from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.modes import Mode
from gazetteer.index import COUNTRY_CODES, GazetteerIndex, ShapeRow
from gazetteer.ingest import new_document
from gazetteer.limits import (
    MAX_ID,
    MAX_PAGE,
    MAX_SOURCE,
    MAX_TITLE,
    check_date,
    check_field,
    check_lat,
    check_limit,
    check_lon,
    check_radius_km,
    check_text,
    geo_checked,
)
from gazetteer.map_data import (
    FIRST_LEVEL,
    Basemap,
    MapData,
    ShapedPlace,
    basemap_of,
    drawn_regions,
    shown_countries,
)
from gazetteer.public import variants_of
from gazetteer.records import Candidate, Mention, Name, Place, Point
from gazetteer.results import CONTAINING, NEAREST, EventDraft, Nearby, NearQuery
from gazetteer.settings import Settings, load_settings
from gazetteer.store import DocumentStore, open_store

if TYPE_CHECKING:
    from gazetteer.spatial import Found, SpatialIndexes

T = TypeVar("T")
MAX_MAP_DOCUMENTS = 5000
"""Most documents on the all-documents map (the newest ones)."""


class TextParser(Protocol):
    """A geoparser: text in, resolved mentions out."""

    def parse(self, text: str) -> list[Mention]:
        """The place mentions of ``text``, in text order."""


class GazetteerAPI:
    """Places, texts, documents, events and maps, for every front end."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        gazetteer: Gazetteer | None = None,
        parser: TextParser | None = None,
        store: DocumentStore | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self._gazetteer = gazetteer
        self._parser = parser
        self._accurate: TextParser | None = None
        self._store = store
        self._spatial: SpatialIndexes | None = None
        self._lock = threading.RLock()

    def __enter__(self) -> GazetteerAPI:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the store; committed data stays.  A later call opens it again."""
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()

    # Resources, opened on first use.

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, opened (and built, the first time on a machine) on first use."""
        return self._once("_gazetteer", lambda: Gazetteer.open(self.settings.index_path, settings=self.settings))

    @property
    def parser(self) -> TextParser:
        """The geoparser over the gazetteer."""
        return self._once("_parser", self._open_parser)

    @property
    def store(self) -> DocumentStore:
        """The document store."""
        return self._once("_store", lambda: open_store(self.settings.store_path))

    @property
    def spatial(self) -> SpatialIndexes:
        """The point and area indexes of the gazetteer's places, with the places, built once on first use."""
        return self._once("_spatial", self._open_spatial)

    def _open_spatial(self) -> SpatialIndexes:
        from gazetteer.spatial import SpatialIndexes

        index = self.gazetteer.index
        shapes = {place_id: wkb for place_id, wkb, _ in index.shapes()}
        return SpatialIndexes.of(list(index.iter_places()), shapes)

    def parser_for(self, mode: Mode = Mode.FAST) -> TextParser:
        """The geoparser of ``mode``; ``DataError`` when the accurate mode's model is not installed."""
        if mode is Mode.FAST:
            return self.parser
        return self._once("_accurate", self._open_accurate)

    def _open_parser(self) -> TextParser:
        from gazetteer.geoparse.parser import Geoparser

        return Geoparser(self.gazetteer)

    def _open_accurate(self) -> TextParser:
        from gazetteer.geoparse.parser import EntityGate, Geoparser

        return Geoparser(self.gazetteer, entities=EntityGate.load())

    def _once(self, attribute: str, make: Callable[[], T]) -> T:
        found: T | None = getattr(self, attribute)
        if found is None:
            with self._lock:
                found = getattr(self, attribute)
                if found is None:
                    found = make()
                    setattr(self, attribute, found)
        return found

    # Places.

    def lookup(
        self,
        query: str,
        *,
        country: str | None = None,
        focus: Point | None = None,
        limit: int = 10,
        fuzzy: bool = True,
    ) -> list[Candidate]:
        """Places whose names match ``query``, best first."""
        return self.gazetteer.lookup(query, country=country, focus=focus, limit=limit, fuzzy=fuzzy)

    def place(self, place_id: int) -> Place:
        """The place with that id, with all its names; ``NotFound`` otherwise."""
        return self.gazetteer.place(place_id)

    def variants(self, place_id: int) -> list[Name]:
        """All names of a place, preferred ones first."""
        return self.gazetteer.variants(place_id)

    def resolve(self, name_or_id: str) -> Place:
        """The place given by its id (digits) or by a name (its best candidate); ``InvalidInput`` for none."""
        if name_or_id.strip().isdigit():
            return self.place(int(name_or_id))
        candidates = self.lookup(name_or_id, limit=1)
        if not candidates:
            raise InvalidInput(f"no place matches {name_or_id!r}")
        return candidates[0].place

    def reverse(self, lon: float, lat: float, limit: int = 10, *, historic: bool = False) -> list[Nearby]:
        """Regions containing the position, smallest first, then the nearest places without an extent.

        Regions contain by their shapes (or extents): district, province, country; former states only when
        ``historic``.  ``distance_km`` is measured to each place's representative point.
        """
        lon, lat, limit = check_lon(lon), check_lat(lat), check_limit(limit)
        spatial = self.spatial
        with geo_checked():
            areas = spatial.containing(lon, lat, historic=historic)
            hits = spatial.nearest_points(lon, lat, limit)
        return _distance_to(spatial.places, areas, CONTAINING) + _distance_to(spatial.places, hits, NEAREST)

    def near(self, query: NearQuery) -> list[Nearby]:
        """Places within the radius (or the ``k`` nearest), nearest first, with their mention counts.

        A point is within when it lies in the circle, an area when its shape (or extent) reaches into it;
        results are sorted by the distance to each place's representative point.  Former states answer only
        when ``query.historic``.
        """
        check_lon(query.lon), check_lat(query.lat), check_radius_km(query.radius_km), check_limit(query.limit)
        if query.k is not None:
            check_limit(query.k, what="k")
        spatial = self._mentioned_points() if query.mentioned_only else self.spatial
        with geo_checked():
            hits = _search(spatial, query)
        counts = self.store.mention_counts([hit.id for hit in hits]) if hits else {}
        return _distance_to(spatial.places, hits, None, counts)

    def _mentioned_points(self) -> SpatialIndexes:
        """The spatial indexes of the places mentioned in stored documents."""
        return self.spatial.select(row[0] for row in self.store.mentioned_places())

    # Texts and documents.

    def geoparse(self, text: str, mode: Mode = Mode.FAST) -> list[Mention]:
        """The place mentions of ``text``, in text order, found the way of ``mode``."""
        return self.parser_for(mode).parse(text)

    def ingest(
        self, text: str, *, title: str = "", date: str = "", source: str = "", mode: Mode = Mode.FAST
    ) -> Document:
        """Geoparse ``text`` (the way of ``mode``) and store it with its mentions and proposed events, atomically."""
        date = _check_document(text, title, date, source)
        return self._store_parsed(text, self.geoparse(text, mode), title, date, source)

    def add_document(
        self, text: str, mentions: Sequence[Mention], *, title: str = "", date: str = "", source: str = ""
    ) -> Document:
        """Store a text already geoparsed, with its mentions and the events they propose."""
        date = _check_document(text, title, date, source)
        return self._store_parsed(text, mentions, title, date, source)

    def _store_parsed(self, text: str, mentions: Sequence[Mention], title: str, date: str, source: str) -> Document:
        return self.store.add_document(new_document(text, mentions, title=title, date=date, source=source))

    def document(self, document_id: int) -> Document:
        """The document with that id; ``NotFound`` otherwise."""
        return self.store.document(document_id)

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Stored documents, newest first."""
        return self.store.documents(limit, offset)

    def count_documents(self) -> int:
        """How many documents are stored."""
        return self.store.count_documents()

    def document_mentions(self, document_id: int) -> list[StoredMention]:
        """The mentions of a document in text order."""
        return self.store.mentions(document_id)

    def place_mentions(self, place_id: int, limit: int = 100, offset: int = 0) -> list[StoredMention]:
        """Every stored mention of a place (which must exist), with its sentence."""
        self.place(place_id)
        return self.store.place_mentions(place_id, limit, offset)

    # Events.

    def events(
        self, *, proposed: bool | None = None, document_id: int | None = None, limit: int = 100, offset: int = 0
    ) -> list[Event]:
        """Events by date, filtered by proposal state and document."""
        return self.store.events(proposed=proposed, document_id=document_id, limit=limit, offset=offset)

    def event(self, event_id: int) -> Event:
        """The event with that id; ``NotFound`` otherwise."""
        return self.store.event(event_id)

    def add_event(self, draft: EventDraft) -> Event:
        """Record an event at its place id, place name, or position."""
        return self.store.add_event(self._event(draft))

    def replace_event(self, event_id: int, draft: EventDraft) -> Event:
        """Replace a stored event (a proposed one becomes a confirmed one)."""
        self.event(event_id)
        return self.store.update_event(self._event(draft, event_id))

    def delete_event(self, event_id: int) -> None:
        """Delete an event; ``NotFound`` when there is none."""
        self.store.delete_event(event_id)

    def event_query(
        self, event_id: int, *, radius_km: float | None = None, limit: int = 100, k: int | None = None,
        mentioned_only: bool = False, historic: bool = False,
    ) -> NearQuery:  # fmt: skip
        """The near query around an event: within its radius (or ``radius_km``), or its ``k`` nearest."""
        event = self.event(event_id)
        radius = event.radius_km if radius_km is None else radius_km
        return NearQuery(event.lon, event.lat, radius, limit, k, mentioned_only, historic)

    def _event(self, draft: EventDraft, event_id: int = 0) -> Event:
        place, lon, lat = self._locate(draft)
        return Event(
            id=event_id,
            title=draft.title,
            date=draft.date,
            lon=lon,
            lat=lat,
            radius_km=draft.radius_km,
            place_id=place.id if place else None,
            place_name=place.name if place else "",
            document_id=draft.document_id,
            mention_n=draft.mention_n,
            proposed=False,
        )

    def _locate(self, draft: EventDraft) -> tuple[Place | None, float, float]:
        """Where an event is: exactly one of a place id, a place name, or lat and lon."""
        given = [
            draft.place_id is not None,
            draft.place_name is not None,
            draft.lat is not None or draft.lon is not None,
        ]
        if sum(given) != 1:
            raise InvalidInput(LOCATION_RULE)
        if draft.place_id is not None:
            try:
                place = self.place(draft.place_id)
            except NotFound as error:
                raise InvalidInput(f"no place with id {draft.place_id}") from error
            return place, place.lon, place.lat
        if draft.place_name is not None:
            found = self.resolve(draft.place_name)
            return found, found.lon, found.lat
        if draft.lon is None or draft.lat is None:
            raise InvalidInput("give both lat and lon")
        return None, check_lon(draft.lon), check_lat(draft.lat)

    # Maps.

    def map_data(
        self, *, document_id: int | None = None, place_id: int | None = None, basemap: bool = False
    ) -> MapData:
        """Mentions, documents, events, variants and areas of one document or of all, centred on a place.

        ``basemap=True`` adds the basemap of the countries mentioned, for a page that carries its own.
        """
        documents = [self.document(document_id)] if document_id is not None else self._newest_documents()
        mentions = self.store.mentions_of([d.id for d in documents])
        places = self._mapped_places(sorted({m.place_id for m in mentions}))
        shapes = {place.id: wkb for place, wkb, _ in self._shaped_places(lambda index: index.shapes(places))}
        data = MapData(
            mentions=mentions,
            documents={document.id: document for document in documents},
            variants=variants_of(places.values()),
            events=list(_pages(lambda n, at: self.events(document_id=document_id, limit=n, offset=at))),
            regions=drawn_regions(places.values(), shapes),
            document_id=document_id,
            basemap=self.basemap(shown_countries(mentions)) if basemap else None,
        )
        if place_id is None:
            return data
        return _focused(data, place_id, self._mapped_places([place_id]).get(place_id))

    def basemap(self, countries: Sequence[str] = ()) -> Basemap:
        """Country shapes and the first-level areas of ``countries`` (ISO codes), for maps to show offline."""
        wanted = sorted({code.upper() for code in countries})
        shaped = self._shaped_places(lambda index: index.shapes_by_code(COUNTRY_CODES))
        shaped += self._shaped_places(lambda index: index.shapes_by_code([FIRST_LEVEL], wanted))
        return basemap_of(shaped, wanted)

    def event_map_data(self, event_id: int) -> tuple[Event, MapData]:
        """An event and the map data of every document, for the map framed on it."""
        event = self.event(event_id)
        return event, self.map_data()

    def _newest_documents(self) -> list[Document]:
        return list(_pages(self.documents, MAX_MAP_DOCUMENTS))

    def _optional_gazetteer(self) -> Gazetteer | None:
        """The gazetteer, ``None`` when there is no index to open (maps still draw: mentions carry their points)."""
        if self._gazetteer is None and not self.settings.index_path.is_file():
            return None
        try:
            return self.gazetteer
        except DataError:
            return None

    def _mapped_places(self, ids: Sequence[int]) -> dict[int, Place]:
        """Places by id for a map, none when there is no gazetteer index."""
        gazetteer = self._optional_gazetteer()
        return gazetteer.places(ids) if gazetteer is not None else {}

    def _shaped_places(self, read: Callable[[GazetteerIndex], list[ShapeRow]]) -> list[ShapedPlace]:
        """The places of the shapes ``read`` gives from the index, with them; none when there is no index."""
        gazetteer = self._optional_gazetteer()
        if gazetteer is None:
            return []
        rows = read(gazetteer.index)
        places = gazetteer.places([place_id for place_id, _, _ in rows], names=False)
        return [(places[place_id], wkb, source) for place_id, wkb, source in rows if place_id in places]

    # Exports.

    def mention_batches(self, document_id: int | None = None, size: int = MAX_PAGE) -> Iterator[list[StoredMention]]:
        """Every stored mention (or one document's, which must exist), by document then position, in batches.

        The documents are listed when called (``NotFound`` for an unknown one);
        their mentions are read a batch of ``size`` documents at a time.
        """
        if document_id is not None:
            return iter([self.document_mentions(document_id)])
        ordered = sorted(document.id for document in _pages(self.documents, most=MAX_ID))
        return (self.store.mentions_of(ordered[at : at + size]) for at in range(0, len(ordered), size))


LOCATION_RULE = "give exactly one location: place_id, place_name, or lat and lon"
"""The rule an event's location follows."""


def _check_document(text: str, title: str, date: str, source: str) -> str:
    """Check a document's fields once, before anything is parsed; its date in ISO form."""
    check_text(text)
    check_field(title, "title", MAX_TITLE)
    check_field(source, "source", MAX_SOURCE)
    return check_date(date)


def _search(spatial: SpatialIndexes, query: NearQuery) -> list[Found]:
    if query.k is not None:
        return spatial.nearest(query.lon, query.lat, query.k, historic=query.historic)
    return spatial.within(query.lon, query.lat, query.radius_km, query.limit, historic=query.historic)


def _distance_to(
    places: Mapping[int, Place], found: Sequence[Found], relation: str | None, mentions: Mapping[int, int] | None = None
) -> list[Nearby]:
    """Places found by the spatial indexes, with their distances from the query position (and mention counts)."""
    return [
        Nearby(
            places[h.id],
            h.distance_km,
            None if mentions is None else mentions.get(h.id, 0),
            relation,
            getattr(h, "reach_km", None),
        )
        for h in found
    ]


def _pages(fetch: Callable[[int, int], list[T]], most: int = MAX_MAP_DOCUMENTS) -> Iterator[T]:
    """Every row of a paged listing, up to ``most``."""
    offset = 0
    while offset < most:
        page = fetch(min(MAX_PAGE, most - offset), offset)
        yield from page
        if len(page) < MAX_PAGE:
            return
        offset += len(page)


def _focused(data: MapData, place_id: int, place: Place | None) -> MapData:
    """``data`` centred on a place: where it is mentioned, else where the gazetteer has it."""
    centre = next(((m.lon, m.lat) for m in data.mentions if m.place_id == place_id), None)
    if centre is None and place is not None:
        centre = (place.lon, place.lat)
    if centre is None:
        raise NotFound(f"no place with id {place_id}")
    return replace(data, focus_place_id=place_id, focus=centre)
