"""The context a document gives its names: where they point, and how strongly.

Each name of a document, resolved to one place, is an anchor weighted by how
often it is mentioned (the ``MAX_ANCHORS`` most frequent only).  A candidate of
another name is then measured against the anchors: the share of their weight
in its country (country focus), and its mean closeness to them, by
``exp(-km / COHERENCE_KM)`` (spatial coherence).  A name never counts as its
own context.
"""

from __future__ import annotations

import math
from typing import Any

from gazetteer.geoparse.name_dictionary import PlaceTable
from geo.earth import haversine_km

COHERENCE_KM = 300.0
"""Distance at which closeness falls to 1/e."""
MAX_ANCHORS = 60
"""Most names used as context (the most frequent ones)."""
_NO_NAME = (-1, 0.0)
"""Place row and weight of a name that is no anchor."""
_NOTHING: dict[int, float] = {}


class DocumentContext:
    """The document as one resolution round sees it: the place chosen for each name, and its weight."""

    def __init__(
        self,
        places: PlaceTable,
        distances: Distances,
        chosen: dict[int, int],
        weights: dict[int, float],
    ) -> None:
        self.places = places
        self.distances = distances
        top = sorted(chosen, key=weights.__getitem__, reverse=True)[:MAX_ANCHORS]
        self.own = {key: (chosen[key], weights[key]) for key in top}
        anchors: dict[int, float] = {}
        by_country: dict[str, float] = {}
        country = places.country
        total = 0.0
        for row, weight in self.own.values():
            anchors[row] = anchors.get(row, 0.0) + weight
            by_country[country[row]] = by_country.get(country[row], 0.0) + weight
            total += weight
        self.anchors = list(anchors.items())
        """(place row, weight) of each anchor, heaviest name first."""
        self.by_country = by_country
        """Weight of the anchors in each country."""
        self.total_weight = total
        """Weight of all anchors."""
        self.memo: dict[int, Any] = {}
        """Per name, what ``scoring`` measured against this context (rounds may share a context)."""

    def has_others(self, key: int) -> bool:
        """Whether names other than ``key`` give context."""
        return self.total_weight - self.own.get(key, _NO_NAME)[1] > 0

    def country_share(self, row: int, key: int) -> float:
        """Share of the other names' weight in the country of ``row``."""
        code = self.places.country[row]
        own_row, own_weight = self.own.get(key, _NO_NAME)
        total = self.total_weight - own_weight
        if total <= 0 or not code:
            return 0.0
        mine = self.by_country.get(code, 0.0)
        if own_row >= 0 and self.places.country[own_row] == code:
            mine -= own_weight
        return max(0.0, mine) / total

    def country_shares(self, rows: list[int], key: int) -> list[float]:
        """``country_share`` of each of ``rows``, for the name ``key``."""
        own_row, own_weight = self.own.get(key, _NO_NAME)
        total = self.total_weight - own_weight
        if total <= 0:
            return [0.0] * len(rows)
        country, by_country = self.places.country, self.by_country
        own_country = country[own_row] if own_row >= 0 else None
        shares = []
        for row in rows:
            code = country[row]
            if not code:
                shares.append(0.0)
                continue
            mine = by_country.get(code, 0.0)
            if code == own_country:
                mine -= own_weight
            shares.append(max(0.0, mine) / total)
        return shares

    def closeness(self, row: int, key: int) -> float:
        """Weighted mean of ``exp(-km / COHERENCE_KM)`` to the places of the other names."""
        own_row, own_weight = self.own.get(key, _NO_NAME)
        known = self.distances.of_row(row)
        near = total = 0.0
        for anchor, weight in self.anchors:
            if anchor == own_row:
                weight -= own_weight
                if weight <= 0:
                    continue
            if anchor == row:
                near += weight
            else:
                value = known.get(anchor)
                near += weight * (self.distances.closeness(row, anchor) if value is None else value)
            total += weight
        return near / total if total else 0.0


class Distances:
    """``exp(-km / COHERENCE_KM)`` between place rows, remembered across documents."""

    def __init__(self, places: PlaceTable, limit: int = 500_000) -> None:
        self.places = places
        self.limit = limit
        """Pairs remembered before starting afresh (each is kept both ways)."""
        self.known: dict[int, dict[int, float]] = {}
        """Closeness by row, then by the other row."""
        self.pairs = 0
        """Pairs remembered."""

    def of_row(self, row: int) -> dict[int, float]:
        """Closeness of ``row`` to the rows it was measured against so far (do not change it)."""
        return self.known.get(row) or _NOTHING

    def closeness(self, a: int, b: int) -> float:
        """Closeness of two rows, 1.0 for the same place."""
        value = self.of_row(a).get(b)
        if value is None:
            if self.pairs >= self.limit:
                self.known.clear()
                self.pairs = 0
            p = self.places
            value = math.exp(-haversine_km(p.lon[a], p.lat[a], p.lon[b], p.lat[b]) / COHERENCE_KM)
            self.known.setdefault(a, {})[b] = self.known.setdefault(b, {})[a] = value
            self.pairs += 1
        return value
