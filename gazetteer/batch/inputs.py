"""The documents of a batch: folders of ``.txt`` files and web pages, JSON Lines and Parquet, cut into partitions.

The driver plans the partitions from file names, line offsets and row counts,
without decoding any text; each worker reads its own partitions from a path
it sees too.  A partition never spans two inputs, and the same inputs give
the same partitions, so that a re-run finds the partitions it completed.

- A folder: every ``*.txt`` file below it, by path; the id is the path below
  the folder without ``.txt``.  Its web pages (``*.html``, ``*.htm``) too,
  each under its path with the suffix (so ``a.html`` never meets ``a.txt``):
  their main text, title, date and canonical URL (``gazetteer.web_page``).
- ``*.jsonl`` / ``*.ndjson``: one JSON object a line, ``id`` and ``text``,
  optionally ``date``, ``title`` and ``url``; blank lines are skipped.
- ``*.parquet``: the same columns (``text`` as string or binary).

A document that cannot be geoparsed (not UTF-8, empty, over
``MAX_TEXT_BYTES``, no id, a bad date, a page without main text...) is read
as ``Rejected`` with the reason, never dropped.  A document given no ``date`` takes the one written in its
header, if any (``gazetteer.dates``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from gazetteer.dates import publication_date
from gazetteer.errors import InvalidInput
from gazetteer.limits import (
    MAX_HTML_BYTES,
    MAX_SOURCE,
    MAX_TEXT_BYTES,
    MAX_TITLE,
    check_date,
    check_field,
    check_text,
)
from gazetteer.web_page import HTML_SUFFIXES, extract_page

DEFAULT_PARTITION_SIZE = 1000
"""Documents a partition holds by default: a few MB of news, some seconds of one worker."""
JSON_LINES = (".jsonl", ".ndjson")
"""Suffixes of JSON Lines inputs."""
PARQUET = ".parquet"
"""Suffix of Parquet inputs."""
TEXT = ".txt"
"""Suffix of the text files a folder input holds."""
FOLDER_SUFFIXES = (TEXT, *HTML_SUFFIXES)
"""Suffixes of the files a folder input holds: texts and web pages."""
FIELDS = ("id", "text", "title", "date", "url")
"""The fields of a JSON Lines or Parquet document (``id`` and ``text`` required)."""
BOM = "\ufeff"
_SURROGATE = re.compile("[\ud800-\udfff]")
"""What a string decoded from bad UTF-8 (``surrogateescape``) or a JSON ``\\udXXX`` escape alone holds."""


class InputKind(StrEnum):
    """What a partition is read from."""

    TEXT_FILES = "text"
    JSON_LINES = "jsonl"
    PARQUET = "parquet"


@dataclass(frozen=True, slots=True)
class InputDocument:
    """A document read from an input and checked, ready to geoparse."""

    id: str
    """The id it is written under (from the input; a text file's path below its folder)."""
    text: str
    """The text, decoded from UTF-8."""
    title: str = ""
    """Title, ``""`` for none."""
    date: str = ""
    """Publication date, ISO 8601, ``""`` for none."""
    url: str = ""
    """Where it was published, ``""`` for none."""
    source: str = ""
    """The input file it came from (its name, no folder)."""


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input document that cannot be geoparsed, and why."""

    id: str
    """Its id, or its place in the input (``news.jsonl:17``) when it has none."""
    source: str
    """Where it is: the file name, with the line or row."""
    reason: str
    """Why it was rejected."""


@dataclass(frozen=True, slots=True)
class Partition:
    """A slice of one input that one task geoparses."""

    number: int
    """Its number in the run, from 0: it names its output files."""
    kind: InputKind
    """How to read it."""
    path: str
    """The input: an absolute file path, or the folder of text files."""
    start: int = 0
    """JSON Lines: byte offset of its first line; Parquet: its first row."""
    stop: int = 0
    """JSON Lines: byte offset past its last line; Parquet: the row past its last."""
    first_line: int = 1
    """JSON Lines: the number of the line at ``start``, from 1."""
    files: tuple[str, ...] = ()
    """Text files: the files' paths below the folder."""


def plan(inputs: Sequence[Path], size: int) -> list[Partition]:
    """The partitions of ``inputs``, of up to ``size`` documents each, numbered in input order."""
    if size < 1:
        raise InvalidInput(f"a partition holds 1 document or more, not {size}")
    slices: list[Partition] = []
    for given in inputs:
        path = given.resolve()
        if path.is_dir():
            slices.extend(_text_files(path, size))
        elif not path.is_file():
            raise InvalidInput(f"{given}: no such file or folder")
        elif path.suffix in JSON_LINES:
            slices.extend(_json_lines(path, size))
        elif path.suffix == PARQUET:
            slices.extend(_parquet_rows(path, size))
        else:
            raise InvalidInput(f"{given}: give a folder of .txt or .html files, a .jsonl or a .parquet file")
    return [Partition(n, s.kind, s.path, s.start, s.stop, s.first_line, s.files) for n, s in enumerate(slices)]


def _text_files(folder: Path, size: int) -> Iterator[Partition]:
    found = (p for suffix in FOLDER_SUFFIXES for p in folder.rglob(f"*{suffix}") if p.is_file())
    names = sorted(p.relative_to(folder).as_posix() for p in found)
    for at in range(0, len(names), size):
        yield Partition(0, InputKind.TEXT_FILES, str(folder), files=tuple(names[at : at + size]))


def _json_lines(path: Path, size: int) -> Iterator[Partition]:
    start, offset, first, line, count = 0, 0, 1, 0, 0
    with path.open("rb") as handle:
        for raw in handle:
            line += 1
            if raw.strip():
                if count == size:
                    yield Partition(0, InputKind.JSON_LINES, str(path), start, offset, first)
                    start, first, count = offset, line, 0
                count += 1
            offset += len(raw)
    if count:
        yield Partition(0, InputKind.JSON_LINES, str(path), start, offset, first)


def _parquet_rows(path: Path, size: int) -> Iterator[Partition]:
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

    try:
        found = pq.ParquetFile(path)
    except (OSError, ValueError) as error:
        raise InvalidInput(f"{path.name}: not a Parquet file ({error})") from error
    missing = {"id", "text"} - set(found.schema_arrow.names)
    if missing:
        raise InvalidInput(f"{path.name}: no {' or '.join(sorted(missing))} column")
    rows = found.metadata.num_rows
    for at in range(0, rows, size):
        yield Partition(0, InputKind.PARQUET, str(path), at, min(at + size, rows))


def read(partition: Partition) -> Iterator[InputDocument | Rejected]:
    """The documents of a partition, in input order, each checked (``Rejected`` when it cannot be used)."""
    if partition.kind is InputKind.TEXT_FILES:
        return _read_text_files(partition)
    if partition.kind is InputKind.JSON_LINES:
        return _read_json_lines(partition)
    return _read_parquet(partition)


def _read_text_files(partition: Partition) -> Iterator[InputDocument | Rejected]:
    folder = Path(partition.path)
    for name in partition.files:
        page = name.endswith(HTML_SUFFIXES)
        document_id, most = (name, MAX_HTML_BYTES) if page else (name.removesuffix(TEXT), MAX_TEXT_BYTES)
        try:
            with (folder / name).open("rb") as handle:
                raw = handle.read(most + 1)  # never more than the limit and one byte
        except OSError as error:
            yield Rejected(document_id, name, f"cannot read the file: {error.strerror or error}")
            continue
        if len(raw) > most:
            yield Rejected(document_id, name, f"{'page' if page else 'text'} is over the limit of {most} bytes")
            continue
        yield _page_document(document_id, raw, name) if page else checked({"id": document_id, "text": raw}, name, name)


def _page_document(document_id: str, raw: bytes, name: str) -> InputDocument | Rejected:
    """The document of a web page's main text and metadata, or why it cannot be used."""
    try:
        found = extract_page(raw)
    except InvalidInput as error:
        return Rejected(document_id, name, error.detail)
    fields = {"id": document_id, "text": found.text, "title": found.title, "date": found.date, "url": found.url}
    return checked(fields, name, name)


def _read_json_lines(partition: Partition) -> Iterator[InputDocument | Rejected]:
    path = Path(partition.path)
    with path.open("rb") as handle:
        handle.seek(partition.start)
        chunk = handle.read(partition.stop - partition.start)
    for number, raw in enumerate(chunk.splitlines(), start=partition.first_line):
        if not raw.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            fields = json.loads(raw.decode("utf-8", errors="surrogateescape"))
        except ValueError as error:
            yield Rejected(where, where, f"the line is not JSON: {error}")
            continue
        if not isinstance(fields, dict):
            yield Rejected(where, where, "the line is not a JSON object")
            continue
        yield checked(fields, path.name, where)


def _read_parquet(partition: Partition) -> Iterator[InputDocument | Rejected]:
    import pyarrow.parquet as pq

    path = Path(partition.path)
    found = pq.ParquetFile(path)
    columns = [name for name in FIELDS if name in found.schema_arrow.names]
    skip, row = partition.start, 0
    for batch in found.iter_batches(columns=columns):
        if row + batch.num_rows > skip:
            take = batch.slice(max(skip - row, 0), partition.stop - max(row, skip))
            for number, fields in enumerate(take.to_pylist(), start=max(row, skip)):
                yield checked(fields, path.name, f"{path.name}:row {number}")
        row += batch.num_rows
        if row >= partition.stop:
            break


def checked(fields: dict[str, Any], source: str, where: str) -> InputDocument | Rejected:
    """The document of ``fields`` (``text`` as ``str`` or UTF-8 ``bytes``), or why it cannot be used."""
    document_id = _id(fields.get("id"))
    if document_id is None:
        return Rejected(where, where, "the document has no id (a string or an integer)")
    try:
        text = check_text(_text(fields.get("text")))
        return InputDocument(
            id=document_id,
            text=text,
            title=check_field(_string(fields, "title"), "title", MAX_TITLE),
            date=check_date(_string(fields, "date")) or publication_date(text),
            url=check_field(_string(fields, "url"), "url", MAX_SOURCE),
            source=source,
        )
    except InvalidInput as error:
        return Rejected(document_id, where, error.detail)


def _id(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value).strip() == "":
        return None
    return str(value)


def _text(value: object) -> str:
    if value is None:
        raise InvalidInput("the document has no text")
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8").removeprefix(BOM)
        except UnicodeDecodeError as error:
            raise InvalidInput(f"text is not UTF-8: byte 0x{value[error.start]:02x} at offset {error.start}") from None
    if not isinstance(value, str):
        raise InvalidInput("text must be a string")
    return _unicode(value, "text")


def _string(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a string")
    return _unicode(value, name)


def _unicode(value: str, name: str) -> str:
    """``value`` when it is valid Unicode: no byte that was not UTF-8, no lone surrogate."""
    found = _SURROGATE.search(value)
    if found:
        raise InvalidInput(f"{name} is not UTF-8: an invalid byte or a lone surrogate at offset {found.start()}")
    return value
