"""``gazetteer ingest`` of saved web pages: by suffix or by content, their metadata, one error line when bad."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import run
from webpages import AUTHOR, DATE, NAVIGATION_ONLY, TITLE, URL, news_page

from gazetteer.cli.failures import USAGE
from gazetteer.store import open_store


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, index_path: Path) -> Path:
    """The store the commands write to, over the session's index."""
    monkeypatch.setenv("GAZETTEER_INDEX", str(index_path))
    monkeypatch.setenv("GAZETTEER_STORE", str(tmp_path / "store.sqlite"))
    return tmp_path / "store.sqlite"


def test_pages_are_ingested_by_suffix_or_content(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bridge.html").write_text(news_page(), encoding="utf-8")
    (tmp_path / "bare.htm").write_bytes(news_page(url="", charset="windows-1251").encode("cp1251"))
    (tmp_path / "saved.txt").write_text(news_page(url="https://courier.example/b"), encoding="utf-8")
    (tmp_path / "note.txt").write_text("Talks in Baku went on.", encoding="utf-8")
    names = [str(tmp_path / name) for name in ("bridge.html", "bare.htm", "saved.txt", "note.txt")]
    code, out, err = run(monkeypatch, capsys, "ingest", *names)
    assert code == 0, err
    assert out.count("from its web page") == 3 and "note.txt: document 4, 1 mentions" in out
    with open_store(store) as opened:
        documents = {d.source: d for d in opened.documents()}
        assert set(documents) == {URL, "bare.htm", "https://courier.example/b", "note.txt"}
        page = documents[URL]
        assert (page.title, page.date) == (TITLE, DATE) and "Subscribe" not in page.text
        assert opened.page(page.id).html == news_page() and opened.page(page.id).author == AUTHOR
        for mention in opened.mentions(page.id):
            assert page.text[mention.start : mention.end] == mention.surface
        assert documents["note.txt"].text == "Talks in Baku went on."


def test_the_options_come_before_the_pages_own(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bridge.html").write_text(news_page(), encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "ingest", str(tmp_path / "bridge.html"), "--date", "2024-05-05")
    assert code == 0, err
    code, _, err = run(monkeypatch, capsys, "ingest", str(tmp_path / "bridge.html"), "--source", "courier")
    assert code == 0, err
    with open_store(store) as opened:
        assert sorted((d.date, d.source) for d in opened.documents()) == [(DATE, "courier"), ("2024-05-05", URL)]


@pytest.mark.parametrize(("content", "needle"), [(NAVIGATION_ONLY, "no main text"), ("Talks in Baku.", "not HTML")])
def test_a_page_that_cannot_be_read_is_one_error_line(
    store: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: str,
    needle: str,
) -> None:
    page = tmp_path / "menu.html"
    page.write_text(content, encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "ingest", str(page))
    lines = err.splitlines()
    assert code == USAGE and out == "" and len(lines) == 1, err
    assert lines[0].startswith("error: ") and "menu.html" in lines[0] and needle in lines[0]
    with open_store(store) as opened:
        assert opened.count_documents() == 0
