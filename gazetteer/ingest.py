"""A geoparsed text made ready for the store: flat mentions with their sentences, and events.

Everything a stored document holds besides its text is derived here once, so
that every store backend keeps the same thing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gazetteer.documents import NewDocument, StoredMention
from gazetteer.events import propose_events
from gazetteer.records import Mention
from gazetteer.sentences import Sentences


def new_document(
    text: str, mentions: Sequence[Mention], *, title: str = "", date: str = "", source: str = ""
) -> NewDocument:
    """The document to store: ``mentions`` in text order with snippets, and the events they propose."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    sentences = Sentences(text)
    events = propose_events(text, ordered, document_date=date, sentences=sentences)
    stored = tuple(_stored(ordered, sentences))
    return NewDocument(text, title, date, source, stored, tuple(events))


def _stored(mentions: Sequence[Mention], sentences: Sentences) -> Iterator[StoredMention]:
    for n, mention in enumerate(mentions):
        snippet, snippet_start = sentences.snippet(mention.start, mention.end)
        place = mention.place
        yield StoredMention(
            document_id=0,
            n=n,
            start=mention.start,
            end=mention.end,
            surface=mention.surface,
            place_id=place.id,
            place_name=place.name,
            lon=place.lon,
            lat=place.lat,
            feature_code=place.feature_code,
            country=place.country,
            confidence=float(mention.confidence),
            snippet=snippet,
            snippet_start=snippet_start,
        )
