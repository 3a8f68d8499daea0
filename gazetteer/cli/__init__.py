"""The ``gazetteer`` command line: the top floor, over the application layer.

Each command imports what it needs when it runs, so ``gazetteer lookup``
never pays for the geoparser, FastAPI or folium.  Project errors become one
``error: ...`` line on standard error and exit code 2.
"""

from __future__ import annotations

import sys

import click
import typer

from gazetteer.cli import demo, documents, export, geoparsing, maps, places
from gazetteer.errors import GazetteerError

app = typer.Typer(help="Place-name gazetteer and geoparser for news about the South Caucasus.")

for part in (places, geoparsing, documents, maps, demo, export):
    part.register(app)


def main() -> None:
    """Entry point: run the app, turning project errors into one error line and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except GazetteerError as error:
        typer.echo(f"error: {error.detail}", err=True)
        sys.exit(2)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (click.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
