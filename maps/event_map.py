"""The map of one event: framed on its circle, the mentioned places inside highlighted."""

from __future__ import annotations

from dataclasses import replace

import folium

from gazetteer.documents import Event
from gazetteer.map_data import MapData
from maps.event_layer import event_bounds
from maps.mention_map import MapOptions, build_map


def build_event_map(event: Event, data: MapData, options: MapOptions | None = None) -> folium.Map:
    """A map of the mentions framed on ``event``, whose circle is the only event drawn."""
    options = options or MapOptions()
    framed = replace(
        options,
        centre=None,
        bounds=event_bounds(event),
        title=options.title or f"Event: {event.title} ({event.date})",
    )
    return build_map(replace(data, events=[event]), framed)
