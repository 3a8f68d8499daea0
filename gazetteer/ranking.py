"""Scores: how prominent a place is, and how a match and biases combine."""

from __future__ import annotations

import math

from gazetteer.records import MatchType, Place, Point
from geo.earth import haversine_km

MATCH_WEIGHT: dict[MatchType, float] = {
    MatchType.EXACT: 1.0,
    MatchType.FOLDED: 0.85,
    MatchType.TRANSLITERATED: 0.8,
    MatchType.FUZZY: 0.7,
}
"""Penalty of each matching strategy: the score of a perfect match of that kind."""

_CODE_PROMINENCE = {
    "CONT": 1.0,
    "PCLI": 1.0,
    "PCLH": 0.8,
    "PCL": 0.95,
    "PPLC": 0.9,
    "RGN": 0.85,
    "ADM1": 0.75,
    "PPLA": 0.7,
    "LK": 0.7,
    "RSV": 0.65,
    "RD": 0.6,
    "PPLA2": 0.55,
    "ADM2": 0.55,
}
FOCUS_SCALE_KM = 100.0
"""Distance at which the focus-point bias has fallen to 1/e."""


def prominence(place: Place) -> float:
    """0..1: how likely a bare mention of the name means this place."""
    by_population = min(1.0, math.log10(place.population + 1) / 7.0)
    return max(_CODE_PROMINENCE.get(place.feature_code, 0.0), by_population)


def great_circle_km(a: Point, b: Point) -> float:
    """``haversine_km`` between two points."""
    return haversine_km(a.lon, a.lat, b.lon, b.lat)


def combine(
    match: float,
    place: Place,
    *,
    country: str | None = None,
    focus: Point | None = None,
) -> tuple[float, dict[str, float]]:
    """Combined confidence in 0..1 and its parts."""
    parts = {"match": match, "prominence": prominence(place)}
    score = match * (0.55 + 0.45 * parts["prominence"])
    if country:
        parts["country"] = 1.0 if place.country == country.upper() else 0.0
        score = score * (0.6 + 0.4 * parts["country"])
    if focus is not None:
        distance = great_circle_km(focus, place.point)
        parts["focus"] = math.exp(-distance / FOCUS_SCALE_KM)
        score = score * (0.6 + 0.4 * parts["focus"])
    return round(min(1.0, max(0.0, score)), 4), parts


def tempered(score: float, total: float) -> float:
    """A candidate's confidence: its score tempered by its share of all candidates' scores.

    Ambiguity lowers confidence: a lone candidate keeps its score, one of two
    equal ones loses a quarter of it.
    """
    return round(0.5 * score + 0.5 * score / (total or 1.0), 4)
