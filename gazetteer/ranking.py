"""Scores: how prominent a place is, how a reader would rank namesakes, and how a match and biases combine.

``prominence`` is the geoparser's prior (its dictionary is built from it).
Lookup ranks with ``reader_prior`` instead: what a reader who sees the bare
name most likely means, by kind of place (country, first-level area, capital,
then populated places by population) and by how many languages or scripts
name the place.  ``reader_score`` combines it with the match, the country and
focus-point biases, and, when a query gives neither, the deployment's home
region.
"""

from __future__ import annotations

import math

from gazetteer.records import MatchType, Place, Point
from gazetteer.settings import Region
from geo.earth import EARTH_HALF_CIRCUMFERENCE_KM, haversine_km

MATCH_WEIGHT: dict[MatchType, float] = {
    MatchType.EXACT: 1.0,
    MatchType.FOLDED: 0.85,
    MatchType.TRANSLITERATED: 0.8,
    MatchType.FUZZY: 0.7,
    MatchType.PREFIX: 0.6,
}
"""Penalty of each matching strategy: the score of a perfect match of that kind."""

_CODE_PROMINENCE = {
    "CONT": 1.0,
    "PCLI": 1.0,
    "PCLH": 0.8,
    "PCL": 0.95,
    "PPLC": 0.9,
    "RGN": 0.85,
    "ADM1": 0.85,
    "PPLA": 0.7,
    "LK": 0.7,
    "RSV": 0.65,
    "RD": 0.6,
    "PPLA2": 0.55,
    "ADM2": 0.55,
}
COUNTRY_FLOOR = 0.6
"""Score factor of a place outside the country asked for."""
FOCUS_FLOOR = 0.2
"""Focus factor of a place at the antipode of the focus point (one at the point keeps its score)."""
REGION_FLOOR = 0.6
"""Score factor of a place far outside the home region (one inside keeps its score)."""
REGION_SCALE_KM = 500.0
"""Distance outside the home region at which the region bias has fallen to 1/e."""

KIND_RANK: dict[str, float] = {
    "CONT": 1.0,
    "PCLI": 1.0,
    "PCL": 1.0,
    "PCLD": 0.95,
    "PCLF": 0.95,
    "PCLS": 0.95,
    "PCLIX": 0.9,
    "TERR": 0.9,
    "ADM1": 0.9,
    "PPLC": 0.85,
    "PPLG": 0.8,
    "RGN": 0.8,
    "SEA": 0.75,
    "PPLA": 0.65,
    "ADM2": 0.6,
    "LK": 0.6,
    "PCLH": 0.6,
    "PPLA2": 0.55,
    "ADM3": 0.5,
    "RSV": 0.5,
    "RD": 0.5,
    "PPLA3": 0.45,
    "ADM4": 0.4,
    "PPLA4": 0.4,
    "ADM5": 0.35,
    "ADMD": 0.35,
}
"""Reader prior by GeoNames feature code; a code not listed ranks by population alone."""
POPULATION_CEILING = 0.8
"""Highest rank population alone gives (10 million people): below a capital, a first-level area, a country."""
LANGUAGE_SATURATION = 24
"""Number of languages or scripts naming a place at which that part of the prior is full."""
KIND_SHARE = 0.75
"""Share of kind and population in the reader prior; the rest is the count of languages."""
OTHER_NAME = 0.7
"""Match factor of a name that is not (a spelling of) the place's main name."""
PRIOR_FLOOR = 0.2
"""Score factor of a place whose reader prior is 0 (one whose prior is 1 keeps its score)."""


def prominence(place: Place) -> float:
    """0..1: how likely a bare mention of the name means this place (the geoparser's prior)."""
    by_population = min(1.0, math.log10(place.population + 1) / 7.0)
    return max(_CODE_PROMINENCE.get(place.feature_code, 0.0), by_population)


def kind_rank(place: Place) -> float:
    """0..1: country > first-level area > capital > populated places by population."""
    by_population = POPULATION_CEILING * min(1.0, math.log10(place.population + 1) / 7.0)
    return max(KIND_RANK.get(place.feature_code, 0.0), by_population)


def language_rank(languages: int) -> float:
    """0..1: how widely a place is named, from the number of languages or scripts that name it."""
    return min(1.0, math.log1p(max(0, languages)) / math.log1p(LANGUAGE_SATURATION))


def reader_prior(place: Place, languages: int) -> float:
    """0..1: how likely a reader who sees the bare name, with no context, means this place."""
    return round(KIND_SHARE * kind_rank(place) + (1 - KIND_SHARE) * language_rank(languages), 4)


def great_circle_km(a: Point, b: Point) -> float:
    """``haversine_km`` between two points."""
    return haversine_km(a.lon, a.lat, b.lon, b.lat)


def focus_closeness(focus: Point, point: Point) -> float:
    """1 at the focus point, 0 at its antipode, linear in the logarithm of the distance.

    Scale-free: 2 km against 160 km tells two villages apart as 400 km
    against 8,000 km tells Paris, Texas, from Paris, France.
    """
    return 1.0 - math.log1p(great_circle_km(focus, point)) / math.log1p(EARTH_HALF_CIRCUMFERENCE_KM)


def region_closeness(region: Region, point: Point) -> float:
    """1 inside the region, falling with the distance outside it (1/e at ``REGION_SCALE_KM``)."""
    lon, lat = region.clamp(point.lon, point.lat)
    if (lon, lat) == (point.lon, point.lat):
        return 1.0
    return math.exp(-haversine_km(lon, lat, point.lon, point.lat) / REGION_SCALE_KM)


def reader_score(
    match: float,
    place: Place,
    *,
    languages: int = 0,
    main_name: bool = True,
    country: str | None = None,
    focus: Point | None = None,
    region: Region | None = None,
) -> tuple[float, dict[str, float]]:
    """Lookup's combined confidence in 0..1 and its parts.

    ``match`` is the strategy's weight; ``main_name`` whether the matched
    name is a spelling of the place's main name.  The region bias applies
    only when neither ``country`` nor ``focus`` is given.
    """
    parts = {"match": match, "name": 1.0 if main_name else OTHER_NAME, "prior": reader_prior(place, languages)}
    score = match * parts["name"] * (PRIOR_FLOOR + (1 - PRIOR_FLOOR) * parts["prior"])
    if country:
        parts["country"] = 1.0 if place.country == country.upper() else 0.0
        score *= COUNTRY_FLOOR + (1 - COUNTRY_FLOOR) * parts["country"]
    if focus is not None:
        parts["focus"] = round(focus_closeness(focus, place.point), 4)
        score *= FOCUS_FLOOR + (1 - FOCUS_FLOOR) * parts["focus"]
    elif region is not None and not country:
        parts["region"] = round(region_closeness(region, place.point), 4)
        score *= REGION_FLOOR + (1 - REGION_FLOOR) * parts["region"]
    return round(min(1.0, max(0.0, score)), 4), parts


def tempered(score: float, total: float) -> float:
    """A candidate's confidence: its score tempered by its share of all candidates' scores.

    Ambiguity lowers confidence: a lone candidate keeps its score, one of two
    equal ones loses a quarter of it.
    """
    return round(0.5 * score + 0.5 * score / (total or 1.0), 4)
