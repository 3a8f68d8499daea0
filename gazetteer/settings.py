"""Where the project keeps its files, and the deployment's home region, from the environment or defaults."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from gazetteer.errors import InvalidInput

APP_NAME = "karabakh-gazetteer"


@dataclass(frozen=True, slots=True)
class Region:
    """A deployment's home region: lookups without focus or country prefer places in it."""

    west: float
    """Western edge, degrees east."""
    south: float
    """Southern edge, degrees north."""
    east: float
    """Eastern edge, degrees east (not across the antimeridian)."""
    north: float
    """Northern edge, degrees north."""
    name: str = ""
    """What the box stands for, for display."""

    def clamp(self, lon: float, lat: float) -> tuple[float, float]:
        """The point of the box nearest in longitude and latitude to ``(lon, lat)`` (itself when inside)."""
        return min(max(lon, self.west), self.east), min(max(lat, self.south), self.north)


SOUTH_CAUCASUS = Region(38.0, 36.5, 51.0, 44.5, "South Caucasus")
"""Azerbaijan, Armenia and Georgia with their borderlands: eastern Turkey, north-western Iran, the North Caucasus."""
NO_REGION = ("", "none", "off")
"""``GAZETTEER_REGION`` values that turn the region preference off."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Paths used by the CLI and the service, and the region lookups prefer."""

    data_dir: Path
    """Folder for the index and the store (``GAZETTEER_HOME``, else the user data dir)."""
    index_path: Path
    """Gazetteer index file (``GAZETTEER_INDEX``, else ``data_dir/gazetteer.sqlite``)."""
    store_path: Path
    """Document store file (``GAZETTEER_STORE``, else ``data_dir/store.sqlite``)."""
    region: Region | None = SOUTH_CAUCASUS
    """Home region (``GAZETTEER_REGION`` = ``west,south,east,north`` or ``none``; default the South Caucasus)."""


def load_settings(data_dir: Path | None = None) -> Settings:
    """Settings from the environment, ``data_dir`` taking precedence when given."""
    home = Path(data_dir or os.environ.get("GAZETTEER_HOME") or user_data_dir(APP_NAME))
    index = os.environ.get("GAZETTEER_INDEX") if data_dir is None else None
    store = os.environ.get("GAZETTEER_STORE") if data_dir is None else None
    return Settings(
        data_dir=home,
        index_path=Path(index) if index else home / "gazetteer.sqlite",
        store_path=Path(store) if store else home / "store.sqlite",
        region=parse_region(os.environ.get("GAZETTEER_REGION")),
    )


def parse_region(value: str | None) -> Region | None:
    """The region a ``GAZETTEER_REGION`` value names: unset → the South Caucasus, ``none`` → no preference.

    >>> parse_region("44,39,47,41")
    Region(west=44.0, south=39.0, east=47.0, north=41.0, name='')
    """
    if value is None:
        return SOUTH_CAUCASUS
    if value.strip().lower() in NO_REGION:
        return None
    expected = "west,south,east,north in degrees (west < east, south < north) or none"
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise InvalidInput(f"GAZETTEER_REGION must be {expected}, not {value!r}") from None
    inside = all(map(math.isfinite, (west, south, east, north))) and -180 <= west < east <= 180
    if not (inside and -90 <= south < north <= 90):
        raise InvalidInput(f"GAZETTEER_REGION must be {expected}, not {value!r}")
    return Region(west, south, east, north)
