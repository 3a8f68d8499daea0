"""GeoJSON (RFC 7946) schemas for places: coordinates are [lon, lat]."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from gazetteer.public import ATTRIBUTION, ENGINE
from gazetteer.records import OVERLAY_ID_START, MatchType
from service.schemas.places import NameAsOfPublic, NamePublic

MATCH_TYPES = f"Search: how the query reached the name ({', '.join(kind.value for kind in MatchType)})."
"""The description of a search result's ``match_type``."""


class PointGeometry(BaseModel):
    """A GeoJSON point."""

    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="[longitude, latitude] in WGS84 degrees.")


class PlaceProperties(BaseModel):
    """What a feature tells about a place, and about how it was found."""

    id: int = Field(description=f"Gazetteer place id (GeoNames id, or >= {OVERLAY_ID_START} for curated places).")
    geonameid: int | None = Field(description="GeoNames id to join on; null for curated places.")
    name: str = Field(description="Name of the place, in the requested language when one is known.")
    feature_class: str
    feature_code: str
    country: str
    admin1_name: str
    population: int
    radius_km: float = Field(description="Rough extent of an area, 0 for points.")
    source: str
    confidence: float | None = Field(None, description="Search: combined score 0..1.")
    match_type: str | None = Field(None, description=MATCH_TYPES)
    matched_name: str | None = Field(None, description="Search: the name the query matched.")
    distance_km: float | None = Field(
        None, description="Geodesic distance from the focus or query point to the place's representative point."
    )
    distance_to_area_km: float | None = Field(
        None, description="Near and reverse, areas only: geodesic distance to the nearest point of the shape, 0 inside."
    )
    mentions: int | None = Field(None, description="How many stored mentions the place has.")
    relation: str | None = Field(None, description="Reverse: 'containing' area or 'nearest' place.")


class PlaceDetailProperties(PlaceProperties):
    """A place in full, with every name."""

    admin1: str
    source_url: str
    names: list[NamePublic]
    name_as_of: NameAsOfPublic | None = Field(
        None, exclude_if=lambda value: value is None, description="With as_of: the name the place had then."
    )


class PlaceFeature(BaseModel):
    """A place as a GeoJSON feature."""

    type: Literal["Feature"] = "Feature"
    id: int
    geometry: PointGeometry
    properties: PlaceProperties


class PlaceDetailFeature(PlaceFeature):
    """A place with all its names as a GeoJSON feature."""

    properties: PlaceDetailProperties


class Geocoding(BaseModel):
    """The Pelias-style block echoing the query."""

    version: str = "0.2"
    attribution: str = ATTRIBUTION
    query: dict[str, Any] = Field(description="The query as understood, parameters by their Pelias names.")
    engine: dict[str, str] = ENGINE
    timestamp: int = Field(description="Milliseconds since the epoch.")
    count: int = Field(description="Number of features.")


class PlaceCollection(BaseModel):
    """Places as a GeoJSON FeatureCollection with a geocoding block."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    geocoding: Geocoding
    features: list[PlaceFeature]
    bbox: list[float] | None = Field(None, description="[west, south, east, north] of the features.")
