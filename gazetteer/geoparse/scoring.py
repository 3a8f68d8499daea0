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
from itertools import chain, islice
from operator import itemgetter

from gazetteer.geoparse.document_context import DocumentContext

WEIGHTS = {"prominence": 0.45, "name": 0.1, "country": 0.25, "coherence": 0.2}
"""Weight of each score part; they add up to 1."""
PROMINENCE, NAME, COUNTRY, COHERENCE = (WEIGHTS[k] for k in ("prominence", "name", "country", "coherence"))
DWARFED_GAP = 0.2
"""Prominence below a name's best known place from which a namesake is dwarfed (Paris, Texas)."""
DWARFED_SHARE = 0.25
"""Factor of a dwarfed namesake's country share: sharing the document's country is not enough for it."""


@dataclass(slots=True)
class Option:
    """A candidate place of a name, as known before reading the document (do not change one: they are shared)."""

    row: int
    """Place row in the dictionary's place table."""
    main: bool
    """Whether the name is the place's main (or preferred) name."""
    prior: float
    """Prominence and name parts of the score, weighted."""
    prominence: float
    """``ranking.prominence`` of the place, rounded as reported."""


@dataclass(slots=True)
class Total:
    """A candidate scored against a document."""

    minus: float
    """Minus ``score`` (totals are ranked by it, then by ``row``)."""
    row: int
    """Place row (the tie-break: rows are ordered by prominence)."""
    score: float
    """The score, unrounded."""
    option: Option
    """The candidate."""
    country: float
    """Its country share."""
    near: float
    """Its closeness."""


_Prior = tuple[float, int, Option, float, float]
"""An option ordered by its prior and country parts: minus those parts (the best sorts first), its row
(the tie-break), the option, its country share and those parts.  A plain tuple: one is made per option
and document."""
_PARTS = itemgetter(4)
"""The prior and country parts of a ``_Prior``."""
_Order = tuple[list[_Prior], dict[int, float]]
"""Options ordered by prior and country share, and the closeness of those measured so far, by row."""
_Plain = tuple[float, int, float, Option, float, float]
"""The fields of a ``Total`` in a plain tuple, quicker to make: only the totals shown become records."""
_SCORE = itemgetter(2)
"""The score of a ``_Plain``."""


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
    return Option(row, main, PROMINENCE * prominence + (NAME if main else 0.0), round(prominence, 4))


def ranked(options: list[Option], context: DocumentContext, key: int, shown: int) -> tuple[list[Total], float]:
    """The ``shown`` best options of the name ``key``, scored, best first, and the sum of the scores of
    all; closeness measured for the ``shown`` most likely ones and for any other that could still win
    (the rest score without it)."""
    order, nears = _by_prior(options, context, key)
    measured: list[_Plain] = []
    top = 0.0
    cut = len(order)
    for n, (_, row, choice, country, score) in enumerate(order):
        if n >= shown and score + COHERENCE <= top:
            cut = n  # neither this option nor any after it (with no more prior) can win
            break
        near = _closeness(nears, context, row, key)
        score += COHERENCE * near
        if score > top:
            top = score
        measured.append((-score, row, score, choice, country, near))
    measured.sort()
    # a measured option scores at least its prior, so the measured rank before the rest, which keep
    # their order: this sums the scores in rank order, as summing all the ranked ones would
    score_sum = sum(chain(map(_SCORE, measured), map(_PARTS, islice(order, cut, None))))
    return [Total(*total) for total in measured[:shown]], score_sum


def best_row(options: list[Option], context: DocumentContext, key: int) -> int:
    """The row of the option that ``ranked(options, context, key, 1)`` gives, without ranking the rest.

    An option left without closeness scores less than the best one with it, so
    the best is among those with closeness.
    """
    order, nears = _by_prior(options, context, key)
    best = (math.inf, -1)
    top = 0.0
    for n, (_, row, _, _, score) in enumerate(order):
        if n and score + COHERENCE <= top:
            break  # neither this option nor any after it (with no more prior) can win
        score += COHERENCE * _closeness(nears, context, row, key)
        if score > top:
            top = score
        best = min(best, (-score, row))
    return best[1]


def scored(total: Total) -> Scored:
    """The record of a scored candidate."""
    choice = total.option
    return Scored(total.row, round(total.score, 4), _parts(choice.prominence, choice.main, total.country, total.near))


def only(choice: Option, context: DocumentContext, key: int) -> tuple[Scored, float]:
    """The record of the one candidate of a name, and its unrounded score."""
    row = choice.row
    country = context.country_share(row, key)
    near = context.closeness(row, key)
    score = choice.prior + COUNTRY * country + COHERENCE * near
    return Scored(row, round(score, 4), _parts(choice.prominence, choice.main, country, near)), score


def _parts(prominence: float, main: bool, country: float, near: float) -> dict[str, float]:
    return {
        "prominence": prominence,
        "name": 1.0 if main else 0.0,
        "country": round(country, 4),
        "coherence": round(near, 4),
    }


def _by_prior(options: list[Option], context: DocumentContext, key: int) -> _Order:
    """(minus prior and country parts, row, option, country share, those parts) of each option, best first;
    and the closeness of those measured so far against ``context``."""
    found: _Order | None = context.memo.get(key)
    if found is None:
        shares = context.country_shares([choice.row for choice in options], key)
        floor = max(choice.prominence for choice in options) - DWARFED_GAP
        shares = [
            share * DWARFED_SHARE if choice.prominence < floor else share
            for choice, share in zip(options, shares, strict=True)
        ]
        parts = [choice.prior + COUNTRY * share for choice, share in zip(options, shares, strict=True)]
        order = [
            (-part, choice.row, choice, share, part) for choice, share, part in zip(options, shares, parts, strict=True)
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
