"""The ``gazetteer`` command line: the top floor, over the application layer.

Each command imports what it needs when it runs, so ``gazetteer lookup``
never pays for the geoparser, FastAPI or folium.  Every error becomes one
``error: ...`` line on standard error, with no traceback, and an exit code
(``gazetteer.cli.failures``): 2 for a usage error (an unknown command or
option, a missing argument, a bad or out-of-range value), 1 for a runtime
error (a missing file, output folder, index or record, an I/O error).
"""

from __future__ import annotations

import sys

import typer

from gazetteer.cli import batch, corrections, demo, documents, export, geoparsing, keys, maps, places
from gazetteer.cli.failures import report

app = typer.Typer(help="Place-name gazetteer and geoparser for news about the South Caucasus.")

for part in (places, geoparsing, documents, corrections, maps, demo, export, keys, batch):
    part.register(app)


def main() -> None:
    """Entry point: run the app; any error becomes one ``error: ...`` line and its exit code."""
    try:
        code = app(standalone_mode=False)
    except (Exception, KeyboardInterrupt) as error:
        sys.exit(report(error))
    sys.exit(code if isinstance(code, int) else 0)
