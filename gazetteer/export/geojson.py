"""GeoJSON (RFC 7946, ``[lon, lat]``) written feature by feature: a collection of any size in flat memory.

The file is one FeatureCollection with one feature a line, so it reads back
with any GeoJSON reader (``geopandas.read_file``) and greps like JSON lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.export.rows import mention_batches, mention_record, place_batches, place_record, shape_geojson, shapes_of
from gazetteer.public import Json

if TYPE_CHECKING:
    from gazetteer.application import GazetteerAPI
    from gazetteer.export.request import ExportRequest


def write_collection(path: Path, features: Iterable[Json], head: Json | None = None) -> int:
    """Write ``features`` as one FeatureCollection (``head`` its other members); how many were written."""
    opening = json.dumps({"type": "FeatureCollection", **(head or {}), "features": []}, ensure_ascii=False)
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(opening.removesuffix("]}") + "\n")
        for feature in features:
            handle.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
            count += 1
        handle.write("\n]}\n")
    return count


def write(api: GazetteerAPI, request: ExportRequest, path: Path) -> int:
    """Write the places or mentions the request selects as GeoJSON; how many features."""
    features = place_features(api, request) if request.kind == "places" else mention_features(api, request)
    return write_collection(path, features)


def place_features(api: GazetteerAPI, request: ExportRequest) -> Iterator[Json]:
    """The selected places as features: their shape where asked and known, else their point."""
    for batch in place_batches(api, request):
        shapes = shapes_of(api, batch) if request.shapes else {}
        for place in batch:
            wkb = shapes.get(place.id)
            geometry = shape_geojson(wkb) if wkb is not None else place.point.to_geojson()
            yield {"type": "Feature", "id": place.id, "geometry": geometry, "properties": place_record(place)}


def mention_features(api: GazetteerAPI, request: ExportRequest) -> Iterator[Json]:
    """The selected mentions as point features at their places."""
    for batch in mention_batches(api, request):
        for mention in batch:
            geometry = {"type": "Point", "coordinates": [mention.lon, mention.lat]}
            yield {"type": "Feature", "geometry": geometry, "properties": mention_record(mention)}
