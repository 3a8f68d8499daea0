"""Scoring the candidate places of one name against the document's context.

A candidate's score adds up four parts, each weighted by ``WEIGHTS``:
prominence and name (its prior, known before reading the document), and the
country share and closeness that ``DocumentContext`` measures.  Candidates are
ordered by prior and country share first; closeness, the costly part, is then
measured for the most likely ones and for any other that could still win.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from gazetteer.geoparse.document_context import DocumentContext

WEIGHTS = {"prominence": 0.45, "name": 0.1, "country": 0.25, "coherence": 0.2}
"""Weight of each score part; they add up to 1."""
PROMINENCE, NAME, COUNTRY, COHERENCE = (
    WEIGHTS[k] for k in ("prominence", "name", "country", "coherence")
)
Option = tuple[int, bool, float, float]
"""A candidate of a name: place row, whether the name is its main name, prior score, prominence
(rounded, as reported)."""
Total = tuple[float, int, float, Option, float, "float | None"]
"""A scored candidate: minus its score and its place row (in that order: best first, then the
better known place), its score, the option, country share, closeness (``None`` when not measured)."""

_Order = tuple[list[tuple[float, int, Option, float]], dict[int, float]]
"""Options ordered by prior and country share (minus that score, row, option, country share),
and the closeness of those measured so far, by row."""


@dataclass(slots=True)
class Scored:
    """One candidate place of a name, scored."""

    row: int
    """Place row in the dictionary's place table."""
    score: float
    """Weighted sum of the parts, 0..1."""
    parts: dict[str, float] = field(default_factory=dict)
    """The parts (``prominence``, ``name``, ``country``, ``coherence``)."""


def option(row: int, main: bool, prominence: float) -> Option:
    """The option of a candidate place, with its prior score."""
    return row, main, PROMINENCE * prominence + (NAME if main else 0.0), round(prominence, 4)


def ranked(options: list[Option], context: DocumentContext, key: int, full: int) -> list[Total]:
    """Scored options of the name ``key``, best first; closeness measured for the ``full`` most
    likely ones and for any other that could still win (the rest score without it)."""
    order, nears = _by_prior(options, context, key)
    scored: list[Total] = []
    top = 0.0
    for n, (minus, row, choice, country) in enumerate(order):
        score, near = -minus, None
        if n < full or score + COHERENCE > top:
            near = _closeness(nears, context, row, key)
            score += COHERENCE * near
            top = max(top, score)
        scored.append((-score, row, score, choice, country, near))
    scored.sort()
    return scored


def best_row(options: list[Option], context: DocumentContext, key: int) -> int:
    """The row that ``ranked(options, context, key, 1)`` puts first, without ranking the rest.

    An option left without closeness scores less than the best one with it, so
    the best is among those with closeness.
    """
    order, nears = _by_prior(options, context, key)
    best = (math.inf, -1)
    top = 0.0
    for n, (minus, row, _, _) in enumerate(order):
        score = -minus
        if n == 0 or score + COHERENCE > top:
            score += COHERENCE * _closeness(nears, context, row, key)
            top = max(top, score)
            best = min(best, (-score, row))
    return best[1]


def scored(total: Total, context: DocumentContext, key: int) -> Scored:
    """The record of a scored candidate, its closeness measured if it was not."""
    _, row, score, (_, main, _, prominence), country, near = total
    if near is None:
        near = context.closeness(row, key)
    return Scored(row, round(score, 4), _parts(prominence, main, country, near))


def only(choice: Option, context: DocumentContext, key: int) -> tuple[Scored, float]:
    """The record of the one candidate of a name, and its unrounded score."""
    row, main, prior, prominence = choice
    country = context.country_share(row, key)
    near = context.closeness(row, key)
    score = prior + COUNTRY * country + COHERENCE * near
    return Scored(row, round(score, 4), _parts(prominence, main, country, near)), score


def _parts(prominence: float, main: bool, country: float, near: float) -> dict[str, float]:
    return {
        "prominence": prominence,
        "name": 1.0 if main else 0.0,
        "country": round(country, 4),
        "coherence": round(near, 4),
    }


def _by_prior(options: list[Option], context: DocumentContext, key: int) -> _Order:
    """(minus prior and country part, row, option, country share) of each option, best first;
    and the closeness of those measured so far against ``context``."""
    found = context.memo.get(key)
    if found is None:
        shares = context.country_shares([choice[0] for choice in options], key)
        order = [
            (-(choice[2] + COUNTRY * share), choice[0], choice, share)
            for choice, share in zip(options, shares)
        ]
        order.sort()
        found = context.memo[key] = (order, {})
    return found


def _closeness(nears: dict[int, float], context: DocumentContext, row: int, key: int) -> float:
    """``context.closeness``, measured once per context for the options of a name."""
    near = nears.get(row)
    if near is None:
        near = nears[row] = context.closeness(row, key)
    return near
