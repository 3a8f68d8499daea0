"""A batch run: partitions geoparsed by the workers of a Dask cluster, then the places counted.

The driver plans the partitions, skips those whose parts a former run wrote
(``outputs.is_complete``), submits the others and shows a progress bar.  Each
task runs on a worker: it opens a ``GazetteerAPI`` over the index path it is
given (once per worker process, read-only), reads its partition, geoparses
each document with ``GazetteerAPI.geoparse`` and writes its three parts.  A
document that cannot be read or parsed becomes a row of ``errors.parquet``
and the task goes on.  Then tasks count the places of groups of mention
parts, and the driver merges them into ``places.parquet``.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.batch.inputs import DEFAULT_PARTITION_SIZE, InputDocument, Partition, Rejected, plan, read
from gazetteer.batch.manifest import begin, write_manifest
from gazetteer.batch.outputs import (
    DOCUMENTS,
    ERRORS,
    MENTIONS,
    ORIGINALS,
    PLACES,
    document_frame,
    document_row,
    error_frame,
    error_row,
    is_complete,
    mention_frame,
    mention_rows,
    part_path,
    remove_temporaries,
    write_part,
)
from gazetteer.corrections import Correction
from gazetteer.errors import DataError, GazetteerError
from gazetteer.geoparse.modes import Mode
from gazetteer.records import Mention

if TYPE_CHECKING:
    from dask.distributed import Client

    from gazetteer.application import GazetteerAPI
    from gazetteer.corrector import Corrector

PARTS_PER_COUNT = 64
"""Mention parts one task counts the places of."""
MERGED_AT_ONCE = 16
"""Counted groups the driver holds before it merges them (its memory stays that of a few place tables)."""


@dataclass(frozen=True, slots=True)
class BatchJob:
    """What to geoparse, where to write it, with which gazetteer."""

    inputs: tuple[Path, ...]
    """Folders of ``.txt`` files and web pages (``.html``, ``.htm``), ``.jsonl`` and ``.parquet`` files, on a
    path every worker sees."""
    out: Path
    """The output folder, on a path every worker sees."""
    index: Path
    """The gazetteer index file, on a path every worker sees (opened read-only)."""
    mode: Mode = Mode.FAST
    """The geoparser's mode."""
    partition_size: int = DEFAULT_PARTITION_SIZE
    """Most documents a partition holds."""
    corrections: tuple[Correction, ...] = ()
    """Analysts' corrections the run follows, as ingest does (``GazetteerAPI.corrector``)."""


@dataclass(frozen=True, slots=True)
class PartDone:
    """What one partition's task wrote."""

    number: int
    """The partition."""
    documents: int
    """Documents geoparsed."""
    errors: int
    """Documents rejected."""
    mentions: int
    """Mentions found."""
    bytes: int
    """UTF-8 bytes of the texts geoparsed."""


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a run did."""

    partitions: int
    """Partitions of the run."""
    resumed: int
    """Partitions an earlier run had completed, skipped."""
    documents: int
    """Documents geoparsed by this run."""
    errors: int
    """Documents rejected by this run."""
    mentions: int
    """Mentions found by this run."""
    bytes: int
    """UTF-8 bytes geoparsed by this run."""
    places: int
    """Places in ``places.parquet`` (over the whole output)."""
    seconds: float
    """Wall time, from planning to the last file."""


def run_batch(job: BatchJob, client: Client, *, progress: bool = True) -> BatchReport:
    """Geoparse the job's inputs on the cluster of ``client`` into ``job.out``, resuming an earlier run."""
    from tqdm import tqdm

    started = time.perf_counter()
    index = checked_index(job.index)
    partitions = plan(job.inputs, job.partition_size)
    out = job.out.resolve()
    manifest = begin(out, partitions, job.mode)
    remove_temporaries(out)
    pending = [p for p in partitions if not is_complete(out, p.number)]
    futures = client.map(
        geoparse_part,
        pending,
        out=str(out),
        index=str(index),
        mode=job.mode.value,
        corrections=job.corrections,
        pure=False,
    )
    done: list[PartDone] = []
    with tqdm(total=len(partitions), initial=len(partitions) - len(pending), unit="part", disable=not progress) as bar:
        for future in _as_completed(futures):
            done.append(future.result())
            bar.update()
            bar.set_postfix(documents=sum(d.documents for d in done), errors=sum(d.errors for d in done))
    places = write_places(client, out, len(partitions))
    write_manifest(out, replace(manifest, finished=True))
    return BatchReport(
        partitions=len(partitions),
        resumed=len(partitions) - len(pending),
        documents=sum(d.documents for d in done),
        errors=sum(d.errors for d in done),
        mentions=sum(d.mentions for d in done),
        bytes=sum(d.bytes for d in done),
        places=places,
        seconds=time.perf_counter() - started,
    )


def _as_completed(futures: Sequence[Any]) -> Iterator[Any]:
    from dask.distributed import as_completed

    yield from as_completed(futures) if futures else ()  # type: ignore[no-untyped-call]


def checked_index(index: Path) -> Path:
    """The index path, absolute, when it is a file; ``DataError`` otherwise (workers never build one)."""
    if not index.is_file():
        raise DataError(f"no gazetteer index at {index}; run `gazetteer build --index {index}`")
    return index.resolve()


def geoparse_part(
    partition: Partition, *, out: str, index: str, mode: str, corrections: tuple[Correction, ...] = ()
) -> PartDone:
    """Geoparse one partition, following ``corrections``, and write its parts (a task; runs on a worker)."""
    from gazetteer.corrector import Corrector

    api, chosen = worker_api(index), Mode(mode)
    corrector = Corrector(corrections, api.gazetteer)
    mentions: list[dict[str, Any]] = []
    originals: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    size = 0
    for document in read(partition):
        found = document if isinstance(document, Rejected) else _geoparse(api, document, chosen, corrector)
        if isinstance(found, Rejected):
            errors.append(error_row(found))
            continue
        assert isinstance(document, InputDocument)  # a rejected one was found, and left above
        mentions.extend(mention_rows(document.id, found[0]))
        originals.extend(mention_rows(document.id, found[1]))
        documents.append(document_row(document, found[0]))
        size += documents[-1]["bytes"]
    root = Path(out)
    write_part(error_frame(errors), part_path(root, ERRORS, partition.number))
    write_part(mention_frame(mentions), part_path(root, MENTIONS, partition.number))
    write_part(mention_frame(originals), part_path(root, ORIGINALS, partition.number))
    write_part(document_frame(documents), part_path(root, DOCUMENTS, partition.number))
    return PartDone(partition.number, len(documents), len(errors), len(mentions), size)


def _geoparse(
    api: GazetteerAPI, document: InputDocument, mode: Mode, corrector: Corrector
) -> tuple[list[Mention], list[Mention]] | Rejected:
    """The document's mentions as the corrections leave them and the originals of those they changed, or
    why it is rejected (the geoparser failed)."""
    try:
        return api.corrected_geoparse(document.text, mode, corrector=corrector)
    except GazetteerError as error:
        if isinstance(error, DataError):  # the gazetteer or the model is missing: no document would parse
            raise
        return Rejected(document.id, document.source, f"geoparser refused it: {error.detail}")
    except Exception as error:  # one document's failure must not stop an archive's run; it is reported
        return Rejected(document.id, document.source, f"geoparser failed: {type(error).__name__}: {error}")


@functools.cache
def worker_api(index: str) -> GazetteerAPI:
    """The application layer of this worker process over ``index`` (opened once, kept for its tasks)."""
    from gazetteer.application import GazetteerAPI
    from gazetteer.settings import load_settings

    return GazetteerAPI(replace(load_settings(), index_path=checked_index(Path(index))))


def write_places(client: Client, out: Path, partitions: int) -> int:
    """Count the places of every mention part on the cluster and write ``places.parquet``; how many places."""
    from gazetteer.batch.places import count_places, merge_counts, place_frame

    parts = [str(part_path(out, MENTIONS, n)) for n in range(partitions)]
    groups = [parts[at : at + PARTS_PER_COUNT] for at in range(0, len(parts), PARTS_PER_COUNT)] or [[]]
    counted: list[Any] = []
    for future in _as_completed(client.map(count_places, groups, pure=False)):
        counted.append(future.result())
        if len(counted) == MERGED_AT_ONCE:
            counted = [merge_counts(counted)]
    frame = place_frame(merge_counts(counted))
    write_part(frame, part_path(out, PLACES, 0))
    return len(frame)
