"""What a batch writes: GeoParquet folders that DuckDB, Spark and geopandas read as they are.

    OUT/mentions.parquet/part-00000.parquet ...   one row a mention, at its place's point
    OUT/originals.parquet/part-00000.parquet ...  the same for the mentions as parsed of the spans that
                                                  corrections changed (or found to name no place)
    OUT/documents.parquet/part-00000.parquet ...  one row a document, its text included, with the
                                                  MultiPoint of the places it mentions (none: null)
    OUT/errors.parquet/part-00000.parquet ...     one row a rejected document: id, source, reason
    OUT/places.parquet/part-00000.parquet         every place mentioned, with its counts
    OUT/_batch.json                               the run: its plan, and whether it finished

Partition ``n`` of the input writes part ``n`` of the first four folders
(empty parts too, so that every partition leaves its mark).  Each file is
written under a hidden temporary name (``.part-00000.parquet.<random>.tmp``,
which the readers skip) and renamed into place; the documents part is renamed
last, so a partition whose four parts exist is complete.  Geometries are
EPSG:4326, longitude first; ``errors`` has none and is plain Parquet.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd  # type: ignore[import-untyped, unused-ignore]
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import shapely

from gazetteer.batch.inputs import InputDocument, Rejected
from gazetteer.export.tables import CRS
from gazetteer.records import Mention

MENTIONS, DOCUMENTS, ERRORS, PLACES = "mentions.parquet", "documents.parquet", "errors.parquet", "places.parquet"
ORIGINALS = "originals.parquet"
"""The output folders."""
PARTITIONED = (ERRORS, MENTIONS, ORIGINALS, DOCUMENTS)
"""The folders each partition writes a part of, in the order they are renamed into place."""
TEMPORARY = ".tmp"
"""Suffix of a part being written."""
MENTION_COLUMNS = {
    "document_id": "str", "n": "int64", "start": "int64", "end": "int64", "surface": "str", "place_id": "int64",
    "place_name": "str", "feature_class": "str", "feature_code": "str", "country": "str", "admin1": "str",
    "admin1_name": "str", "admin2": "str", "radius_km": "float64", "confidence": "float64", "match_type": "str",
    "matched": "str",
}  # fmt: skip
"""The columns of ``mentions.parquet`` and their types (the geometry follows): ``n`` counts from 0 in the
document, ``start``/``end`` are character offsets into its text, ``matched`` the name form a case form
matched (``""`` when the surface itself)."""
DOCUMENT_COLUMNS = {
    "id": "str", "title": "str", "date": "str", "url": "str", "source": "str", "length": "int64",
    "bytes": "int64", "mention_count": "int64", "text": "str",
}  # fmt: skip
"""The columns of ``documents.parquet`` and their types (the geometry follows): ``length`` in characters,
``bytes`` in UTF-8, ``source`` the input file's name."""
ERROR_COLUMNS = {"id": "str", "source": "str", "reason": "str"}
"""The columns of ``errors.parquet``: the document's id (or its line or row), where it is, why it was rejected."""
PLACE_KEYS = ("place_id", "place_name", "feature_class", "feature_code", "country", "admin1", "admin1_name", "admin2")
"""The mention columns that describe a place, the first one its id."""
Frame = Any
"""A ``pandas.DataFrame`` or a ``geopandas.GeoDataFrame`` (neither ships type hints)."""


def part_name(number: int) -> str:
    """The file name of part ``number`` of a folder."""
    return f"part-{number:05d}.parquet"


def part_path(out: Path, folder: str, number: int) -> Path:
    """Where part ``number`` of ``folder`` goes."""
    return out / folder / part_name(number)


def is_complete(out: Path, number: int) -> bool:
    """Whether partition ``number`` has written all its parts."""
    return all(part_path(out, folder, number).is_file() for folder in PARTITIONED)


def remove_temporaries(out: Path) -> None:
    """Delete the parts a stopped run left half-written."""
    for folder in (*PARTITIONED, PLACES):
        for left in (out / folder).glob(f".part-*{TEMPORARY}"):
            left.unlink(missing_ok=True)


def mention_rows(document_id: str, mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    """The rows of ``mentions.parquet`` for one document's mentions, in text order, with lon and lat."""
    rows = []
    for n, mention in enumerate(sorted(mentions, key=lambda m: (m.start, m.end))):
        place = mention.place
        rows.append(
            {
                "document_id": document_id, "n": n, "start": mention.start, "end": mention.end,
                "surface": mention.surface, "place_id": place.id, "place_name": place.name,
                "feature_class": place.feature_class, "feature_code": place.feature_code, "country": place.country,
                "admin1": place.admin1, "admin1_name": place.admin1_name, "admin2": place.admin2,
                "radius_km": place.radius_km, "confidence": float(mention.confidence),
                "match_type": str(mention.match_type), "matched": mention.matched, "lon": place.lon, "lat": place.lat,
            }
        )  # fmt: skip
    return rows


def document_row(document: InputDocument, mentions: Sequence[Mention]) -> dict[str, Any]:
    """The row of ``documents.parquet`` for a document, with the distinct points of its places."""
    points = list(dict.fromkeys((m.place.lon, m.place.lat) for m in mentions))
    return {
        "id": document.id, "title": document.title, "date": document.date, "url": document.url,
        "source": document.source, "length": len(document.text), "bytes": len(document.text.encode("utf-8")),
        "mention_count": len(mentions), "text": document.text,
        "geometry": shapely.MultiPoint(points) if points else None,
    }  # fmt: skip


def error_row(rejected: Rejected) -> dict[str, Any]:
    """The row of ``errors.parquet`` for a rejected document."""
    return {"id": rejected.id, "source": rejected.source, "reason": rejected.reason}


def mention_frame(rows: Sequence[dict[str, Any]]) -> Frame:
    """``mentions.parquet`` rows as a GeoDataFrame, each at its place's point."""
    points = shapely.points([r["lon"] for r in rows], [r["lat"] for r in rows]) if rows else []
    return geo_frame(rows, MENTION_COLUMNS, points)


def document_frame(rows: Sequence[dict[str, Any]]) -> Frame:
    """``documents.parquet`` rows as a GeoDataFrame."""
    return geo_frame(rows, DOCUMENT_COLUMNS, [r["geometry"] for r in rows])


def error_frame(rows: Sequence[dict[str, Any]]) -> Frame:
    """``errors.parquet`` rows as a DataFrame."""
    return _typed(rows, ERROR_COLUMNS)


def _typed(rows: Sequence[dict[str, Any]], types: dict[str, str]) -> Frame:
    table = pd.DataFrame.from_records(list(rows), columns=list(types))
    return table.astype(types)


def geo_frame(rows: Sequence[dict[str, Any]], types: dict[str, str], geometry: Any) -> Frame:
    """Rows as a GeoDataFrame of the typed columns, with one geometry (or ``None``) a row."""
    return gpd.GeoDataFrame(_typed(rows, types), geometry=gpd.GeoSeries(list(geometry), crs=CRS), crs=CRS)


def write_part(frame: Frame, path: Path) -> None:
    """Write ``frame`` as the Parquet (GeoParquet for a GeoDataFrame) file ``path``, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}{TEMPORARY}")
    try:
        frame.to_parquet(temporary, index=False, compression="zstd")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
