"""``gazetteer ingest --parquet DIR``: a batch run lands in the store, once however often it is loaded."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from batchfixtures import news, write_jsonl
from clirun import run

from gazetteer.application import GazetteerAPI
from gazetteer.batch.manifest import read_manifest, write_manifest
from gazetteer.batch.run import BatchJob, run_batch
from gazetteer.cli.failures import RUNTIME, USAGE
from gazetteer.settings import load_settings


def test_ingest_parquet_stores_every_document_once(
    cluster: Any,
    api: GazetteerAPI,
    index_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    documents = news(30, seed=6)
    out = tmp_path / "out"
    run_batch(
        BatchJob((write_jsonl(tmp_path / "n.jsonl", documents),), out, index_path, partition_size=7),
        cluster,
        progress=False,
    )
    store = tmp_path / "store.sqlite"
    code, printed, _ = run(monkeypatch, capsys, "ingest", "--parquet", str(out), "--store", str(store))
    assert code == 0 and "30 documents stored, 0 stored before" in printed
    code, printed, _ = run(monkeypatch, capsys, "ingest", "--parquet", str(out), "--store", str(store))
    assert code == 0 and "0 documents stored, 30 stored before" in printed
    with GazetteerAPI(replace(load_settings(), index_path=index_path, store_path=store)) as loaded:
        stored = sorted(loaded.documents(limit=100), key=lambda d: d.title)
        assert len(stored) == 30 and {d.source for d in stored} == {"n.jsonl"}
        by_title = {d["title"]: d for d in documents}
        for document in stored:
            given = by_title[document.title]
            assert (document.text, document.date) == (given["text"], given["date"])
            found = [(m.start, m.end, m.place_id) for m in loaded.document_mentions(document.id)]
            assert found == [(m.start, m.end, m.place.id) for m in api.geoparse(given["text"])]


def test_ingest_parquet_refuses_an_unfinished_run(
    cluster: Any, index_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    run_batch(BatchJob((write_jsonl(tmp_path / "n.jsonl", news(3, seed=7)),), out, index_path), cluster, progress=False)
    manifest = read_manifest(out)
    assert manifest is not None
    write_manifest(out, replace(manifest, finished=False))  # as if stopped before its places were counted
    code, _, err = run(monkeypatch, capsys, "ingest", "--parquet", str(out), "--store", str(tmp_path / "s.sqlite"))
    assert code == RUNTIME and "not finished" in err and len(err.splitlines()) == 1
    code, _, err = run(monkeypatch, capsys, "ingest", "--parquet", str(tmp_path), "--store", str(tmp_path / "s.sqlite"))
    assert code == RUNTIME and "no batch run" in err


def test_ingest_needs_files_or_a_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(monkeypatch, capsys, "ingest")
    assert code == USAGE and err.startswith("error: give the text files")
    code, _, err = run(monkeypatch, capsys, "ingest", "a.txt", "--parquet", "out")
    assert code == USAGE and "--parquet" in err
