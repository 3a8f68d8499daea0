"""Records of the document store: documents, their stored mentions, events, original web pages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """A text given to the service, geoparsed and stored."""

    id: int
    """Store id, assigned on ingest."""
    text: str
    """The full text as received."""
    title: str = ""
    """Optional title."""
    date: str = ""
    """Optional publication date, ISO 8601 (``2023-09-19``)."""
    source: str = ""
    """Optional source (outlet, URL or file name)."""
    created: str = ""
    """When it was stored, ISO 8601 UTC."""


@dataclass(frozen=True, slots=True)
class StoredMention:
    """A mention as kept in the store, flat and self-contained."""

    document_id: int
    """The document it belongs to."""
    n: int
    """Ordinal of the mention in its document, from 0; the HTML anchor is ``m-<n>``."""
    start: int
    """Offset of the first character in the document text."""
    end: int
    """Offset past the last character: ``text[start:end] == surface``."""
    surface: str
    """The mention as written."""
    place_id: int
    """Gazetteer id of the resolved place."""
    place_name: str
    """Main name of the resolved place."""
    lon: float
    """Longitude of the resolved place."""
    lat: float
    """Latitude of the resolved place."""
    feature_code: str
    """GeoNames feature code of the place."""
    country: str
    """Country code of the place."""
    confidence: float
    """Resolution confidence, 0..1."""
    snippet: str = ""
    """The sentence around the mention."""
    snippet_start: int = 0
    """Offset of ``snippet`` in the document: the mention is ``snippet[start - snippet_start:end - snippet_start]``."""


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened at a place and time, with an area of effect."""

    id: int
    """Store id."""
    title: str
    """What happened."""
    date: str
    """When, ISO 8601 date."""
    lon: float
    """Longitude of the event location."""
    lat: float
    """Latitude of the event location."""
    radius_km: float = 0.0
    """Radius of the area concerned, in kilometres."""
    place_id: int | None = None
    """Gazetteer place it is at, when known."""
    place_name: str = ""
    """Name of that place."""
    document_id: int | None = None
    """Source document, when proposed from or linked to one."""
    mention_n: int | None = None
    """Source mention ordinal in that document."""
    proposed: bool = False
    """True when the event was proposed automatically from a document."""


@dataclass(frozen=True, slots=True)
class StoredPage:
    """The original web page a document's text was extracted from, as kept beside the document."""

    document_id: int
    """The document whose text was extracted from it."""
    html: str
    """The page, decoded: untrusted markup, never to be rendered from the service's origin."""
    url: str = ""
    """Its canonical URL, ``""`` for none."""
    author: str = ""
    """Its author, ``""`` for none."""


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A geoparsed document ready to be stored: its fields, mentions and proposed events.

    The store assigns the document id and gives it to the mentions and events.
    """

    text: str
    """The full text."""
    title: str
    """Title, ``""`` for none."""
    date: str
    """Publication date, ISO 8601, ``""`` for none."""
    source: str
    """Outlet, URL or file name, ``""`` for none."""
    mentions: tuple[StoredMention, ...]
    """Its mentions in text order, numbered from 0 (their ``document_id`` is ignored); a number is
    missing where a correction says the name is no place."""
    events: tuple[Event, ...]
    """Events proposed from it (their ``document_id`` is ignored)."""
    originals: tuple[StoredMention, ...] = ()
    """The mentions as parsed before corrections changed them, kept so that undoing one restores them."""
    page: StoredPage | None = None
    """The web page its text was extracted from, kept beside it (its ``document_id`` is ignored); ``None``
    for a text given as text."""
