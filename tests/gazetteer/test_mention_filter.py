"""A place's mentions bounded by their documents' dates and sorted by them, the same on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storebackends import store_target_fixture  # noqa: F401  (fixture)

from gazetteer.errors import InvalidInput
from gazetteer.ingest import new_document
from gazetteer.mention_filter import MentionFilter, MentionOrder
from gazetteer.records import Mention, Place, Point
from gazetteer.store import DocumentStore, open_store

TOWN = Place(146970, "Khankendi", Point(46.7528, 39.8177), "P", "PPLA", "AZ")
OTHER = Place(587084, "Baku", Point(49.89201, 40.37767), "P", "PPLC", "AZ")
DOCUMENTS = [  # (date, text): stored in this order, ids 1..5
    ("2023-09-20", "Khankendi and Baku, then Khankendi again."),
    ("", "An undated note on Khankendi."),
    ("2021-05-01", "A spring report from Khankendi."),
    ("2023-09-20", "Same day, Khankendi once."),
    ("2022-01-15", "Baku only."),
]


def _mentions(text: str) -> list[Mention]:
    found, position = [], 0
    for word in ("Khankendi", "Baku"):
        position = 0
        while (start := text.find(word, position)) >= 0:
            found.append(Mention(start, start + len(word), word, TOWN if word == "Khankendi" else OTHER, 0.9))
            position = start + len(word)
    return sorted(found, key=lambda m: m.start)


@pytest.fixture
def store(store_target: Path | str) -> Iterator[DocumentStore]:
    with open_store(store_target) as opened:
        for date, text in DOCUMENTS:
            opened.add_document(new_document(text, _mentions(text), date=date))
        yield opened


def listed(store: DocumentStore, selection: MentionFilter | None = None, limit: int = 100) -> list[tuple[int, int]]:
    return [(m.document_id, m.n) for m in store.place_mentions(TOWN.id, limit, 0, selection)]


def test_default_order_is_by_document_then_position(store: DocumentStore) -> None:
    expected = [(1, 0), (1, 2), (2, 0), (3, 0), (4, 0)]
    assert listed(store) == listed(store, MentionFilter()) == expected


def test_dates_bound_the_documents_inclusively(store: DocumentStore) -> None:
    assert listed(store, MentionFilter("2023-09-20")) == [(1, 0), (1, 2), (4, 0)]
    assert listed(store, MentionFilter("", "2021-05-01")) == [(3, 0)]
    assert listed(store, MentionFilter("2021-05-01", "2023-09-20")) == [(1, 0), (1, 2), (3, 0), (4, 0)]
    assert listed(store, MentionFilter("2021-05-02", "2023-09-19")) == []
    assert listed(store, MentionFilter("2024-01-01")) == []


def test_sorted_by_date_oldest_or_newest_first_undated_last(store: DocumentStore) -> None:
    assert listed(store, MentionFilter(sort=MentionOrder.OLDEST)) == [(3, 0), (1, 0), (1, 2), (4, 0), (2, 0)]
    assert listed(store, MentionFilter(sort=MentionOrder.NEWEST)) == [(4, 0), (1, 0), (1, 2), (3, 0), (2, 0)]
    newest = MentionFilter("2022-01-01", sort=MentionOrder.NEWEST)
    assert listed(store, newest) == [(4, 0), (1, 0), (1, 2)] and listed(store, newest, limit=1) == [(4, 0)]
    assert [(m.document_id, m.n) for m in store.place_mentions(TOWN.id, 2, 1, newest)] == [(1, 0), (1, 2)]


def test_bad_filters_are_invalid_input(store: DocumentStore) -> None:
    for bad in (MentionFilter("2023-02-30"), MentionFilter("2024-01-01", "2023-01-01"), MentionFilter(sort="up")):  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            store.place_mentions(TOWN.id, 10, 0, bad)


def test_document_dates_and_the_timeline(store: DocumentStore) -> None:
    from gazetteer.map_query import MapFilter

    assert store.document_dates([1, 2, 3, 99]) == {1: "2023-09-20", 3: "2021-05-01"}
    rows = [(p.date, p.place_id, p.mentions) for p in store.map_timeline(MapFilter(), 100)]
    assert rows == [("2021-05-01", TOWN.id, 1), ("2022-01-15", OTHER.id, 1), ("2023-09-20", TOWN.id, 3),
                    ("2023-09-20", OTHER.id, 1)]  # fmt: skip
    assert [p.date for p in store.map_timeline(MapFilter(), 2)] == ["2023-09-20", "2023-09-20"]  # the newest
    assert [p.date for p in store.map_timeline(MapFilter(date_to="2022-12-31"), 100)] == ["2021-05-01", "2022-01-15"]
    assert store.map_timeline(MapFilter(document_ids=(2,)), 100) == []
