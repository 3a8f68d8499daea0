"""How a map is framed for the data the application layer gathered: its title, centre and popup.

The records themselves (mentions, documents, events, variants, areas) come
from ``GazetteerAPI.map_data``; the map builders never touch the store.
"""

from __future__ import annotations

from dataclasses import replace

from gazetteer.map_data import MapData
from maps.mention_map import MapOptions


def map_title(data: MapData) -> str:
    """``Mentions in <title>`` for one document, ``Mentions in N documents`` for all."""
    if data.document_id is not None:
        return f"Mentions in {data.titles.get(data.document_id) or f'document {data.document_id}'}"
    count = data.document_count
    return f"Mentions in {count} document{'' if count == 1 else 's'}"


def map_options(data: MapData, base: MapOptions) -> MapOptions:
    """``base`` with the title, and with the centre and opened popup of the data's focus place."""
    options = replace(base, title=base.title or map_title(data))
    if data.focus is None:
        return options
    return replace(options, centre=data.focus, focus_place_id=data.focus_place_id)
