"""What every command shares: the file options, and the application layer they select.

Imports here are light: a command pays for the application layer, the
geoparser, FastAPI or folium only when it runs and needs them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gazetteer.settings import Settings, is_store_url, load_settings

if TYPE_CHECKING:
    from gazetteer.application import GazetteerAPI

IndexOption = Annotated[
    Path | None, typer.Option("--index", help="Gazetteer index file (default: GAZETTEER_INDEX or the data dir).")
]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Document store: an SQLite file or a postgresql:// URL (default: GAZETTEER_STORE or the data dir).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON output.")]
LanguageOption = Annotated[
    str | None,
    typer.Option("--language", help="The texts' ISO 639-1 code (en, ru, az, hy...); detected when not given."),
]


def settings_for(index: Path | None = None, store: Path | str | None = None) -> Settings:
    """The settings from the environment, with the files (or the store URL) given on the command line."""
    settings = load_settings()
    if index is not None:
        settings = replace(settings, index_path=index)
    if store is not None and is_store_url(store):
        settings = replace(settings, store_url=str(store))
    elif store is not None:
        settings = replace(settings, store_path=Path(store), store_url="")
    return settings


def open_api(index: Path | None = None, store: Path | str | None = None, *, need_index: bool = True) -> GazetteerAPI:
    """The application layer over the chosen files.

    The default index is built on first use; an index named with ``--index``
    must exist (``DataError`` otherwise) unless ``need_index`` is false.
    """
    from gazetteer.application import GazetteerAPI
    from gazetteer.errors import DataError

    if need_index and index is not None and not index.is_file():
        raise DataError(f"no gazetteer index at {index}; run `gazetteer build --index {index}`")
    return GazetteerAPI(settings_for(index, store))
