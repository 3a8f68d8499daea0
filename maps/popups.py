"""The HTML inside map popups, every piece of document text escaped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gazetteer.documents import Document, Event
from maps.html import DOCUMENT_BASE, document_url, escape_text, highlighted_snippet
from maps.places import PlaceMentions

MAX_LISTED_MENTIONS = 25
"""Mentions listed in one place popup; the rest are counted."""


def document_label(document_id: int, documents: Mapping[int, Document]) -> str:
    """The escaped title of a document, or ``Document <id>`` when it has none."""
    document = documents.get(document_id)
    title = document.title if document is not None and document.title else f"Document {document_id}"
    return escape_text(title)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def place_popup(
    place: PlaceMentions,
    variants: Sequence[str],
    documents: Mapping[int, Document],
    document_base: str = DOCUMENT_BASE,
) -> str:
    """Name, main variants and each mention's sentence, linked to the mention in its document."""
    items = [
        f'<li><a class="mention-link" href="{escape_text(document_url(m.document_id, m.n, document_base))}">'
        f"{document_label(m.document_id, documents)}</a>: {highlighted_snippet(m)}</li>"
        for m in place.mentions[:MAX_LISTED_MENTIONS]
    ]
    hidden = place.count - len(items)
    more = f'<p class="more">and {_plural(hidden, "more mention")}</p>' if hidden > 0 else ""
    also = f'<p class="variants">Also: {" · ".join(escape_text(v) for v in variants)}</p>' if variants else ""
    counts = f"{_plural(place.count, 'mention')} in {_plural(len(place.document_ids), 'document')}"
    return (
        f'<div class="place-popup" data-place-id="{place.place_id}">'
        f"<h4>{escape_text(place.name)}</h4>{also}"
        f'<p class="count">{counts}</p><ol class="mentions">{"".join(items)}</ol>{more}</div>'
    )


def place_tooltip(place: PlaceMentions) -> str:
    """``Khankendi (3)``: the place name and its mention count."""
    return f"{escape_text(place.name)} ({place.count})"


def event_popup(
    event: Event,
    nearby: Sequence[PlaceMentions],
    document_base: str = DOCUMENT_BASE,
) -> str:
    """What happened, when, the radius, and the mentioned places inside it."""
    where = f" at {escape_text(event.place_name)}" if event.place_name else ""
    source = ""
    if event.document_id is not None:
        href = escape_text(document_url(event.document_id, event.mention_n, document_base))
        source = f'<p><a class="event-source" href="{href}">Source document</a></p>'
    places = "".join(f"<li>{escape_text(p.name)} ({p.count})</li>" for p in nearby)
    listed = f'<ul class="nearby">{places}</ul>' if places else "<p>No mentioned place inside.</p>"
    proposed = " (proposed)" if event.proposed else ""
    return (
        f'<div class="event-popup" data-event-id="{event.id}">'
        f"<h4>{escape_text(event.title)}</h4>"
        f"<p>{escape_text(event.date)}{where}{proposed}; radius {event.radius_km:g} km</p>"
        f"{source}<p>Mentioned places within the radius:</p>{listed}</div>"
    )
