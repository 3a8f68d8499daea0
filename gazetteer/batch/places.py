"""``places.parquet``: every place the mentions name, with how often and in how many documents.

Counted after the map step, from the mention parts on disk (so a resumed run
counts the parts of its earlier run too): each task counts a group of parts,
and the driver merges the groups' counts, whose size is bounded by the
places of the gazetteer, not by the archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd  # type: ignore[import-untyped, unused-ignore]
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import shapely

from gazetteer.batch.outputs import PLACE_KEYS, Frame, geo_frame

PLACE_COUNTS = {"mentions": "int64", "documents": "int64"}
"""The counts ``places.parquet`` gives each place, after the columns ``PLACE_KEYS``."""
_ATTRIBUTES = [*PLACE_KEYS[1:], "lon", "lat"]


def count_places(parts: Sequence[str]) -> Frame:
    """The places of the mention parts (files) with their counts: ``PLACE_KEYS``, lon, lat, ``PLACE_COUNTS``."""
    frames = [gpd.read_parquet(Path(part), columns=[*PLACE_KEYS, "document_id", "geometry"]) for part in parts]
    if not frames:
        return pd.DataFrame(columns=["place_id", *_ATTRIBUTES, *PLACE_COUNTS])
    table = pd.concat(frames, ignore_index=True)
    table["lon"], table["lat"] = table.geometry.x, table.geometry.y
    grouped = table.groupby("place_id", sort=False)
    counts = grouped.agg(mentions=("document_id", "size"), documents=("document_id", "nunique"))
    return grouped[_ATTRIBUTES].first().join(counts).reset_index()


def merge_counts(counted: Sequence[Frame]) -> Frame:
    """The counts of several groups of parts (which share no document) as one."""
    table = pd.concat(counted, ignore_index=True)
    grouped = table.groupby("place_id", sort=False)
    counts = grouped[list(PLACE_COUNTS)].sum()
    return grouped[_ATTRIBUTES].first().join(counts).reset_index()


def place_frame(counted: Frame) -> Frame:
    """``places.parquet`` from merged counts: most mentioned first, each at its point."""
    table = counted.sort_values(["mentions", "place_id"], ascending=[False, True])
    geometry = shapely.points(table["lon"].to_numpy(dtype="float64"), table["lat"].to_numpy(dtype="float64"))
    types = dict.fromkeys(PLACE_KEYS, "str") | {"place_id": "int64"} | PLACE_COUNTS
    return geo_frame(table.to_dict("records"), types, geometry)
