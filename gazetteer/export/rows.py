"""The rows an export writes: places and stored mentions, in batches, as flat records.

Places are read from the index in id order, ``BATCH`` at a time, so an
export of every place holds one batch in memory, not the gazetteer.  The
records are the public properties of ``gazetteer.public`` with the few
columns a file needs beside them; the geometry goes apart, longitude first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from gazetteer.documents import StoredMention
from gazetteer.index import batched
from gazetteer.public import Json, mention_json, place_properties
from gazetteer.records import Place

if TYPE_CHECKING:
    from gazetteer.application import GazetteerAPI
    from gazetteer.export.request import ExportRequest

BATCH = 5000
"""Places read (and written) at a time."""
PLACE_COLUMNS = (
    "id", "geonameid", "name", "feature_class", "feature_code", "country", "admin1", "admin1_name",
    "population", "radius_km", "source", "source_url",
)  # fmt: skip
"""The columns of a place, in file order (the geometry, or lat and lon, follow)."""
MENTION_COLUMNS = (
    "document_id", "n", "start", "end", "surface", "place_id", "place_name", "feature_code", "country",
    "confidence", "snippet", "snippet_start",
)  # fmt: skip
"""The columns of a stored mention, in file order (the geometry, or lat and lon, follow)."""


def place_batches(api: GazetteerAPI, request: ExportRequest, *, names: bool = False) -> Iterator[list[Place]]:
    """The places the request selects, by id, ``BATCH`` at a time; with all their names if ``names``."""
    gazetteer = api.gazetteer
    chosen = (place for place in gazetteer.index.iter_places() if _selected(place, request))
    for batch in batched(chosen, BATCH):
        if names:
            named = gazetteer.places([place.id for place in batch])
            batch = [named[place.id] for place in batch]
        yield batch


def _selected(place: Place, request: ExportRequest) -> bool:
    return (request.country is None or place.country == request.country) and (
        request.feature_class is None or place.feature_class == request.feature_class
    )


def mention_batches(api: GazetteerAPI, request: ExportRequest) -> Iterator[list[StoredMention]]:
    """The stored mentions the request selects (one document's, or all), by document then position."""
    for batch in api.mention_batches(request.document_id):
        yield [m for m in batch if request.country is None or m.country == request.country]


def shapes_of(api: GazetteerAPI, places: Iterable[Place]) -> dict[int, bytes]:
    """The lon/lat WKB shapes the index holds for any of ``places``, by place id."""
    return {place_id: wkb for place_id, wkb, _ in api.gazetteer.index.shapes(place.id for place in places)}


def place_record(place: Place) -> Json:
    """A place as one flat record of ``PLACE_COLUMNS``."""
    known = place_properties(place) | {"admin1": place.admin1, "source_url": place.source_url}
    return {column: known[column] for column in PLACE_COLUMNS}


def mention_record(mention: StoredMention) -> Json:
    """A stored mention as one flat record of ``MENTION_COLUMNS``."""
    known = mention_json(mention)
    return {column: known[column] for column in MENTION_COLUMNS}


def shape_geojson(wkb: bytes) -> dict[str, Any]:
    """A lon/lat WKB shape as a GeoJSON geometry."""
    import shapely
    from shapely.geometry import mapping

    return dict(mapping(shapely.from_wkb(wkb)))
