"""Places and mentions as GeoDataFrames (EPSG:4326, lon/lat), written batch by batch.

GeoPackage through pyogrio, appending a batch at a time; GeoParquet as one
row group a batch, with the ``geo`` metadata ``GeoDataFrame.to_parquet``
writes (version 1.1.0, WKB, the CRS as PROJJSON, geometry types and bbox of
the whole file), so that memory stays flat however many places there are;
CSV with ``lat`` and ``lon`` columns instead of a geometry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd  # type: ignore[import-untyped, unused-ignore]
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import shapely

from gazetteer.documents import StoredMention
from gazetteer.export.rows import (
    MENTION_COLUMNS,
    PLACE_COLUMNS,
    mention_batches,
    mention_record,
    place_batches,
    place_record,
    shapes_of,
)
from gazetteer.public import ENGINE
from gazetteer.records import Place

if TYPE_CHECKING:
    from gazetteer.application import GazetteerAPI
    from gazetteer.export.request import ExportRequest

CRS = "EPSG:4326"
"""WGS84, longitude first in every geometry."""
PLACE_TYPES = {"id": "int64", "geonameid": "Int64", "population": "int64", "radius_km": "float64"}
"""Column types of a place that are not text (``geonameid`` is empty for curated places)."""
MENTION_TYPES = dict.fromkeys(("document_id", "n", "start", "end", "place_id", "snippet_start"), "int64")
MENTION_TYPES["confidence"] = "float64"
"""Column types of a mention that are not text."""
Frame = Any
"""A ``geopandas.GeoDataFrame`` (geopandas ships no type hints)."""


def write(api: GazetteerAPI, request: ExportRequest, path: Path) -> int:
    """Write the selected places or mentions as GeoPackage, GeoParquet or CSV; how many rows."""
    frames = _at_least_one(_frames(api, request), request.kind)
    if request.format == "gpkg":
        return write_gpkg(frames, path, request.kind, "Unknown" if request.shapes else "Point")
    if request.format == "parquet":
        return write_parquet(frames, path)
    return write_csv(frames, path)


def _frames(api: GazetteerAPI, request: ExportRequest) -> Iterator[Frame]:
    if request.kind == "places":
        for batch in place_batches(api, request):
            yield place_frame(batch, shapes_of(api, batch) if request.shapes else {})
    else:
        for mentions in mention_batches(api, request):
            yield mention_frame(mentions)


def _at_least_one(frames: Iterator[Frame], kind: str) -> Iterator[Frame]:
    """The frames, or one empty frame when there are none, so that an empty export still has its columns."""
    empty = True
    for frame in frames:
        empty = False
        yield frame
    if empty:
        yield place_frame([]) if kind == "places" else mention_frame([])


def place_frame(places: Sequence[Place], shapes: dict[int, bytes] | None = None) -> Frame:
    """Places as a GeoDataFrame of ``PLACE_COLUMNS``: their shape where given, else their point."""
    geometry = shapely.points([p.lon for p in places], [p.lat for p in places])
    for row, place in enumerate(places):
        if shapes and place.id in shapes:
            geometry[row] = shapely.from_wkb(shapes[place.id])
    return _frame([place_record(p) for p in places], PLACE_COLUMNS, PLACE_TYPES, geometry)


def mention_frame(mentions: Sequence[StoredMention]) -> Frame:
    """Stored mentions as a GeoDataFrame of ``MENTION_COLUMNS``, each at its place's point."""
    geometry = shapely.points([m.lon for m in mentions], [m.lat for m in mentions])
    return _frame([mention_record(m) for m in mentions], MENTION_COLUMNS, MENTION_TYPES, geometry)


def _frame(records: list[dict[str, Any]], columns: Sequence[str], types: dict[str, str], geometry: Any) -> Frame:
    table = pd.DataFrame.from_records(records, columns=list(columns))
    table = table.astype({column: types.get(column, "str") for column in columns})
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)


def write_gpkg(frames: Iterable[Frame], path: Path, layer: str, geometry_type: str) -> int:
    """Append the frames to one GeoPackage layer; how many rows."""
    rows = 0
    for at, frame in enumerate(frames):
        frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio", append=at > 0, geometry_type=geometry_type)
        rows += len(frame)
    return rows


def write_parquet(frames: Iterable[Frame], path: Path) -> int:
    """Write the frames as one GeoParquet file, a row group each; how many rows."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

    rows, kinds, bounds, writer = 0, set[str](), None, None
    try:
        for frame in frames:
            table = pa.table(frame.to_arrow(index=False, geometry_encoding="WKB"))
            writer = writer or pq.ParquetWriter(path, table.schema)
            writer.write_table(table.cast(writer.schema))
            rows += len(frame)
            kinds.update(frame.geom_type.dropna())
            bounds = _union(bounds, frame.total_bounds.tolist()) if len(frame) else bounds
        if writer is not None:
            writer.add_key_value_metadata({"geo": json.dumps(geo_metadata(sorted(kinds), bounds))})
    finally:
        if writer is not None:
            writer.close()
    return rows


def geo_metadata(geometry_types: list[str], bbox: list[float] | None) -> dict[str, Any]:
    """The GeoParquet ``geo`` metadata of a file of lon/lat WKB geometries."""
    column: dict[str, Any] = {
        "encoding": "WKB",
        "crs": gpd.GeoSeries([], crs=CRS).crs.to_json_dict(),
        "geometry_types": geometry_types,
    }
    if bbox is not None:
        column["bbox"] = bbox
    creator = {"library": ENGINE["name"], "version": ENGINE["version"]}
    return {"version": "1.1.0", "primary_column": "geometry", "columns": {"geometry": column}, "creator": creator}


def _union(bounds: list[float] | None, more: list[float]) -> list[float]:
    if bounds is None:
        return more
    return [min(bounds[0], more[0]), min(bounds[1], more[1]), max(bounds[2], more[2]), max(bounds[3], more[3])]


def write_csv(frames: Iterable[Frame], path: Path) -> int:
    """Write the frames as one CSV file with ``lat`` and ``lon`` columns; how many rows."""
    rows = 0
    for at, frame in enumerate(frames):
        table = pd.DataFrame(frame.drop(columns="geometry"))
        table["lat"], table["lon"] = frame.geometry.y, frame.geometry.x
        table.to_csv(path, mode="a" if at else "w", header=at == 0, index=False, encoding="utf-8")
        rows += len(frame)
    return rows
