"""Partitions planned from names, offsets and row counts, and read back on a worker, document by document."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batchfixtures import news, write_jsonl

from gazetteer.batch.inputs import InputDocument, InputKind, Rejected, plan, read
from gazetteer.errors import InvalidInput


def ids(path: Path, size: int) -> list[list[str]]:
    """The ids of each partition of ``path``, read back."""
    return [[d.id for d in read(partition)] for partition in plan([path], size)]


def test_json_lines_are_cut_at_line_offsets_and_blank_lines_skipped(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "n.jsonl", news(7, seed=8))
    lines = source.read_bytes().splitlines(keepends=True)
    source.write_bytes(b"".join(lines[:3]) + b"\n  \n" + b"".join(lines[3:]) + b"\n")
    partitions = plan([source], 3)
    assert [p.first_line for p in partitions] == [1, 6, 9] and {p.kind for p in partitions} == {InputKind.JSON_LINES}
    assert ids(source, 3) == [["s8-0", "s8-1", "s8-2"], ["s8-3", "s8-4", "s8-5"], ["s8-6"]]
    assert plan([source], 3) == partitions  # the same inputs, the same plan: what resuming relies on


def test_parquet_is_cut_by_rows_across_row_groups(tmp_path: Path) -> None:
    documents = news(10, seed=9)
    source = tmp_path / "n.parquet"
    pq.write_table(pa.Table.from_pylist(documents), source, row_group_size=3)
    assert ids(source, 4) == [[d["id"] for d in documents[at : at + 4]] for at in (0, 4, 8)]
    first = next(iter(read(plan([source], 4)[1])))
    assert isinstance(first, InputDocument) and (first.title, first.source) == ("Report 4", "n.parquet")


def test_a_folder_gives_its_text_files_by_path(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/two.txt", "a.txt", "b/one.txt", "notes.md"):
        (tmp_path / name).write_text("Talks in Baku.", encoding="utf-8")
    assert ids(tmp_path, 2) == [["a", "b/one"], ["b/two"]]


def test_integer_ids_become_strings_and_other_ids_are_rejected(tmp_path: Path) -> None:
    source = tmp_path / "n.jsonl"
    source.write_text('{"id": 7, "text": "Talks in Baku."}\n{"id": true, "text": "Talks in Baku."}\n', encoding="utf-8")
    first, second = read(plan([source], 5)[0])
    assert isinstance(first, InputDocument) and first.id == "7"
    assert isinstance(second, Rejected) and second.id == "n.jsonl:2"


@pytest.mark.parametrize("name", ["news.csv", "missing.jsonl"])
def test_an_unknown_or_missing_input_is_refused(tmp_path: Path, name: str) -> None:
    if name.endswith(".csv"):
        (tmp_path / name).write_text("id,text\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=name):
        plan([tmp_path / name], 10)


def test_parquet_without_text_and_a_partition_of_nothing_are_refused(tmp_path: Path) -> None:
    pq.write_table(pa.table({"id": ["a"]}), tmp_path / "ids.parquet")
    with pytest.raises(InvalidInput, match="no text column"):
        plan([tmp_path / "ids.parquet"], 10)
    with pytest.raises(InvalidInput, match="1 document or more"):
        plan([tmp_path], 0)


def test_a_text_file_gone_since_the_plan_is_rejected_not_lost(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Talks in Baku.", encoding="utf-8")
    (partition,) = plan([tmp_path], 10)
    (tmp_path / "a.txt").unlink()
    gone, kept = read(partition)
    assert isinstance(gone, Rejected) and gone.id == "a" and gone.reason.startswith("cannot read the file")
    assert isinstance(kept, InputDocument) and kept.id == "b"
