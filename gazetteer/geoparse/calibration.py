"""How far a geoparser's confidence can be trusted.

Each scored prediction is judged right or wrong (``evaluation`` decides how)
and kept with its confidence.  From these: a reliability table (equal-width
confidence bins with their count, mean confidence and share correct), the
expected calibration error (ECE: the count-weighted mean gap between a bin's
mean confidence and its share correct; 0 is perfectly calibrated), and the
lowest confidence threshold whose kept predictions reach a target precision.

    >>> judged = [Judged(0.95, True), Judged(0.9, True), Judged(0.3, False)]
    >>> threshold = calibrate(judged, required=4).threshold
    >>> threshold.confidence, threshold.precision, threshold.recall, threshold.kept
    (0.9, 1.0, 0.5, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

BINS = 10
"""Equal-width confidence bins of the reliability table."""
TARGET_PRECISION = 0.95
"""Precision the confidence threshold must reach."""


@dataclass(frozen=True, slots=True)
class Judged:
    """One prediction's confidence, and whether it was right."""

    confidence: float
    """The confidence the geoparser gave, 0..1."""
    correct: bool
    """Whether the prediction was right (span and resolution)."""


@dataclass(frozen=True, slots=True)
class Bin:
    """One row of the reliability table."""

    lower: float
    """Lowest confidence of the bin (included)."""
    upper: float
    """Highest confidence of the bin (excluded, but for the last bin)."""
    count: int
    """Predictions in the bin."""
    mean_confidence: float | None
    """Their mean confidence, ``None`` for an empty bin."""
    share_correct: float | None
    """The share of them that were right, ``None`` for an empty bin."""


@dataclass(frozen=True, slots=True)
class Threshold:
    """The lowest confidence at which the kept predictions are precise enough."""

    confidence: float
    """Predictions with at least this confidence are kept."""
    precision: float
    """Share of the kept predictions that are right."""
    recall: float
    """Right kept predictions over the required gold spans."""
    kept: int
    """Predictions kept."""


@dataclass(frozen=True, slots=True)
class Calibration:
    """Reliability table, expected calibration error and precision threshold."""

    bins: tuple[Bin, ...]
    """The reliability table, lowest confidence first."""
    ece: float
    """Expected calibration error, 0 (calibrated) to 1."""
    threshold: Threshold | None
    """Lowest threshold reaching ``TARGET_PRECISION``, ``None`` when none does."""

    def summary(self) -> dict[str, object]:
        """The figures, rounded, for JSON."""
        threshold = self.threshold
        return {
            "ece": round(self.ece, 4),
            "target_precision": TARGET_PRECISION,
            "threshold": None if threshold is None else _rounded(threshold),
            "bins": [_rounded(b) for b in self.bins],
        }


def _rounded(record: Bin | Threshold) -> dict[str, object]:
    return {name: round(value, 4) if isinstance(value, float) else value for name, value in asdict(record).items()}


def calibrate(judged: Sequence[Judged], required: int) -> Calibration:
    """Calibration of ``judged`` predictions, given the number of required gold spans (for recall)."""
    bins = reliability(judged)
    return Calibration(bins, expected_calibration_error(bins), lowest_threshold(judged, required))


def reliability(judged: Sequence[Judged], bins: int = BINS) -> tuple[Bin, ...]:
    """The predictions sorted into ``bins`` equal-width confidence bins over 0..1."""
    members: list[list[Judged]] = [[] for _ in range(bins)]
    for prediction in judged:
        members[min(max(int(prediction.confidence * bins), 0), bins - 1)].append(prediction)
    return tuple(_bin(number / bins, (number + 1) / bins, inside) for number, inside in enumerate(members))


def _bin(lower: float, upper: float, inside: list[Judged]) -> Bin:
    if not inside:
        return Bin(lower, upper, 0, None, None)
    count = len(inside)
    mean = sum(p.confidence for p in inside) / count
    return Bin(lower, upper, count, mean, sum(p.correct for p in inside) / count)


def expected_calibration_error(bins: Sequence[Bin]) -> float:
    """Count-weighted mean of ``|mean confidence - share correct|`` over the bins."""
    total = sum(b.count for b in bins)
    gaps = (
        b.count * abs(b.mean_confidence - b.share_correct)
        for b in bins
        if b.mean_confidence is not None and b.share_correct is not None
    )
    return sum(gaps) / total if total else 0.0


def lowest_threshold(judged: Sequence[Judged], required: int, target: float = TARGET_PRECISION) -> Threshold | None:
    """The lowest confidence ``t`` (of those given) where predictions ``>= t`` have precision ``>= target``."""
    kept = right = 0
    found: Threshold | None = None
    ordered = sorted(judged, key=lambda p: p.confidence, reverse=True)
    for number, prediction in enumerate(ordered):
        kept, right = kept + 1, right + prediction.correct
        last_of_value = number + 1 == len(ordered) or ordered[number + 1].confidence < prediction.confidence
        if last_of_value and right >= target * kept:
            found = Threshold(prediction.confidence, right / kept, right / required if required else 0.0, kept)
    return found
