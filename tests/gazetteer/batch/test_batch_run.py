"""A batch run on a real 2-worker cluster: the single-process result, resumed runs, bad documents kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batchfixtures import news, write_jsonl

from gazetteer.application import GazetteerAPI
from gazetteer.batch.manifest import read_manifest
from gazetteer.batch.outputs import DOCUMENTS, ERRORS, MENTIONS, PLACES, part_path
from gazetteer.batch.run import BatchJob, run_batch, worker_api
from gazetteer.errors import InvalidInput
from gazetteer.limits import MAX_TEXT_BYTES

ROOT = Path(__file__).resolve().parents[3]


def mention_tuples(out: Path) -> list[tuple[Any, ...]]:
    """The mentions of a run, sorted, as (document, start, end, surface, place, confidence, match type, lon, lat)."""
    table = gpd.read_parquet(out / MENTIONS)
    return sorted(
        zip(
            table.document_id, table.start, table.end, table.surface, table.place_id, table.confidence,
            table.match_type, table.geometry.x, table.geometry.y, strict=True,
        )
    )  # fmt: skip


def sequential(api: GazetteerAPI, documents: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The same tuples from ``GazetteerAPI.geoparse`` in this process."""
    return sorted(
        (d["id"], m.start, m.end, m.surface, m.place.id, m.confidence, str(m.match_type), m.place.lon, m.place.lat)
        for d in documents
        for m in api.geoparse(d["text"])
    )


def test_two_workers_geoparse_2000_documents_as_one_process_does(
    cluster: Any, api: GazetteerAPI, index_path: Path, tmp_path: Path
) -> None:
    documents = news(2000, seed=1)
    source = write_jsonl(tmp_path / "news.jsonl", documents)
    out = tmp_path / "out"
    report = run_batch(BatchJob((source,), out, index_path, partition_size=100), cluster, progress=False)
    assert len(cluster.scheduler_info()["workers"]) == 2
    assert sorted(cluster.run(lambda: worker_api.cache_info().currsize).values()) == [1, 1]  # both worked
    assert (report.partitions, report.resumed, report.documents, report.errors) == (20, 0, 2000, 0)
    expected = sequential(api, documents)
    assert mention_tuples(out) == expected and report.mentions == len(expected) > 2000
    table = gpd.read_parquet(out / DOCUMENTS)
    assert sorted(table.id) == sorted(d["id"] for d in documents) and table.crs.to_epsg() == 4326
    assert table.mention_count.sum() == len(expected)
    assert set(table.columns) >= {"id", "title", "date", "length", "mention_count", "text", "geometry"}
    places = gpd.read_parquet(out / PLACES)
    counted = Counter(row[4] for row in expected)
    assert dict(zip(places.place_id, places.mentions, strict=True)) == counted
    assert list(places.mentions) == sorted(places.mentions, reverse=True)
    manifest = read_manifest(out)
    assert manifest is not None and manifest.finished


def test_a_killed_run_resumes_without_duplicates(cluster: Any, index_path: Path, tmp_path: Path) -> None:
    documents = news(1200, seed=2)
    source = write_jsonl(tmp_path / "news.jsonl", documents)
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from gazetteer.cli import main; main()", "batch", str(source)]
    command += ["--out", str(out), "--workers", "1", "--partition-size", "4", "--index", str(index_path)]
    killed = subprocess.Popen(
        command,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while len(list((out / DOCUMENTS).glob("part-*.parquet"))) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(killed.pid, signal.SIGKILL)  # the command, its cluster and its workers
        killed.wait()
    written = len(list((out / DOCUMENTS).glob("part-*.parquet")))
    manifest = read_manifest(out)
    assert 5 <= written < 300 and manifest is not None and not manifest.finished
    part_path(out, DOCUMENTS, 1).unlink()  # as if stopped before its last rename: partition 1 is redone
    (out / MENTIONS / ".part-00001.parquet.left.tmp").write_bytes(b"half")
    report = run_batch(BatchJob((source,), out, index_path, partition_size=4), cluster, progress=False)
    assert report.partitions == 300 and written - 1 <= report.resumed < 300
    ids = list(gpd.read_parquet(out / DOCUMENTS).id)
    assert sorted(ids) == sorted(d["id"] for d in documents) and len(set(ids)) == len(ids)
    mentions = pd.read_parquet(out / MENTIONS, columns=["document_id", "n"])
    assert not mentions.duplicated().any() and not list((out / MENTIONS).glob(".*"))
    again = run_batch(BatchJob((source,), out, index_path, partition_size=4), cluster, progress=False)
    assert (again.resumed, again.documents) == (300, 0)


def test_bad_documents_are_reported_and_the_run_goes_on(cluster: Any, index_path: Path, tmp_path: Path) -> None:
    good = news(3, seed=3)
    lines = [f'{{"id": "{d["id"]}", "text": "{d["text"]}"}}'.encode() for d in good]
    lines += [
        b'{"id": "empty", "text": ""}',
        b'{"id": "blank", "text": "  \\n "}',
        b'{"id": "latin1", "text": "Caf\xe9 in Baku"}',
        b'{"id": "surrogate", "text": "Baku \\udc80"}',
        b'{"id": "huge", "text": "' + b"a" * (MAX_TEXT_BYTES + 1) + b'"}',
        b'{"id": "no-text"}',
        b'{"text": "Talks in Baku."}',
        b'{"id": "bad-date", "text": "Talks in Baku.", "date": "yesterday"}',
        b"not json",
        b"[1, 2]",
    ]
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    folder = tmp_path / "texts"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "ok.txt").write_text("\ufeffBuses left Ganja at dawn.", encoding="utf-8")
    (folder / "nothing.txt").write_bytes(b"")
    (folder / "cp1251.txt").write_bytes("Баку".encode("cp1251"))
    with (folder / "big.txt").open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)
    table = pa.table({"id": ["p1", "p2"], "text": pa.array([b"Talks in Tbilisi.", b"\xff\xfe"], pa.binary())})
    pq.write_table(table, tmp_path / "rows.parquet")
    out = tmp_path / "out"
    job = BatchJob((source, folder, tmp_path / "rows.parquet"), out, index_path, partition_size=3)
    report = run_batch(job, cluster, progress=False)
    errors = pd.read_parquet(out / ERRORS)
    reasons = dict(zip(errors.id, errors.reason, strict=True))
    assert set(gpd.read_parquet(out / DOCUMENTS).id) == {*(d["id"] for d in good), "deep/ok", "p1"}
    assert reasons["empty"] == reasons["blank"] == reasons["nothing"] == "text is empty"
    assert reasons["latin1"].startswith("text is not UTF-8") and reasons["surrogate"].startswith("text is not UTF")
    assert reasons["cp1251"].startswith("text is not UTF-8: byte 0xc1 at offset 0")
    assert reasons["p2"].startswith("text is not UTF-8") and "limit" in reasons["huge"] and "limit" in reasons["big"]
    assert reasons["no-text"] == "the document has no text" and "date" in reasons["bad-date"]
    assert reasons["mixed.jsonl:10"].startswith("the document has no id")
    assert reasons["mixed.jsonl:12"].startswith("the line is not JSON") and "mixed.jsonl:13" in reasons
    assert (report.documents, report.errors) == (5, 14) and len(errors) == 14
    assert (gpd.read_parquet(out / DOCUMENTS).query("id == 'deep/ok'").text == "Buses left Ganja at dawn.").all()


def test_every_input_format_gives_the_same_result(cluster: Any, index_path: Path, tmp_path: Path) -> None:
    documents = news(40, seed=4)
    folder = tmp_path / "texts"
    folder.mkdir()
    for document in documents:
        (folder / f"{document['id']}.txt").write_text(document["text"], encoding="utf-8")
    jsonl = write_jsonl(tmp_path / "news.jsonl", documents)
    parquet = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(documents), parquet, row_group_size=7)
    results = []
    for at, given in enumerate((folder, jsonl, parquet)):
        out = tmp_path / f"out{at}"
        assert run_batch(BatchJob((given,), out, index_path, partition_size=6), cluster, progress=False).documents == 40
        results.append(mention_tuples(out))
    assert results[0] == results[1] == results[2] and results[0]
    titled = gpd.read_parquet(tmp_path / "out2" / DOCUMENTS).set_index("id")
    assert titled.loc["s4-3", "title"] == "Report 3" and titled.loc["s4-3", "date"] == documents[3]["date"]


def test_another_run_into_the_same_folder_is_refused(cluster: Any, index_path: Path, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", news(5, seed=5))
    out = tmp_path / "out"
    run_batch(BatchJob((source,), out, index_path, partition_size=2), cluster, progress=False)
    with pytest.raises(InvalidInput, match="other inputs"):
        run_batch(BatchJob((source,), out, index_path, partition_size=3), cluster, progress=False)
