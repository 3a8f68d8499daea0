"""A place with the places above it, named in the reader's languages: what both dialects label and address.

``Shusha`` alone tells a reader little; ``Shusha, Shusha District,
Azerbaijan`` is what Pelias calls a ``label`` and Nominatim a
``display_name``.  The places above are followed up the ``parent_id`` links
(district, province, country), each read once per answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gazetteer.errors import NotFound
from gazetteer.index import COUNTRY_CODES
from gazetteer.public import name_in
from gazetteer.records import Place
from geo.bbox import Box, circle_boxes

MAX_DEPTH = 6
"""Most places followed up from a place (district, province, country, with room for deeper divisions)."""
POINT_EXTENT_KM = 2.0
"""Half the side of the box given for a place without an extent (a town known by its point)."""
MAX_IDS = 50
"""Most ids one lookup by ids (Pelias ``/v1/place``, Nominatim ``/lookup``) may name."""
MAX_LIST = 2000
"""Longest list a dialect's parameter may give (ids, countries, languages, a box), in characters."""
MAX_LANGUAGES = 8
"""Most languages read from an ``Accept-Language`` value."""


@dataclass(frozen=True, slots=True)
class Situated:
    """A place, the places enclosing it, and the languages to name them in."""

    place: Place
    """The place answered."""
    above: tuple[Place, ...] = ()
    """The places enclosing it, nearest first: district, province, country."""
    languages: tuple[str, ...] = ()
    """Languages to name places in, the most wanted first (ISO 639 codes); the main names otherwise."""

    @property
    def name(self) -> str:
        """The place's name in the wanted languages."""
        return name_in(self.place, self.languages)

    def chain(self) -> tuple[Place, ...]:
        """The place, then the places above it."""
        return (self.place, *self.above)

    def country(self) -> Place | None:
        """The country the place is (or lies in), when the chain reaches one."""
        return next((p for p in self.chain() if p.feature_code in COUNTRY_CODES), None)

    def label(self) -> str:
        """``Shusha, Shusha District, Azerbaijan``: the names of the chain, each once."""
        names: list[str] = []
        for place in self.chain():
            name = name_in(place, self.languages)
            if name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        return ", ".join(names)


def situate(places: Iterable[Place], fetch: Callable[[int], Place], languages: tuple[str, ...]) -> list[Situated]:
    """Each place with the places above it, read with ``fetch`` (a place by id), each id once."""
    memo: dict[int, Place | None] = {}
    return [Situated(place, _above(place, fetch, memo), languages) for place in places]


def _above(place: Place, fetch: Callable[[int], Place], memo: dict[int, Place | None]) -> tuple[Place, ...]:
    found: list[Place] = []
    seen = {place.id}
    parent_id = place.parent_id
    while parent_id and parent_id not in seen and len(found) < MAX_DEPTH:
        if parent_id not in memo:
            memo[parent_id] = _fetched(fetch, parent_id)
        parent = memo[parent_id]
        if parent is None:
            break
        found.append(parent)
        seen.add(parent_id)
        parent_id = parent.parent_id
    return tuple(found)


def existing(ids: Iterable[int], fetch: Callable[[int], Place]) -> list[Place]:
    """The places of ``ids`` that ``fetch`` finds, in order (lookups by ids leave unknown ones out)."""
    return [place for place in (_fetched(fetch, place_id) for place_id in ids) if place is not None]


def _fetched(fetch: Callable[[int], Place], place_id: int) -> Place | None:
    try:
        return fetch(place_id)
    except NotFound:
        return None


def languages_of(accepted: str | None) -> tuple[str, ...]:
    """The primary language codes of an ``Accept-Language`` value (or a plain list), most wanted first.

    >>> languages_of("ru-RU,ru;q=0.9,en;q=0.8,*;q=0.5")
    ('ru', 'en')
    >>> languages_of("az, hy")
    ('az', 'hy')
    """
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate((accepted or "").split(",")[: MAX_LANGUAGES * 4]):
        tag, *params = part.split(";")
        primary = tag.strip().split("-")[0].lower()
        quality = _quality(params)
        if primary.isascii() and primary.isalpha() and 2 <= len(primary) <= 3 and quality > 0:
            weighted.append((-quality, position, primary))
    ordered = [primary for _, _, primary in sorted(weighted)]
    return tuple(dict.fromkeys(ordered))[:MAX_LANGUAGES]


def _quality(params: list[str]) -> float:
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "q":
            try:
                return min(1.0, max(0.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0


def extent(place: Place) -> Box:
    """(west, south, east, north) of a box holding the place's extent (a small box around a point)."""
    boxes = circle_boxes(place.lon, place.lat, max(place.radius_km, POINT_EXTENT_KM))
    if len(boxes) == 1:
        return boxes[0]
    return (-180.0, boxes[0][1], 180.0, boxes[0][3])
