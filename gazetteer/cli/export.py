"""The ``gazetteer export`` command: places or stored mentions to GeoJSON, GeoPackage, GeoParquet, CSV or LPF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gazetteer.cli.options import IndexOption, StoreOption, open_api, settings_for
from gazetteer.errors import DataError


def export_command(
    what: Annotated[str, typer.Argument(metavar="places|mentions", help="What to export.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (its folder must exist).")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="geojson, gpkg, parquet, csv or lpf (default: from the file's suffix)."),
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Only places (or mentions of places) in this country (ISO code).")
    ] = None,
    feature_class: Annotated[
        str | None, typer.Option("--feature-class", help="Only places of this GeoNames feature class (P, A, H...).")
    ] = None,
    document: Annotated[int | None, typer.Option("--document", help="Only the mentions of this document.")] = None,
    shapes: Annotated[
        bool, typer.Option("--shapes", help="An area's shape, where known, instead of its point.")
    ] = False,
    base_uri: Annotated[
        str | None, typer.Option("--base-uri", help="LPF: @id prefix of curated places (e.g. https://host/places/).")
    ] = None,
    store: StoreOption = None,
    index: IndexOption = None,
) -> None:
    """Export the gazetteer's places, or the stored mentions, to a file (EPSG:4326, lon/lat)."""
    from gazetteer.export import ExportRequest, export
    from gazetteer.export.request import checked

    request = checked(
        ExportRequest(
            what,
            out,
            fmt,
            country=country,
            feature_class=feature_class,
            document_id=document,
            shapes=shapes,
            base_uri=base_uri,
        )
    )
    settings = settings_for(store=store)
    target = settings.store_path
    if what == "mentions" and not settings.store_url and not target.is_file():
        raise DataError(f"no document store at {target}; ingest documents first")
    with open_api(index, store, need_index=what == "places") as api:
        report = export(api, request)
    noun = report.kind if report.rows != 1 else report.kind.removesuffix("s")
    typer.echo(f"wrote {report.path}: {report.rows} {noun} as {report.format} in {report.seconds:.1f} s")


def register(app: typer.Typer) -> None:
    """Add the ``export`` command to the ``gazetteer`` application."""
    app.command("export")(export_command)
