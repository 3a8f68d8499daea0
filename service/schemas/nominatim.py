"""Schemas of the Nominatim dialect (``/nominatim/...``), one per output format."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.schemas.geojson import PointGeometry


class NominatimAddress(BaseModel):
    """The places holding a place, by Nominatim's address keys (village, county, state, country...)."""

    model_config = ConfigDict(extra="allow")

    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2, lower case.")


class NominatimPlace(BaseModel):
    """A place in the ``json`` format (``class``) or the ``jsonv2`` format (``category``)."""

    model_config = ConfigDict(populate_by_name=True)

    place_id: int = Field(description="The gazetteer's id (a GeoNames id, or a curated place's), for /lookup.")
    licence: str
    lat: str = Field(description="Latitude, degrees, as a string.")
    lon: str = Field(description="Longitude, degrees, as a string.")
    class_: str | None = Field(None, alias="class", description="json: the OpenStreetMap key (place, boundary).")
    category: str | None = Field(None, description="jsonv2: the OpenStreetMap key (place, boundary).")
    type: str = Field(description="city, town, village, administrative, water...")
    place_rank: int
    importance: float
    addresstype: str
    name: str
    display_name: str = Field(description="The place and the places above it.")
    boundingbox: list[str] = Field(min_length=4, max_length=4, description="[south, north, west, east] as strings.")
    address: NominatimAddress | None = Field(None, description="With addressdetails=1.")


class NominatimGeoProperties(BaseModel):
    """A place's properties in the ``geojson`` format."""

    place_id: int
    category: str
    type: str
    place_rank: int
    importance: float
    addresstype: str
    name: str
    display_name: str
    address: NominatimAddress | None = None


class NominatimGeoFeature(BaseModel):
    """A place in the ``geojson`` format."""

    type: Literal["Feature"] = "Feature"
    properties: NominatimGeoProperties
    bbox: list[float] = Field(description="[west, south, east, north].")
    geometry: PointGeometry


class NominatimGeoJSON(BaseModel):
    """The ``geojson`` format."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    licence: str
    features: list[NominatimGeoFeature]


class GeocodeJSONPlace(BaseModel):
    """A place in the ``geocodejson`` format, with its address parts when asked."""

    model_config = ConfigDict(extra="allow")

    place_id: int
    type: str
    label: str
    name: str


class GeocodeJSONProperties(BaseModel):
    """The properties of a ``geocodejson`` feature."""

    geocoding: GeocodeJSONPlace


class GeocodeJSONFeature(BaseModel):
    """A place in the ``geocodejson`` format."""

    type: Literal["Feature"] = "Feature"
    properties: GeocodeJSONProperties
    geometry: PointGeometry


class GeocodeJSONHeader(BaseModel):
    """The ``geocoding`` block of the ``geocodejson`` format."""

    version: str
    attribution: str
    licence: str
    query: str


class GeocodeJSON(BaseModel):
    """The ``geocodejson`` format."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    geocoding: GeocodeJSONHeader
    features: list[GeocodeJSONFeature]


class NominatimError(BaseModel):
    """A reverse query with no place at the detail asked, as Nominatim answers it."""

    error: str = Field(description="'Unable to geocode'.")


NominatimPlaces = list[NominatimPlace] | NominatimGeoJSON | GeocodeJSON
"""What /search and /lookup answer, by format."""
NominatimReverse = NominatimPlace | NominatimGeoJSON | GeocodeJSON | NominatimError
"""What /reverse answers, by format."""
