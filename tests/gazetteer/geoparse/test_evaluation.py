"""Evaluation: classes of miss, accuracy@25 km, GeoNames id matching, confidence calibration."""

from __future__ import annotations

import math

import pytest

from gazetteer.cli.geoparsing import format_report
from gazetteer.geoparse.calibration import Judged, calibrate, expected_calibration_error, reliability
from gazetteer.geoparse.evaluation import EvalReport, GoldDocument, GoldToponym, MissKind, evaluate, gold_document
from gazetteer.records import Mention, Place, Point

SHUSHA = Place(1, "Shusha", Point(46.75, 39.76))
NEAR_SHUSHA = Place(2, "Shusha outskirts", Point(46.95, 39.76))  # about 17 km east
LACHIN = Place(3, "Lachin", Point(46.55, 39.64))  # about 22 km off
TBILISI = Place(4, "Tbilisi", Point(44.79, 41.69))
GEORGIA_ELSEWHERE = Place(614540, "Georgia", Point(43.5, 42.0))
NEW_LANKARAN = Place(5, "New Lankaran", Point(48.85, 38.75))

TEXT = "Buses ran from Shusha to Tbilisi, past New Lankaran and the Georgian hills, said Mr Gori."


def span(surface: str) -> tuple[int, int]:
    start = TEXT.index(surface)
    return start, start + len(surface)


def toponym(surface: str, point: Point | None, geonameid: int | None = None, optional: bool = False) -> GoldToponym:
    start, end = span(surface)
    return GoldToponym(start, end, surface, point, surface, geonameid, optional)


GOLD = GoldDocument(
    "doc",
    TEXT,
    (
        toponym("Shusha", SHUSHA.point),
        toponym("Tbilisi", TBILISI.point, geonameid=611717),
        toponym("New Lankaran", NEW_LANKARAN.point),
        toponym("Georgian", None, optional=True),
    ),
)


def mention(surface: str, place: Place, confidence: float = 0.9) -> Mention:
    start, end = span(surface)
    return Mention(start, end, surface, place, confidence)


def score(*mentions: Mention, documents: tuple[GoldDocument, ...] = (GOLD,)) -> EvalReport:
    return evaluate(documents, lambda text: list(mentions))


def kinds(report: EvalReport) -> list[tuple[str, str]]:
    return sorted((m.kind.value, m.surface) for m in report.misses)


def test_missed_gold_span_with_no_prediction() -> None:
    report = score(mention("Shusha", SHUSHA), mention("Tbilisi", TBILISI))
    assert kinds(report) == [("missed", "New Lankaran")]
    assert report.count(MissKind.MISSED) == 1 and report.false_negatives == 1


def test_spurious_prediction_overlapping_no_gold() -> None:
    report = score(mention("Shusha", SHUSHA), mention("Tbilisi", TBILISI), mention("Gori", TBILISI))
    assert ("spurious", "Gori") in kinds(report) and report.false_positives == 1


def test_optional_spans_stay_ignored() -> None:
    report = score(mention("Georgian", TBILISI))
    assert report.false_positives == 0 and report.count(MissKind.SPURIOUS) == 0


def test_boundary_is_reported_once_but_scored_strictly() -> None:
    cut = mention("Lankaran", NEW_LANKARAN)
    report = score(mention("Shusha", SHUSHA), mention("Tbilisi", TBILISI), cut)
    assert kinds(report) == [("boundary", "Lankaran")]
    (miss,) = report.misses
    assert miss.gold_surface == "New Lankaran" and miss.label == "Lankaran / New Lankaran"
    assert (report.true_positives, report.false_positives, report.false_negatives) == (2, 1, 1)


def test_split_gold_span_gives_one_boundary_per_piece() -> None:
    report = score(mention("New", NEW_LANKARAN), mention("Lankaran", NEW_LANKARAN))
    assert report.count(MissKind.BOUNDARY) == 2 and report.count(MissKind.MISSED) == 2  # Shusha, Tbilisi
    assert (report.false_positives, report.false_negatives) == (2, 3)


def test_repeated_exact_span_is_spurious() -> None:
    report = score(mention("Shusha", SHUSHA), mention("Shusha", SHUSHA))
    assert report.true_positives == 1 and report.count(MissKind.SPURIOUS) == 1


def test_wrong_place_beyond_161_km() -> None:
    report = score(mention("Shusha", TBILISI), mention("Tbilisi", TBILISI), mention("New Lankaran", NEW_LANKARAN))
    (miss,) = report.misses
    assert miss.kind is MissKind.WRONG_PLACE and miss.error_km is not None and miss.error_km > 161
    assert report.f1 == 1.0 and math.isclose(report.accuracy_161, 2 / 3)


def test_accuracy_at_25_km() -> None:
    report = score(
        mention("Shusha", NEAR_SHUSHA), mention("Tbilisi", TBILISI), mention("New Lankaran", LACHIN)
    )  # 17 km and far
    assert math.isclose(report.accuracy_25, 2 / 3) and report.summary()["accuracy_25"] == 0.6667
    moved = GoldDocument("moved", TEXT, (toponym("Shusha", LACHIN.point),))
    assert score(mention("Shusha", SHUSHA), documents=(moved,)).accuracy_25 == 1.0  # 22 km
    assert score(mention("Shusha", TBILISI), documents=(moved,)).accuracy_25 == 0.0


def test_same_geonames_id_is_right_whatever_the_points() -> None:
    georgia = GoldDocument("id", TEXT, (toponym("Tbilisi", TBILISI.point, geonameid=614540),))
    report = score(mention("Tbilisi", GEORGIA_ELSEWHERE), documents=(georgia,))
    assert report.errors_km == (0.0,) and report.misses == () and report.calibration.bins[9].share_correct == 1.0


def test_other_geonames_id_is_scored_by_distance() -> None:
    report = score(mention("Tbilisi", GEORGIA_ELSEWHERE))  # gold id 611717, 120 km off
    assert 100 < report.errors_km[0] < 161 and report.accuracy_25 == 0.0


def test_overlay_place_never_matches_by_id() -> None:
    overlay = Place(900_000_001, "Tbilisi", Point(0.0, 0.0))
    gold = GoldDocument("id", TEXT, (toponym("Tbilisi", TBILISI.point, geonameid=900_000_001),))
    assert score(mention("Tbilisi", overlay), documents=(gold,)).count(MissKind.WRONG_PLACE) == 1


def test_top_surfaces_count_labels() -> None:
    second = GoldDocument("two", TEXT, ())
    report = score(mention("Gori", TBILISI), mention("Buses", TBILISI), documents=(GOLD, second))
    assert report.top_surfaces(MissKind.SPURIOUS) == [("Gori", 2), ("Buses", 2)]
    classes = report.miss_classes()
    assert classes["missed"] == {
        "count": 3,
        "top": [
            {"surface": "Shusha", "count": 1},
            {"surface": "Tbilisi", "count": 1},
            {"surface": "New Lankaran", "count": 1},
        ],
    }
    assert report.top_surfaces(MissKind.SPURIOUS, limit=1) == [("Gori", 2)]


def test_predictions_are_judged_for_calibration() -> None:
    report = score(
        mention("Shusha", SHUSHA, 0.95),
        mention("Tbilisi", LACHIN, 0.85),  # wrong place
        mention("Lankaran", NEW_LANKARAN, 0.35),  # boundary
        mention("Georgian", TBILISI, 0.1),  # optional: not judged
    )
    assert report.judged == (Judged(0.95, True), Judged(0.85, False), Judged(0.35, False))


def test_reliability_table_and_ece() -> None:
    judged = [Judged(0.05, False), Judged(0.15, True), Judged(0.95, True), Judged(1.0, False), Judged(0.9, True)]
    bins = reliability(judged)
    assert [b.count for b in bins] == [1, 1, 0, 0, 0, 0, 0, 0, 0, 3]
    assert bins[2].mean_confidence is None and bins[2].share_correct is None
    last = bins[9]
    assert last.lower == 0.9 and last.upper == 1.0
    assert last.mean_confidence is not None and math.isclose(last.mean_confidence, 0.95)
    assert last.share_correct is not None and math.isclose(last.share_correct, 2 / 3)
    expected = (1 * 0.05 + 1 * 0.85 + 3 * abs(0.95 - 2 / 3)) / 5
    assert math.isclose(expected_calibration_error(bins), expected)
    assert expected_calibration_error(reliability([])) == 0.0


def test_threshold_is_the_lowest_reaching_the_target_precision() -> None:
    judged = [Judged(0.9, True)] * 19 + [Judged(0.8, False)] + [Judged(0.5, True)] * 2 + [Judged(0.2, False)] * 3
    threshold = calibrate(judged, required=30).threshold
    assert threshold is not None
    assert threshold.confidence == 0.5 and threshold.kept == 22
    assert math.isclose(threshold.precision, 21 / 22) and math.isclose(threshold.recall, 21 / 30)


def test_threshold_skips_non_distinct_cut_points() -> None:
    # Cutting inside the ties at 0.6 would reach the target; only whole confidence values count.
    judged = [Judged(0.6, True)] * 19 + [Judged(0.6, False)] * 2
    assert calibrate(judged, required=21).threshold is None


def test_no_threshold_without_predictions() -> None:
    calibration = calibrate([], required=5)
    assert calibration.threshold is None and calibration.ece == 0.0
    assert calibration.summary()["threshold"] is None


def test_calibration_summary_is_rounded() -> None:
    summary = calibrate([Judged(1 / 3, True)], required=3).summary()
    assert summary["ece"] == 0.6667 and summary["target_precision"] == 0.95
    assert summary["threshold"] == {"confidence": 0.3333, "precision": 1.0, "recall": 0.3333, "kept": 1}


@pytest.mark.parametrize("kind", list(MissKind))
def test_text_report_lists_every_class(kind: MissKind) -> None:
    report = score(mention("Lankaran", NEW_LANKARAN), mention("Gori", TBILISI), mention("Shusha", TBILISI))
    lines = format_report(report).splitlines()
    assert any(line.startswith(f"{kind.value} ") and line.split()[1] == "1" for line in lines)
    calibration = next(n for n, line in enumerate(lines) if line.startswith("calibration: ECE"))
    first_miss = next(n for n, line in enumerate(lines) if " doc " in line)
    assert 3 < calibration < first_miss and "accuracy@25km" in lines[2]


def test_scores_are_kept_per_language() -> None:
    russian = GoldDocument("ru", "Колонна вышла из Шуши.", (GoldToponym(17, 21, "Шуши", SHUSHA.point),), "ru")
    english = GoldDocument("en", TEXT, GOLD.toponyms, "en")
    shusha = Mention(17, 21, "Шуши", SHUSHA, 0.9)
    report = evaluate([russian, english], lambda text: [shusha] if text == russian.text else [])
    summaries = report.language_summaries()
    assert (summaries["ru"]["f1"], summaries["ru"]["documents"]) == (1.0, 1)
    assert (summaries["en"]["recall"], summaries["en"]["fn"]) == (0.0, 3)
    assert report.true_positives == 1 and report.false_negatives == 3


def test_a_gold_document_without_a_language_is_classified() -> None:
    text = "Колонна вышла из Шуши утром и к вечеру дошла до Лачина."
    document = gold_document({"id": "x", "text": text, "toponyms": []})
    assert document.language == "ru"
