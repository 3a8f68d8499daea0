"""Evaluation: strict spans, optional gold, resolution errors, AUC, gold files."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from gazetteer.errors import DataError, InvalidInput
from gazetteer.geoparse.evaluation import GoldDocument, GoldToponym, error_auc, evaluate, load_gold
from gazetteer.records import Mention, Place, Point

BAKU = Place(1, "Baku", Point(49.89, 40.38))
GANJA = Place(2, "Ganja", Point(46.36, 40.68))
PARIS = Place(3, "Paris", Point(2.35, 48.86))

TEXT = "From Baku to Ganja via the Caspian Region."
GOLD = GoldDocument(
    "d1",
    TEXT,
    (
        GoldToponym(5, 9, "Baku", BAKU.point, "Baku"),
        GoldToponym(13, 18, "Ganja", GANJA.point, "Ganja"),
        GoldToponym(27, 41, "Caspian Region", Point(50.5, 42.0), "Caspian Sea", optional=True),
    ),
)


def mention(start: int, end: int, place: Place) -> Mention:
    return Mention(start, end, TEXT[start:end], place, 0.9)


def test_perfect_prediction() -> None:
    report = evaluate([GOLD], lambda text: [mention(5, 9, BAKU), mention(13, 18, GANJA)])
    assert (report.true_positives, report.false_positives, report.false_negatives) == (2, 0, 0)
    assert report.f1 == 1.0 and report.accuracy_161 == 1.0
    assert report.mean_km == 0.0 and report.auc == 0.0 and report.misses == ()


def test_optional_spans_are_neutral() -> None:
    predicted = [mention(5, 9, BAKU), mention(13, 18, GANJA), mention(27, 34, GANJA)]
    report = evaluate([GOLD], lambda text: predicted)
    assert report.false_positives == 0 and report.precision == 1.0


def test_spans_are_strict_and_misses_listed() -> None:
    report = evaluate([GOLD], lambda text: [mention(5, 8, BAKU), mention(13, 18, PARIS)])
    assert (report.true_positives, report.false_positives, report.false_negatives) == (1, 1, 1)
    assert report.precision == report.recall == report.f1 == 0.5
    kinds = sorted((m.kind, m.surface) for m in report.misses)
    assert kinds == [("boundary", "Bak"), ("wrong-place", "Ganja")]
    assert report.accuracy_161 == 0.0 and report.median_km > 3000


def test_empty_report() -> None:
    report = evaluate([], lambda text: [])
    assert report.f1 == 0.0 and report.accuracy_161 == 0.0 and report.summary()["documents"] == 0


def test_error_auc_bounds() -> None:
    assert error_auc([]) == 0.0
    assert error_auc([0.0, 0.0]) == 0.0
    assert math.isclose(error_auc([20039.0, 20039.0]), math.log1p(20039) / math.log(20039))
    assert 0.0 < error_auc([0.0, 100.0, 1000.0]) < error_auc([100.0, 1000.0, 5000.0]) < 1.0


def test_load_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    raw = {"id": "a", "text": "In Baku.", "toponyms": [
        {"start": 3, "end": 7, "name": "Baku", "lat": 40.38, "lon": 49.89, "geonameid": 587084},
        {"start": 3, "end": 7, "name": "Baku", "lat": None, "lon": None, "optional": True}]}  # fmt: skip
    path.write_text(json.dumps(raw) + "\n\n", encoding="utf-8")
    (document,) = load_gold(path)
    assert document.toponyms[0].point == Point(49.89, 40.38) and document.toponyms[0].geonameid == 587084
    assert document.toponyms[1].point is None and document.toponyms[1].optional


@pytest.mark.parametrize(
    "line",
    ['{"id": "a"}', "not json", '{"text": "ab", "toponyms": [{"start": 1, "end": 9}]}'],
)
def test_load_gold_rejects_malformed_lines(tmp_path: Path, line: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "ok", "text": "x", "toponyms": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 2"):
        load_gold(path)


def test_load_gold_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read gold file"):
        load_gold(tmp_path / "absent.jsonl")
