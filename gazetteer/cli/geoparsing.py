"""The ``geoparse`` and ``evaluate`` commands.

``gazetteer geoparse FILE... [--format jsonl|geojson] [--mode fast|accurate]
[--language CODE]`` writes one JSON object per document on its own line; ``-``
reads standard input.  ``gazetteer evaluate GOLD.jsonl [--mode ...] [--corrections]`` prints
precision, recall, F1 and accuracy at 161 and 25 km (and per language when the
documents are in several), the misses counted by class with
their most frequent surfaces, the calibration of the confidences, then one
line per miss; with ``--corrections``, the figures again as the store's
corrections leave the mentions, beside those without.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gazetteer.cli.failures import fail
from gazetteer.cli.options import IndexOption, JsonOption, LanguageOption, StoreOption, open_api
from gazetteer.cli.reading import document_id, read_text
from gazetteer.errors import GazetteerError
from gazetteer.geoparse.modes import Mode

if TYPE_CHECKING:
    from gazetteer.geoparse.calibration import Calibration
    from gazetteer.geoparse.evaluation import EvalReport
    from gazetteer.records import Mention


class OutputFormat(StrEnum):
    """How ``geoparse`` writes each document."""

    JSONL = "jsonl"
    GEOJSON = "geojson"


ModeOption = Annotated[
    Mode,
    typer.Option("--mode", help="fast: dictionary; accurate: gated by spaCy's NER (extra 'accurate')."),
]


def geoparse_command(
    files: Annotated[list[str], typer.Argument(help="Text files (UTF-8); '-' reads standard input.")],
    output: Annotated[
        OutputFormat, typer.Option("--format", help="jsonl: toponym list; geojson: FeatureCollection.")
    ] = OutputFormat.JSONL,
    index: IndexOption = None,
    mode: ModeOption = Mode.FAST,
    language: LanguageOption = None,
) -> None:
    """Find and resolve the place names of each file; one JSON object per file."""
    try:
        api = open_api(index)
        for name in files:
            rendered = render(document_id(name), api.geoparse(read_text(name), mode, language), output)
            typer.echo(json.dumps(rendered, ensure_ascii=False))
    except GazetteerError as error:
        fail(error)


def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL: id, text, toponyms [{start, end, lat, lon...}].")],
    index: IndexOption = None,
    mode: ModeOption = Mode.FAST,
    corrections: Annotated[
        bool,
        typer.Option("--corrections", help="Also score with the store's corrections (--store): before and after."),
    ] = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score the geoparser on gold annotations: P/R/F1 on exact spans, accuracy@161/25 km, misses, calibration;
    with ``--corrections``, also as the store's corrections leave the mentions, beside the scores without."""
    from gazetteer.geoparse.evaluation import evaluate, load_gold

    try:
        documents = load_gold(gold)
        api = open_api(index, store)
        report = evaluate(documents, api.parser_for(mode).parse)
        after = evaluate(documents, lambda text: api.corrected_geoparse(text, mode)[0]) if corrections else None
        count = api.count_corrections() if corrections else 0
    except GazetteerError as error:
        fail(error)
    if as_json:
        details = {
            "languages": report.language_summaries(),
            "miss_classes": report.miss_classes(),
            "calibration": report.calibration.summary(),
            "misses": [asdict(miss) for miss in report.misses],
        }
        if after is not None:
            details["with_corrections"] = after.summary() | {"corrections": count}
        typer.echo(json.dumps(report.summary() | details, ensure_ascii=False))
    else:
        typer.echo(format_report(report))
        if after is not None:
            typer.echo(format_change(report, after, count))


def render(name: str, mentions: list[Mention], output: OutputFormat) -> dict[str, Any]:
    """The JSON object written for one document."""
    from gazetteer.public import toponym_feature, toponym_json

    if output is OutputFormat.GEOJSON:
        return {"type": "FeatureCollection", "id": name, "features": [toponym_feature(m) for m in mentions]}
    return {"id": name, "toponyms": [toponym_json(m) for m in mentions]}


def format_report(report: EvalReport) -> str:
    """The report as text: the figures, the classes of miss, the calibration, then one line per miss."""
    from gazetteer.geoparse.evaluation import MissKind

    figures = report.summary()
    lines = [
        f"documents {figures['documents']}  TP {figures['tp']}  FP {figures['fp']}  FN {figures['fn']}",
        f"precision {figures['precision']:.4f}  recall {figures['recall']:.4f}  F1 {figures['f1']:.4f}",
        f"accuracy@161km {figures['accuracy_161']:.4f}  accuracy@25km {figures['accuracy_25']:.4f}  "
        f"mean {figures['mean_km']} km  median {figures['median_km']} km  AUC {figures['auc']:.4f}",
    ]
    languages = report.language_summaries()
    for code, by in languages.items() if len(languages) > 1 else ():
        lines.append(
            f"  {code}: documents {by['documents']}  P {by['precision']:.4f}  R {by['recall']:.4f}  "
            f"F1 {by['f1']:.4f}  accuracy@161km {by['accuracy_161']:.4f}  accuracy@25km {by['accuracy_25']:.4f}"
        )
    for kind in MissKind:
        top = ", ".join(f"{label} {count}" for label, count in report.top_surfaces(kind))
        lines.append(f"{kind:11} {report.count(kind):5}  {top}".rstrip())
    lines.extend(_calibration_lines(report.calibration))
    for miss in report.misses:
        detail = f" for gold {miss.gold_surface!r}" if miss.gold_surface else ""
        detail += f" -> {miss.predicted}" if miss.predicted else ""
        detail += f" (expected {miss.expected})" if miss.expected else ""
        detail += f" {miss.error_km} km" if miss.error_km is not None else ""
        lines.append(f"{miss.kind:11} {miss.document} {miss.start}:{miss.end} {miss.surface!r}{detail}")
    return "\n".join(lines)


def format_change(before: EvalReport, after: EvalReport, corrections: int) -> str:
    """The figures with the store's corrections, beside those without."""
    was, now = before.summary(), after.summary()
    lines = [f"with the store's {corrections} corrections (before -> after):"]
    for key in ("precision", "recall", "f1", "accuracy_161", "accuracy_25"):
        lines.append(f"  {key:13} {was[key]:.4f} -> {now[key]:.4f}  ({now[key] - was[key]:+.4f})")
    lines.append(f"  TP {was['tp']} -> {now['tp']}  FP {was['fp']} -> {now['fp']}  FN {was['fn']} -> {now['fn']}")
    return "\n".join(lines)


def _calibration_lines(calibration: Calibration) -> list[str]:
    from gazetteer.geoparse.calibration import TARGET_PRECISION

    threshold = calibration.threshold
    found = (
        "at no threshold"
        if threshold is None
        else f"from confidence {threshold.confidence:.4f} (precision {threshold.precision:.4f}, "
        f"recall {threshold.recall:.4f}, {threshold.kept} kept)"
    )
    lines = [f"calibration: ECE {calibration.ece:.4f}; precision >= {TARGET_PRECISION} {found}"]
    lines.append("confidence  count  mean conf  correct")
    for b in calibration.bins:
        mean = "-" if b.mean_confidence is None else f"{b.mean_confidence:.4f}"
        share = "-" if b.share_correct is None else f"{b.share_correct:.4f}"
        lines.append(f"{b.lower:.1f}-{b.upper:.1f}  {b.count:6}  {mean:>9}  {share:>7}")
    return lines


def register(app: typer.Typer) -> None:
    """Add the ``geoparse`` and ``evaluate`` commands to ``app``."""
    app.command("geoparse")(geoparse_command)
    app.command("evaluate")(evaluate_command)
