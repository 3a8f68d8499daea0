"""Popups and the document view name a place also as it was called at its document's date."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from htmlcheck import bound_html, parse
from storedata import HOSTILE, FakeGazetteer, mentions_of

from gazetteer.application import GazetteerAPI
from gazetteer.documents import Document, StoredMention
from gazetteer.ingest import new_document
from gazetteer.map_data import MapData
from gazetteer.names_as_of import name_as_of
from gazetteer.records import Name, Place, Point
from gazetteer.settings import load_settings
from gazetteer.store import open_store
from maps.document_page import render_document
from maps.html import names_then_label
from maps.mention_map import build_map, render_html
from service.app import create_app

TOWN = Place(
    146970,
    "Khankendi",
    Point(46.7528, 39.8177),
    "P",
    "PPLA",
    "AZ",
    names=(Name("Khankendi", "en", preferred=True), Name("Stepanakert", "en", historic=True, start="1923", end="2023")),
)
"""Our sample of a renamed town, its names as the overlay gives them."""
SPRING = Document(1, "Buses reached Khankendi at noon.", "Spring report", "2021-05-01")
WINTER = Document(2, "Snow closed the road to Khankendi.", "Winter report", "2024-01-10")
LABEL = "Khankendi — in 2021: Stepanakert (1923–2023)"


def test_the_label_names_each_year_once() -> None:
    spring, summer = name_as_of(TOWN, "2021-05-01"), name_as_of(TOWN, "2021-08-01")
    assert names_then_label("Khankendi", [spring, summer]) == LABEL
    earlier = name_as_of(TOWN, "2019-02-03")
    assert names_then_label("Khankendi", [spring, earlier]).endswith("in 2019: Stepanakert (1923–2023); in 2021: "
                                                                     "Stepanakert (1923–2023)")  # fmt: skip


def _popup(data: MapData) -> str:
    return next(p for p in bound_html(render_html(build_map(data))) if 'data-place-id="146970"' in p)


def _stored(document: Document) -> list[StoredMention]:
    start = document.text.index("Khankendi")
    return [StoredMention(document.id, 0, start, start + 9, "Khankendi", TOWN.id, TOWN.name, TOWN.lon, TOWN.lat,
                          "PPLA", "AZ", 0.9, document.text, 0)]  # fmt: skip


def test_popup_shows_the_name_at_the_documents_date() -> None:
    mentions = _stored(SPRING) + _stored(WINTER)
    then = {(TOWN.id, "2021-05-01"): name_as_of(TOWN, "2021-05-01")}
    dates = {1: "2021-05-01", 2: "2024-01-10"}
    popup = parse(_popup(MapData(mentions, dates=dates, names_then=then)))
    assert LABEL in popup.text and ("p", {"class": "names-then"}) in popup.tags
    assert "names-then" not in _popup(MapData(mentions, dates=dates))


def test_the_name_then_is_escaped() -> None:
    hostile = Place(TOWN.id, f"{HOSTILE}", TOWN.point, names=(Name(HOSTILE, "en", start="1990", end="2000"),))
    then = {(TOWN.id, "1995-01-01"): name_as_of(hostile, "1995-01-01")}
    mentions = [replace(m, place_name=HOSTILE) for m in _stored(SPRING)]
    popup = _popup(MapData(mentions, dates={1: "1995-01-01"}, names_then=then))
    assert HOSTILE not in popup and "&lt;script&gt;alert(1)&lt;/script&gt; — in 1995: &lt;script&gt;" in popup


def test_document_view_lists_the_name_then() -> None:
    then = {TOWN.id: name_as_of(TOWN, SPRING.date)}
    page = parse(render_document(SPRING, _stored(SPRING), names_then=then))
    assert "Khankendi (1) — in 2021: Stepanakert (1923–2023)" in page.text
    assert "Stepanakert" not in render_document(SPRING, _stored(SPRING))


@pytest.fixture
def api(tmp_path: Path) -> Iterator[GazetteerAPI]:
    settings = load_settings(tmp_path)
    with open_store(settings.store_path) as store:
        for document in (SPRING, WINTER):
            mentions = mentions_of(document.text, [("Khankendi", TOWN)])
            store.add_document(new_document(document.text, mentions, title=document.title, date=document.date))
    with GazetteerAPI(settings, gazetteer=FakeGazetteer([TOWN])) as opened:  # type: ignore[arg-type]
        yield opened


def test_map_data_carries_dates_and_names_then(api: GazetteerAPI) -> None:
    data = api.map_data()
    assert data.dates == {1: "2021-05-01", 2: "2024-01-10"}
    assert (
        list(data.names_then) == [(TOWN.id, "2021-05-01")]
        and data.names_then[TOWN.id, "2021-05-01"].text == "Stepanakert"
    )
    assert [(p.date, p.mentions) for p in data.timeline] == [("2021-05-01", 1), ("2024-01-10", 1)]
    assert api.names_then([TOWN.id], "2021-05-01")[TOWN.id].period == "1923–2023"
    assert api.names_then([TOWN.id], "2024-01-10") == {} and api.names_then([TOWN.id], "") == {}


def test_served_map_and_document_show_the_name_then(tmp_path: Path, api: GazetteerAPI) -> None:
    app = create_app(api.settings, gazetteer=FakeGazetteer([TOWN]))  # type: ignore[arg-type]
    with TestClient(app) as client:
        popup = next(p for p in bound_html(client.get("/map").text) if 'data-place-id="146970"' in p)
        assert LABEL in parse(popup).text
        spring = parse(client.get("/documents/1", params={"format": "html"}).text).text
        winter = parse(client.get("/documents/2", params={"format": "html"}).text).text
    assert "in 2021: Stepanakert (1923–2023)" in spring and "Stepanakert" not in winter
