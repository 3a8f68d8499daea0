"""The ``geoparse`` and ``evaluate`` commands; ``register`` adds them to the main CLI.

``gazetteer geoparse FILE... [--format jsonl|geojson]`` writes one JSON object
per document on its own line; ``-`` reads standard input.  Bytes that are not
UTF-8 are replaced (U+FFFD) with a warning on standard error, so offsets are
offsets into the text as decoded.  ``gazetteer evaluate GOLD.jsonl`` prints
precision, recall, F1 and the resolution figures, then the misses.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from gazetteer.errors import GazetteerError, InvalidInput
from gazetteer.geoparse.evaluation import EvalReport, evaluate, load_gold
from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.parser import EntityGate, Geoparser, geoparser_for
from gazetteer.index import GazetteerIndex
from gazetteer.records import Mention

OVERLAY_IDS = 900_000_000
"""Ids from this one on belong to curated places, which have no GeoNames id."""


class OutputFormat(str, Enum):
    """How ``geoparse`` writes each document."""

    JSONL = "jsonl"
    GEOJSON = "geojson"


IndexOption = Annotated[
    Path | None, typer.Option("--index", help="Gazetteer index file (default: from settings).")
]
NerOption = Annotated[
    str | None,
    typer.Option("--ner", help="Check names with an installed spaCy pipeline, e.g. en_core_web_sm."),
]


def register(app: typer.Typer) -> None:
    """Add the ``geoparse`` and ``evaluate`` commands to ``app``."""
    app.command("geoparse")(geoparse_command)
    app.command("evaluate")(evaluate_command)


def geoparse_command(
    files: Annotated[list[str], typer.Argument(help="Text files (UTF-8); '-' reads standard input.")],
    output: Annotated[
        OutputFormat, typer.Option("--format", help="jsonl: toponym list; geojson: FeatureCollection.")
    ] = OutputFormat.JSONL,
    index: IndexOption = None,
    ner: NerOption = None,
) -> None:
    """Find and resolve the place names of each file; one JSON object per file."""
    try:
        geoparser = _geoparser(index, ner)
        for name in files:
            document_id, text = read_document(name)
            rendered = render(document_id, geoparser.parse(text), output)
            typer.echo(json.dumps(rendered, ensure_ascii=False))
    except GazetteerError as error:
        _fail(error)


def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL: id, text, toponyms [{start, end, lat, lon...}].")],
    index: IndexOption = None,
    ner: NerOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as one JSON object.")] = False,
) -> None:
    """Score the geoparser on gold annotations: P/R/F1 on exact spans, accuracy@161 km, errors, AUC."""
    try:
        documents = load_gold(gold)
        report = evaluate(documents, _geoparser(index, ner).parse)
    except GazetteerError as error:
        _fail(error)
    if as_json:
        misses = [asdict(miss) for miss in report.misses]
        typer.echo(json.dumps(report.summary() | {"misses": misses}, ensure_ascii=False))
    else:
        typer.echo(format_report(report))


def read_document(name: str) -> tuple[str, str]:
    """(document id, text) of a file name, or of standard input for ``-``."""
    if name == "-":
        return "stdin", _decode(sys.stdin.buffer.read(), "standard input")
    path = Path(name)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise InvalidInput(f"{name}: no such file") from error
    except OSError as error:
        raise InvalidInput(f"{name}: cannot read ({error.strerror})") from error
    return path.stem, _decode(data, name)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        typer.echo(
            f"warning: {name}: not valid UTF-8 (first bad byte at offset {error.start}); "
            "undecodable bytes were replaced with U+FFFD",
            err=True,
        )
        return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


def render(document_id: str, mentions: list[Mention], output: OutputFormat) -> dict[str, Any]:
    """The JSON object written for one document."""
    if output is OutputFormat.GEOJSON:
        features = [
            {"type": "Feature", "geometry": m.place.point.to_geojson(), "properties": _toponym(m)}
            for m in mentions
        ]
        return {"type": "FeatureCollection", "id": document_id, "features": features}
    return {"id": document_id, "toponyms": [_toponym(m) for m in mentions]}


def _toponym(mention: Mention) -> dict[str, Any]:
    place = mention.place
    return {
        "start": mention.start,
        "end": mention.end,
        "name": mention.surface,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.id if place.id < OVERLAY_IDS else None,
        "confidence": mention.confidence,
        "place": place.name,
        "place_id": place.id,
    }


def format_report(report: EvalReport) -> str:
    """The report as text: the figures, then one line per miss."""
    figures = report.summary()
    lines = [
        f"documents {figures['documents']}  TP {figures['tp']}  FP {figures['fp']}  FN {figures['fn']}",
        f"precision {figures['precision']:.4f}  recall {figures['recall']:.4f}  F1 {figures['f1']:.4f}",
        f"accuracy@161km {figures['accuracy_161']:.4f}  mean {figures['mean_km']} km  "
        f"median {figures['median_km']} km  AUC {figures['auc']:.4f}",
    ]
    for miss in report.misses:
        detail = f" -> {miss.predicted}" if miss.predicted else ""
        detail += f" (expected {miss.expected})" if miss.expected else ""
        detail += f" {miss.error_km} km" if miss.error_km is not None else ""
        lines.append(f"{miss.kind:9} {miss.document} {miss.start}:{miss.end} {miss.surface!r}{detail}")
    return "\n".join(lines)


def _geoparser(index: Path | None, ner: str | None) -> Geoparser:
    gazetteer = Gazetteer(GazetteerIndex(index)) if index else None
    if ner:
        return Geoparser(gazetteer or Gazetteer.open(), entities=EntityGate.load(ner))
    return geoparser_for(gazetteer)


def _fail(error: GazetteerError) -> NoReturn:
    typer.echo(f"error: {error.detail}", err=True)
    raise typer.Exit(code=1)
