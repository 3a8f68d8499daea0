"""The ``batch`` command: geoparse an archive on Dask into GeoParquet folders.

``gazetteer batch INPUT... --out DIR [--scheduler ADDRESS] [--workers N] [--mode fast|accurate]``
runs on a local cluster sized to the machine, or on the cluster at
``--scheduler``; a re-run with the same inputs resumes where the last one
stopped.  The store's corrections (``--store``) hold for the run.
``gazetteer ingest --parquet DIR`` loads the result into the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gazetteer.batch.inputs import DEFAULT_PARTITION_SIZE
from gazetteer.cli.geoparsing import ModeOption
from gazetteer.cli.options import IndexOption, StoreOption, open_api, settings_for
from gazetteer.corrections import Correction
from gazetteer.geoparse.modes import Mode


def batch_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Folders of .txt files and web pages (.html, .htm), .jsonl and .parquet files (id, text, date, "
            "title, url)."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Output folder of the GeoParquet folders (resumed if it exists).")],
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Workers of the local cluster (default: one per core).")
    ] = None,
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="Documents per partition (one task, one part file each).")
    ] = DEFAULT_PARTITION_SIZE,
    index: IndexOption = None,
    store: StoreOption = None,
    mode: ModeOption = Mode.FAST,
) -> None:
    """Geoparse documents on a Dask cluster into mentions, documents, places and errors GeoParquet, following
    the corrections of the store (``--store``), as ingest does."""
    from gazetteer.batch.cluster import dask_client
    from gazetteer.batch.run import BatchJob, checked_index, run_batch

    settings = settings_for(index, store)
    corrections: tuple[Correction, ...] = ()
    if settings.store_url or settings.store_path.is_file():  # no store, no corrections: none is made
        with open_api(index, store) as api:
            corrections = tuple(api.corrections_all())
    job = BatchJob(tuple(inputs), out, checked_index(settings.index_path), mode, partition_size, corrections)
    with dask_client(scheduler, workers) as client:
        report = run_batch(job, client)
    typer.echo(
        f"{report.partitions} partitions ({report.resumed} done before): {report.documents} documents, "
        f"{report.mentions} mentions, {report.errors} errors, {report.places} places in {report.seconds:.1f} s "
        f"-> {out}"
    )


def register(app: typer.Typer) -> None:
    """Add the ``batch`` command to ``app``."""
    app.command("batch")(batch_command)
