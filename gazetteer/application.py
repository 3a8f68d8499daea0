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

from gazetteer.api_keys import (
    MAX_SECRET,
    ApiKey,
    MissingKey,
    NotAllowed,
    Scope,
    check_name,
    check_scope,
    digest_of,
    new_secret,
)
from gazetteer.corrections import (
    Corrected,
    Correction,
    CorrectionScope,
    Covered,
    Guidance,
    MentionChanges,
    case_variants,
    parse_mention_id,
    text_digest_of,
)
from gazetteer.corrector import Corrector, Scoped, corrected_parse, decided, followed_events, mention_changes
from gazetteer.dates import now_utc, publication_date
from gazetteer.documents import Document, Event, StoredMention, StoredPage
from gazetteer.errors import DataError, InvalidInput, NotFound
from gazetteer.events import propose_events
from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.language import check_language
from gazetteer.geoparse.modes import Mode
from gazetteer.idempotency import IdempotencyKey, Ingested, check_key, fingerprint
from gazetteer.index import COUNTRY_CODES, GazetteerIndex, ShapeRow
from gazetteer.ingest import new_document
from gazetteer.limits import (
    MAX_ID,
    MAX_PAGE,
    MAX_SOURCE,
    MAX_TITLE,
    check_date,
    check_field,
    check_id,
    check_lat,
    check_limit,
    check_lon,
    check_radius_km,
    check_text,
    geo_checked,
)
from gazetteer.map_clusters import PlaceCluster, grid_clusters
from gazetteer.map_data import (
    EVENT_MARGIN_DEG,
    FIRST_LEVEL,
    LISTED_MENTIONS_BUDGET,
    MAX_LISTED_MENTIONS,
    MAX_MAP_EVENTS,
    MAX_TIMELINE_POINTS,
    MIN_LISTED_MENTIONS,
    NAMES_LANGUAGE,
    Basemap,
    MapData,
    ShapedPlace,
    basemap_of,
    drawn_regions,
    shown_countries,
)
from gazetteer.map_query import DEFAULT_MAX_MARKERS, BoundingBox, DatedPlace, MapFilter, MappedPlace
from gazetteer.memo import Memo
from gazetteer.mention_filter import MentionFilter
from gazetteer.names_as_of import DEFAULT_LANGUAGE, NameAsOf, has_dated_name, name_as_of, names_then
from gazetteer.normalize import fold
from gazetteer.public import variants_of
from gazetteer.records import Candidate, Mention, Name, Place, Point
from gazetteer.results import CONTAINING, NEAREST, EventDraft, Nearby, NearQuery
from gazetteer.settings import Settings, load_settings
from gazetteer.store import DocumentStore, open_store
from gazetteer.web_page import WebPage, extract_page

if TYPE_CHECKING:
    from gazetteer.spatial import Found, SpatialIndexes

T = TypeVar("T")


class TextParser(Protocol):
    """A geoparser: text in, resolved mentions out."""

    def parse(self, text: str, language: str | None = None, guidance: Guidance | None = None) -> list[Mention]:
        """The place mentions of ``text``, in text order; ``language``: its ISO 639-1 code when known;
        ``guidance``: analysts' decisions that hold for it."""


MAPPED_PLACES = 20_000
"""Places (with their names) that maps remember between requests."""


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
        self._map_places: Memo[int, Place] = Memo(MAPPED_PLACES)
        """Places read for maps, with their names (the index does not change under a running layer)."""

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
        return self._once("_store", lambda: open_store(self.settings.store))

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

    def prepare(self, mode: Mode = Mode.FAST) -> TextParser:
        """The geoparser of ``mode`` with every model it would load on first need loaded now (the language
        classifier, the Russian analyser): for a process that times its texts, or should not make the
        first ones wait."""
        from gazetteer.geoparse.parser import load_models

        parser = self.parser_for(mode)
        load_models()
        return parser

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

    def complete(
        self, query: str, *, country: str | None = None, focus: Point | None = None, limit: int = 10
    ) -> list[Candidate]:
        """Places whose names match ``query`` or begin with it, best first (autocompletion)."""
        return self.gazetteer.complete(query, country=country, focus=focus, limit=limit)

    def place(self, place_id: int) -> Place:
        """The place with that id, with all its names; ``NotFound`` otherwise."""
        return self.gazetteer.place(place_id)

    def variants(self, place_id: int) -> list[Name]:
        """All names of a place, preferred ones first."""
        return self.gazetteer.variants(place_id)

    def name_as_of(self, place_id: int, date: str, lang: str = DEFAULT_LANGUAGE) -> NameAsOf:
        """The name a place went by at the ISO ``date`` in ``lang``, with its period (``names_as_of``);
        ``InvalidInput`` for a bad date, ``NotFound`` for an unknown place."""
        check_date(date)
        return name_as_of(self.place(place_id), date, lang)

    def names_then(self, place_ids: Sequence[int], date: str, lang: str = DEFAULT_LANGUAGE) -> dict[int, NameAsOf]:
        """The names the given places had at ``date`` (a document's), by place id, where that name is another
        than their main and current ones (``names_as_of.renamed``); none for no date or no gazetteer index."""
        if not check_date(date):
            return {}
        renamed = names_then(self._mapped_places(sorted(set(place_ids))), ((pid, date) for pid in place_ids), lang)
        return {place_id: found for (place_id, _), found in renamed.items()}

    def resolve(self, name_or_id: str) -> Place:
        """The place given by its id (digits) or by a name (its best candidate); ``InvalidInput`` for none."""
        if name_or_id.strip().isdecimal():
            return self.place(check_id(int(name_or_id), "place id"))
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
        spatial = self._mentioned_points(query) if query.mentioned_only else self.spatial
        with geo_checked():
            hits = _search(spatial, query)
        counts = self.store.mention_counts([hit.id for hit in hits]) if hits else {}
        return _distance_to(spatial.places, hits, None, counts)

    def _mentioned_points(self, query: NearQuery) -> SpatialIndexes:
        """The spatial indexes of the places mentioned in stored documents that may answer ``query``: the
        store cuts a radius search down to the places within it (and the areas)."""
        near = query if query.k is None else None
        return self.spatial.select(row[0] for row in self.store.mentioned_places(near))

    # Texts and documents.

    def geoparse(self, text: str, mode: Mode = Mode.FAST, language: str | None = None) -> list[Mention]:
        """The place mentions of ``text``, in text order, found the way of ``mode``; ``language``: the text's
        ISO 639-1 code when the caller knows it (otherwise it is detected); ``InvalidInput`` for another."""
        if language is not None:
            language = check_language(language)
        return self.parser_for(mode).parse(text, language)

    def corrected_geoparse(
        self, text: str, mode: Mode = Mode.FAST, language: str | None = None, corrector: Corrector | None = None
    ) -> tuple[list[Mention], list[Mention]]:
        """``geoparse`` with the stored corrections (or ``corrector``'s) as evidence: the mentions they
        leave, and the originals (as parsed without them) of those they changed."""
        if language is not None:
            language = check_language(language)
        parser = self.parser_for(mode)
        mentions = parser.parse(text, language)
        corrector = corrector if corrector is not None else self._corrector_of(mentions)
        if not corrector:  # none, or none of these surfaces
            return mentions, []
        return corrected_parse(text, mentions, lambda guidance: parser.parse(text, language, guidance), corrector)

    def corrections_all(self) -> list[Correction]:
        """Every stored correction, oldest first: what a batch run follows."""
        return sorted(_pages(self.store.corrections, most=MAX_ID), key=lambda c: c.id)

    def _corrector_of(self, mentions: Sequence[Mention]) -> Corrector | None:
        """The stored corrections of the surfaces of ``mentions``; ``None`` when there are none (and the
        gazetteer is not opened for them)."""
        if not mentions or not self.store.count_corrections():
            return None
        found = self.store.corrections_for(sorted({fold(m.surface) for m in mentions}))
        return Corrector(found, self.gazetteer) if found else None

    def _decided(self, text: str, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
        """Mentions parsed elsewhere as the stored corrections leave them (replaced or dropped, no parse
        again), and the originals of those they changed."""
        corrector = self._corrector_of(mentions)
        guidance = corrector.guidance(text, mentions) if corrector is not None else {}
        if not guidance:
            return list(mentions), []
        places = self.gazetteer.places({pid for pid in guidance.values() if pid is not None}, names=False)
        return decided(mentions, guidance, places), [m for m in mentions if m.start in guidance]

    def ingest(
        self,
        text: str,
        *,
        title: str = "",
        date: str = "",
        source: str = "",
        mode: Mode = Mode.FAST,
        language: str | None = None,
    ) -> Document:
        """Geoparse ``text`` (the way of ``mode``, in ``language`` if given) and store it with its mentions
        and proposed events, atomically."""
        date = _check_document(text, title, date, source)
        mentions, originals = self.corrected_geoparse(text, mode, language)
        return self._store_parsed(text, mentions, title, date, source, originals)

    def ingest_once(
        self,
        key: str,
        text: str,
        *,
        title: str = "",
        date: str = "",
        source: str = "",
        mode: Mode = Mode.FAST,
        language: str | None = None,
    ) -> Ingested:
        """``ingest`` under an idempotency key: the document and the key are stored in one transaction.

        A retry with the same key and the same fields gets the first document back (``replayed``) without
        parsing again; the same key with other fields raises ``KeyReused``.
        """
        how = mode.value if language is None else f"{mode.value} {check_language(language)}"
        return self._keyed(key, text, title, date, source, how, lambda: self.corrected_geoparse(text, mode, language))

    def add_document(
        self, text: str, mentions: Sequence[Mention], *, title: str = "", date: str = "", source: str = ""
    ) -> Document:
        """Store a text already geoparsed, with its mentions (as the stored corrections leave them) and the
        events they propose."""
        date = _check_document(text, title, date, source)
        decided, originals = self._decided(text, mentions)
        return self._store_parsed(text, decided, title, date, source, originals)

    def add_document_once(
        self,
        key: str,
        text: str,
        mentions: Sequence[Mention],
        *,
        title: str = "",
        date: str = "",
        source: str = "",
        originals: Sequence[Mention] = (),
    ) -> Ingested:
        """``add_document`` under an idempotency key (``ingest_once`` for a text already geoparsed).

        ``originals``: the mentions as parsed of the spans that corrections already changed (a batch run's),
        kept beside the mentions so that an undo restores them.  A second call with the same key and fields
        gets the first document back (``replayed``), so that loading a batch run again stores nothing twice;
        the same key with other fields raises ``KeyReused``.
        """

        def parse() -> tuple[list[Mention], list[Mention]]:
            decided, changed = self._decided(text, mentions)
            spans = {(m.start, m.end) for m in originals}
            return decided, [*originals, *(m for m in changed if (m.start, m.end) not in spans)]

        return self._keyed(key, text, title, date, source, "parsed", parse)

    def _keyed(
        self,
        key: str,
        text: str,
        title: str,
        date: str,
        source: str,
        how: str,
        parse: Callable[[], tuple[list[Mention], list[Mention]]],
        page: StoredPage | None = None,
    ) -> Ingested:
        """The document stored under ``key`` for these fields (and ``how`` its mentions come), or a new one
        with the mentions (and the originals corrections changed) ``parse`` gives, stored with the key in
        one transaction (with the web page it was extracted from, if any)."""
        date = _check_document(text, title, date, source)
        keyed = IdempotencyKey(check_key(key), fingerprint(text, title, date, source, how))
        earlier = self.store.keyed_document(keyed)
        if earlier is not None:
            return Ingested(earlier, replayed=True)
        mentions, originals = parse()
        dated = date or publication_date(text)  # the fingerprint keeps the caller's fields
        new = new_document(text, mentions, title=title, date=dated, source=source, originals=originals)
        return self.store.add_keyed_document(replace(new, page=page), keyed)

    def _store_parsed(
        self,
        text: str,
        mentions: Sequence[Mention],
        title: str,
        date: str,
        source: str,
        originals: Sequence[Mention] = (),
        page: StoredPage | None = None,
    ) -> Document:
        dated = date or publication_date(text)  # no date given: the one in the text's header, if any
        new = new_document(text, mentions, title=title, date=dated, source=source, originals=originals)
        return self.store.add_document(replace(new, page=page))

    def ingest_page(
        self,
        page: str | bytes,
        *,
        charset: str | None = None,
        title: str = "",
        date: str = "",
        source: str = "",
        file_name: str = "",
        mode: Mode = Mode.FAST,
        language: str | None = None,
    ) -> Document:
        """Extract the main text of a web page (``gazetteer.web_page``; ``charset``: the one its transport
        declared) and ingest it, keeping the page beside it.

        The title, date and source are the caller's, else the page's (its canonical URL as the source),
        else the source is ``file_name``.  Mention offsets refer to the extracted text, the document's text.
        """
        found = extract_page(page, charset)
        title, date, source = _page_fields(found, title, date, source, file_name)
        date = _check_document(found.text, title, date, source)
        mentions, originals = self.corrected_geoparse(found.text, mode, language)
        return self._store_parsed(found.text, mentions, title, date, source, originals, page=found.original)

    def ingest_page_once(
        self,
        key: str,
        page: str | bytes,
        *,
        charset: str | None = None,
        title: str = "",
        date: str = "",
        source: str = "",
        file_name: str = "",
        mode: Mode = Mode.FAST,
        language: str | None = None,
    ) -> Ingested:
        """``ingest_page`` under an idempotency key, as ``ingest_once``: a retry with the same key and the
        same page and fields gets the first document back (``replayed``); another page or fields, ``KeyReused``."""
        found = extract_page(page, charset)
        title, date, source = _page_fields(found, title, date, source, file_name)
        how = f"page {fingerprint(found.html)} {mode.value} {'' if language is None else check_language(language)}"

        def parse() -> tuple[list[Mention], list[Mention]]:
            return self.corrected_geoparse(found.text, mode, language)

        return self._keyed(key, found.text, title, date, source, how, parse, page=found.original)

    def page(self, document_id: int) -> StoredPage:
        """The web page a document's text was extracted from; ``NotFound`` for an unknown document or one
        given as text."""
        return self.store.page(document_id)

    def document(self, document_id: int) -> Document:
        """The document with that id; ``NotFound`` otherwise."""
        return self.store.document(document_id)

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        """Stored documents, newest first."""
        return self.store.documents(limit, offset)

    def count_documents(self) -> int:
        """How many documents are stored."""
        return self.store.count_documents()

    def count_mentions(self, document_id: int) -> int:
        """How many mentions a document has; ``NotFound`` for an unknown document."""
        return self.store.count_mentions(document_id)

    def document_mentions(self, document_id: int) -> list[StoredMention]:
        """The mentions of a document in text order."""
        return self.store.mentions(document_id)

    def place_mentions(
        self, place_id: int, limit: int = 100, offset: int = 0, selection: MentionFilter | None = None
    ) -> list[StoredMention]:
        """Every stored mention of a place (which must exist), with its sentence: by document then position,
        or bounded by the documents' dates and sorted by them as ``selection`` says."""
        self.place(place_id)
        return self.store.place_mentions(place_id, limit, offset, selection)

    # API keys.

    def add_key(self, name: str, scope: str = Scope.WRITE) -> tuple[ApiKey, str]:
        """A new API key and its secret: the secret is shown only now, the store keeps its digest."""
        secret = new_secret()
        key = ApiKey(check_name(name), check_scope(scope), digest_of(secret))
        return self.store.add_key(key), secret

    def api_keys(self) -> list[ApiKey]:
        """Every API key, by name (digests, never secrets)."""
        return self.store.api_keys()

    def revoke_key(self, name: str) -> None:
        """Delete an API key: its secret opens nothing from now on; ``NotFound`` for an unknown name."""
        self.store.revoke_key(check_name(name))

    def authorize(self, secret: str | None, needed: Scope) -> ApiKey:
        """The key of ``secret`` when it allows ``needed``; ``MissingKey`` (none, unknown) or ``NotAllowed``."""
        key = self.store.key_by_digest(digest_of(secret)) if secret and len(secret) <= MAX_SECRET else None
        if key is None:
            raise MissingKey("this request needs an API key" if not secret else "the API key is unknown or revoked")
        if not key.allows(needed):
            raise NotAllowed(f"the API key {key.name!r} has the {key.scope} scope; this request needs {needed}")
        return key

    # Corrections.

    def mention(self, mention_id: str) -> StoredMention:
        """The stored mention of that id (``<document id>-<ordinal>``); ``NotFound`` otherwise."""
        return self.store.mention(*parse_mention_id(mention_id))

    def correct(
        self,
        mention_id: str,
        place_id: int | None,
        *,
        scope: CorrectionScope = CorrectionScope.MENTION,
        region_id: int | None = None,
        author: str,
    ) -> Corrected:
        """Record that the surface of a mention names ``place_id`` (``None``: no place) within ``scope``, and
        apply it at once to the stored mentions it governs.  A ``region`` scope covers the documents about
        ``region_id`` (by default the country of the new place, or of the old one for "not a place")."""
        document_id, n = parse_mention_id(mention_id)
        mention = self.store.mention(document_id, n)
        place = self._named_place(place_id, "place_id") if place_id is not None else None
        region = self._region(scope, region_id, place.country if place else mention.country)
        correction = Correction(
            id=0,
            surface=mention.surface,
            place_id=place.id if place else None,
            place_name=place.name if place else "",
            old_place_id=mention.place_id,
            old_place_name=mention.place_name,
            scope=scope,
            document_id=document_id,
            mention_n=n,
            mention_start=mention.start,
            text_digest=text_digest_of(self.store.document(document_id).text),
            region_id=region.id if region else None,
            region_name=region.name if region else "",
            author=check_name(author),
            created=now_utc(),
        )
        earlier = self.store.corrections_for([correction.folded])
        changes = self._changes(correction, [*earlier, replace(correction, id=MAX_ID)])
        return Corrected(self.store.add_correction(correction, changes), _changed(changes))

    def corrections(self, limit: int = 100, offset: int = 0) -> list[Correction]:
        """Corrections, newest first."""
        return self.store.corrections(limit, offset)

    def count_corrections(self) -> int:
        """How many corrections are stored."""
        return self.store.count_corrections()

    def correction(self, correction_id: int) -> Correction:
        """The correction with that id; ``NotFound`` otherwise."""
        return self.store.correction(correction_id)

    def undo_correction(self, correction_id: int) -> Corrected:
        """Delete a correction: the mentions it governed go back to what the other corrections say, or to
        what the geoparser said.  The deleted correction is returned."""
        correction = self.store.correction(correction_id)
        others = [c for c in self.store.corrections_for([correction.folded]) if c.id != correction.id]
        changes = self._changes(correction, others)
        self.store.delete_correction(correction.id, changes)
        return Corrected(correction, _changed(changes))

    def _named_place(self, place_id: int, field: str) -> Place:
        check_id(place_id, field)
        try:
            return self.place(place_id)
        except NotFound:
            raise InvalidInput(f"{field}: no place with id {place_id}") from None

    def _region(self, scope: CorrectionScope, region_id: int | None, country: str) -> Place | None:
        """The region a correction of ``scope`` covers the documents of (``None`` for a narrower scope)."""
        if scope is not CorrectionScope.REGION:
            if region_id is not None:
                raise InvalidInput(f"region_id is for the region scope, not the {scope} scope")
            return None
        if region_id is None:
            country_id = self.gazetteer.index.country_ids().get(country)
            if country_id is None:
                raise InvalidInput("give region_id: the place has no country to default to")
            region_id = country_id
        from gazetteer.spatial import can_contain  # the spatial module's imports are heavy

        region = self._named_place(region_id, "region_id")
        if not can_contain(region):
            raise InvalidInput(f"region_id: {region.name} is no country or area that can contain places")
        return region

    def _changes(self, correction: Correction, corrections: Sequence[Correction]) -> MentionChanges:
        """What the stored mentions in the scope of ``correction`` become under ``corrections``."""
        scoped = self._scoped(correction, corrections)
        wanted = {c.place_id for c in corrections if c.place_id is not None}
        places = self.gazetteer.places(wanted, names=False)
        changes = mention_changes(scoped, corrections, places)
        return self._with_events(changes, scoped, places)

    def _with_events(
        self, changes: MentionChanges, scoped: Sequence[Scoped], places: Mapping[int, Place]
    ) -> MentionChanges:
        """``changes`` with what they do to the proposed events of the mentions they touch: moved with a
        mention to its new place, dropped with one that names no place, proposed again (as ingest would,
        from its sentence) for one that names a place again.  ``places``: those already read, by id."""
        replaced = {(m.document_id, m.n): m for m in changes.replaced}
        removed = set(changes.removed)
        events = self.store.events_of(sorted({document for document, _ in (*replaced, *removed)}))
        restored = {m.place_id for m in replaced.values()} - places.keys()
        places = {**places, **self.gazetteer.places(restored, names=False)}
        moved, dropped = followed_events(events, replaced, removed, places)
        back = {(s.original.document_id, s.original.n) for s in scoped if s.current is None} & replaced.keys()
        again = [e for d in sorted({d for d, _ in back}) for e in self._proposed_again(d, back, changes, events)]
        return replace(changes, events=(*moved, *again), dropped_events=tuple(dropped))

    def _proposed_again(
        self, document_id: int, back: set[tuple[int, int]], changes: MentionChanges, events: Sequence[Event]
    ) -> list[Event]:
        """The events that the mentions ``back`` of a document (naming a place again) propose, as ingest
        would from its text and its mentions after ``changes``; none where the document has an event at
        that place and date already (of ``events``, those of the documents)."""
        document = self.store.document(document_id)
        after = {m.n: m for m in self.store.mentions(document_id)}
        after |= {m.n: m for m in changes.replaced if m.document_id == document_id}
        for removed_document, n in changes.removed:
            if removed_document == document_id:
                after.pop(n, None)
        ordered = sorted(after.values(), key=lambda m: (m.start, m.end))
        places = self.gazetteer.places({m.place_id for m in ordered}, names=False)
        records = [m for m in ordered if m.place_id in places]
        mentions = [Mention(m.start, m.end, m.surface, places[m.place_id], m.confidence) for m in records]
        had = {(e.date, e.place_id) for e in events if e.document_id == document_id}
        return [
            replace(event, document_id=document_id, mention_n=records[event.mention_n].n)
            for event in propose_events(document.text, mentions, document_date=document.date)
            if event.mention_n is not None
            and (document_id, records[event.mention_n].n) in back
            and (event.date, event.place_id) not in had
        ]

    def _scoped(self, correction: Correction, corrections: Sequence[Correction]) -> list[Scoped]:
        """The stored mentions (and those found to name no place) that ``correction`` may govern."""
        surfaces = case_variants(correction.surface)
        kept = self.store.originals_with_surfaces(surfaces)
        if correction.scope is CorrectionScope.REGION:
            current = self.store.mentions_with_surfaces(surfaces)
        else:  # its document, and those it holds for as the same text ingested again (changed, so kept)
            holders = {correction.document_id or 0, *(m.document_id for m in kept)}
            current = self.store.mentions_of(sorted(holders))
        folded = correction.folded
        now = {(m.document_id, m.n): m for m in current if fold(m.surface) == folded}
        originals = {(m.document_id, m.n): m for m in kept if fold(m.surface) == folded}
        documents = sorted({key[0] for key in (*now, *originals)})
        narrower = any(c.scope is not CorrectionScope.REGION for c in corrections)  # they compare texts
        digests = {d: text_digest_of(self.store.document(d).text) for d in documents} if narrower else {}
        regions = self._documents_about(documents, corrections)
        scoped = []
        for key in sorted({*now, *originals}):
            original = originals.get(key) or now[key]
            document = key[0]
            covered = Covered(
                original.surface, original.start, digests.get(document, ""), regions.get(document, frozenset()), *key
            )
            scoped.append(Scoped(original, now.get(key), covered))
        return scoped

    def _documents_about(
        self, documents: Sequence[int], corrections: Sequence[Correction]
    ) -> dict[int, frozenset[int]]:
        """Which regions of the ``region`` corrections each document is about."""
        wanted = {c.region_id for c in corrections if c.scope is CorrectionScope.REGION and c.region_id is not None}
        if not wanted or not documents:
            return {}
        mentions = self.store.mentions_of(documents)
        places = self.gazetteer.places({m.place_id for m in mentions}, names=False)
        corrector = Corrector(corrections, self.gazetteer)
        by_document: dict[int, list[Place]] = {}
        for m in mentions:
            if m.place_id in places:
                by_document.setdefault(m.document_id, []).append(places[m.place_id])
        return {d: corrector.regions(found, wanted) for d, found in by_document.items()}

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

    def map_data(self, selection: MapFilter | None = None, *, basemap: bool = False, timeline: bool = True) -> MapData:
        """The places, listed mentions, titles, events, variants and areas of the mentions ``selection`` picks.

        Places are counted in the store; past the filter's cap they are clustered on a grid (a place the
        filter centres on keeps its own marker).  ``NotFound`` for a named document that is not stored, or
        a place that is neither mentioned nor in the gazetteer.  ``basemap=True`` adds the basemap of the
        countries mentioned, for a page that carries its own; ``timeline=False`` leaves out the dated places
        of the time slider, for a page that fetches them (``map_timeline``).
        """
        chosen = (selection or MapFilter()).checked()
        store = self.store
        named = _required(chosen.document_ids, store.document_titles(chosen.document_ids))
        places = store.map_places(chosen)
        drawn, clusters = _bounded(places, chosen)
        ids = [place.place_id for place in drawn]
        mentions = store.map_mentions(chosen, listed_per_place(len(drawn)), None if not clusters else ids)
        gazetteer_places = self._mapped_places(ids)
        shapes = {p.id: wkb for p, wkb, _ in self._shaped_places(lambda index: index.shapes(gazetteer_places))}
        renamed = {pid for pid, place in gazetteer_places.items() if has_dated_name(place, NAMES_LANGUAGE)}
        dates = store.document_dates(sorted({m.document_id for m in mentions if m.place_id in renamed}))
        dated = ((m.place_id, dates.get(m.document_id, "")) for m in mentions)
        data = MapData(
            mentions=mentions,
            titles=named | store.document_titles(sorted({m.document_id for m in mentions} - set(named))),
            variants=variants_of(gazetteer_places.values()),
            events=store.map_events(chosen, MAX_MAP_EVENTS),
            regions=drawn_regions(gazetteer_places.values(), shapes),
            basemap=self.basemap(shown_countries(places)) if basemap else None,
            places=drawn,
            clusters=clusters,
            document_count=store.map_document_count(chosen),
            selection=chosen,
            timeline=store.map_timeline(chosen, MAX_TIMELINE_POINTS) if timeline else (),
            dates=dates,
            names_then=names_then(gazetteer_places, dated, NAMES_LANGUAGE),
        )
        if chosen.place_id is None:
            return data
        return _focused(data, chosen.place_id, self._mapped_places([chosen.place_id]).get(chosen.place_id))

    def map_timeline(self, selection: MapFilter | None = None) -> list[DatedPlace]:
        """The places of the selected mentions of dated documents, one a place and date with its mention count
        (the newest ``MAX_TIMELINE_POINTS``, oldest first): what a map's time slider plays.  ``NotFound`` for a
        named document that is not stored, as ``map_data``."""
        chosen = (selection or MapFilter()).checked()
        _required(chosen.document_ids, self.store.document_titles(chosen.document_ids))
        return self.store.map_timeline(chosen, MAX_TIMELINE_POINTS)

    def map_generation(self) -> str:
        """A token that changes whenever the store changes: rendered maps keyed by it stay right."""
        return self.store.generation()

    def basemap(self, countries: Sequence[str] = ()) -> Basemap:
        """Country shapes and the first-level areas of ``countries`` (ISO codes), for maps to show offline."""
        wanted = sorted({code.upper() for code in countries})
        shaped = self._shaped_places(lambda index: index.shapes_by_code(COUNTRY_CODES))
        shaped += self._shaped_places(lambda index: index.shapes_by_code([FIRST_LEVEL], wanted))
        return basemap_of(shaped, wanted)

    def event_map_data(self, event_id: int, max_markers: int = DEFAULT_MAX_MARKERS) -> tuple[Event, MapData]:
        """An event and the map data around it (its circle and as much again on each side)."""
        from geo.regions import geodesic_circle

        event = self.event(event_id)
        with geo_checked():
            west, south, east, north = geodesic_circle(event.lon, event.lat, max(event.radius_km, 1.0)).bounds
        dlon, dlat = max(east - west, EVENT_MARGIN_DEG), max(north - south, EVENT_MARGIN_DEG)
        around = BoundingBox(
            max(-180, west - dlon), max(-90, south - dlat), min(180, east + dlon), min(90, north + dlat)
        )
        return event, self.map_data(MapFilter(bbox=around, max_markers=max_markers))

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
        return self._map_places.get_many(ids, gazetteer.places) if gazetteer is not None else {}

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


def _page_fields(page: WebPage, title: str, date: str, source: str, file_name: str) -> tuple[str, str, str]:
    """(title, date, source) of a web page's document: each the caller's, else the page's own (its canonical
    URL for the source, else the file name)."""
    return title or page.title, date or page.date, source or page.url or file_name


def _check_document(text: str, title: str, date: str, source: str) -> str:
    """Check a document's fields once, before anything is parsed; its date in ISO form."""
    check_text(text)
    check_field(title, "title", MAX_TITLE)
    check_field(source, "source", MAX_SOURCE)
    return check_date(date)


def _changed(changes: MentionChanges) -> int:
    """How many stored mentions ``changes`` touch."""
    return len({*((m.document_id, m.n) for m in changes.replaced), *changes.removed})


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


def _pages(fetch: Callable[[int, int], list[T]], most: int) -> Iterator[T]:
    """Every row of a paged listing, up to ``most``."""
    offset = 0
    while offset < most:
        page = fetch(min(MAX_PAGE, most - offset), offset)
        yield from page
        if len(page) < MAX_PAGE:
            return
        offset += len(page)


def _required(wanted: Sequence[int], titles: dict[int, str]) -> dict[int, str]:
    """``titles``, when it has every wanted document; ``NotFound`` for the first one missing (not stored)."""
    for document_id in wanted:
        if document_id not in titles:
            raise NotFound(f"no document with id {document_id}")
    return titles


def listed_per_place(places: int) -> int:
    """Mentions listed in each place's popup when a map draws ``places`` markers: fewer for more places."""
    return max(MIN_LISTED_MENTIONS, min(MAX_LISTED_MENTIONS, LISTED_MENTIONS_BUDGET // max(places, 1)))


def _bounded(places: Sequence[MappedPlace], chosen: MapFilter) -> tuple[list[MappedPlace], list[PlaceCluster]]:
    """(places drawn as their own markers, clusters of the rest): clusters only past the cap.

    A place the filter centres on, and a place alone in its cell, keep their own markers.
    """
    if len(places) <= chosen.max_markers:
        return list(places), []
    focus = [place for place in places if place.place_id == chosen.place_id]
    others = [place for place in places if place.place_id != chosen.place_id]
    clusters = grid_clusters(others, chosen.max_markers - len(focus))
    alone = [cluster.top[0] for cluster in clusters if cluster.place_count == 1]
    return focus + alone, [cluster for cluster in clusters if cluster.place_count > 1]


def _focused(data: MapData, place_id: int, place: Place | None) -> MapData:
    """``data`` centred on a place: where it is mentioned, else where the gazetteer has it."""
    centre = next(((p.lon, p.lat) for p in data.places if p.place_id == place_id), None)
    if centre is None and place is not None:
        centre = (place.lon, place.lat)
    if centre is None:
        raise NotFound(f"no place with id {place_id}")
    return replace(data, focus_place_id=place_id, focus=centre)
