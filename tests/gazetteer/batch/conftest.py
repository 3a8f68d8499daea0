"""Batch fixtures: the application layer over the session's index, and one 2-worker Dask cluster.

The cluster is real: a ``LocalCluster`` of two worker processes (one thread
each), started once for the folder's tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from gazetteer.application import GazetteerAPI
from gazetteer.settings import load_settings


@pytest.fixture(scope="session")
def api(index_path: Path) -> Iterator[GazetteerAPI]:
    """The application layer over the session's index, for the single-process results."""
    with GazetteerAPI(replace(load_settings(), index_path=index_path)) as opened:
        yield opened


@pytest.fixture(scope="session")
def cluster() -> Iterator[Any]:
    """A client of a real 2-worker local Dask cluster (worker processes of one thread)."""
    from gazetteer.batch.cluster import dask_client

    with dask_client(workers=2) as client:
        yield client
