"""The publication date of a text from its header: the forms, the plausible dates, the header's bounds, ingest."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from gazetteer.application import GazetteerAPI
from gazetteer.batch.inputs import InputDocument, checked
from gazetteer.dates import (
    AZERBAIJANI_MONTHS,
    ENGLISH_MONTHS,
    HEADER_CHARS,
    HEADER_LINES,
    RUSSIAN_MONTHS,
    header,
    publication_date,
)
from gazetteer.gazetteer import Gazetteer
from gazetteer.idempotency import fingerprint
from gazetteer.records import Mention, Place, Point
from gazetteer.settings import load_settings

TODAY = dt.date(2024, 6, 1)
BAKU = Place(587084, "Baku", Point(49.89201, 40.37767), "P", "PPLC", "AZ")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2023-09-19", "2023-09-19"),
        ("Filed 2023-09-19T08:30Z by our desk", "2023-09-19"),
        ("19 September 2023", "2023-09-19"),
        ("Tuesday, 19th of September, 2023", "2023-09-19"),
        ("September 19, 2023", "2023-09-19"),
        ("Sept. 19, 2023", "2023-09-19"),
        ("SEP 19 2023 — wire copy", "2023-09-19"),
        ("19.09.2023", "2023-09-19"),
        ("5.3.2021 Баку", "2021-03-05"),
        ("Баку, 19 сентября 2023 г.", "2023-09-19"),
        ("Сентябрь 19, 2023", "2023-09-19"),
        ("1 мая 2022 года", "2022-05-01"),
        ("7 февр. 2020", "2020-02-07"),
        ("19 sentyabr 2023-cü il", "2023-09-19"),
        ("Bakı, 3 İyun 2022", "2022-06-03"),
        ("2023-cü il sentyabrın 19-u", "2023-09-19"),
        ("2022-Cİ İL İYUNUN 3-Ü", "2022-06-03"),
        ("2021-ci il 12 noyabr", "2021-11-12"),
    ],
)
def test_each_date_form_is_read(text: str, date: str) -> None:
    assert publication_date(f"{text}\nThe text of the report begins here.", TODAY) == date


@pytest.mark.parametrize(
    "text",
    [
        "31.02.2023",  # no such day
        "30 February 2023",
        "2023-13-01",
        "19 September 1899",  # before 1900
        "2024-06-02",  # after today
        "June 2, 2024",
        "19 Septembre 2023",  # not a month name we know
        "119 Sep 2023",
        "19.09.20231",
        "ref 12023-09-19",
    ],
)
def test_implausible_or_unknown_dates_are_not_taken(text: str) -> None:
    assert publication_date(f"{text}\nNo other date here.", TODAY) == ""


def test_a_plausible_date_after_an_implausible_one_is_taken() -> None:
    assert publication_date("Planned for 2030-01-01, reported 12 May 2023.", TODAY) == "2023-05-12"


def test_the_first_date_of_the_header_wins() -> None:
    assert publication_date("Updated 20.09.2023; first published September 19, 2023", TODAY) == "2023-09-20"


def test_today_defaults_to_the_latest_calendar_on_earth() -> None:
    today = dt.datetime.now(dt.UTC).date()
    assert publication_date(today.isoformat()) == today.isoformat()
    assert publication_date((today + dt.timedelta(days=2)).isoformat()) == ""


def test_a_date_past_the_header_lines_is_not_read() -> None:
    lines = [f"Line {n} of the header" for n in range(HEADER_LINES)]
    text = "\n\n".join([*lines, "2023-09-19"])
    assert publication_date(text, TODAY) == ""
    assert publication_date("\n\n".join([*lines[:-1], "2023-09-19"]), TODAY) == "2023-09-19"


def test_a_date_past_the_header_characters_is_not_read() -> None:
    assert publication_date("x" * HEADER_CHARS + " 2023-09-19", TODAY) == ""
    assert publication_date("x" * (HEADER_CHARS - 11) + " 2023-09-19", TODAY) == "2023-09-19"
    assert len(header("word " * 200)) == HEADER_CHARS


def test_month_tables_follow_their_sources() -> None:
    assert all(ENGLISH_MONTHS[calendar.month_name[m].lower()] == m for m in range(1, 13))
    assert ENGLISH_MONTHS["sept"] == 9 and ENGLISH_MONTHS["sep"] == 9
    months: dict[str, set[int]] = {}
    for table in (ENGLISH_MONTHS, RUSSIAN_MONTHS, AZERBAIJANI_MONTHS):
        for name, month in table.items():
            months.setdefault(name, set()).add(month)
    assert all(len(found) == 1 for found in months.values())  # a name shared by two languages means one month
    babel = pytest.importorskip("babel.dates")
    for locale, table in (("ru", RUSSIAN_MONTHS), ("az", AZERBAIJANI_MONTHS)):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, name in babel.get_month_names(width, context, locale).items():
                    assert table[name.rstrip(".").lower()] == month, (locale, name)


class OneMention:
    """A geoparser that finds Baku."""

    def parse(self, text: str, language: str | None = None, guidance: object = None) -> list[Mention]:
        return [Mention(m.start(), m.end(), "Baku", BAKU, 0.9) for m in re.finditer("Baku", text)]


DATELINE = "Baku, 19 September 2023\nTalks in Baku went on."


def test_ingest_takes_a_missing_date_from_the_header(tmp_path: Path, gazetteer: Gazetteer) -> None:
    with GazetteerAPI(load_settings(tmp_path), gazetteer=gazetteer, parser=OneMention()) as api:
        assert api.ingest(DATELINE).date == "2023-09-19"
        assert api.ingest(DATELINE, date="2024-01-02").date == "2024-01-02"  # the caller's date stands
        assert api.add_document(DATELINE, OneMention().parse(DATELINE)).date == "2023-09-19"
        assert api.ingest("Talks in Baku went on.").date == ""


def test_keyed_ingest_fills_the_date_and_replays(tmp_path: Path, gazetteer: Gazetteer) -> None:
    with GazetteerAPI(load_settings(tmp_path), gazetteer=gazetteer, parser=OneMention()) as api:
        first = api.ingest_once("key-1", DATELINE)
        again = api.ingest_once("key-1", DATELINE)
        parsed = api.add_document_once("key-2", DATELINE, OneMention().parse(DATELINE))
        assert first.document.date == "2023-09-19" and parsed.document.date == "2023-09-19"
        assert again.replayed and again.document == first.document
        row = api.store.db.execute("SELECT fingerprint FROM idempotency_keys WHERE key = 'key-1'").fetchone()  # type: ignore[attr-defined]
    assert row[0] == fingerprint(DATELINE, "", "", "", "fast")  # computed on the caller's fields


def test_batch_inputs_fill_a_missing_date() -> None:
    found = checked(json.loads(json.dumps({"id": 1, "text": DATELINE})), "news.jsonl", "news.jsonl:1")
    given = checked({"id": 2, "text": DATELINE, "date": "2024-01-02"}, "news.jsonl", "news.jsonl:2")
    assert isinstance(found, InputDocument) and found.date == "2023-09-19"
    assert isinstance(given, InputDocument) and given.date == "2024-01-02"
