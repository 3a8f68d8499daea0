"""Evaluating a geoparser against gold annotations.

Spans are scored strictly: a prediction counts only when its offsets equal a
gold toponym's.  Gold toponyms marked ``optional`` are neither required nor
penalised: a prediction overlapping one is neither a true nor a false positive.
Resolution is scored on the true positives, by the great-circle distance
between the predicted and the gold point: accuracy within 161 km (100 miles)
and within 25 km, mean and median error, and the area under the curve of the
sorted, scaled log errors (Gritta et al. 2019, "A pragmatic guide to
geoparsing evaluation"): 0 is perfect, 1 is every error at the antipode.

When the gold toponym has a GeoNames id and the predicted place has the same
one, the resolution is right, with an error of 0 km, whatever the two points:
countries and provinces have different representative points in different
GeoNames dumps and derived gazetteers.

Every disagreement is a ``Miss`` of one class:

* ``missed``: a required gold span that no false positive overlaps;
* ``spurious``: a false positive overlapping no required gold span (or
  repeating a span already predicted);
* ``boundary``: a false positive overlapping a required gold span with other
  offsets (split, cut or over-long); strictly still a false positive, and its
  gold span a false negative, but reported once, here;
* ``wrong-place``: a true positive resolved over 161 km off.

Each prediction that counts (a true or false positive) is judged correct when
it is a true positive resolved within 161 km (or matched by id; a true
positive whose gold has no coordinates is judged on its span), for the
confidence calibration of ``calibration``.

The same scores are kept for the documents of each language: the gold's
``language`` field, or the language py3langid reads in the text.
"""

from __future__ import annotations

import itertools
import json
import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from gazetteer.errors import DataError, InvalidInput
from gazetteer.geoparse.calibration import Calibration, Judged, calibrate
from gazetteer.geoparse.language import DETECTOR
from gazetteer.ranking import great_circle_km
from gazetteer.records import Mention, Point

ACCURACY_KM = 161.0
"""Error under which a resolution counts as accurate (100 miles)."""
CLOSE_KM = 25.0
"""Error under which a resolution counts as close (accuracy@25 km)."""
MAX_ERROR_KM = 20039.0
"""Half the Earth's circumference: the largest possible error."""
TOP_SURFACES = 10
"""Most frequent surfaces reported per class of miss."""


class MissKind(StrEnum):
    """The classes of disagreement with the gold (see the module docstring)."""

    MISSED = "missed"
    """A required gold span that no false positive overlaps."""
    SPURIOUS = "spurious"
    """A false positive overlapping no required gold span, or repeating a predicted one."""
    BOUNDARY = "boundary"
    """A false positive overlapping a required gold span with other offsets."""
    WRONG_PLACE = "wrong-place"
    """An exact span resolved over 161 km off."""


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated place name."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset past the last character."""
    name: str
    """The text of the span."""
    point: Point | None
    """Where the place is, ``None`` when the annotation gives no coordinates."""
    place: str = ""
    """The annotated place's name."""
    geonameid: int | None = None
    """GeoNames id of the place, when it has one."""
    optional: bool = False
    """Neither required nor penalised."""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A text with its annotations."""

    id: str
    """Document id."""
    text: str
    """The text."""
    toponyms: tuple[GoldToponym, ...]
    """Its annotated place names."""
    language: str = ""
    """ISO 639-1 code: the gold's ``language``, or as the classifier reads the text (``language``)."""


@dataclass(frozen=True, slots=True)
class Miss:
    """A disagreement with the gold, for the report."""

    document: str
    """Document id."""
    kind: MissKind
    """Its class."""
    start: int
    """Offset of the span."""
    end: int
    """Offset past the span."""
    surface: str
    """The span's text."""
    expected: str = ""
    """The gold place, when there is one."""
    predicted: str = ""
    """The predicted place, when there is one."""
    error_km: float | None = None
    """Distance between predicted and gold points, for ``wrong-place``."""
    gold_surface: str = ""
    """For ``boundary``, the text of the gold span the prediction overlaps."""

    @property
    def label(self) -> str:
        """What the miss is counted under: its surface, ``predicted / gold`` for ``boundary``."""
        return f"{self.surface} / {self.gold_surface}" if self.kind is MissKind.BOUNDARY else self.surface


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Scores over a set of documents."""

    documents: int
    """Documents scored."""
    true_positives: int
    """Predicted spans equal to a required gold span."""
    false_positives: int
    """Predicted spans matching no gold span (optional ones excepted)."""
    false_negatives: int
    """Required gold spans not predicted."""
    errors_km: tuple[float, ...] = ()
    """Resolution errors of the true positives that have gold coordinates."""
    misses: tuple[Miss, ...] = field(default=())
    """Every miss, of every class."""
    judged: tuple[Judged, ...] = ()
    """Every true and false positive's confidence and whether it was correct."""
    languages: dict[str, EvalReport] = field(default_factory=dict)
    """The same scores for the documents of each language, by ISO 639-1 code."""

    @property
    def precision(self) -> float:
        """True positives over predictions."""
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        """True positives over required gold spans."""
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy_161(self) -> float:
        """Share of resolution errors within 161 km."""
        return self._within(ACCURACY_KM)

    @property
    def accuracy_25(self) -> float:
        """Share of resolution errors within 25 km."""
        return self._within(CLOSE_KM)

    def _within(self, km: float) -> float:
        return _ratio(sum(e <= km for e in self.errors_km), len(self.errors_km))

    @property
    def mean_km(self) -> float:
        """Mean resolution error."""
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0

    @property
    def median_km(self) -> float:
        """Median resolution error."""
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    @property
    def auc(self) -> float:
        """Area under the curve of sorted scaled log errors, 0 (best) to 1."""
        return error_auc(self.errors_km)

    def summary(self) -> dict[str, float]:
        """The headline figures, rounded, for printing or JSON."""
        return {
            "documents": self.documents,
            "tp": self.true_positives,
            "fp": self.false_positives,
            "fn": self.false_negatives,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "accuracy_161": round(self.accuracy_161, 4),
            "accuracy_25": round(self.accuracy_25, 4),
            "mean_km": round(self.mean_km, 1),
            "median_km": round(self.median_km, 1),
            "auc": round(self.auc, 4),
        }

    def language_summaries(self) -> dict[str, dict[str, float]]:
        """``summary`` of each language's documents, by code."""
        return {code: report.summary() for code, report in sorted(self.languages.items())}

    def count(self, kind: MissKind) -> int:
        """Misses of ``kind``."""
        return sum(m.kind is kind for m in self.misses)

    def top_surfaces(self, kind: MissKind, limit: int = TOP_SURFACES) -> list[tuple[str, int]]:
        """The most frequent labels of the misses of ``kind``, with their counts."""
        return Counter(m.label for m in self.misses if m.kind is kind).most_common(limit)

    def miss_classes(self) -> dict[str, dict[str, object]]:
        """Per class of miss, its count and most frequent surfaces, for JSON."""
        return {
            kind.value: {
                "count": self.count(kind),
                "top": [{"surface": label, "count": n} for label, n in self.top_surfaces(kind)],
            }
            for kind in MissKind
        }

    @property
    def calibration(self) -> Calibration:
        """Reliability of the predictions' confidence."""
        return calibrate(self.judged, self.true_positives + self.false_negatives)


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def error_auc(errors_km: Iterable[float]) -> float:
    """Gritta et al.'s AUC: trapezoid area under sorted ``ln(1 + km) / ln(20039)``, normalised."""
    scaled = sorted(math.log1p(max(0.0, e)) / math.log(MAX_ERROR_KM) for e in errors_km)
    if not scaled:
        return 0.0
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(scaled))
    return area / (len(scaled) - 1)


def load_gold(path: Path) -> list[GoldDocument]:
    """Documents of a gold JSONL file (``id``, ``text``, ``toponyms``); ``InvalidInput`` if malformed."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"cannot read gold file {path}: {error}") from error
    documents = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                documents.append(gold_document(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                raise InvalidInput(f"{path} line {number}: not a gold document ({error})") from error
    return documents


def gold_document(raw: dict[str, object]) -> GoldDocument:
    """A gold document from its JSON object; ``KeyError``/``ValueError``/``TypeError`` if malformed."""
    text = raw["text"]
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    listed = raw.get("toponyms") or []
    if not isinstance(listed, list):
        raise TypeError("toponyms must be a list")
    toponyms = tuple(_toponym(t, text) for t in listed)
    language = raw.get("language") or DETECTOR.classify(text)[0]
    return GoldDocument(str(raw.get("id", "")), text, toponyms, str(language))


def _toponym(raw: dict[str, object], text: str) -> GoldToponym:
    start, end = int(raw["start"]), int(raw["end"])  # type: ignore[call-overload]
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}:{end} outside the text")
    lat, lon = raw.get("lat"), raw.get("lon")
    point = Point(float(lon), float(lat)) if lat is not None and lon is not None else None  # type: ignore[arg-type]
    geonameid = raw.get("geonameid")
    return GoldToponym(
        start=start,
        end=end,
        name=str(raw.get("name") or text[start:end]),
        point=point,
        place=str(raw.get("place") or ""),
        geonameid=int(geonameid) if geonameid is not None else None,  # type: ignore[call-overload]
        optional=bool(raw.get("optional", False)),
    )


def evaluate(documents: Iterable[GoldDocument], parse: Callable[[str], list[Mention]]) -> EvalReport:
    """Score ``parse`` (text -> mentions) on gold documents, all together and by language."""
    scores = [(document.language, _score_document(document, parse(document.text))) for document in documents]
    by_language: dict[str, list[_DocumentScore]] = {}
    for language, score in scores:
        by_language.setdefault(language, []).append(score)
    languages = {language: _report(found) for language, found in by_language.items()}
    return replace(_report([score for _, score in scores]), languages=languages)


def _report(scores: list[_DocumentScore]) -> EvalReport:
    """The report of documents scored."""
    return EvalReport(
        len(scores),
        sum(score.tp for score in scores),
        sum(score.fp for score in scores),
        sum(score.fn for score in scores),
        tuple(error for score in scores for error in score.errors),
        tuple(miss for score in scores for miss in score.misses),
        tuple(judged for score in scores for judged in score.judged),
    )


@dataclass(slots=True)
class _DocumentScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[float] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    judged: list[Judged] = field(default_factory=list)
    touched: set[tuple[int, int]] = field(default_factory=set)


def _score_document(document: GoldDocument, mentions: list[Mention]) -> _DocumentScore:
    required = {(t.start, t.end): t for t in document.toponyms if not t.optional}
    optional = [(t.start, t.end) for t in document.toponyms if t.optional]
    found = _DocumentScore()
    matched: set[tuple[int, int]] = set()
    for mention in mentions:
        span = (mention.start, mention.end)
        gold = required.get(span)
        if gold is not None and span not in matched:
            matched.add(span)
            found.tp += 1
            found.judged.append(Judged(mention.confidence, _resolution(document, gold, mention, found)))
        elif not any(_overlap(span, other) for other in optional):
            found.fp += 1
            found.judged.append(Judged(mention.confidence, False))
            _false_positive(document, mention, required, found)
    for span, gold in required.items():
        if span not in matched:
            found.fn += 1
            if span not in found.touched:
                found.misses.append(_miss(document, MissKind.MISSED, span, expected=gold.place or gold.name))
    return found


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _false_positive(
    document: GoldDocument, mention: Mention, required: dict[tuple[int, int], GoldToponym], found: _DocumentScore
) -> None:
    span = (mention.start, mention.end)
    overlapped = sorted(other for other in required if other != span and _overlap(span, other))
    if not overlapped:
        found.misses.append(_miss(document, MissKind.SPURIOUS, span, predicted=mention.place.name))
        return
    found.touched.update(overlapped)
    gold = required[overlapped[0]]
    gold_surface = document.text[gold.start : gold.end]
    found.misses.append(
        _miss(document, MissKind.BOUNDARY, span, gold.place or gold.name, mention.place.name, gold_surface=gold_surface)
    )


def _resolution(document: GoldDocument, gold: GoldToponym, mention: Mention, found: _DocumentScore) -> bool:
    """Record the error of a true positive; whether it is within 161 km (``True`` without gold coordinates)."""
    if gold.point is None:
        return True
    same_id = gold.geonameid is not None and mention.place.geonames_id == gold.geonameid
    km = 0.0 if same_id else great_circle_km(gold.point, mention.place.point)
    found.errors.append(km)
    if km <= ACCURACY_KM:
        return True
    span = (gold.start, gold.end)
    expected, predicted = gold.place or gold.name, mention.place.name
    found.misses.append(_miss(document, MissKind.WRONG_PLACE, span, expected, predicted, error_km=round(km, 1)))
    return False


def _miss(
    document: GoldDocument,
    kind: MissKind,
    span: tuple[int, int],
    expected: str = "",
    predicted: str = "",
    *,
    error_km: float | None = None,
    gold_surface: str = "",
) -> Miss:
    start, end = span
    return Miss(document.id, kind, start, end, document.text[start:end], expected, predicted, error_km, gold_surface)
