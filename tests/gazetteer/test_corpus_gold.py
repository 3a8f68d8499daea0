"""Acceptance: the geoparser on the annotated seed corpus (skipped where ../shared/corpus is absent)."""

from __future__ import annotations

from typing import Any

import pytest

from gazetteer.cli.geoparsing import format_report
from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.evaluation import EvalReport, evaluate, gold_document
from gazetteer.geoparse.parser import geoparser_for

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def report(gold: list[dict[str, Any]], gazetteer: Gazetteer) -> EvalReport:
    documents = [gold_document(raw) for raw in gold]
    return evaluate(documents, geoparser_for(gazetteer).parse)


def test_strict_f1(report: EvalReport) -> None:
    print("\n" + format_report(report))
    assert report.f1 >= 0.97


def test_resolution_accuracy(report: EvalReport) -> None:
    assert report.accuracy_161 >= 0.98
    assert report.median_km < 1.0


def test_no_missed_required_toponym_kinds(report: EvalReport) -> None:
    missed = {m.surface for m in report.misses if m.kind == "missed"}
    assert not missed & {"MOSCOW", "KARABAKH", "Upper-Karabakh", "Türkiye", "Armennia", "Khankendi"}
