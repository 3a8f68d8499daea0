"""The public shapes of places, names, mentions, documents and events, for every output.

The CLI's JSON, the API's GeoJSON (RFC 7946, ``[lon, lat]``) and the maps'
labels are all made here, from the records, as plain JSON-ready values: one
definition of what a caller sees.  Place collections carry a Pelias-style
``geocoding`` block echoing the query.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from gazetteer.corrections import Correction, mention_id
from gazetteer.documents import Document, Event, StoredMention
from gazetteer.names_as_of import NameAsOf
from gazetteer.records import ABBREVIATION, PSEUDO_LANGUAGES, Candidate, Mention, Name, Place
from gazetteer.results import Nearby, NearQuery

Json = dict[str, Any]
"""A JSON object."""

ENGINE = {"name": "karabakh-gazetteer", "version": "0.1.0"}
"""Who answers, in the ``geocoding`` block."""
ATTRIBUTION = "GeoNames (CC BY 4.0) and curated additions"
"""Whose data the answers carry."""
LANGUAGE_ORDER = ("az", "hy", "ru", "en", "tr", "ka", "fa")
"""Languages whose names are shown first among a place's variants, in this order."""
NOT_SHOWN = PSEUDO_LANGUAGES | {ABBREVIATION}
"""Name languages never shown as variants: codes, links and abbreviations."""


def display_name(place: Place, lang: str | None) -> str:
    """The place's name in ``lang`` (preferred spelling first), else its main name."""
    return name_in(place, [lang] if lang else [])


def name_in(place: Place, languages: Sequence[str]) -> str:
    """The place's name in the first of ``languages`` it has a current name in, else its main name."""
    for lang in languages:
        wanted = lang.lower()
        names = [n for n in place.names if n.lang.lower() == wanted and not n.historic]
        if names:
            return min(names, key=lambda n: (not n.preferred, n.short)).text
    return place.name


def place_properties(place: Place, lang: str | None = None) -> Json:
    """What every output tells of a place."""
    return {
        "id": place.id,
        "geonameid": place.geonames_id,
        "name": display_name(place, lang),
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "country": place.country,
        "admin1_name": place.admin1_name,
        "population": place.population,
        "radius_km": place.radius_km,
        "source": place.source,
    }


def place_feature(place: Place, *, lang: str | None = None, **extra: Any) -> Json:
    """A place as a GeoJSON point feature, with extra properties (distance, confidence...)."""
    properties = place_properties(place, lang) | {key: value for key, value in extra.items() if value is not None}
    return {"type": "Feature", "id": place.id, "geometry": place.point.to_geojson(), "properties": properties}


def place_detail(place: Place, names: Sequence[Name], lang: str | None = None, as_of: NameAsOf | None = None) -> Json:
    """A place with all its names, as a feature; with ``as_of``, also the name it had at that date."""
    extra: Json = {"admin1": place.admin1, "source_url": place.source_url, "names": [name_json(n) for n in names]}
    if as_of is not None:
        extra["name_as_of"] = name_as_of_json(as_of)
    return place_feature(place, lang=lang, **extra)


def name_as_of_json(found: NameAsOf) -> Json:
    """The name a place had at a date: the date, the name (language, period) and its period for display."""
    return {"date": found.date, "lang": found.lang, "text": found.text, "from": found.name.start,
            "to": found.name.end, "period": found.period, "historic": found.name.historic}  # fmt: skip


def candidate_feature(candidate: Candidate, lang: str | None = None) -> Json:
    """A search candidate as a feature with confidence, match type and matched name."""
    return place_feature(candidate.place, lang=lang, **_candidate_facts(candidate))


def candidate_row(candidate: Candidate) -> Json:
    """A search candidate as one flat JSON object (the CLI's ``lookup --json``)."""
    place = candidate.place
    return place_properties(place) | {"lat": place.lat, "lon": place.lon} | _candidate_facts(candidate)


def _candidate_facts(candidate: Candidate) -> Json:
    return {
        "matched_name": candidate.matched_name,
        "match_type": candidate.match_type.value,
        "confidence": candidate.confidence,
        "distance_km": candidate.distance_km,
    }


def nearby_feature(found: Nearby) -> Json:
    """A place found around a point, with its distance, mention count and relation."""
    return place_feature(found.place, **_nearby_facts(found), relation=found.relation)


def nearby_row(found: Nearby) -> Json:
    """A place found around a point as one flat JSON object (the CLI's ``near --json``)."""
    place = found.place
    return place_properties(place) | {"lat": place.lat, "lon": place.lon} | _nearby_facts(found)


def _nearby_facts(found: Nearby) -> Json:
    to_area = found.distance_to_area_km
    return {
        "distance_km": round(found.distance_km, 3),
        "distance_to_area_km": None if to_area is None else round(to_area, 3),
        "mentions": found.mentions,
    }


def near_collection(query: NearQuery, found: Sequence[Nearby], **echo: Any) -> Json:
    """The collection answering a near query, the query (and ``echo``) echoed."""
    asked = {
        "point.lat": query.lat,
        "point.lon": query.lon,
        "radius_km": None if query.k else query.radius_km,
        "k": query.k,
        "size": query.limit,
        "mentioned": query.mentioned_only,
    }
    return collection([nearby_feature(n) for n in found], asked | echo)


def collection(features: list[Json], query: Mapping[str, Any]) -> Json:
    """Features in a FeatureCollection with a Pelias-style geocoding block and a bbox."""
    echoed = {key: value for key, value in query.items() if value is not None}
    geocoding = {
        "version": "0.2",
        "attribution": ATTRIBUTION,
        "query": echoed,
        "engine": ENGINE,
        "timestamp": int(time.time() * 1000),
        "count": len(features),
    }
    return {"type": "FeatureCollection", "geocoding": geocoding, "features": features, "bbox": _bbox(features)}


def _bbox(features: list[Json]) -> list[float] | None:
    if not features:
        return None
    lons = [f["geometry"]["coordinates"][0] for f in features]
    lats = [f["geometry"]["coordinates"][1] for f in features]
    return [min(lons), min(lats), max(lons), max(lats)]


def name_json(name: Name) -> Json:
    """A name with its language, script, flags and period."""
    return {
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


def variants_json(place: Place, names: Sequence[Name]) -> Json:
    """Every name of one place."""
    return {"id": place.id, "name": place.name, "count": len(names), "names": [name_json(n) for n in names]}


def toponym_json(mention: Mention) -> Json:
    """A mention just found in a text (the output of ``geoparse``)."""
    place = mention.place
    return {
        "start": mention.start,
        "end": mention.end,
        "name": mention.surface,
        "matched": mention.matched or mention.surface,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonames_id,
        "confidence": mention.confidence,
        "place": place.name,
        "place_id": place.id,
    }


def toponym_feature(mention: Mention) -> Json:
    """A mention just found, as a GeoJSON feature."""
    return {"type": "Feature", "geometry": mention.place.point.to_geojson(), "properties": toponym_json(mention)}


def mention_json(mention: StoredMention) -> Json:
    """A stored mention with its id, place and sentence."""
    return {"id": mention_id(mention.document_id, mention.n)} | asdict(mention)


def correction_json(correction: Correction) -> Json:
    """A correction, with the mention it was made on."""
    found = asdict(correction) | {"scope": correction.scope.value}
    if correction.document_id is not None and correction.mention_n is not None:
        found["mention_id"] = mention_id(correction.document_id, correction.mention_n)
    return found


def document_summary(document: Document) -> Json:
    """A stored document without its text."""
    return {
        "id": document.id,
        "title": document.title,
        "date": document.date or None,
        "source": document.source,
        "created": document.created,
        "length": len(document.text),
    }


def document_json(document: Document) -> Json:
    """A stored document with its text."""
    return document_summary(document) | {"text": document.text}


def event_json(event: Event) -> Json:
    """An event."""
    return asdict(event)


def variant_label(name: Name) -> str:
    """``Ханкенди (ru)``, ``Stepanakert (hy, historic)``: the name with its language and flags."""
    notes = [note for note in (name.lang, *name.flags()) if note and note != "preferred"]
    return f"{name.text} ({', '.join(notes)})" if notes else name.text


def _variant_rank(item: tuple[int, Name]) -> tuple[int, int, int]:
    position, name = item
    lang = LANGUAGE_ORDER.index(name.lang) if name.lang in LANGUAGE_ORDER else len(LANGUAGE_ORDER)
    return (0 if name.preferred else 1, lang, position)


def main_variants(place: Place, limit: int = 6) -> tuple[str, ...]:
    """Up to ``limit`` labelled spellings other than the main name, preferred and regional first."""
    seen = {place.name.casefold()}
    chosen: list[str] = []
    for _, name in sorted(enumerate(place.names), key=_variant_rank):
        key = name.text.casefold()
        if name.lang in NOT_SHOWN or key in seen or "://" in name.text:
            continue
        seen.add(key)
        chosen.append(variant_label(name))
        if len(chosen) == limit:
            break
    return tuple(chosen)


def variants_of(places: Iterable[Place], limit: int = 6) -> dict[int, tuple[str, ...]]:
    """Main variants of each place, by place id."""
    return {place.id: main_variants(place, limit) for place in places}
