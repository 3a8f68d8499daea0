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
from geo.earth import EARTH_MEAN_RADIUS_KM

COHERENCE_KM = 300.0
"""Distance at which closeness falls to 1/e."""
MAX_ANCHORS = 60
"""Most names used as context (the most frequent ones)."""
_NO_NAME = (-1, 0.0)
"""Place row and weight of a name that is no anchor."""
_DIAMETER_KM = 2 * EARTH_MEAN_RADIUS_KM
_Point = tuple[float, float, float]
"""A place row's point as a unit vector."""


class DocumentContext:
    """The document as one resolution round sees it: the place chosen for each name, and its weight."""

    def __init__(
        self,
        places: PlaceTable,
        points: Points,
        chosen: dict[int, int],
        weights: dict[int, float],
    ) -> None:
        self.places = places
        self.points = points
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
        point = points.point
        self._located = [(row, weight, *point(row)) for row, weight in self.anchors]
        """``anchors`` with the point of each (row, weight, and its unit vector's x, y, z)."""
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
        """Weighted mean of ``exp(-km / COHERENCE_KM)`` to the places of the other names.

        The distance is the great circle's, from the chord between the points' unit vectors
        (``2 R asin(chord / 2)``, the haversine's value): no trigonometry per pair.
        """
        own_row, own_weight = self.own.get(key, _NO_NAME)
        x1, y1, z1 = self.points.point(row)
        sqrt, asin, exp = math.sqrt, math.asin, math.exp
        near = total = 0.0
        for anchor, weight, x2, y2, z2 in self._located:
            if anchor == own_row:
                weight -= own_weight
                if weight <= 0:
                    continue
            if anchor == row:
                near += weight
            else:
                half = sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2 + (z2 - z1) ** 2) / 2
                near += weight * exp(-(_DIAMETER_KM * asin(half if half < 1.0 else 1.0)) / COHERENCE_KM)
            total += weight
        return near / total if total else 0.0


class Points:
    """The points of place rows as closeness needs them, converted once per row."""

    def __init__(self, places: PlaceTable) -> None:
        self.places = places
        self.known: dict[int, _Point] = {}
        """The point of each row converted so far (at most one per row of ``places``)."""

    def point(self, row: int) -> _Point:
        """The unit vector of ``row``'s point (x towards 0° E on the equator, z towards the North Pole)."""
        found = self.known.get(row)
        if found is None:
            lon, lat = math.radians(self.places.lon[row]), math.radians(self.places.lat[row])
            found = self.known[row] = (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))
        return found
