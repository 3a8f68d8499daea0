"""The Dask cluster a batch runs on: a ``LocalCluster`` sized to the machine, or an existing one.

Local workers are processes of one thread each (the geoparser is pure
Python: threads would share one interpreter lock), as many as the machine
has cores unless told.  ``--scheduler tcp://host:8786`` connects to a
cluster started elsewhere (``dask scheduler``, ``dask worker``, dask-jobqueue,
dask-kubernetes...), whose workers see the index and the files at the same
paths.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from gazetteer.errors import DataError, InvalidInput

if TYPE_CHECKING:
    from dask.distributed import Client

CONNECT_TIMEOUT_S = 30
"""Seconds to reach an existing scheduler."""


def local_workers(workers: int | None = None) -> int:
    """How many workers a local cluster gets: ``workers``, else one per core."""
    if workers is not None and workers < 1:
        raise InvalidInput(f"--workers must be 1 or more, not {workers}")
    return workers or os.cpu_count() or 1


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, else of a local cluster of ``workers`` processes, closed after."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        if workers is not None:
            raise InvalidInput("--workers sizes a local cluster; a cluster given by --scheduler has its own workers")
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as error:
            raise DataError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
        with client:
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=local_workers(workers),
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # a free port: no clash with another cluster on the machine
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client
