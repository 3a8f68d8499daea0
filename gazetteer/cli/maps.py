"""The ``gazetteer map`` command: export the mentions map of the store to an HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gazetteer.errors import DataError
from gazetteer.gazetteer import Gazetteer
from gazetteer.settings import load_settings
from gazetteer.store import Store
from maps.assets import cdn_assets, local_assets
from maps.collect import map_data, map_options
from maps.html import DOCUMENT_BASE
from maps.mention_map import MapOptions, build_map, render_html
from maps.places import group_by_place


def _open_store(path: Path | None) -> Store:
    target = path or load_settings().store_path
    if not target.is_file():
        raise DataError(f"no document store at {target}; ingest documents first")
    return Store.open(target)


def _open_gazetteer(path: Path | None) -> Gazetteer | None:
    """The gazetteer when its index exists (for place variants); the map is drawn without it otherwise."""
    target = path or load_settings().index_path
    return Gazetteer.open(target) if target.is_file() else None


def map_command(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("map.html"),
    document: Annotated[int | None, typer.Option("--document", help="Map one document (by id).")] = None,
    place: Annotated[int | None, typer.Option("--place", help="Centre on a place (by id), its popup open.")] = None,
    service_url: Annotated[
        str, typer.Option("--service-url", help="Where the service runs, for the links to documents.")
    ] = "",
    local: Annotated[
        bool, typer.Option("--local-assets", help="Load Leaflet from the service's /static/vendor, not CDNs.")
    ] = False,
    store: Annotated[Path | None, typer.Option("--store", help="Document store file.")] = None,
    index: Annotated[Path | None, typer.Option("--index", help="Gazetteer index file.")] = None,
) -> None:
    """Write the map of the stored mentions (all documents, or one) as a single HTML file."""
    with _open_store(store) as opened:
        gazetteer = _open_gazetteer(index)
        data = map_data(opened, gazetteer, document_id=document)
    base = service_url.rstrip("/")
    assets = local_assets(f"{base}/static/vendor") if local else cdn_assets()
    options = MapOptions(assets=assets, document_base=f"{base}{DOCUMENT_BASE}")
    options = map_options(data, gazetteer, options, document_id=document, place_id=place)
    out.write_text(render_html(build_map(data, options)), encoding="utf-8")
    counts = {
        "place": len(group_by_place(data.mentions)),
        "mention": len(data.mentions),
        "document": len(data.documents),
        "event": len(data.events),
    }
    typer.echo(f"wrote {out}: " + ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for word, n in counts.items()))


def register(app: typer.Typer) -> None:
    """Add the ``map`` command to the ``gazetteer`` application."""
    app.command("map")(map_command)
