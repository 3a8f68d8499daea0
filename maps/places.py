"""Mentions grouped by place, and how a place's marker looks for its mention count."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gazetteer.documents import StoredMention
from gazetteer.map_data import counted
from gazetteer.map_query import MappedPlace

COUNT_BINS: tuple[tuple[int, str], ...] = (
    (1, "#fed976"),
    (2, "#feb24c"),
    (4, "#fd8d3c"),
    (8, "#f03b20"),
    (16, "#bd0026"),
)
"""(lowest mention count, fill colour) of each marker class, light to dark."""

MIN_RADIUS_PX = 6.0
MAX_RADIUS_PX = 22.0


@dataclass(frozen=True, slots=True)
class PlaceMentions:
    """One mentioned place with every stored mention resolved to it."""

    place_id: int
    """Gazetteer id of the place."""
    name: str
    """Main name of the place."""
    lon: float
    """Longitude of the place."""
    lat: float
    """Latitude of the place."""
    feature_code: str
    """GeoNames feature code of the place."""
    mentions: tuple[StoredMention, ...]
    """The mentions listed in its popup, by document then position."""
    count: int
    """How many mentions of it the map shows (listed or not)."""
    document_count: int
    """How many documents those are in."""


@dataclass(frozen=True, slots=True)
class MarkerStyle:
    """Size and colour of a place marker."""

    radius_px: float
    """Radius of the circle marker, in screen pixels."""
    fill: str
    """Fill colour, darker for more mentions."""


def group_by_place(mentions: Iterable[StoredMention], places: Sequence[MappedPlace] = ()) -> list[PlaceMentions]:
    """The places with their listed mentions, the most mentioned first (then by name).

    ``places`` carry the counts (from the store); without them, the places and counts come from ``mentions``.
    """
    given = list(mentions)
    listed: dict[int, list[StoredMention]] = {}
    for mention in given:
        listed.setdefault(mention.place_id, []).append(mention)
    grouped = [_group(place, listed.get(place.place_id, [])) for place in places or counted(given)]
    return sorted(grouped, key=lambda p: (-p.count, p.name, p.place_id))


def _group(place: MappedPlace, items: list[StoredMention]) -> PlaceMentions:
    return PlaceMentions(
        place_id=place.place_id,
        name=place.name,
        lon=place.lon,
        lat=place.lat,
        feature_code=place.feature_code,
        mentions=tuple(sorted(items, key=lambda m: (m.document_id, m.n))),
        count=place.mentions,
        document_count=place.documents,
    )


def marker_style(count: int) -> MarkerStyle:
    """The marker of a place mentioned ``count`` times: bigger and darker with more."""
    radius = min(MAX_RADIUS_PX, MIN_RADIUS_PX + 4.0 * math.log2(max(count, 1)))
    fill = COUNT_BINS[0][1]
    for lowest, colour in COUNT_BINS:
        if count >= lowest:
            fill = colour
    return MarkerStyle(radius_px=radius, fill=fill)
