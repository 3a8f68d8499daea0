"""``OUT/_batch.json``: which run an output folder holds, so that a re-run resumes only the same run.

The plan's digest covers the partitions (inputs, offsets, rows, file names)
and the mode: a re-run over other inputs, another partition size or another
mode is refused rather than mixed into the parts already written.  ``run``
is a random id given once, when the folder is first used; ``finished``
becomes true once ``places.parquet`` is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from gazetteer.batch.inputs import Partition
from gazetteer.errors import DataError, InvalidInput
from gazetteer.geoparse.modes import Mode

MANIFEST = "_batch.json"
"""The manifest's file name in the output folder."""


@dataclass(frozen=True, slots=True)
class Manifest:
    """The run an output folder holds."""

    run: str
    """Random id of the run, kept by every re-run that resumes it."""
    plan: str
    """SHA-256 (hex) of the partitions and the mode."""
    mode: str
    """The geoparser's mode."""
    partitions: int
    """How many partitions the run has."""
    finished: bool = False
    """Whether every partition and ``places.parquet`` are written."""


def plan_digest(partitions: Sequence[Partition], mode: Mode) -> str:
    """The digest that tells one run's plan from another's."""
    described = [mode.value, *([asdict(p) for p in partitions])]
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode("utf-8")).hexdigest()


def read_manifest(out: Path) -> Manifest | None:
    """The manifest of ``out``, ``None`` when it has none; ``DataError`` when it is not one."""
    path = out / MANIFEST
    if not path.is_file():
        return None
    try:
        return Manifest(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as error:
        raise DataError(f"{path} is no batch manifest: {error}") from error


def begin(out: Path, partitions: Sequence[Partition], mode: Mode) -> Manifest:
    """The manifest of a run over ``partitions`` in ``out``: the earlier one to resume, or a new one.

    ``InvalidInput`` when ``out`` holds another run's parts.
    """
    digest = plan_digest(partitions, mode)
    earlier = read_manifest(out)
    if earlier is not None and earlier.plan != digest:
        raise InvalidInput(f"{out} holds a batch run of other inputs or another mode; give another --out")
    manifest = earlier or Manifest(uuid.uuid4().hex, digest, mode.value, len(partitions))
    return write_manifest(out, replace(manifest, finished=False))


def write_manifest(out: Path, manifest: Manifest) -> Manifest:
    """Write the manifest of ``out`` atomically."""
    out.mkdir(parents=True, exist_ok=True)
    temporary = out / f".{MANIFEST}.{uuid.uuid4().hex}.tmp"
    temporary.write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
    os.replace(temporary, out / MANIFEST)
    return manifest
