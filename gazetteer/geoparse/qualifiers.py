"""Qualified names: ``Arlington, Va.``, ``Paris, Texas``, ``Martuni, Karabakh``.

A name followed by a comma and the name of an area that contains one of its
places (``X, Y``) means that place: ``Y`` restricts the candidates of ``X``
to the places inside it, and its own candidates to the areas that contain
one of them.  Inside is read from the admin codes for a country and for
first- and second-level divisions, and from the shape for other areas.  A
pair of peers is a list, not a qualification (``Georgia, Armenia``,
``Texas, Oklahoma``): the best known place of ``X`` must lie below the level
of ``Y``.  One sense per discourse: the restriction holds for every mention
of both names in the document.

Abbreviations of first-level divisions (``Ky.``, ``BC``, ``Qld``: keys with
``F_QUALIFIER``) are taken only where they qualify a capitalised word, or
written in dotted capitals (``N.J.``, ``B.C.``) not after a number
(``300 B.C.``).  Elsewhere a key that is nothing but such an abbreviation is
dropped, and the divisions are no candidates of a key that is also a plain
name (``Man``, ``Alta``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gazetteer.geoparse.dictionary_build import COUNTRY_CODES, FIRST_LEVEL
from gazetteer.geoparse.name_dictionary import F_ABBR_ONLY, F_QUALIFIER, SpotDictionary
from gazetteer.geoparse.place_cache import PlaceCache
from gazetteer.geoparse.spotting import Spot
from gazetteer.geoparse.text_context import follows_word_and_comma
from gazetteer.index import GazetteerIndex
from gazetteer.memo import Memo
from gazetteer.records import Place

if TYPE_CHECKING:
    from shapely import Geometry

SECOND_LEVEL = "ADM2"
"""Feature code of second-level divisions."""
BELOW = 9
"""Level of a place that is no area."""
_COMMA = re.compile(r",[ \t]*")
_DOTTED_CAPITALS = re.compile(r"(?:[A-Z]\.){2,}")
_NUMBER_BEFORE = re.compile(r"\d[\d,]*\s*$")
Allowed = dict[int, frozenset[int]]
"""Key id -> the place rows left to it."""


def level(place: Place) -> int:
    """0 for a country, 1 and 2 for first- and second-level divisions, ``BELOW`` for anything else."""
    if place.feature_code in COUNTRY_CODES:
        return 0
    if place.feature_code == FIRST_LEVEL:
        return 1
    return 2 if place.feature_code == SECOND_LEVEL else BELOW


def area_contains(area: Place, place: Place, shape: Geometry | None) -> bool:
    """Whether ``place`` lies inside ``area``: by admin codes for a country and first- and second-level
    divisions, otherwise by the area's ``shape`` (``None``: not inside)."""
    area_level = level(area)
    if area_level == 0:
        return place.country == area.country
    if area_level == 1:
        return place.country == area.country and place.admin1 == area.admin1
    if area_level == 2:
        return place.country == area.country and place.admin1 == area.admin1 and place.admin2 == area.admin2
    if shape is None:
        return False
    import shapely  # only for the rare area that is no division: kept off the import path

    return bool(shapely.contains_xy(shape, place.point.lon, place.point.lat))


@dataclass(frozen=True, slots=True)
class Qualified:
    """What the qualifiers of a document leave: its spots, and the place rows left to some keys."""

    spots: list[Spot]
    """The spots, less the abbreviations that qualify nothing."""
    allowed: Allowed
    """Key id -> the rows it may resolve to (keys not listed keep all theirs)."""


class Qualifiers:
    """Reads ``X, Y`` qualifiers and gates division abbreviations."""

    def __init__(self, dictionary: SpotDictionary, places: PlaceCache, index: GazetteerIndex) -> None:
        self.dictionary = dictionary
        self.places = places
        self.index = index
        self._shapes: Memo[int, Geometry | None] = Memo(2_000)

    def apply(self, text: str, spots: list[Spot]) -> Qualified:
        """The spots of ``text`` with abbreviations gated, and the rows their qualifiers leave."""
        flags = self.dictionary.flags
        allowed: dict[int, set[int]] = {}
        kept: list[Spot] = []
        for spot in spots:
            if flags[spot.key] & F_QUALIFIER and not self._abbreviation_fits(text, spot, allowed):
                continue
            kept.append(spot)
        for first, second in itertools.pairwise(kept):
            if _COMMA.fullmatch(text, first.end, second.start) and first.key != second.key:
                self._qualify(first.key, second.key, allowed)
        return Qualified(kept, {key: frozenset(rows) for key, rows in allowed.items()})

    def _abbreviation_fits(self, text: str, spot: Spot, allowed: dict[int, set[int]]) -> bool:
        """Whether a spot of an ``F_QUALIFIER`` key stays; when it stays as a plain name only, its
        abbreviated divisions are taken from its rows."""
        qualifies = follows_word_and_comma(text, spot.start)
        dotted = _DOTTED_CAPITALS.fullmatch(spot.surface) is not None
        if dotted and not _NUMBER_BEFORE.search(text, max(0, spot.start - 12), spot.start):
            qualifies = True
        rows = self._rows(spot.key)
        places = self._places(rows)
        divisions = {row for row in rows if level(places[row]) == 1 and not self._is_main(spot.key, row)}
        if qualifies:
            if divisions:
                allowed.setdefault(spot.key, set()).update(divisions)
            return True
        if self.dictionary.flags[spot.key] & F_ABBR_ONLY:
            return False
        others = set(rows) - divisions
        if not others:
            return False
        allowed.setdefault(spot.key, set()).update(others)
        return True

    def _qualify(self, key: int, area_key: int, allowed: dict[int, set[int]]) -> None:
        """Restrict ``key`` to the rows inside an area of ``area_key``, and ``area_key`` to those areas."""
        rows = sorted(allowed.get(key) or self._rows(key))
        area_rows = sorted(allowed.get(area_key) or self._rows(area_key))
        places = self._places([*rows, *area_rows])
        areas = [row for row in area_rows if level(places[row]) < BELOW or self._shape(places[row]) is not None]
        if not rows or not areas:
            return
        top = max(rows, key=lambda row: self.dictionary.places.prominence[row])
        inside: set[int] = set()
        containers: set[int] = set()
        for area in areas:
            area_level = level(places[area])
            if level(places[top]) <= area_level:
                continue  # peers: a list of names, not a qualification
            found = {row for row in rows if row != area and self._contains(places[area], places[row])}
            if found:
                inside |= found
                containers.add(area)
        if inside:
            allowed[key] = inside
            allowed[area_key] = containers

    def _contains(self, area: Place, place: Place) -> bool:
        return area_contains(area, place, self._shape(area) if level(area) == BELOW else None)

    def _shape(self, area: Place) -> Geometry | None:
        if area.id in self._shapes:
            return self._shapes[area.id]
        import shapely
        from shapely import wkb

        rows = self.index.shapes([area.id])
        shape = wkb.loads(rows[0][1]) if rows else None
        if shape is not None:
            shapely.prepare(shape)
        return self._shapes.put(area.id, shape)

    def _rows(self, key: int) -> list[int]:
        return [row for row, _ in self.dictionary.candidates(key)]

    def _is_main(self, key: int, row: int) -> bool:
        return any(main for candidate, main in self.dictionary.candidates(key) if candidate == row)

    def _places(self, rows: Iterable[int]) -> dict[int, Place]:
        ids = self.dictionary.places.ids
        rows = list(rows)
        found = self.places.get([ids[row] for row in rows])
        return {row: found[ids[row]] for row in rows}
