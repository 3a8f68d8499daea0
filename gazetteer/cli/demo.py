"""The ``demo`` command: the main job on the embedded default, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gazetteer.cli.documents import ingest, serve
from gazetteer.cli.maps import map_command
from gazetteer.cli.options import open_api, settings_for

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
"""Sample texts written for the project."""
SEED_CORPUS = ROOT.parent / "shared" / "corpus"
"""Seed news texts, where they sit beside the project."""


def demo_files() -> list[Path]:
    """The project's sample texts, then the seed corpus texts when present."""
    seeds = sorted(SEED_CORPUS.glob("*.txt")) if SEED_CORPUS.is_dir() else []
    return sorted(SAMPLES.glob("*.txt")) + seeds


def _not_yet_stored(files: list[Path]) -> list[Path]:
    with open_api() as api:
        known = {document.source for document in api.documents(limit=1000)}
    return [path for path in files if path.name not in known and str(path) not in known]


def demo(
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.", min=1, max=65535)] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Stop after writing the map.")] = False,
) -> None:
    """Build the gazetteer, ingest the sample texts, write the map, then serve the API."""
    settings = settings_for()
    typer.echo(f"gazetteer index: {settings.index_path} (built from the embedded GeoNames data on first use)")
    with open_api() as api:
        typer.echo(f"{api.gazetteer.index.count()} places")
    files = _not_yet_stored(demo_files())
    if files:
        ingest([str(path) for path in files], date=None, source=None, store=None, index=None)
    else:
        typer.echo("sample texts already stored")
    map_command(out=settings.data_dir / "map.html", document=None, place=None, service_url=f"http://{host}:{port}",
                local=False, cdn=False, store=None, index=None)  # fmt: skip
    if no_serve:
        return
    typer.echo(f"serving on http://{host}:{port}  (map: /map, documents: /documents, API docs: /docs)")
    serve(host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add the ``demo`` command."""
    app.command("demo")(demo)
