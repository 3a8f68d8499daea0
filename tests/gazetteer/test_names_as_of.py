"""A place's name as of a date: periods at their precision, languages, names with no period, renamed places."""

from __future__ import annotations

import pytest

from gazetteer.errors import InvalidInput
from gazetteer.gazetteer import Gazetteer
from gazetteer.names_as_of import current_name, in_period, name_as_of, names_then, period_label, renamed
from gazetteer.records import Name, Place, Point

TOWN = Place(
    1,
    "Khankendi",
    Point(46.75, 39.82),
    names=(
        Name("Xankəndi", "az", preferred=True),
        Name("Khankendi", "en", preferred=True),
        Name("Khankendy", "en"),
        Name("Stepanakert", "en", historic=True, start="1923", end="2023"),
        Name("Ստեփանակերտ", "hy", historic=True, start="1923", end="2023"),
        Name("Степанакерт", "ru", historic=True, start="1923", end="2023"),
        Name("Ханкенди", "ru"),
    ),
)
"""A town renamed twice (our own sample, shaped like the overlay's record)."""
VILLAGE = Place(
    2,
    "Laçın",
    Point(46.55, 39.64),
    names=(
        Name("Lachin", "en", preferred=True),
        Name("Abdallar", "en", historic=True),  # an old name with no period: never current
        Name("Berdzor", "hy", historic=True, start="1992-05", end="2020-12-01"),
        Name("Լաչին", "hy", start="2020-12-02"),
        Name("Spring name", "en", start="1999", end="1999"),
        Name("Bad period", "en", start="circa 1800", end="later"),
    ),
)


@pytest.mark.parametrize(
    ("date", "lang", "text", "period"),
    [
        ("2021-05-01", "en", "Stepanakert", "1923–2023"),
        ("2023-12-31", "en", "Stepanakert", "1923–2023"),  # "to 2023" holds all of 2023
        ("2024-01-01", "en", "Khankendi", ""),
        ("1923-01-01", "en", "Stepanakert", "1923–2023"),
        ("1922-12-31", "en", "Khankendi", ""),
        ("2021-05-01", "ru", "Степанакерт", "1923–2023"),
        ("2024-01-01", "ru", "Ханкенди", ""),  # no preferred Russian name: the first current one
        ("2021-05-01", "hy", "Ստեփանակերտ", "1923–2023"),
        ("2024-01-01", "hy", "Khankendi", ""),  # no Armenian name then: the main name
        ("2021-05-01", "az", "Xankəndi", ""),
        ("2021-05-01", "EN", "Stepanakert", "1923–2023"),
    ],
)
def test_the_name_in_use_at_a_date(date: str, lang: str, text: str, period: str) -> None:
    found = name_as_of(TOWN, date, lang)
    assert (found.text, found.period, found.date, found.place_id) == (text, period, date, 1)


def test_bounds_hold_at_their_own_precision() -> None:
    berdzor = VILLAGE.names[2]
    assert not in_period(berdzor, "1992-04-30") and in_period(berdzor, "1992-05-01")
    assert in_period(berdzor, "2020-12-01") and not in_period(berdzor, "2020-12-02")
    assert name_as_of(VILLAGE, "2020-12-02", "hy").text == "Լաչին"
    assert name_as_of(VILLAGE, "2005-06-01", "hy").text == "Berdzor"


def test_periods_for_display() -> None:
    assert [period_label(name) for name in VILLAGE.names] == ["", "", "1992-05–2020-12-01", "from 2020-12-02",
                                                             "1999–1999", ""]  # fmt: skip
    assert period_label(Name("Old", end="2023")) == "until 2023"


def test_a_name_with_no_period_is_current_unless_historic() -> None:
    assert current_name(VILLAGE, "en").text == "Lachin"
    assert name_as_of(VILLAGE, "1999-06-01").text == "Spring name"
    assert name_as_of(VILLAGE, "1800-06-01").text == "Lachin"  # a period that is no year is no period
    assert current_name(VILLAGE, "fr").text == "Laçın"


def test_renamed_only_when_another_name_of_that_time() -> None:
    then = renamed(TOWN, "2021-05-01")
    assert then is not None and (then.text, then.year, then.period) == ("Stepanakert", "2021", "1923–2023")
    assert renamed(TOWN, "2024-01-01") is None and renamed(TOWN, "2021-05-01", "az") is None
    assert renamed(VILLAGE, "2015-01-01") is None  # Lachin is not the main name, but no name of that time either
    asked = [(1, "2021-05-01"), (1, "2024-01-01"), (2, "2015-01-01"), (3, "2021-05-01"), (1, "")]
    found = names_then({1: TOWN, 2: VILLAGE}, asked)
    assert list(found) == [(1, "2021-05-01")]


def test_a_bad_date_is_invalid_input() -> None:
    for date in ("", "2021-13-01", "yesterday"):
        with pytest.raises(InvalidInput):
            name_as_of(TOWN, date)


@pytest.mark.parametrize(
    ("place_id", "date", "lang", "text"),
    [
        (146970, "2021-05-01", "en", "Stepanakert"),
        (146970, "2024-01-01", "en", "Khankendi"),
        (147625, "2015-01-01", "hy", "Berdzor"),
        (147105, "2015-01-01", "hy", "Shushi"),
        (147105, "2022-01-01", "en", "Shusha"),
    ],
)
def test_the_overlays_renamed_places(gazetteer: Gazetteer, place_id: int, date: str, lang: str, text: str) -> None:
    assert name_as_of(gazetteer.place(place_id), date, lang).text == text
