"""A geoparsed text made ready for the store: flat mentions with their sentences, and events.

Everything a stored document holds besides its text is derived here once, so
that every store backend keeps the same thing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from gazetteer.documents import NewDocument, StoredMention
from gazetteer.events import propose_events
from gazetteer.records import Mention, Place
from gazetteer.sentences import Sentences


def new_document(
    text: str,
    mentions: Sequence[Mention],
    *,
    title: str = "",
    date: str = "",
    source: str = "",
    originals: Sequence[Mention] = (),
) -> NewDocument:
    """The document to store: ``mentions`` in text order with snippets, and the events they propose.

    ``originals``: the mentions as parsed of the spans that corrections changed (or found to name no
    place), kept beside them.  Mentions and originals are numbered together, in text order.
    """
    ordered = sorted(mentions, key=_span)
    numbers = {span: n for n, span in enumerate(sorted({_span(m) for m in (*ordered, *originals)}))}
    sentences = Sentences(text)
    events = propose_events(text, ordered, document_date=date, sentences=sentences)
    if originals:  # an event's mention_n indexes ``ordered``: make it the mention's number
        events = [
            e if e.mention_n is None else replace(e, mention_n=numbers[_span(ordered[e.mention_n])]) for e in events
        ]
    stored = tuple(_stored(ordered, numbers, sentences))
    kept = tuple(_stored(sorted(originals, key=_span), numbers, sentences))
    return NewDocument(text, title, date, source, stored, tuple(events), kept)


def _span(mention: Mention) -> tuple[int, int]:
    return mention.start, mention.end


def _stored(
    mentions: Sequence[Mention], numbers: dict[tuple[int, int], int], sentences: Sentences
) -> Iterator[StoredMention]:
    for mention in mentions:
        n = numbers[_span(mention)]
        snippet, snippet_start = sentences.snippet(mention.start, mention.end)
        yield StoredMention(
            document_id=0,
            n=n,
            start=mention.start,
            end=mention.end,
            surface=mention.surface,
            confidence=float(mention.confidence),
            snippet=snippet,
            snippet_start=snippet_start,
            **place_fields(mention.place),
        )


def place_fields(place: Place) -> dict[str, Any]:
    """The fields of a stored mention that its place gives: id, main name, point, feature code, country."""
    return {
        "place_id": place.id,
        "place_name": place.name,
        "lon": place.lon,
        "lat": place.lat,
        "feature_code": place.feature_code,
        "country": place.country,
    }
