"""A batch run follows the store's corrections, as ingest does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
from batchfixtures import write_jsonl

from gazetteer.batch.outputs import MENTIONS
from gazetteer.batch.run import BatchJob, run_batch
from gazetteer.corrections import Correction, CorrectionScope

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
