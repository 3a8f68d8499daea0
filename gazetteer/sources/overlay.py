"""The curated overlay: places and spellings the GeoNames city list lacks.

The overlay file (``gazetteer/data/overlay.json`` by default) has two lists:
``places``, new places with a full record (a historic one with its period,
``from``/``to``), and ``amend``, extra names (and, for some countries,
GeoNames' own position, ``"point_source": "geonames"``) for places another
source added, and a curated main name (``name``: ``Kalbajar District`` for a
division its sources name like its town).  Every entry names its source.  The areas file beside it
(``areas.json``, ``curated_areas``) gives the overlay's areas their shapes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazetteer.errors import DataError
from gazetteer.index import IndexWriter
from gazetteer.records import Name, Place, Point
from gazetteer.sources.curated_areas import area_entry, write_areas

DEFAULT_OVERLAY = Path(__file__).resolve().parent.parent / "data" / "overlay.json"
AREAS_FILE = "areas.json"
"""Name of the areas file, looked for beside the overlay file."""
SOURCE = "overlay"


def overlay_name(entry: dict[str, Any]) -> Name:
    """A ``Name`` from an overlay name entry."""
    return Name(
        text=entry["text"],
        lang=entry.get("lang", ""),
        preferred=bool(entry.get("preferred")),
        short=bool(entry.get("short")),
        colloquial=bool(entry.get("colloquial")),
        historic=bool(entry.get("historic")),
        start=str(entry.get("from", "")),
        end=str(entry.get("to", "")),
        source=SOURCE,
    )


def overlay_place(entry: dict[str, Any]) -> Place:
    """A ``Place`` from an overlay ``places`` entry."""
    if not entry.get("source"):
        raise DataError(f"overlay place {entry.get('id')} has no source")
    return Place(
        id=int(entry["id"]),
        name=entry["name"],
        point=Point(float(entry["lon"]), float(entry["lat"])),
        feature_class=entry.get("feature_class", "L"),
        feature_code=entry.get("feature_code", ""),
        country=entry.get("country", ""),
        admin1=str(entry.get("admin1", "")),
        population=int(entry.get("population", 0)),
        names=tuple(overlay_name(name) for name in entry.get("names", ())),
        source=SOURCE,
        source_url=entry["source"],
        radius_km=float(entry.get("radius_km", 0.0)),
        point_source=SOURCE,
        start=str(entry.get("from", "")),
        end=str(entry.get("to", "")),
    )


@dataclass
class OverlaySource:
    """Curated places and names from a JSON overlay file."""

    path: Path = field(default=DEFAULT_OVERLAY)
    """The overlay file."""
    name: str = SOURCE

    def _read(self, path: Path) -> dict[str, Any]:
        try:
            with open(path, encoding="utf-8") as handle:
                data: dict[str, Any] = json.load(handle)
        except (OSError, ValueError) as error:
            raise DataError(f"cannot read overlay {path}: {error}") from error
        return data

    def write(self, writer: IndexWriter) -> None:
        """Add the overlay's places, then its amendments to places already added, then the areas' shapes."""
        data = self._read(self.path)
        writer.add_places(overlay_place(entry) for entry in data.get("places", ()))
        for entry in data.get("amend", ()):
            place_id = int(entry["id"])
            if "lat" in entry and "lon" in entry:
                point = Point(float(entry["lon"]), float(entry["lat"]))
                writer.amend_point(place_id, point, entry.get("source", ""), entry.get("point_source", SOURCE))
            writer.add_names((place_id, overlay_name(name)) for name in entry.get("names", ()))
            if entry.get("name"):
                writer.rename(place_id, str(entry["name"]))
        writer.set_meta("source.overlay", str(self.path.name))
        areas = self.path.with_name(AREAS_FILE)
        if areas.is_file():
            entries = [area_entry(entry) for entry in self._read(areas).get("areas", ())]
            writer.set_meta("overlay.shapes_skipped", str(write_areas(entries, writer)))
