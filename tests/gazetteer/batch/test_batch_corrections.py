"""A batch run follows the store's corrections, as ingest does, and keeps the originals they changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from batchfixtures import write_jsonl
from clirun import run

from gazetteer.application import GazetteerAPI
from gazetteer.batch.outputs import MENTIONS, ORIGINALS
from gazetteer.batch.run import BatchJob, run_batch
from gazetteer.corrections import Correction, CorrectionScope, mention_id
from gazetteer.settings import load_settings

KHOJAVEND = 146969
MARTUNI_AM = 616438
AZERBAIJAN = 587116


def rule(cid: int, place_id: int | None, surface: str) -> Correction:
    return Correction(
        id=cid,
        surface=surface,
        place_id=place_id,
        place_name="",
        old_place_id=None,
        old_place_name="",
        scope=CorrectionScope.REGION,
        document_id=None,
        mention_n=None,
        mention_start=None,
        text_digest="",
        region_id=AZERBAIJAN,
        region_name="Azerbaijan",
        author="analyst",
        created="2026-01-01T00:00:00+00:00",
    )


def test_a_run_follows_region_corrections(cluster: Any, index_path: Path, tmp_path: Path) -> None:
    documents = [
        {"id": "az", "text": "Buses from Baku reached Martuni and Vardenis by noon."},
        {"id": "am", "text": "Farmers in Martuni and Yerevan waited for rain."},
    ]
    source = write_jsonl(tmp_path / "news.jsonl", documents)
    corrections = (rule(1, KHOJAVEND, "Martuni"), rule(2, None, "Vardenis"))
    job = BatchJob((source,), tmp_path / "out", index_path, partition_size=1, corrections=corrections)
    run_batch(job, cluster, progress=False)
    table = gpd.read_parquet(tmp_path / "out" / MENTIONS)
    found = sorted(zip(table.document_id, table.surface, table.place_id, strict=True))
    assert ("az", "Martuni", KHOJAVEND) in found and ("am", "Martuni", MARTUNI_AM) in found
    assert not any(surface == "Vardenis" for document, surface, _ in found if document == "az")


def test_a_loaded_run_keeps_the_originals_so_an_undo_restores_them(
    cluster: Any, index_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store.sqlite"
    text = "Buses from Baku reached Martuni and Vardenis by noon."
    with GazetteerAPI(replace(load_settings(), index_path=index_path, store_path=store)) as api:
        seed = api.ingest("Convoys from Baku passed Martuni and Vardenis on Monday.")
        martuni = api.correct(mention_id(seed.id, 1), KHOJAVEND, scope=CorrectionScope.REGION, author="analyst")
        api.correct(mention_id(seed.id, 2), None, scope=CorrectionScope.REGION, author="analyst")
        corrections = tuple(api.corrections_all())
    source = write_jsonl(tmp_path / "news.jsonl", [{"id": "az", "text": text}])
    run_batch(BatchJob((source,), tmp_path / "out", index_path, corrections=corrections), cluster, progress=False)
    kept = gpd.read_parquet(tmp_path / "out" / ORIGINALS)
    assert {("Martuni", MARTUNI_AM), ("Vardenis", 616108)} <= set(zip(kept.surface, kept.place_id, strict=True))
    code, _, _ = run(monkeypatch, capsys, "ingest", "--parquet", str(tmp_path / "out"), "--store", str(store))
    assert code == 0
    with GazetteerAPI(replace(load_settings(), index_path=index_path, store_path=store)) as api:
        (loaded,) = [d for d in api.documents() if d.text == text]
        assert [(m.surface, m.place_id) for m in api.document_mentions(loaded.id)] == [
            ("Baku", 587084),
            ("Martuni", KHOJAVEND),
        ]
        api.undo_correction(martuni.correction.id)
        assert [(m.surface, m.place_id) for m in api.document_mentions(loaded.id)][1] == ("Martuni", MARTUNI_AM)
