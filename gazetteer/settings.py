"""Where the project keeps its files, from the environment or defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "karabakh-gazetteer"


@dataclass(frozen=True, slots=True)
class Settings:
    """Paths used by the CLI and the service."""

    data_dir: Path
    """Folder for the index and the store (``GAZETTEER_HOME``, else the user data dir)."""
    index_path: Path
    """Gazetteer index file (``GAZETTEER_INDEX``, else ``data_dir/gazetteer.sqlite``)."""
    store_path: Path
    """Document store file (``GAZETTEER_STORE``, else ``data_dir/store.sqlite``)."""


def load_settings(data_dir: Path | None = None) -> Settings:
    """Settings from the environment, ``data_dir`` taking precedence when given."""
    home = Path(data_dir or os.environ.get("GAZETTEER_HOME") or user_data_dir(APP_NAME))
    index = os.environ.get("GAZETTEER_INDEX") if data_dir is None else None
    store = os.environ.get("GAZETTEER_STORE") if data_dir is None else None
    return Settings(
        data_dir=home,
        index_path=Path(index) if index else home / "gazetteer.sqlite",
        store_path=Path(store) if store else home / "store.sqlite",
    )
