"""The events layer: a circle of each event's radius, the mentioned places inside it highlighted."""

from __future__ import annotations

from collections.abc import Sequence

import folium

from gazetteer.documents import Event
from geo.distance import distances_km
from geo.regions import geodesic_circle
from maps.elements import HtmlPopup, HtmlTooltip
from maps.html import DOCUMENT_BASE, escape_text
from maps.places import PlaceMentions, marker_style
from maps.popups import event_popup

EVENT_COLOUR = "#6a3d9a"
HIGHLIGHT_COLOUR = "#e31a1c"
HIGHLIGHT_MARGIN_PX = 5.0
"""Gap between a place marker and the ring that highlights it, in screen pixels."""


def places_within(event: Event, places: Sequence[PlaceMentions]) -> list[PlaceMentions]:
    """The places no farther from the event than its radius (geodesic), nearest first."""
    distances = distances_km(event.lon, event.lat, [p.lon for p in places], [p.lat for p in places])
    inside = [(float(d), p) for d, p in zip(distances, places, strict=True) if d <= event.radius_km]
    return [p for _, p in sorted(inside, key=lambda pair: pair[0])]


def event_bounds(event: Event) -> tuple[tuple[float, float], tuple[float, float]]:
    """((west, south), (east, north)) around the event's circle (at least 1 km)."""
    west, south, east, north = geodesic_circle(event.lon, event.lat, max(event.radius_km, 1.0)).bounds
    return (west, south), (east, north)


def add_event_layer(
    fmap: folium.Map,
    events: Sequence[Event],
    places: Sequence[PlaceMentions],
    document_base: str = DOCUMENT_BASE,
) -> None:
    """The events layer (left out when there are no events)."""
    if not events:
        return
    layer = folium.FeatureGroup(name="Events").add_to(fmap)
    for event in events:
        nearby = places_within(event, places)
        _event_shape(event, nearby, document_base).add_to(layer)
        for place in nearby:
            _highlight(place, event).add_to(layer)


def _event_shape(
    event: Event, nearby: Sequence[PlaceMentions], document_base: str
) -> folium.Circle | folium.CircleMarker:
    location = [event.lat, event.lon]
    classes = f"event-area event-{event.id}"
    shape: folium.Circle | folium.CircleMarker
    if event.radius_km > 0:
        shape = folium.Circle(location, radius=event.radius_km * 1000.0, class_name=classes)
    else:
        shape = folium.CircleMarker(location, radius=8, class_name=classes)
    shape.options.update(color=EVENT_COLOUR, fillColor=EVENT_COLOUR, weight=2, fill=True, fillOpacity=0.12)
    shape.add_child(HtmlPopup(event_popup(event, nearby, document_base)))
    shape.add_child(HtmlTooltip(escape_text(event.title)))
    return shape


def _highlight(place: PlaceMentions, event: Event) -> folium.CircleMarker:
    ring = folium.CircleMarker(
        [place.lat, place.lon],
        radius=marker_style(place.count).radius_px + HIGHLIGHT_MARGIN_PX,
        color=HIGHLIGHT_COLOUR,
        weight=3,
        fill=False,
        dash_array="4 3",
        class_name=f"nearby-highlight event-{event.id}-place-{place.place_id}",
    )
    ring.options["interactive"] = False
    return ring
