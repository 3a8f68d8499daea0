"""Schemas of the Pelias dialect (``/v1/...``): GeoJSON FeatureCollections as Pelias writes them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.schemas.geojson import MATCH_TYPES, Geocoding, PointGeometry


class PeliasProperties(BaseModel):
    """A place as Pelias tells it; the places above it appear by their layers (``region``, ``region_gid``...)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(description="The place's id in its source (a GeoNames id, or a curated place's id).")
    gid: str = Field(description="source:layer:id, which /v1/place takes back (geonames:locality:147105).")
    layer: str = Field(description="country, region, county, localadmin, locality, neighbourhood, ... or venue.")
    source: str = Field(description="geonames, or overlay for the curated places.")
    source_id: str
    name: str = Field(description="The place's name, in the language asked when it has one.")
    accuracy: str = Field(description="point, or centroid for an area.")
    label: str = Field(description="The place and the places above it: 'Shusha, Shusha District, Azerbaijan'.")
    country: str | None = None
    country_gid: str | None = None
    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2.")
    country_a: str | None = Field(None, description="ISO 3166-1 alpha-3.")
    region: str | None = None
    region_gid: str | None = None
    county: str | None = None
    county_gid: str | None = None
    locality: str | None = None
    locality_gid: str | None = None
    confidence: float | None = Field(None, description="Search: the combined score 0..1; reverse: by distance.")
    match_type: str | None = Field(None, description=MATCH_TYPES)
    distance: float | None = Field(None, description="Kilometres from the focus or query point.")


class PeliasFeature(BaseModel):
    """A place as a Pelias feature."""

    type: Literal["Feature"] = "Feature"
    geometry: PointGeometry
    properties: PeliasProperties
    bbox: list[float] | None = Field(None, description="An area's [west, south, east, north].")


class PeliasCollection(BaseModel):
    """Pelias's answer: the features with a geocoding block echoing the query."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    geocoding: Geocoding
    features: list[PeliasFeature]
    bbox: list[float] | None = Field(None, description="[west, south, east, north] of the features.")
