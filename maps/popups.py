"""The HTML inside map popups, every piece of document text escaped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gazetteer.documents import Event
from gazetteer.map_clusters import PlaceCluster
from gazetteer.map_data import MAX_LISTED_MENTIONS
from gazetteer.names_as_of import NameAsOf
from maps.html import DOCUMENT_BASE, document_url, escape_text, highlighted_snippet, names_then_label, place_map_url
from maps.places import PlaceMentions


def document_label(document_id: int, titles: Mapping[int, str]) -> str:
    """The escaped title of a document, or ``Document <id>`` when it has none."""
    return escape_text(titles.get(document_id) or f"Document {document_id}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def place_popup(
    place: PlaceMentions,
    variants: Sequence[str],
    titles: Mapping[int, str],
    document_base: str = DOCUMENT_BASE,
    names_then: Sequence[NameAsOf] = (),
) -> str:
    """Name, main variants and each listed mention's sentence, linked to the mention in its document; with
    ``names_then``, also the names the place had at the dates of those documents (``Khankendi — in 2021:
    Stepanakert (1923–2023)``)."""
    items = [
        f'<li><a class="mention-link" href="{escape_text(document_url(m.document_id, m.n, document_base))}">'
        f"{document_label(m.document_id, titles)}</a>: {highlighted_snippet(m)}</li>"
        for m in place.mentions[:MAX_LISTED_MENTIONS]
    ]
    hidden = place.count - len(items)
    more = f'<p class="more">and {_plural(hidden, "more mention")}</p>' if hidden > 0 else ""
    also = f'<p class="variants">Also: {" · ".join(escape_text(v) for v in variants)}</p>' if variants else ""
    counts = f"{_plural(place.count, 'mention')} in {_plural(place.document_count, 'document')}"
    return (
        f'<div class="place-popup" data-place-id="{place.place_id}">'
        f"<h4>{escape_text(place.name)}</h4>{_names_then(place.name, names_then)}{also}"
        f'<p class="count">{counts}</p><ol class="mentions">{"".join(items)}</ol>{more}</div>'
    )


def _names_then(name: str, names: Sequence[NameAsOf]) -> str:
    """The paragraph of the names a place had at its documents' dates, ``""`` for none."""
    return f'<p class="names-then">{escape_text(names_then_label(name, names))}</p>' if names else ""


def cluster_popup(cluster: PlaceCluster, zoom_url: str, map_url: str = "/map") -> str:
    """How many places and mentions, the most mentioned places linked to their maps, and a link zooming in."""
    items = "".join(
        f'<li><a class="place-link" href="{escape_text(place_map_url(p.place_id, map_url))}">'
        f"{escape_text(p.name)}</a> ({p.mentions})</li>"
        for p in cluster.top
    )
    hidden = cluster.place_count - len(cluster.top)
    more = f'<p class="more">and {_plural(hidden, "more place")}</p>' if hidden > 0 else ""
    return (
        f'<div class="cluster-popup"><h4>{_plural(cluster.place_count, "place")}</h4>'
        f'<p class="count">{_plural(cluster.mentions, "mention")}</p><ol class="places">{items}</ol>{more}'
        f'<p><a class="zoom-link" href="{escape_text(zoom_url)}">Map of this area</a></p></div>'
    )


def cluster_tooltip(cluster: PlaceCluster) -> str:
    """``12 places (40)``: how many places and mentions."""
    return f"{_plural(cluster.place_count, 'place')} ({cluster.mentions})"


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
