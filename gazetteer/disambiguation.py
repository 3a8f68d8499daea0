"""Choosing one place for each name of a document, with the reasons.

Every distinct name of a document is resolved once (one sense per discourse).
A candidate's score adds up four explainable parts, each in 0..1:

``prominence``
    ``ranking.prominence``: how likely a bare mention of the name means it.
``name``
    1 when the name is the place's main (or preferred) name, 0 for an alternate one.
``country``
    Share of the document's other names resolved to places in the candidate's
    country (country focus).
``coherence``
    Mean closeness, ``exp(-km / 300)``, to the places of the other names
    (spatial coherence).

The first round uses prominence and name alone; the second uses the document
context that the first round gives.  A small place (``prominence`` below
``SMALL``), or a less than prominent one reached by an alternate name, in a
document whose other names neither share its country nor lie near it, is
dropped as unsupported.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from gazetteer.ranking import EARTH_RADIUS_KM
from gazetteer.spotting import PlaceTable, SpotDictionary
from gazetteer.stoplists import PROMINENT

WEIGHTS = {"prominence": 0.45, "name": 0.1, "country": 0.25, "coherence": 0.2}
"""Weight of each score part; they add up to 1."""
_PROMINENCE, _NAME, _COUNTRY, _COHERENCE = (
    WEIGHTS[k] for k in ("prominence", "name", "country", "coherence")
)
ROUNDS = 2
"""Resolution rounds (the first without context)."""
COHERENCE_KM = 300.0
"""Distance at which closeness falls to 1/e."""
SMALL = 0.5
"""Prominence under which a place needs support from the document."""
MAX_ANCHORS = 60
"""Most names used as context (the most frequent ones)."""
SUPPORT_CLOSENESS = math.exp(-3)
"""Closeness (about 900 km away) that counts as support for a small place."""
SHOWN = 5
"""Candidates reported per name."""
_Option = tuple[int, bool, float]
"""A candidate of a name: place row, whether the name is its main name, prior score."""
_Total = tuple[float, _Option, float, "float | None"]
"""A scored candidate: score, the option, country share, closeness (``None`` when not computed)."""


@dataclass(slots=True)
class Scored:
    """One candidate place of a name, scored."""

    row: int
    """Place row in the dictionary's place table."""
    score: float
    """Weighted sum of the parts, 0..1."""
    parts: dict[str, float] = field(default_factory=dict)
    """The parts (``prominence``, ``name``, ``country``, ``coherence``)."""


@dataclass(slots=True)
class Choice:
    """The place chosen for one name of a document."""

    best: Scored
    """The chosen candidate."""
    confidence: float
    """0..1: the best score tempered by its share of all candidates' scores."""
    ranked: tuple[Scored, ...]
    """Up to ``SHOWN`` candidates, best first (the chosen one included)."""


class Resolver:
    """Resolves the names of one document at a time."""

    def __init__(self, dictionary: SpotDictionary) -> None:
        self.dictionary = dictionary
        self.places: PlaceTable = dictionary.places
        self.distances = _Distances(dictionary.places)
        self._options: dict[int, list[_Option]] = {}

    def resolve(self, counts: dict[int, int]) -> dict[int, Choice]:
        """Choices for a document's keys (key id -> mentions); unsupported ones are left out."""
        if not counts:
            return {}
        options = {key: self.options(key) for key in counts}
        weights = {key: 1.0 + math.log(n) for key, n in counts.items()}
        chosen = {
            key: opts[0][0] if len(opts) == 1 else max(opts, key=lambda o: o[2])[0]
            for key, opts in options.items()
        }
        ambiguous = [key for key, opts in options.items() if len(opts) > 1]
        for _ in range(ROUNDS - 1 if ambiguous else 0):
            context = _Context(self.places, self.distances, chosen, weights)
            for key in ambiguous:
                chosen[key] = context.ranked(options[key], key, 1)[0][1][0]
        context = _Context(self.places, self.distances, chosen, weights)
        choices = {}
        for key, opts in options.items():
            choice = self._choose(opts, context, key)
            if choice is not None:
                choices[key] = choice
        return choices

    def options(self, key: int) -> list[_Option]:
        """(place row, is main name, prior score) of each candidate of a key."""
        found = self._options.get(key)
        if found is None:
            if len(self._options) > 200_000:
                self._options.clear()
            prominence = self.places.prominence
            found = [
                (row, main, _PROMINENCE * prominence[row] + (_NAME if main else 0.0))
                for row, main in self.dictionary.candidates(key)
            ]
            self._options[key] = found
        return found

    def _choose(self, options: list[_Option], context: _Context, key: int) -> Choice | None:
        totals = context.ranked(options, key, SHOWN)
        ranked = tuple(self._scored(total, context, key) for total in totals[:SHOWN])
        best = ranked[0]
        if not self._supported(best, context, key):
            return None
        share = best.score / (sum(total[0] for total in totals) or 1.0)
        return Choice(best, round(0.5 * best.score + 0.5 * share, 4), ranked)

    def _scored(self, total: _Total, context: _Context, key: int) -> Scored:
        score, (row, main, _), country, near = total
        parts = {
            "prominence": round(self.places.prominence[row], 4),
            "name": 1.0 if main else 0.0,
            "country": round(country, 4),
            "coherence": round(context.closeness(row, key) if near is None else near, 4),
        }
        return Scored(row, round(score, 4), parts)

    def _supported(self, best: Scored, context: _Context, key: int) -> bool:
        """Small places, and places named by an alternate name, need the document's support."""
        prominence = best.parts["prominence"]
        if prominence >= PROMINENT or not context.has_others(key):
            return True
        if prominence >= SMALL and best.parts["name"]:
            return True
        return best.parts["country"] > 0.0 or best.parts["coherence"] >= SUPPORT_CLOSENESS


class _Context:
    """The document as one round sees it: where its names point, and how strongly."""

    def __init__(
        self,
        places: PlaceTable,
        distances: _Distances,
        chosen: dict[int, int],
        weights: dict[int, float],
    ) -> None:
        self.places = places
        self.distances = distances
        top = sorted(chosen, key=lambda k: -weights[k])[:MAX_ANCHORS]
        self.own = {key: (chosen[key], weights[key]) for key in top}
        self.anchors: dict[int, float] = defaultdict(float)
        self.by_country: dict[str, float] = defaultdict(float)
        for row, weight in self.own.values():
            self.anchors[row] += weight
            self.by_country[places.country[row]] += weight
        self.total_weight = sum(weight for _, weight in self.own.values())

    def has_others(self, key: int) -> bool:
        """Whether names other than ``key`` give context."""
        return self.total_weight - self.own.get(key, (0, 0.0))[1] > 0

    def ranked(self, options: list[_Option], key: int, full: int) -> list[_Total]:
        """Scored options, best first; coherence is computed for the ``full`` most likely only.

        Options are ordered by prior and country share first; coherence is then
        added to the first ``full`` ones and to any other that could still win.
        The rest keep a score without coherence.
        """
        partial = []
        for option in options:
            country = self.country_share(option[0], key)
            partial.append((option[2] + _COUNTRY * country, option, country))
        if len(partial) > 1:
            partial.sort(key=lambda t: (-t[0], t[1][0]))
        scored: list[_Total] = []
        top = 0.0
        for n, (score, option, country) in enumerate(partial):
            near = None
            if n < full or score + _COHERENCE > top:
                near = self.closeness(option[0], key)
                score += _COHERENCE * near
                top = max(top, score)
            scored.append((score, option, country, near))
        if len(scored) > 1:
            scored.sort(key=lambda t: (-t[0], t[1][0]))
        return scored

    def country_share(self, row: int, key: int) -> float:
        """Share of the other names' weight in the country of ``row``."""
        country = self.places.country[row]
        own_row, own_weight = self.own.get(key, (-1, 0.0))
        total = self.total_weight - own_weight
        if total <= 0 or not country:
            return 0.0
        mine = self.by_country.get(country, 0.0)
        if own_row >= 0 and self.places.country[own_row] == country:
            mine -= own_weight
        return max(0.0, mine) / total

    def closeness(self, row: int, key: int) -> float:
        """Weighted mean of ``exp(-km / COHERENCE_KM)`` to the places of the other names."""
        own_row, own_weight = self.own.get(key, (-1, 0.0))
        known, measure = self.distances.known, self.distances.closeness
        near = total = 0.0
        for anchor, weight in self.anchors.items():
            if anchor == own_row:
                weight -= own_weight
                if weight <= 0:
                    continue
            value = 1.0
            if anchor != row:
                cached = known.get(row << 32 | anchor if row <= anchor else anchor << 32 | row)
                value = measure(row, anchor) if cached is None else cached
            near += weight * value
            total += weight
        return near / total if total else 0.0


class _Distances:
    """``exp(-km / COHERENCE_KM)`` between place rows, remembered across documents."""

    def __init__(self, places: PlaceTable, limit: int = 1_000_000) -> None:
        self.places = places
        self.limit = limit
        self.known: dict[int, float] = {}

    def closeness(self, a: int, b: int) -> float:
        """Closeness of two rows, 1.0 for the same place."""
        pair = (a << 32 | b) if a <= b else (b << 32 | a)
        value = self.known.get(pair)
        if value is None:
            if len(self.known) >= self.limit:
                self.known.clear()
            p = self.places
            value = math.exp(-_km(p.lon[a], p.lat[a], p.lon[b], p.lat[b]) / COHERENCE_KM)
            self.known[pair] = value
        return value


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Haversine distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
