"""Acceptance in headless Chromium: map → popup link → highlighted mention → back to the map.

A real uvicorn process serves a small store on 127.0.0.1; every request that
leaves the machine (map tiles) is refused, so this also shows that the page
needs no network.  Screenshots go to artifacts/ at the project root.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from serving import uvicorn_process

from gazetteer.ingest import new_document
from gazetteer.records import Mention, Place, Point
from gazetteer.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
HOSTILE = "<script>alert(1)</script>"
LOCAL = "http://127.0.0.1:"

KHANKENDI = Place(146970, "Khankendi", Point(46.7528, 39.8177), "P", "PPLA", "AZ", population=55000)
BAKU = Place(587084, "Baku", Point(49.89201, 40.37767), "P", "PPLC", "AZ", population=2_000_000)
GORIS = Place(174710, "Goris", Point(46.33867, 39.50716), "P", "PPLA", "AM", population=20000)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.is_file(),
        reason="headless Chromium is not installed at /usr/bin/chromium (run scripts/install_chromium.sh)",
    ),
]


def _long_report() -> tuple[str, list[Mention]]:
    """A long text whose Khankendi mention is far below the first screen."""
    filler = [f"Note {i}: the council discussed school repairs and bus timetables." for i in range(1, 81)]
    lines = [
        "Officials in Baku opened the session.",
        *filler[:60],
        f"By evening the buses reached Khankendi, a reader added {HOSTILE} in the margin.",
        *filler[60:],
        "Another convoy left for Goris.",
    ]
    text = "\n".join(lines)
    mentions = []
    for surface, place in (("Baku", BAKU), ("Khankendi", KHANKENDI), ("Goris", GORIS)):
        start = text.index(surface)
        mentions.append(Mention(start, start + len(surface), surface, place, 0.9))
    return text, mentions


def _crowded_report() -> tuple[str, list[Mention]]:
    """A text naming more villages close to Khankendi than the map shows unclustered, and Baku."""
    lines, mentions, position = [], [], 0
    for i in range(44):
        village = Place(900_100_000 + i, f"Village {i}", Point(46.71 + 0.01 * (i % 9), 39.79 + 0.01 * (i // 9)))
        line = f"Aid reached Village {i} today."
        start = position + line.index("Village")
        mentions.append(Mention(start, start + len(village.name), village.name, village, 0.9))
        lines.append(line)
        position += len(line) + 1
    line = "The trucks were loaded in Khankendi and sent on from Baku."
    for surface, place in (("Khankendi", KHANKENDI), ("Baku", BAKU)):
        start = position + line.index(surface)
        mentions.append(Mention(start, start + len(surface), surface, place, 0.9))
    return "\n".join([*lines, line]), mentions


@contextmanager
def _serve(home: Path, index_path: Path, documents: list[tuple[str, list[Mention]]]) -> Iterator[str]:
    """Run uvicorn on a store holding ``documents``; yields its base URL."""
    with open_store(home / "store.sqlite") as store:
        for text, mentions in documents:
            store.add_document(new_document(text, mentions, title=f"Council report {HOSTILE}", date="2024-05-04"))
    env = {
        "GAZETTEER_HOME": str(home),
        "GAZETTEER_STORE": str(home / "store.sqlite"),
        "GAZETTEER_INDEX": str(index_path),
    }
    with (home / "uvicorn.log").open("wb") as log, uvicorn_process(env, log=log, ready_path="/map") as base:
        yield base


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, index_path: Path, gazetteer: object) -> Iterator[str]:
    """The service over a store with the long report (three places, no clustering)."""
    with _serve(tmp_path_factory.mktemp("browser"), index_path, [_long_report()]) as base:
        yield base


@pytest.fixture(scope="module")
def crowded_service(tmp_path_factory: pytest.TempPathFactory, index_path: Path, gazetteer: object) -> Iterator[str]:
    """The service over a store naming 46 places, so that the map clusters its markers."""
    with _serve(tmp_path_factory.mktemp("crowded"), index_path, [_crowded_report()]) as base:
        yield base


@dataclass
class Browsing:
    """A Chromium page and what went wrong on it (page errors, dialogs, failed local loads)."""

    page: Any
    problems: list[str] = field(default_factory=list)

    def watch(self) -> None:
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._dialog)
        self.page.on("requestfailed", self._failed)

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _failed(self, request: Any) -> None:
        if request.url.startswith(LOCAL):
            self.problems.append(f"failed: {request.url}")


def _only_local(route: Any) -> None:
    if route.request.url.startswith(LOCAL):
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def browsing() -> Iterator[Browsing]:
    """A Chromium page that may reach only 127.0.0.1 (map tiles are refused)."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        context.route("**/*", _only_local)
        session = Browsing(context.new_page())
        session.watch()
        try:
            yield session
        finally:
            browser.close()


POPUP = ".leaflet-popup-content .place-popup[data-place-id='146970']"
TARGET_STATE = """() => {
    const el = document.querySelector(':target');
    const box = el.getBoundingClientRect();
    return {id: el.id, tag: el.tagName, classes: [...el.classList], text: el.textContent,
            background: getComputedStyle(el).backgroundColor, scrolled: window.scrollY,
            inView: box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0};
}"""


def test_marker_popup_link_lands_on_highlighted_mention(service: str, browsing: Browsing) -> None:
    page = browsing.page
    page.goto(f"{service}/map")
    marker = page.locator("path.place-146970")
    marker.wait_for(state="visible", timeout=15_000)
    page.screenshot(path=str(ARTIFACTS / "map.png"))

    marker.click()
    popup = page.locator(POPUP)
    popup.wait_for(state="visible", timeout=5_000)
    assert HOSTILE in popup.inner_text() and "Stepanakert" in popup.inner_text()
    page.wait_for_timeout(400)  # let the popup finish fading in
    page.screenshot(path=str(ARTIFACTS / "map_popup.png"))
    link = popup.locator("a.mention-link").first
    assert link.get_attribute("href") == "/documents/1#m-1"

    link.click()
    page.wait_for_url(f"{service}/documents/1#m-1")
    page.wait_for_function("document.querySelector('a.mention.targeted') !== null")
    target = page.evaluate(TARGET_STATE)
    assert target["id"] == "m-1" and target["tag"] == "A" and target["text"] == "Khankendi"
    assert "mention" in target["classes"] and "targeted" in target["classes"]
    assert target["background"] == "rgb(255, 212, 59)"  # the :target highlight, not the plain mention colour
    assert target["inView"] and target["scrolled"] > 0
    assert HOSTILE in page.inner_text("article")
    page.screenshot(path=str(ARTIFACTS / "document_mention.png"))

    page.click("#m-1")
    page.wait_for_url(f"{service}/map?place=146970#place-146970")
    page.locator(POPUP).wait_for(state="visible", timeout=5_000)
    assert browsing.problems == []


def test_clustered_marker_is_revealed_from_the_link(crowded_service: str, browsing: Browsing) -> None:
    page = browsing.page
    page.goto(f"{crowded_service}/map")
    page.locator(".marker-cluster").first.wait_for(state="visible", timeout=15_000)
    assert page.locator("path.place-146970").count() == 0
    page.screenshot(path=str(ARTIFACTS / "map_clustered.png"))

    page.goto(f"{crowded_service}/map?place=146970#place-146970")
    popup = page.locator(POPUP)
    popup.wait_for(state="visible", timeout=5_000)
    assert page.locator("path.place-146970").is_visible()
    assert popup.locator("a.mention-link").first.get_attribute("href") == "/documents/1#m-44"
    assert browsing.problems == []
