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
LOOP_SAMPLE = SAMPLES / "04_mountain_pastures.txt"
"""The sample of the correction loop: a Karabakh story whose ``Martuni`` the geoparser places in Armenia."""
LOOP_SURFACE = "Martuni"
LOOP_PLACE = 146969
"""Khojavend, the Karabakh town the story's ``Martuni`` is (Martuni is its Armenian-era name)."""


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
    correction_loop()
    map_command(out=settings.data_dir / "map.html", document=None, place=None, service_url=f"http://{host}:{port}",
                local=False, cdn=False, store=None, index=None)  # fmt: skip
    if no_serve:
        return
    typer.echo(f"serving on http://{host}:{port}  (map: /map, documents: /documents, API docs: /docs)")
    serve(host=host, port=port, log_level="warning")


def correction_loop() -> None:
    """The analyst's loop on the loop sample: correct its ``Martuni`` once (for the document), ingest the
    same text again, and show the correction hold.  Done once per store."""
    from gazetteer.corrections import CorrectionScope, mention_id

    with open_api() as api:
        if any(c.surface == LOOP_SURFACE and c.place_id == LOOP_PLACE for c in api.corrections(limit=1000)):
            typer.echo("correction loop: already shown in this store (gazetteer corrections list)")
            return
        stored = [d for d in api.documents(limit=1000) if d.source == LOOP_SAMPLE.name]
        mentions = [m for d in stored[-1:] for m in api.document_mentions(d.id) if m.surface == LOOP_SURFACE]
        if not mentions:
            return
        first = mentions[0]
        done = api.correct(
            mention_id(first.document_id, first.n), LOOP_PLACE, scope=CorrectionScope.DOCUMENT, author="demo"
        )
        typer.echo(
            f"correction loop: mention {mention_id(first.document_id, first.n)} {first.surface!r} was "
            f"{first.place_name} ({first.country}); corrected to {done.correction.place_name} for its document "
            f"(correction {done.correction.id}, {done.changed} mention(s) changed)"
        )
        again = api.ingest(LOOP_SAMPLE.read_text(encoding="utf-8"), title="(re-ingested)", source=LOOP_SAMPLE.name)
        held = [m.place_name for m in api.document_mentions(again.id) if m.surface == LOOP_SURFACE]
        typer.echo(f"correction loop: the same text ingested again as document {again.id}: {LOOP_SURFACE} -> {held}")


def register(app: typer.Typer) -> None:
    """Add the ``demo`` command."""
    app.command("demo")(demo)
