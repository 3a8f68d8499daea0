"""Linked Places Format (LPF v1.1), the World Historical Gazetteer's interchange format.

LPF (https://github.com/LinkedPasts/linked-places-format) is a GeoJSON-LD
FeatureCollection with an ``@context``.  Each place is a Feature with an
``@id`` (its GeoNames URI, or ``base_uri`` + id for a curated place),
``properties`` with its ``title`` and ``ccodes``, its ``when`` for a place
with a period (the Soviet Union), every attested name (``toponym``, ``lang``,
``when`` for names with a period, a citation on the first), its type (a Getty
AAT concept from WHG's subset where one fits, else its GeoNames ontology
feature code), its ``links``, and a GeometryCollection of its point (and its
shape, when asked and known).  Periods are ISO 8601 strings, as LPF's
``when`` requires.  Written a feature a line.

LPF has no flag for a historic name: a dated historic name says so in the
label of its ``when``; an undated one is a plain attestation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.export.geojson import write_collection
from gazetteer.export.rows import place_batches, shape_geojson, shapes_of
from gazetteer.public import Json
from gazetteer.records import ABBREVIATION, PSEUDO_LANGUAGES, Name, Place

if TYPE_CHECKING:
    from gazetteer.application import GazetteerAPI
    from gazetteer.export.request import ExportRequest

CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
"""The JSON-LD context of LPF v1.1."""
GEONAMES_URI = "https://www.geonames.org/"
"""Prefix of a GeoNames place's ``@id``."""
CURATED_URI = "urn:karabakh-gazetteer:place:"
"""Default prefix of a curated place's ``@id`` (give the service's ``/places/`` URL once it is published)."""
OVERLAY = "karabakh-gazetteer curated overlay"
"""Citation label of the curated names and places."""
AAT_BY_CODE = {
    "PCLH": ("300417385", "polity"),
    "RGN": ("300182722", "region (geographic)"),
    "CONT": ("300128176", "continent"),
    "RSV": ("300006191", "reservoir"),
    "LK": ("300008680", "lake"),
    "STM": ("300008707", "river"),
    "RD": ("300008217", "road"),
    "MT": ("300008795", "mountain"),
    "MTS": ("300386831", "mountain range"),
    "ISL": ("300008791", "island"),
}
"""GeoNames feature codes with a Getty AAT place type of WHG's subset (``aat_whg-subset.tsv``)."""
AAT_BY_PREFIX = (
    ("PPL", ("300008347", "inhabited place")),
    ("PCL", ("300232420", "sovereign state")),
    ("ADM", ("300232418", "administrative division")),
)
"""Families of feature codes (``PPLA``, ``PCLI``, ``ADM1``...) with their AAT place type."""


def write(api: GazetteerAPI, request: ExportRequest, path: Path) -> int:
    """Write the selected places as an LPF collection; how many features."""
    return write_collection(path, features(api, request), {"@context": CONTEXT})


def features(api: GazetteerAPI, request: ExportRequest) -> Iterator[Json]:
    """The selected places as LPF features, with all their names."""
    base = request.base_uri or CURATED_URI
    for batch in place_batches(api, request, names=True):
        shapes = shapes_of(api, batch) if request.shapes else {}
        for place in batch:
            wkb = shapes.get(place.id)
            yield feature(place, base, shape_geojson(wkb) if wkb is not None else None)


def feature(place: Place, base_uri: str = CURATED_URI, shape: Json | None = None) -> Json:
    """One place as an LPF feature; ``shape`` (GeoJSON) joins its point in the geometry."""
    names = [n for n in place.names if n.text and n.lang not in PSEUDO_LANGUAGES]
    main = next((n for n in names if n.text == place.name), Name(place.name))
    properties: Json = {"title": place.name}
    if place.country:
        properties["ccodes"] = [place.country]
    found: Json = {
        "@id": place_uri(place, base_uri),
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "GeometryCollection", "geometries": [place.point.to_geojson(), *filter(None, [shape])]},
        "names": [attestation(main, [citation(place)])]
        + [attestation(n, _overlay_citation(place, n)) for n in names if n is not main],
        "types": place_types(place),
        "links": links(place),
    }
    when = period(place.start, place.end)
    if when:
        found["when"] = when
    return {key: value for key, value in found.items() if value}


def place_uri(place: Place, base_uri: str = CURATED_URI) -> str:
    """The ``@id`` of a place: its GeoNames URI, or ``base_uri`` and its id for a curated place."""
    return f"{GEONAMES_URI}{place.geonames_id}" if place.geonames_id is not None else f"{base_uri}{place.id}"


def attestation(name: Name, citations: list[Json] | None = None) -> Json:
    """A name as an LPF name attestation: toponym, language, citations and period where known."""
    found: Json = {"toponym": name.text}
    if name.lang and name.lang != ABBREVIATION:
        found["lang"] = name.lang
    if citations:
        found["citations"] = citations
    when = period(name.start, name.end, "historic" if name.historic else "")
    if when:
        found["when"] = when
    return found


def period(start: str, end: str, label: str = "") -> Json | None:
    """An LPF ``when`` from ``start`` to ``end`` (ISO 8601, either may be ``""``), ``None`` when both are."""
    if not (start or end):
        return None
    span: Json = {"start": {"in": start} if start else {"latest": end}}
    if end:
        span["end"] = {"in": end}
    return {"timespans": [span], **({"label": label} if label else {})}


def citation(place: Place) -> Json:
    """Where the record comes from: its GeoNames page, or the curated entry's source."""
    if place.geonames_id is not None:
        return {"label": "GeoNames", "@id": f"{GEONAMES_URI}{place.geonames_id}"}
    url = _url(place.source_url)
    return {"label": f"{OVERLAY}: {place.source_url}", **({"@id": url} if url else {})}


def _overlay_citation(place: Place, name: Name) -> list[Json]:
    """A curated name added to a GeoNames place cites the overlay."""
    return [{"label": OVERLAY}] if name.source == "overlay" and place.source != "overlay" else []


def place_types(place: Place) -> list[Json]:
    """The place type: an AAT concept where one fits (the GeoNames code as its source label), else the code."""
    code = place.feature_code
    aat = AAT_BY_CODE.get(code) or next((t for prefix, t in AAT_BY_PREFIX if code.startswith(prefix)), None)
    if aat is None and not code and place.feature_class == "P":
        aat = AAT_BY_PREFIX[0][1]
    if aat is not None:
        return [{"identifier": f"aat:{aat[0]}", "label": aat[1], "sourceLabels": [{"label": code or "P"}]}]
    if not place.feature_class:
        return []
    term = f"{place.feature_class}.{code}" if code else place.feature_class
    return [{"identifier": f"gn:{term}", "label": code or place.feature_class}]


def links(place: Place) -> list[Json]:
    """Links to other records of the place: Wikipedia and other pages, Wikidata."""
    found: list[Json] = []
    urls = [n.text for n in place.names if n.lang == "link"]
    if place.geonames_id is None:
        urls.insert(0, _url(place.source_url))
    for url in dict.fromkeys(u for u in urls if u):
        found.append({"type": "primaryTopicOf" if "wikipedia.org/" in url else "seeAlso", "identifier": url})
    for qid in dict.fromkeys(n.text for n in place.names if n.lang == "wkdt"):
        found.append({"type": "closeMatch", "identifier": f"http://www.wikidata.org/entity/{qid}"})
    return found


def _url(source: str) -> str:
    """The URL a source reference starts with (``https://... (note)``), ``""`` for none."""
    first = source.split(maxsplit=1)[0] if source.strip() else ""
    return first if first.startswith(("http://", "https://")) else ""
