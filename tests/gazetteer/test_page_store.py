"""Web pages kept beside their documents, on every backend: ingest, the page read back, all or nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from storebackends import on_store, store_target_fixture  # noqa: F401  (fixtures)
from webpages import AUTHOR, DATE, NAVIGATION_ONLY, TITLE, URL, news_page

from gazetteer.application import GazetteerAPI
from gazetteer.documents import NewDocument, StoredPage
from gazetteer.errors import InvalidInput, NotFound
from gazetteer.gazetteer import Gazetteer
from gazetteer.idempotency import KeyReused
from gazetteer.records import Mention, Place, Point
from gazetteer.settings import load_settings
from gazetteer.store import document_table, postgres_rows
from gazetteer.web_page import extract_page

PLACES = {
    "Lachin": Place(147622, "Lachin", Point(46.5498, 39.6395), "P", "PPLA2", "AZ"),
    "Goris": Place(616629, "Goris", Point(46.3385, 39.5111), "P", "PPLA2", "AM"),
    "Baku": Place(587084, "Baku", Point(49.89201, 40.37767), "P", "PPLC", "AZ"),
}


class FakeParser:
    """Mentions of the few names above, as a geoparser would return them."""

    def parse(self, text: str, language: str | None = None, guidance: object = None) -> list[Mention]:
        pattern = "|".join(map(re.escape, PLACES))
        return [Mention(m.start(), m.end(), m.group(), PLACES[m.group()], 0.9) for m in re.finditer(pattern, text)]


@pytest.fixture
def api(tmp_path: Path, store_target: Path | str, gazetteer: Gazetteer) -> GazetteerAPI:
    """The application layer over a fresh store of each backend, the session's gazetteer and the names above."""
    return GazetteerAPI(on_store(load_settings(tmp_path), store_target), gazetteer=gazetteer, parser=FakeParser())


def test_a_page_is_stored_as_its_main_text_with_the_page_beside_it(api: GazetteerAPI) -> None:
    html = news_page()
    document = api.ingest_page(html.encode(), file_name="bridge.html")
    assert document.text == extract_page(html).text and "Subscribe" not in document.text
    assert (document.title, document.date, document.source) == (TITLE, DATE, URL)
    assert api.document(document.id) == document
    mentions = api.document_mentions(document.id)
    assert [m.surface for m in mentions] == ["Lachin", "Goris", "Baku"]
    for m in mentions:
        assert document.text[m.start : m.end] == m.surface
    assert api.page(document.id) == StoredPage(document.id, html, URL, AUTHOR)


def test_the_callers_fields_come_first_and_the_file_name_last(api: GazetteerAPI) -> None:
    given = api.ingest_page(news_page(), title="Mine", date="2024-01-02", source="courier", file_name="x.html")
    assert (given.title, given.date, given.source) == ("Mine", "2024-01-02", "courier")
    bare = api.ingest_page(news_page(url="", date=""), file_name="bridge.html")
    assert (bare.source, bare.date) == ("bridge.html", "")


def test_a_text_has_no_page_and_an_unknown_document_neither(api: GazetteerAPI) -> None:
    text = api.ingest("Talks in Baku went on.")
    with pytest.raises(NotFound, match="given as text"):
        api.page(text.id)
    with pytest.raises(NotFound, match="no document with id 99"):
        api.page(99)
    with pytest.raises(InvalidInput):
        api.page(0)


def test_a_page_that_cannot_be_read_stores_nothing(api: GazetteerAPI) -> None:
    for bad in (NAVIGATION_ONLY, "Talks in Baku.", b""):
        with pytest.raises(InvalidInput):
            api.ingest_page(bad)
    with pytest.raises(InvalidInput, match="date"):
        api.ingest_page(news_page(), date="yesterday")
    assert api.count_documents() == 0


def test_a_failed_page_row_takes_its_document_with_it(api: GazetteerAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(document_table, "insert_page", refuse)
    monkeypatch.setattr(postgres_rows, "insert_page", refuse)
    with pytest.raises(RuntimeError, match="disk full"):
        api.ingest_page(news_page())
    assert api.count_documents() == 0 and api.store.mentions_of([1]) == []


def test_the_store_round_trips_a_page(api: GazetteerAPI) -> None:
    page = StoredPage(0, "<p>Robert'); DROP TABLE pages;-- \ufffd Şuşa</p>", "https://x.example/a", "Ə. Həsənov")
    new = NewDocument("Talks in Baku.", "", "", "", (), (), page=page)
    document = api.store.add_document(new)
    assert api.store.page(document.id) == StoredPage(document.id, page.html, page.url, page.author)
    without = api.store.add_document(NewDocument("Talks in Goris.", "", "", "", (), ()))
    with pytest.raises(NotFound):
        api.store.page(without.id)


def test_a_retried_page_with_its_key_is_stored_once(api: GazetteerAPI) -> None:
    first = api.ingest_page_once("page-1", news_page())
    again = api.ingest_page_once("page-1", news_page().encode())
    assert not first.replayed and again.replayed and again.document == first.document
    with pytest.raises(KeyReused):
        api.ingest_page_once("page-1", news_page(author="Someone Else"))
    with pytest.raises(KeyReused):
        api.ingest_page_once("page-1", news_page(), title="Other")
    assert api.count_documents() == 1 and api.page(first.document.id).author == AUTHOR
