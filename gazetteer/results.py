"""What the application layer's spatial and event calls take and give back."""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer.records import Place

NEAREST, CONTAINING, WITHIN = "nearest", "containing", "within"
"""How a place found around a point relates to it."""
DEFAULT_NEAR_RADIUS_KM = 25.0
"""Radius of a near query that gives none."""


@dataclass(frozen=True, slots=True)
class NearQuery:
    """A search around a position: within a radius, or the ``k`` nearest."""

    lon: float
    """Longitude of the centre."""
    lat: float
    """Latitude of the centre."""
    radius_km: float = DEFAULT_NEAR_RADIUS_KM
    """Radius in kilometres: points within it, areas whose shape reaches into it (ignored when ``k`` is set)."""
    limit: int = 100
    """Most results."""
    k: int | None = None
    """When set, the ``k`` places whose representative points are nearest, whatever their distance."""
    mentioned_only: bool = False
    """Only places mentioned in stored documents."""
    historic: bool = False
    """Former states and divisions too (the Soviet Union), which modern queries leave out."""


@dataclass(frozen=True, slots=True)
class Nearby:
    """A place found around a position."""

    place: Place
    """The place (without its names)."""
    distance_km: float
    """Geodesic distance from the position to the place's representative point, in kilometres."""
    mentions: int | None = None
    """How many stored mentions the place has (``None`` where not asked)."""
    relation: str | None = None
    """``containing`` for an area holding the position, ``nearest`` for a place near it (reverse only)."""
    distance_to_area_km: float | None = None
    """For an area: geodesic distance from the position to the nearest point of its shape or extent, 0 inside."""


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event as a caller gives it: located by exactly one of a place id, a place name, or lon and lat."""

    title: str
    """What happened."""
    date: str
    """When, ISO 8601 date."""
    radius_km: float = 0.0
    """Radius of the area concerned, in kilometres."""
    place_id: int | None = None
    """A gazetteer place id."""
    place_name: str | None = None
    """A place name, resolved to its best candidate."""
    lon: float | None = None
    """Longitude, with ``lat``."""
    lat: float | None = None
    """Latitude, with ``lon``."""
    document_id: int | None = None
    """Source document."""
    mention_n: int | None = None
    """Source mention in that document."""
