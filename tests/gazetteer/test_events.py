"""Events proposed from documents: date expressions and the place of the sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer.events import DEFAULT_RADIUS_KM, document_year, find_dates, propose_events
from gazetteer.records import Mention, Place, Point

SHUSHA = Place(585103, "Shusha", Point(46.74989, 39.76006), "P", "PPLA2", "AZ")
LACHIN_CORRIDOR = Place(900000003, "Lachin corridor", Point(46.45, 39.6), "R", "RD", radius_km=25.0)
AZERBAIJAN = Place(587116, "Azerbaijan", Point(47.5, 40.5), "A", "PCLI", "AZ")


@pytest.mark.parametrize(
    ("text", "expected", "explicit"),
    [
        ("On September 19, shelling resumed", dt.date(2023, 9, 19), False),
        ("It began on 19 September 2023 at dawn", dt.date(2023, 9, 19), True),
        ("Reported Sept. 12 by locals", dt.date(2023, 9, 12), False),
        ("Reported Sep 3rd, 2021 by locals", dt.date(2021, 9, 3), True),
        ("Published November 08,2021", dt.date(2021, 11, 8), True),
        ("Dated 2020-11-10 in the archive", dt.date(2020, 11, 10), True),
        ("the 4th of July", dt.date(2023, 7, 4), False),
    ],
)
def test_date_expressions(text: str, expected: dt.date, explicit: bool) -> None:
    (found,) = find_dates(text, default_year=2023)
    assert found.date == expected and found.explicit_year is explicit
    assert text[found.start : found.end].split()[0] in text


@pytest.mark.parametrize(
    "text", ["You may go", "February 30", "In 2023 alone", "Mayday 5", "2023-13-45", "Marching 12"]
)
def test_things_that_are_not_dates(text: str) -> None:
    assert find_dates(text, 2023) == []


def test_no_year_anywhere_means_no_date() -> None:
    assert find_dates("On September 19, shelling resumed") == []
    assert document_year("2023-09-19") == 2023 and document_year("") is None and document_year("n/a") is None


def mention(text: str, surface: str, place: Place, confidence: float = 0.9) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, place, confidence)


def test_a_dated_sentence_with_a_place_is_an_event() -> None:
    text = "Quiet week.\nOn September 19, shelling resumed near Shusha. Later talks."
    (event,) = propose_events(text, [mention(text, "Shusha", SHUSHA)], document_date="2023-02-01")
    assert (event.date, event.place_id, event.place_name, event.mention_n) == ("2023-09-19", 585103, "Shusha", 0)
    assert event.title == "On September 19, shelling resumed near Shusha."
    assert (event.lon, event.lat, event.radius_km, event.proposed) == (46.74989, 39.76006, DEFAULT_RADIUS_KM, True)


def test_areas_keep_their_extent_and_countries_do_not_locate_events() -> None:
    text = "On 12 December 2022 the Lachin corridor was closed, Azerbaijan said."
    mentions = [mention(text, "Azerbaijan", AZERBAIJAN), mention(text, "Lachin corridor", LACHIN_CORRIDOR)]
    mentions.sort(key=lambda m: m.start)
    (event,) = propose_events(text, mentions)
    assert event.place_id == LACHIN_CORRIDOR.id and event.radius_km == 25.0 and event.date == "2022-12-12"
    only_country = "On 12 December 2022 Azerbaijan said so."
    assert propose_events(only_country, [mention(only_country, "Azerbaijan", AZERBAIJAN)]) == []


def test_undated_sentences_unsure_places_and_repeats() -> None:
    text = "Shusha was calm. On May 5 Shusha was calm. On May 5 Shusha was calm again."
    starts = [i for i in range(len(text)) if text.startswith("Shusha", i)]
    mentions = [Mention(s, s + 6, "Shusha", SHUSHA, 0.9) for s in starts]
    events = propose_events(text, mentions, document_date="2024-01-01")
    assert [(e.date, e.mention_n) for e in events] == [("2024-05-05", 1)]
    unsure = [Mention(s, s + 6, "Shusha", SHUSHA, 0.1) for s in starts]
    assert propose_events(text, unsure, document_date="2024-01-01") == []
    assert propose_events(text, mentions) == []
