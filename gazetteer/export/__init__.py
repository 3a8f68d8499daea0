"""Exports of the gazetteer's places and the store's mentions to files.

Formats: GeoJSON (RFC 7946), GeoPackage and GeoParquet (through geopandas,
EPSG:4326, lon/lat), CSV (``lat``/``lon`` columns) and, for places, the
Linked Places Format of the World Historical Gazetteer.  Rows are read and
written in batches, so memory stays flat however large the gazetteer.  The
file is written beside its target and moved into place only when complete: a
failed export leaves no half file behind.  The request is checked before
anything is read (``InvalidInput``); an unknown document is ``NotFound``.

    >>> from gazetteer.application import GazetteerAPI                    # doctest: +SKIP
    >>> with GazetteerAPI() as api:
    ...     export(api, ExportRequest("places", Path("az.parquet"), country="AZ")).rows
    251
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.errors import DataError
from gazetteer.export.request import FORMATS, KINDS, ExportReport, ExportRequest, checked

if TYPE_CHECKING:
    from gazetteer.application import GazetteerAPI

__all__ = ["FORMATS", "KINDS", "ExportReport", "ExportRequest", "export"]

Writer = Callable[["GazetteerAPI", ExportRequest, Path], int]
"""Writes the rows a request selects to a file; how many it wrote."""


def export(api: GazetteerAPI, request: ExportRequest) -> ExportReport:
    """Write the places or mentions ``request`` selects to ``request.out``; what was written."""
    request = checked(request)
    started = time.perf_counter()
    write = _writer(str(request.format))
    with _partial(request.out) as partial:
        rows = write(api, request, partial)
    return ExportReport(request.out, request.kind, str(request.format), rows, time.perf_counter() - started)


def _writer(fmt: str) -> Writer:
    """The writer of a format, imported only when used (LPF and GeoJSON need no geopandas)."""
    if fmt == "lpf":
        from gazetteer.export import lpf

        return lpf.write
    if fmt == "geojson":
        from gazetteer.export import geojson

        return geojson.write
    from gazetteer.export import tables

    return tables.write


@contextmanager
def _partial(out: Path) -> Iterator[Path]:
    """A file beside ``out`` to write into, moved onto ``out`` on success and removed on failure."""
    partial = out.with_name(f"{out.stem}.partial-{os.getpid()}{out.suffix}")
    try:
        _remove(partial)
        yield partial
        os.replace(partial, out)
    except OSError as error:
        _remove(partial)
        raise DataError(f"cannot write {out}: {error.strerror or error}") from error
    except BaseException:
        _remove(partial)
        raise


def _remove(partial: Path) -> None:
    for leftover in (partial, *(partial.with_name(partial.name + tail) for tail in ("-journal", "-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
