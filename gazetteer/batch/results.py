"""A finished batch run read back: each document with its text, its mentions and their originals, for the store.

The parts are read one partition at a time, so memory holds one partition.
Mentions are rebuilt from their rows: the place carries the columns
``mentions.parquet`` has (id, name, point, feature class and code, country,
admin codes, extent), which is all that storing a document and proposing
its events read.  Each document gets an idempotency key made of the run's id
and its place in the run (partition and row: two inputs may reuse an id), so
that loading the same run twice stores it once.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer.batch.manifest import read_manifest
from gazetteer.batch.outputs import DOCUMENTS, MENTIONS, ORIGINALS, part_path
from gazetteer.errors import DataError
from gazetteer.records import MatchType, Mention, Place, Point

KEY_PREFIX = "batch-"
"""Start of the idempotency key of a document loaded from a batch run."""


@dataclass(frozen=True, slots=True)
class BatchDocument:
    """A document of a batch run, as the store takes it."""

    key: str
    """Idempotency key: the same for the same document of the same run."""
    id: str
    """Its id in the input."""
    text: str
    """Its text."""
    title: str
    """Its title, ``""`` for none."""
    date: str
    """Its date, ISO 8601, ``""`` for none."""
    source: str
    """Its URL when the input gave one, else the input file's name."""
    mentions: tuple[Mention, ...]
    """Its mentions, in text order."""
    originals: tuple[Mention, ...] = ()
    """The mentions as parsed of the spans that corrections changed, in text order."""


def read_result(out: Path) -> Iterator[BatchDocument]:
    """The documents of the finished run in ``out``; ``DataError`` when it holds none, or an unfinished one."""
    manifest = read_manifest(out)
    if manifest is None:
        raise DataError(f"{out} holds no batch run (no _batch.json); run `gazetteer batch ... --out {out}`")
    if not manifest.finished:
        raise DataError(f"the batch run in {out} is not finished; run the same `gazetteer batch` again to finish it")
    return (document for number in range(manifest.partitions) for document in _partition(out, number, manifest.run))


def _partition(out: Path, number: int, run: str) -> Iterator[BatchDocument]:
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

    found: defaultdict[str, list[Mention]] = defaultdict(list)
    for row in pq.read_table(part_path(out, MENTIONS, number)).to_pylist():
        found[row["document_id"]].append(mention_of(row))
    kept: defaultdict[str, list[Mention]] = defaultdict(list)
    originals = part_path(out, ORIGINALS, number)
    for row in pq.read_table(originals).to_pylist() if originals.is_file() else ():  # none in older runs
        kept[row["document_id"]].append(mention_of(row))
    columns = ["id", "text", "title", "date", "url", "source"]
    for at, row in enumerate(pq.read_table(part_path(out, DOCUMENTS, number), columns=columns).to_pylist()):
        key = KEY_PREFIX + hashlib.sha256(f"{run}\0{number}\0{at}".encode()).hexdigest()
        source = row["url"] or row["source"]
        yield BatchDocument(
            key,
            row["id"],
            row["text"],
            row["title"],
            row["date"],
            source,
            tuple(found[row["id"]]),
            tuple(kept[row["id"]]),
        )


def mention_of(row: dict[str, Any]) -> Mention:
    """The mention of a ``mentions.parquet`` row (its geometry as WKB)."""
    import shapely

    point = shapely.from_wkb(row["geometry"])
    place = Place(
        id=row["place_id"],
        name=row["place_name"],
        point=Point(point.x, point.y),
        feature_class=row["feature_class"],
        feature_code=row["feature_code"],
        country=row["country"],
        admin1=row["admin1"],
        admin1_name=row["admin1_name"],
        admin2=row["admin2"],
        radius_km=row["radius_km"],
    )
    return Mention(
        start=row["start"],
        end=row["end"],
        surface=row["surface"],
        place=place,
        confidence=row["confidence"],
        match_type=MatchType(row["match_type"]),
        matched=row["matched"],
    )
