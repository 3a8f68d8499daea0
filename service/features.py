"""Records to API schemas: places to GeoJSON features, names, mentions, documents, events."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from typing import Any

from gazetteer.documents import Document, Event, StoredMention
from gazetteer.records import Candidate, Name, Place
from service.schemas.documents import DocumentPublic, DocumentSummary
from service.schemas.events import EventPublic
from service.schemas.geojson import (
    Geocoding,
    PlaceCollection,
    PlaceDetailFeature,
    PlaceDetailProperties,
    PlaceFeature,
    PlaceProperties,
    PointGeometry,
)
from service.schemas.places import MentionPublic, NamePublic


def display_name(place: Place, lang: str | None) -> str:
    """The place's name in ``lang`` (preferred spelling first), else its main name."""
    if lang:
        wanted = lang.lower()
        names = [n for n in place.names if n.lang.lower() == wanted and not n.historic]
        names.sort(key=lambda n: (not n.preferred, n.short))
        if names:
            return names[0].text
    return place.name


def _properties(place: Place, lang: str | None = None) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": display_name(place, lang),
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "country": place.country,
        "admin1_name": place.admin1_name,
        "population": place.population,
        "radius_km": place.radius_km,
        "source": place.source,
    }


def place_feature(place: Place, *, lang: str | None = None, **extra: Any) -> PlaceFeature:
    """A place as a GeoJSON point feature, with extra properties (distance, confidence...)."""
    properties = PlaceProperties(**_properties(place, lang), **extra)
    geometry = PointGeometry(coordinates=(place.lon, place.lat))
    return PlaceFeature(id=place.id, geometry=geometry, properties=properties)


def candidate_feature(candidate: Candidate, lang: str | None = None) -> PlaceFeature:
    """A search candidate as a feature with confidence, match type and matched name."""
    return place_feature(
        candidate.place,
        lang=lang,
        confidence=candidate.confidence,
        match_type=candidate.match_type.value,
        matched_name=candidate.matched_name,
        distance_km=candidate.distance_km,
    )


def name_public(name: Name) -> NamePublic:
    """A name with its flags."""
    return NamePublic.model_validate(
        {
            "text": name.text,
            "lang": name.lang,
            "script": name.script,
            "flags": name.flags(),
            "preferred": name.preferred,
            "short": name.short,
            "colloquial": name.colloquial,
            "historic": name.historic,
            "from": name.start,
            "to": name.end,
            "source": name.source,
        }
    )


def place_detail(place: Place, names: Sequence[Name], lang: str | None = None) -> PlaceDetailFeature:
    """A place with all its names."""
    properties = PlaceDetailProperties(
        **_properties(place, lang),
        admin1=place.admin1,
        source_url=place.source_url,
        names=[name_public(n) for n in names],
    )
    return PlaceDetailFeature(
        id=place.id, geometry=PointGeometry(coordinates=(place.lon, place.lat)), properties=properties
    )


def collection(features: list[PlaceFeature], query: dict[str, Any]) -> PlaceCollection:
    """Features in a FeatureCollection with a Pelias-style geocoding block."""
    echoed = {key: value for key, value in query.items() if value is not None}
    block = Geocoding(query=echoed, timestamp=int(time.time() * 1000), count=len(features))
    return PlaceCollection(geocoding=block, features=features, bbox=_bbox(features))


def _bbox(features: list[PlaceFeature]) -> list[float] | None:
    if not features:
        return None
    lons = [f.geometry.coordinates[0] for f in features]
    lats = [f.geometry.coordinates[1] for f in features]
    return [min(lons), min(lats), max(lons), max(lats)]


def mention_public(mention: StoredMention) -> MentionPublic:
    """A stored mention for the API."""
    return MentionPublic.model_validate(mention, from_attributes=True)


def document_summary(document: Document) -> DocumentSummary:
    """A document without its text."""
    return DocumentSummary(
        id=document.id,
        title=document.title,
        date=dt.date.fromisoformat(document.date) if document.date else None,
        source=document.source,
        created=document.created,
        length=len(document.text),
    )


def document_public(document: Document) -> DocumentPublic:
    """A document with its text."""
    return DocumentPublic(**document_summary(document).model_dump(), text=document.text)


def event_public(event: Event) -> EventPublic:
    """An event for the API."""
    return EventPublic.model_validate(event, from_attributes=True)
