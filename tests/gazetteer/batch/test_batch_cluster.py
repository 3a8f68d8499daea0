"""The cluster a batch runs on: sized to the machine, or one given by its scheduler's address."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from gazetteer.batch import cluster
from gazetteer.batch.cluster import dask_client, local_workers
from gazetteer.cli import main
from gazetteer.cli.failures import RUNTIME
from gazetteer.errors import DataError, InvalidInput


def test_a_local_cluster_has_one_worker_per_core_unless_told() -> None:
    assert local_workers() == os.cpu_count() and local_workers(3) == 3
    with pytest.raises(InvalidInput):
        local_workers(0)


def test_workers_are_not_given_to_an_existing_cluster() -> None:
    with pytest.raises(InvalidInput, match="--scheduler"), dask_client("tcp://127.0.0.1:8786", 2):
        pass


def test_an_unreachable_scheduler_is_a_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1)
    with pytest.raises(DataError, match="cannot reach the Dask scheduler"), dask_client("tcp://127.0.0.1:9"):
        pass


def test_batch_without_an_index_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Talks in Baku.", encoding="utf-8")
    missing = tmp_path / "none.sqlite"
    monkeypatch.setattr(sys, "argv", ["gazetteer", "batch", str(tmp_path), "--out", "o", "--index", str(missing)])
    with pytest.raises(SystemExit) as ended:
        main()
    err = capsys.readouterr().err
    assert ended.value.code == RUNTIME and err.startswith("error: no gazetteer index") and len(err.splitlines()) == 1
