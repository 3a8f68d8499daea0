"""Mentions grouped by place, and how a place's marker looks for its mention count."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from gazetteer.documents import StoredMention

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
    """Its mentions, by document then position."""

    @property
    def count(self) -> int:
        """Number of mentions."""
        return len(self.mentions)

    @property
    def document_ids(self) -> tuple[int, ...]:
        """The documents that mention the place, in order."""
        return tuple(dict.fromkeys(m.document_id for m in self.mentions))


@dataclass(frozen=True, slots=True)
class MarkerStyle:
    """Size and colour of a place marker."""

    radius_px: float
    """Radius of the circle marker, in screen pixels."""
    fill: str
    """Fill colour, darker for more mentions."""


def group_by_place(mentions: Iterable[StoredMention]) -> list[PlaceMentions]:
    """Mentions grouped by place, the most mentioned first (then by name)."""
    groups: dict[int, list[StoredMention]] = {}
    for mention in mentions:
        groups.setdefault(mention.place_id, []).append(mention)
    places = [_group(items) for items in groups.values()]
    return sorted(places, key=lambda p: (-p.count, p.name, p.place_id))


def _group(items: list[StoredMention]) -> PlaceMentions:
    first = items[0]
    return PlaceMentions(
        place_id=first.place_id,
        name=first.place_name,
        lon=first.lon,
        lat=first.lat,
        feature_code=first.feature_code,
        mentions=tuple(sorted(items, key=lambda m: (m.document_id, m.n))),
    )


def marker_style(count: int) -> MarkerStyle:
    """The marker of a place mentioned ``count`` times: bigger and darker with more."""
    radius = min(MAX_RADIUS_PX, MIN_RADIUS_PX + 4.0 * math.log2(max(count, 1)))
    fill = COUNT_BINS[0][1]
    for lowest, colour in COUNT_BINS:
        if count >= lowest:
            fill = colour
    return MarkerStyle(radius_px=radius, fill=fill)
