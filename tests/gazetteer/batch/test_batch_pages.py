"""Web pages in a batch folder: each a document of its main text and metadata, or a row of errors.parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from webpages import DATE, NAVIGATION_ONLY, TITLE, URL, news_page

from gazetteer.batch.inputs import InputDocument, Rejected, plan, read
from gazetteer.batch.outputs import DOCUMENTS, ERRORS, MENTIONS
from gazetteer.batch.run import BatchJob, run_batch
from gazetteer.limits import MAX_HTML_BYTES


def folder_of_pages(root: Path) -> Path:
    """A folder of a text, two pages (one in a subfolder, in its own charset) and one page without text."""
    (root / "pages").mkdir(parents=True)
    (root / "bridge.txt").write_text("Talks in Baku went on.", encoding="utf-8")
    (root / "bridge.html").write_text(news_page(), encoding="utf-8")
    (root / "pages" / "bare.htm").write_bytes(news_page(url="", date="", charset="windows-1251").encode("cp1251"))
    (root / "pages" / "menu.html").write_text(NAVIGATION_ONLY, encoding="utf-8")
    (root / "notes.md").write_text("<html>not an input</html>", encoding="utf-8")
    return root


def test_a_folders_pages_are_read_as_their_main_text(tmp_path: Path) -> None:
    partitions = plan([folder_of_pages(tmp_path)], 10)
    assert [p.files for p in partitions] == [("bridge.html", "bridge.txt", "pages/bare.htm", "pages/menu.html")]
    found = {d.id: d for d in read(partitions[0])}
    assert set(found) == {"bridge.html", "bridge", "pages/bare.htm", "pages/menu.html"}
    page, bare, menu = found["bridge.html"], found["pages/bare.htm"], found["pages/menu.html"]
    assert isinstance(page, InputDocument) and (page.title, page.date, page.url) == (TITLE, DATE, URL)
    assert "Subscribe" not in page.text and page.source == "bridge.html"
    assert isinstance(bare, InputDocument) and (bare.url, bare.date) == ("", "") and "Goris" in bare.text
    assert isinstance(menu, Rejected) and menu.source == "pages/menu.html" and "no main text" in menu.reason


def test_a_page_over_the_limit_is_rejected_unread(tmp_path: Path) -> None:
    (tmp_path / "big.html").write_bytes(b"<html>" + b" " * MAX_HTML_BYTES)
    (rejected,) = read(plan([tmp_path], 10)[0])
    assert isinstance(rejected, Rejected) and str(MAX_HTML_BYTES) in rejected.reason


def test_a_run_stores_pages_as_documents_and_bad_ones_as_errors(cluster: Any, index_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch(BatchJob((folder_of_pages(tmp_path / "in"),), out, index_path), cluster, progress=False)
    assert (report.documents, report.errors) == (3, 1)
    documents = gpd.read_parquet(out / DOCUMENTS).set_index("id")
    page = documents.loc["bridge.html"]
    assert (page.title, page.date, page.url) == (TITLE, DATE, URL) and "Subscribe" not in page.text
    mentions = gpd.read_parquet(out / MENTIONS)
    on_page = mentions[mentions.document_id == "bridge.html"]
    assert {"Lachin", "Goris", "Baku"} <= set(on_page.surface)
    for row in on_page.itertuples():
        assert page.text[row.start : row.end] == row.surface
    errors = pd.read_parquet(out / ERRORS)
    assert list(errors.id) == ["pages/menu.html"] and "no main text" in errors.reason[0]
