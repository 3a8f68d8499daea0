"""A place's name as of a date: the one in use then in a language, with its period of use.

Names carry periods (GeoNames ``from``/``to``, the overlay's citations): a
year, a year and month, or a date, each bound inclusive at its own precision
(``to: 2023`` holds all of 2023).  The name in use at a date, in a language,
is the preferred (else the first) name of that language whose period contains
the date; failing one, the preferred (else the first) current name of the
language that has no period; failing that, the place's main name.

    >>> from gazetteer.records import Name, Place, Point
    >>> town = Place(1, "Khankendi", Point(46.75, 39.82), names=(Name("Khankendi", "en", preferred=True),
    ...     Name("Stepanakert", "en", historic=True, start="1923", end="2023")))
    >>> found = name_as_of(town, "2021-05-01")
    >>> found.text, found.period
    ('Stepanakert', '1923–2023')
    >>> name_as_of(town, "2024-01-01").text
    'Khankendi'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gazetteer.errors import InvalidInput
from gazetteer.limits import check_date
from gazetteer.records import Name, Place

DEFAULT_LANGUAGE = "en"
"""The language of a name as of a date when the caller names none."""
_BOUND = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
"""A period bound: a year, a year and month, or a date (ISO 8601)."""


@dataclass(frozen=True, slots=True)
class NameAsOf:
    """The name a place went by at a date, in one language."""

    place_id: int
    """The place."""
    date: str
    """The date asked about, ISO 8601."""
    lang: str
    """The language asked for (ISO 639-1)."""
    name: Name
    """The name in use then (a record of the place's names, or its main name as a bare ``Name``)."""
    period: str
    """When the name was in use, for display: ``1923–2023``, ``from 1923``, ``until 2023``; ``""`` for no period."""

    @property
    def text(self) -> str:
        """The name as written."""
        return self.name.text

    @property
    def year(self) -> str:
        """The year of the date asked about."""
        return self.date[:4]


def bounds(name: Name) -> tuple[str, str]:
    """(start, end) of the name's period, each ``""`` when unknown or not a year, month or date."""
    return tuple(bound if _BOUND.match(bound) else "" for bound in (name.start.strip(), name.end.strip()))  # type: ignore[return-value]


def has_period(name: Name) -> bool:
    """Whether the name has a known start or end."""
    return any(bounds(name))


def in_period(name: Name, date: str) -> bool:
    """Whether the ISO ``date`` lies within the name's period, each bound at its own precision, inclusive."""
    start, end = bounds(name)
    return (not start or date[: len(start)] >= start) and (not end or date[: len(end)] <= end)


def period_label(name: Name) -> str:
    """``1923–2023``, ``from 1923``, ``until 2023``, or ``""`` when the name has no period."""
    start, end = bounds(name)
    if start and end:
        return f"{start}–{end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else ""


def name_as_of(place: Place, date: str, lang: str = DEFAULT_LANGUAGE) -> NameAsOf:
    """The place's name in use at the ISO ``date`` in ``lang`` (see the module); ``InvalidInput`` for a bad date."""
    day = check_date(date)
    if not day:
        raise InvalidInput("give the date to name the place as of, like 2021-05-01")
    names = _in_language(place, lang)
    dated = [name for name in names if has_period(name) and in_period(name, day)]
    chosen = _preferred(dated) or current_name(place, lang)
    return NameAsOf(place.id, day, lang.lower(), chosen, period_label(chosen))


def current_name(place: Place, lang: str = DEFAULT_LANGUAGE) -> Name:
    """The place's name in ``lang`` that has no period and is not historic (the preferred one, else the first),
    else its main name as a bare ``Name``."""
    timeless = [name for name in _in_language(place, lang) if not has_period(name) and not name.historic]
    return _preferred(timeless) or Name(place.name, source=place.source)


def _in_language(place: Place, lang: str) -> list[Name]:
    wanted = lang.lower()
    return [name for name in place.names if name.lang.lower() == wanted]


def _preferred(names: list[Name]) -> Name | None:
    """The preferred one of ``names``, else the first; ``None`` for none."""
    return next((name for name in names if name.preferred), names[0] if names else None)


def has_dated_name(place: Place, lang: str = DEFAULT_LANGUAGE) -> bool:
    """Whether the place has a name in ``lang`` with a period: only such a place may be renamed at a date."""
    return any(has_period(name) for name in _in_language(place, lang))


def renamed(place: Place, date: str, lang: str = DEFAULT_LANGUAGE) -> NameAsOf | None:
    """The place's name at ``date`` when it is a name of that time (it has a period) other than both its main
    name and its current name in ``lang``: ``Stepanakert`` for Khankendi in 2021; ``None`` otherwise."""
    found = name_as_of(place, date, lang)
    if not found.period or found.text in (place.name, current_name(place, lang).text):
        return None
    return found


def names_then(
    places: Mapping[int, Place], wanted: Iterable[tuple[int, str]], lang: str = DEFAULT_LANGUAGE
) -> dict[tuple[int, str], NameAsOf]:
    """The names other than their main and current ones (``renamed``) that places had at dates, by
    (place id, ISO date); pairs of an unknown place or with no date are left out."""
    found: dict[tuple[int, str], NameAsOf] = {}
    dated: dict[int, bool] = {}
    for place_id, date in set(wanted):
        place = places.get(place_id)
        if place is None or not date:
            continue
        if place_id not in dated:  # most places have no name with a period: nothing to look up at any date
            dated[place_id] = has_dated_name(place, lang)
        then = renamed(place, date, lang) if dated[place_id] else None
        if then is not None:
            found[place_id, date] = then
    return found
