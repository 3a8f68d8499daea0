"""Scoring against a document's context: closeness to the bit, and ranking that measures only what can win."""

from __future__ import annotations

import math
import random
from array import array

import pytest

from gazetteer.geoparse.document_context import COHERENCE_KM, DocumentContext, Points
from gazetteer.geoparse.name_dictionary import PlaceTable
from gazetteer.geoparse.scoring import COHERENCE, Option, best_row, option, ranked
from geo.earth import haversine_km

ROWS = 400
COUNTRIES = ("AZ", "AM", "GE", "")


@pytest.fixture(scope="module")
def places() -> PlaceTable:
    draw = random.Random(7)
    lon = array("d", [draw.uniform(-180, 180) for _ in range(ROWS)])
    lat = array("d", [draw.uniform(-90, 90) for _ in range(ROWS)])
    for row in range(0, ROWS, 4):  # close neighbours, and one place twice
        lon[row + 1], lat[row + 1] = lon[row] + draw.uniform(-0.5, 0.5), lat[row] + draw.uniform(-0.5, 0.5)
    lon[3], lat[3] = lon[2], lat[2]
    prominence = array("d", sorted((draw.random() for _ in range(ROWS)), reverse=True))
    country = [draw.choice(COUNTRIES) for _ in range(ROWS)]
    return PlaceTable(array("q", range(ROWS)), lon, lat, prominence, country)


def contexts(places: PlaceTable, count: int) -> list[tuple[DocumentContext, dict[int, list[Option]]]]:
    """Random documents: options of each name, and a context of their first options as anchors."""
    draw = random.Random(11)
    points = Points(places)
    made = []
    for _ in range(count):
        names = draw.randrange(1, 12)
        options = {
            key: [option(row, draw.random() < 0.5, places.prominence[row]) for row in draw.sample(range(ROWS), size)]
            for key, size in ((key, draw.randrange(1, 40)) for key in range(names))
        }
        chosen = {key: opts[0].row for key, opts in options.items()}
        weights = {key: 1.0 + math.log(draw.randrange(1, 5)) for key in options}
        made.append((DocumentContext(places, points, chosen, weights), options))
    return made


def mean_closeness(places: PlaceTable, context: DocumentContext, row: int, key: int) -> float:
    """``DocumentContext.closeness`` as first written, by ``haversine_km``."""
    own_row, own_weight = context.own.get(key, (-1, 0.0))
    near = total = 0.0
    for anchor, weight in context.anchors:
        if anchor == own_row:
            weight -= own_weight
            if weight <= 0:
                continue
        if anchor == row:
            near += weight
        else:
            km = haversine_km(places.lon[row], places.lat[row], places.lon[anchor], places.lat[anchor])
            near += weight * math.exp(-km / COHERENCE_KM)
        total += weight
    return near / total if total else 0.0


_Expected = tuple[float, int, float, float, "float | None"]


def every_option_ranked(
    options: list[Option], context: DocumentContext, key: int, shown: int
) -> tuple[list[_Expected], float]:
    """``ranked`` as first written: each option in order of prior, measured while it could still win."""
    shares = context.country_shares([choice.row for choice in options], key)
    floor = max(choice.prominence for choice in options) - 0.2
    shares = [s * 0.25 if c.prominence < floor else s for c, s in zip(options, shares, strict=True)]
    order = sorted((-(c.prior + 0.25 * s), c.row, s) for c, s in zip(options, shares, strict=True))
    scored: list[_Expected] = []
    top = 0.0
    for n, (minus, row, share) in enumerate(order):
        score, near = -minus, None
        if n < shown or score + COHERENCE > top:
            near = context.closeness(row, key)
            score += COHERENCE * near
            top = max(top, score)
        scored.append((-score, row, score, share, near))
    scored.sort()
    return scored[:shown], sum(total[2] for total in scored)


def test_closeness_is_the_haversine_one(places: PlaceTable) -> None:
    for context, options in contexts(places, 60):
        for key, opts in options.items():
            for choice in opts:
                expected = mean_closeness(places, context, choice.row, key)
                assert context.closeness(choice.row, key) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_points_convert_once_per_row(places: PlaceTable) -> None:
    points = Points(places)
    assert points.point(5) is points.point(5)
    lon, lat = math.radians(places.lon[5]), math.radians(places.lat[5])
    assert points.point(5) == (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))
    assert math.hypot(*points.point(5)) == pytest.approx(1.0)


@pytest.mark.parametrize("shown", [1, 2, 5])
def test_ranked_gives_what_measuring_in_prior_order_gives(places: PlaceTable, shown: int) -> None:
    for context, options in contexts(places, 80):
        for key, opts in options.items():
            totals, score_sum = ranked(opts, context, key, shown)
            expected, expected_sum = every_option_ranked(opts, context, key, shown)
            assert score_sum == expected_sum
            assert [(t.minus, t.row, t.score, t.country, t.near) for t in totals] == expected
            assert best_row(opts, context, key) == expected[0][1]
