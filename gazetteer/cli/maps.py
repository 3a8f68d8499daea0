"""The ``gazetteer map`` command: export the mentions map of the store to an HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gazetteer.cli.options import IndexOption, StoreOption, open_api, settings_for
from gazetteer.errors import DataError


def map_command(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("map.html"),
    document: Annotated[int | None, typer.Option("--document", help="Map one document (by id).")] = None,
    place: Annotated[int | None, typer.Option("--place", help="Centre on a place (by id), its popup open.")] = None,
    service_url: Annotated[
        str, typer.Option("--service-url", help="Where the service runs, for the links to documents.")
    ] = "",
    local: Annotated[
        bool, typer.Option("--local-assets", help="Load Leaflet from the service's /static/vendor.")
    ] = False,
    cdn: Annotated[bool, typer.Option("--cdn-assets", help="Load Leaflet from CDNs.")] = False,
    store: StoreOption = None,
    index: IndexOption = None,
) -> None:
    """Write the map of the stored mentions (all documents, or one) as a single HTML file.

    Place variants and area shapes come from the gazetteer when its index is there.  The file carries
    its own basemap (country borders and first-level areas, simplified) and its own copy of Leaflet, so it
    works with no network; ``--local-assets`` or ``--cdn-assets`` load Leaflet from the service or CDNs instead.
    """
    from gazetteer.map_query import MAX_MARKERS, MapFilter
    from maps.assets import cdn_assets, inline_assets, local_assets
    from maps.collect import map_options
    from maps.html import DOCUMENT_BASE
    from maps.mention_map import MAP_URL, MapOptions, build_map, render_html

    if not out.parent.is_dir():
        raise DataError(f"output folder {out.parent} does not exist")
    settings = settings_for(store=store)
    target = settings.store_path
    if not settings.store_url and not target.is_file():
        raise DataError(f"no document store at {target}; ingest documents first")
    with open_api(index, store, need_index=False) as api:
        selection = MapFilter(() if document is None else (document,), place, max_markers=MAX_MARKERS)
        data = api.map_data(selection, basemap=True)
    base = service_url.rstrip("/")
    assets = local_assets(f"{base}/static/vendor") if local else cdn_assets() if cdn else inline_assets()
    options = map_options(
        data, MapOptions(assets=assets, document_base=f"{base}{DOCUMENT_BASE}", map_url=f"{base}{MAP_URL}")
    )
    page = render_html(build_map(data, options))
    out.write_text(page, encoding="utf-8")
    counts = {
        "place": data.place_count,
        "mention": data.mention_count,
        "document": data.document_count,
        "event": len(data.events),
    }
    listed = ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for word, n in counts.items())
    typer.echo(f"wrote {out} ({len(page.encode()) / 1024:.0f} KiB): {listed}")


def register(app: typer.Typer) -> None:
    """Add the ``map`` command to the ``gazetteer`` application."""
    app.command("map")(map_command)
