"""Acceptance in headless Chromium: map → popup link → highlighted mention → back to the map; the offline basemap.

A real uvicorn process serves a small store on 127.0.0.1; every request that
leaves the machine (map tiles) is refused, so this also shows that the page
needs no network, and every page runs under the service's
Content-Security-Policy: a violation (a script the policy does not name) is a
problem, like a page error.  ``/docs`` and ``/redoc`` render offline too.
Leaflet comes from the service, and the basemap (borders,
land, labels) is drawn from the embedded index's shapes under the refused
tiles: Natural Earth countries, the districts around Karabakh, the curated
areas.  Screenshots go to artifacts/ at the project root.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from serving import uvicorn_process

from gazetteer.gazetteer import Gazetteer
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
FILES = "file://"

BAKU = Place(587084, "Baku", Point(49.89201, 40.37767), "P", "PPLC", "AZ", population=2_000_000)
KHANKENDI = Place(146970, "Khankendi", Point(46.7528, 39.8177), "P", "PPLA", "AZ", population=55_000)
GORIS = Place(174895, "Goris", Point(46.34168, 39.51111), "P", "PPL", "AM", population=20_000)

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


KARABAKH_PLACES = {"Lachin corridor": 900000003, "Goris": 174895, "Karabakh": 900000001,
                   "Sarsang Reservoir": 900000002, "Khankendi": 146970, "Shusha": 147105}  # fmt: skip
"""Gazetteer ids of the places the Karabakh report names."""


def _karabakh_report(gazetteer: Gazetteer) -> tuple[str, list[Mention]]:
    """A text about the Lachin corridor, Karabakh, Sarsang Reservoir and the towns around them."""
    text = (
        "Traffic on the Lachin corridor from Goris resumed, a report from Karabakh said.\n"
        "Water levels at Sarsang Reservoir fell; officials in Khankendi and Shusha met."
    )
    places = gazetteer.places(KARABAKH_PLACES.values(), names=False)
    mentions = []
    for surface, place_id in KARABAKH_PLACES.items():
        place = places[place_id]
        start = text.index(surface)
        mentions.append(Mention(start, start + len(surface), surface, place, 0.9))
    return text, mentions


def _fill(store_path: Path, documents: list[tuple[str, list[Mention]]]) -> None:
    with open_store(store_path) as store:
        for text, mentions in documents:
            store.add_document(new_document(text, mentions, title=f"Council report {HOSTILE}", date="2024-05-04"))


@contextmanager
def _serve(home: Path, index_path: Path, documents: list[tuple[str, list[Mention]]]) -> Iterator[str]:
    """Run uvicorn on a store holding ``documents``; yields its base URL."""
    _fill(home / "store.sqlite", documents)
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


@pytest.fixture(scope="module")
def karabakh_service(tmp_path_factory: pytest.TempPathFactory, index_path: Path, gazetteer: Gazetteer) -> Iterator[str]:
    """The service over the embedded index and a store with the Karabakh report."""
    with _serve(tmp_path_factory.mktemp("karabakh"), index_path, [_karabakh_report(gazetteer)]) as base:
        yield base


@dataclass
class Browsing:
    """A Chromium page and what went wrong on it (page errors, dialogs, failed local loads), and what was refused."""

    page: Any
    problems: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def watch(self) -> None:
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._dialog)
        self.page.on("requestfailed", self._failed)
        self.page.on("console", self._console)
        self.page.add_init_script(CSP_WATCH)

    def _console(self, message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")

    def csp_violations(self) -> list[str]:
        """The CSP violations the current page reported (its ``securitypolicyviolation`` events)."""
        return list(self.page.evaluate("window.__cspViolations || []"))

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _failed(self, request: Any) -> None:
        if request.url.startswith(LOCAL):
            self.problems.append(f"failed: {request.url}")

    def only_local(self, route: Any) -> None:
        if route.request.url.startswith((LOCAL, FILES)):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""
"""Collects the page's CSP violations, before any of its own scripts runs."""


@pytest.fixture
def browsing() -> Iterator[Browsing]:
    """A Chromium page that may reach only 127.0.0.1 and local files (map tiles are refused)."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        session = Browsing(context.new_page())
        context.route("**/*", session.only_local)
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
    response = page.goto(f"{service}/map")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff" and response.headers["x-frame-options"] == "DENY"
    marker = page.locator("path.place-146970")
    marker.wait_for(state="visible", timeout=15_000)
    _wait_for_basemap(page)
    assert browsing.csp_violations() == []
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
    _wait_until(page, "document.querySelector('a.mention.targeted') !== null")
    target = page.evaluate(TARGET_STATE)
    assert target["id"] == "m-1" and target["tag"] == "A" and target["text"] == "Khankendi"
    assert "mention" in target["classes"] and "targeted" in target["classes"]
    assert target["background"] == "rgb(255, 212, 59)"  # the :target highlight, not the plain mention colour
    assert target["inView"] and target["scrolled"] > 0
    assert HOSTILE in page.inner_text("article")
    assert browsing.csp_violations() == []  # the document page's script ran under its policy
    page.screenshot(path=str(ARTIFACTS / "document_mention.png"))

    page.click("#m-1")
    page.wait_for_url(f"{service}/map?place=146970#place-146970")
    page.locator(POPUP).wait_for(state="visible", timeout=5_000)
    assert browsing.problems == []


def test_clustered_marker_is_revealed_from_the_link(crowded_service: str, browsing: Browsing) -> None:
    page = browsing.page
    page.goto(f"{crowded_service}/map")
    page.locator(".marker-cluster").first.wait_for(state="visible", timeout=15_000)
    _wait_for_basemap(page)  # before leaving the page, which would cancel its request
    assert page.locator("path.place-146970").count() == 0
    page.screenshot(path=str(ARTIFACTS / "map_clustered.png"))

    page.goto(f"{crowded_service}/map?place=146970#place-146970")
    popup = page.locator(POPUP)
    popup.wait_for(state="visible", timeout=5_000)
    assert page.locator("path.place-146970").is_visible()
    assert popup.locator("a.mention-link").first.get_attribute("href") == "/documents/1#m-44"
    assert browsing.problems == []


def test_server_clusters_open_and_zoom_in(crowded_service: str, browsing: Browsing) -> None:
    page = browsing.page
    page.goto(f"{crowded_service}/map?max_markers=3")
    clusters = page.locator("path.place-cluster")
    clusters.first.wait_for(state="visible", timeout=15_000)
    _wait_for_basemap(page)
    assert 1 <= clusters.count() <= 3 - page.locator("path.place-marker").count()
    clusters.last.click()  # the last drawn lies on top of any it overlaps
    popup = page.locator(".leaflet-popup-content .cluster-popup")
    popup.wait_for(state="visible", timeout=5_000)
    assert "places" in popup.inner_text() and popup.locator("a.place-link").count() > 0
    page.screenshot(path=str(ARTIFACTS / "map_server_clusters.png"))
    popup.locator("a.zoom-link").click()
    page.wait_for_url(f"{crowded_service}/map?bbox=*")
    page.locator("path.place-cluster, path.place-marker").first.wait_for(state="visible", timeout=15_000)
    assert browsing.csp_violations() == [] and browsing.problems == []


REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
"""ReDoc's bundle hard-codes its attribution logo from its CDN (hidden when it fails): the policy blocks it."""


@pytest.mark.parametrize(("path", "ready"), [("/docs", ".swagger-ui .info .title"), ("/redoc", "redoc h1")])
def test_api_docs_render_offline(service: str, browsing: Browsing, path: str, ready: str) -> None:
    page = browsing.page
    response = page.goto(f"{service}{path}")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    title = page.locator(ready).first
    title.wait_for(state="visible", timeout=20_000)
    assert "Karabakh gazetteer" in title.inner_text()
    if path == "/docs":
        page.locator(".opblock").first.wait_for(state="visible", timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / f"docs{path.replace('/', '-')}-offline.png"))
    assert browsing.refused == [] and [p for p in browsing.problems if REDOC_LOGO not in p] == []
    assert [v for v in browsing.csp_violations() if v != f"img-src {REDOC_LOGO}"] == []


def _wait_until(page: Any, expression: str, seconds: float = 15.0) -> None:
    """Poll ``expression`` until true (Playwright's ``wait_for_function`` evals in the page, which the CSP forbids)."""
    for _ in range(int(seconds / 0.05)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {expression}")


BASEMAP_PATHS = ".leaflet-basemap-pane path"
REGION_PATHS = ".leaflet-overlay-pane path[stroke='#2c7fb8']"


def _wait_for_basemap(page: Any) -> None:
    """Until the basemap is drawn and the map has stopped zooming (it animates to fit its content)."""
    page.locator(".leaflet-container.basemap-drawn").wait_for(state="attached", timeout=15_000)
    _wait_until(page, "!document.querySelector('.leaflet-zoom-anim')")


def _label(page: Any, level: int, name: str) -> Any:
    return page.locator(f".basemap-label.level-{level} span", has_text=name)


def test_offline_map_draws_borders_and_labels(service: str, browsing: Browsing) -> None:
    page = browsing.page
    with page.expect_response(lambda r: "/map/basemap.geojson?" in r.url) as basemap:
        page.goto(f"{service}/map")
    _wait_for_basemap(page)
    collection = basemap.value.json()
    assert basemap.value.headers["content-type"] == "application/geo+json"
    assert collection["source"].startswith("naturalearth:")
    assert any(url.startswith("https://tile.openstreetmap.org/") for url in browsing.refused)
    assert page.locator(f"{BASEMAP_PATHS}.basemap-land").count() > 0
    assert page.locator(f"{BASEMAP_PATHS}.basemap-border").first.is_visible()
    assert _label(page, 0, "Azerbaijan").is_visible() and _label(page, 0, "Armenia").count() == 1
    page.screenshot(path=str(ARTIFACTS / "map-offline.png"))
    assert browsing.problems == []


def test_karabakh_districts_and_areas_as_shapes_offline(karabakh_service: str, browsing: Browsing) -> None:
    page = browsing.page
    page.goto(f"{karabakh_service}/map")
    _wait_for_basemap(page)
    assert page.locator(REGION_PATHS).count() == 3  # Karabakh, Sarsang Reservoir, the Lachin corridor
    assert page.locator(".region-label span", has_text="Lachin corridor").is_visible()
    assert page.locator(f"{BASEMAP_PATHS}.basemap-admin1").first.is_visible()
    assert _label(page, 1, "Shusha District").is_visible() and _label(page, 1, "Lachin District").is_visible()
    page.screenshot(path=str(ARTIFACTS / "map-karabakh-offline.png"))

    page.evaluate("window.gazetteerMap.map.setView([40.1, 46.2], 7, {animate: false})")
    _wait_until(page, "document.querySelectorAll('.basemap-label.level-1').length === 0")
    assert _label(page, 0, "Azerbaijan").is_visible() and _label(page, 0, "Armenia").is_visible()
    assert page.locator(f"{BASEMAP_PATHS}.basemap-admin1").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "map-karabakh-wide-offline.png"))
    assert browsing.problems == []


def test_exported_file_works_offline(
    index_path: Path, gazetteer: Gazetteer, tmp_path: Path, browsing: Browsing
) -> None:
    from gazetteer.cli.maps import map_command

    _fill(tmp_path / "store.sqlite", [_karabakh_report(gazetteer)])
    out = tmp_path / "map.html"
    map_command(out=out, document=None, place=None, service_url="", local=False, cdn=False,
                store=tmp_path / "store.sqlite", index=index_path)  # fmt: skip
    page = browsing.page
    page.goto(out.as_uri())
    _wait_for_basemap(page)
    assert page.locator("path.place-146970").is_visible()
    assert page.locator(f"{BASEMAP_PATHS}.basemap-admin1").count() > 0
    assert _label(page, 0, "Azerbaijan").is_visible() and page.locator(REGION_PATHS).count() == 3
    assert not [url for url in browsing.refused if "tile.openstreetmap.org" not in url]  # only tiles left the page
    page.screenshot(path=str(ARTIFACTS / "map-export-offline.png"))
    assert browsing.problems == []


def _solid_png(rgb: tuple[int, int, int], size: int = 256) -> bytes:
    """A PNG of one colour, standing in for a map tile."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


PANE_ORDER = """() => {
    const z = (name) => Number(getComputedStyle(document.querySelector(`.leaflet-${name}-pane`)).zIndex);
    return {tiles: z("tile"), basemap: z("basemap"), labels: z("basemapLabels"), overlay: z("overlay")};
}"""


def test_tiles_cover_the_basemap_when_they_load(service: str, browsing: Browsing) -> None:
    page = browsing.page
    tile = _solid_png((170, 211, 223))
    page.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(body=tile, content_type="image/png"))
    page.goto(f"{service}/map")
    _wait_for_basemap(page)
    page.locator("img.leaflet-tile-loaded").first.wait_for(state="visible", timeout=10_000)
    order = page.evaluate(PANE_ORDER)
    assert order["basemap"] < order["labels"] < order["tiles"] < order["overlay"]
    page.screenshot(path=str(ARTIFACTS / "map-tiles-loaded.png"))
    assert browsing.problems == []


LOOP_TEXT = "Shepherds from Martuni drove their flocks to the summer pastures in the hills above the town."
"""A story whose ``Martuni`` the geoparser places in Armenia, and an analyst in Karabakh."""
MARTUNI_AM, KHOJAVEND = 616438, 146969
LOADING_S = 120.0
"""Seconds an ingest may take while the service loads its geoparser."""


@pytest.fixture(scope="module")
def loop_service(
    tmp_path_factory: pytest.TempPathFactory, index_path: Path, gazetteer: Gazetteer
) -> Iterator[tuple[str, str]]:
    """The service with the real geoparser over a store that holds only the loop story, ingested through it,
    and the secret of a write key named analyst."""
    import httpx

    from gazetteer.application import GazetteerAPI
    from gazetteer.geoparse.parser import geoparser_for
    from gazetteer.settings import load_settings

    geoparser_for(gazetteer)  # the spotting dictionary beside the index, built here once on a fresh machine
    home = tmp_path_factory.mktemp("loop")
    with _serve(home, index_path, []) as base:
        settings = replace(load_settings(home), store_path=home / "store.sqlite", store_url="")
        with GazetteerAPI(settings) as api:
            _, secret = api.add_key("analyst")
        assert httpx.post(f"{base}/documents", json={"text": LOOP_TEXT}, timeout=LOADING_S).status_code == 201
        yield base, secret


def test_a_correction_through_the_popup_moves_the_marker_and_holds_on_reingest(
    loop_service: tuple[str, str], browsing: Browsing
) -> None:
    import httpx

    base, key = loop_service
    page = browsing.page
    page.goto(f"{base}/map")
    wrong = page.locator(f"path.place-{MARTUNI_AM}")
    wrong.wait_for(state="visible", timeout=15_000)
    _wait_for_basemap(page)
    wrong.click()
    popup = page.locator(f".leaflet-popup-content .place-popup[data-place-id='{MARTUNI_AM}']")
    popup.wait_for(state="visible", timeout=5_000)
    popup.locator("button.correct-open").first.click()
    form = popup.locator("form.correct-form")
    form.locator("input[name=place]").fill(str(KHOJAVEND))
    form.locator("select[name=scope]").select_option("document")
    form.locator("input[name=key]").fill(key)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "map_correction_form.png"))
    with page.expect_navigation(timeout=15_000):
        form.locator("button[type=submit]").click()
    page.locator(f"path.place-{KHOJAVEND}").wait_for(state="visible", timeout=15_000)
    assert page.locator(f"path.place-{MARTUNI_AM}").count() == 0  # the marker moved
    page.screenshot(path=str(ARTIFACTS / "map_corrected.png"))

    (correction,) = httpx.get(f"{base}/corrections").json()["corrections"]
    assert (correction["author"], correction["old_place_id"], correction["place_id"]) == (
        "analyst",
        MARTUNI_AM,
        KHOJAVEND,
    )
    again = httpx.post(f"{base}/documents", json={"text": LOOP_TEXT, "title": "saved again"}, timeout=LOADING_S).json()
    mentions = httpx.get(f"{base}/documents/{again['id']}/mentions").json()
    assert [m["place_id"] for m in mentions if m["surface"] == "Martuni"] == [KHOJAVEND]  # it holds
    page.goto(f"{base}/map")
    page.locator(f"path.place-{KHOJAVEND}").wait_for(state="visible", timeout=15_000)
    assert page.locator(f"path.place-{MARTUNI_AM}").count() == 0
    assert browsing.csp_violations() == [] and browsing.problems == []


DATED_REPORTS = [
    ("A spring visit to Khankendi ended at the market.", "2021-05-01", [("Khankendi", KHANKENDI)]),
    ("Buses left Khankendi for Goris in the morning.", "2024-05-04", [("Khankendi", KHANKENDI), ("Goris", GORIS)]),
    ("An undated note from Baku.", "", [("Baku", BAKU)]),
]
"""Two dated documents, three years apart, and one with no date (not on the slider)."""


@pytest.fixture(scope="module")
def dated_service(tmp_path_factory: pytest.TempPathFactory, index_path: Path, gazetteer: object) -> Iterator[str]:
    """The service over a store whose documents have different dates, and one none."""
    home = tmp_path_factory.mktemp("dated")
    with open_store(home / "store.sqlite") as store:
        for text, date, names in DATED_REPORTS:
            mentions = [Mention(text.index(s), text.index(s) + len(s), s, place, 0.9) for s, place in names]
            store.add_document(new_document(text, mentions, title=f"Dated report {HOSTILE}", date=date))
    with _serve(home, index_path, []) as base:
        yield base


def test_time_slider_plays_the_dated_documents(dated_service: str, browsing: Browsing) -> None:
    page = browsing.page
    page.goto(f"{dated_service}/map")
    page.locator("path.place-146970.place-marker").wait_for(state="visible", timeout=15_000)
    _wait_for_basemap(page)
    slider = page.locator(".leaflet-control.time-slider")
    assert slider.is_visible() and page.locator(".time-slider-date").inner_text() == "2024-05-04"
    assert page.locator("input.time-slider-range").get_attribute("max") == "1"
    assert page.locator("path.timeline-point").count() == 3  # Khankendi twice, Goris; undated Baku is not there
    page.screenshot(path=str(ARTIFACTS / "map_timeline.png"))

    page.locator("input.time-slider-range").fill("0")
    assert page.locator(".time-slider-date").inner_text() == "2021-05-01"
    assert page.locator("path.timeline-point").count() == 1
    page.locator("button.time-slider-play").click()
    _wait_until(page, "document.querySelector('.time-slider-date').textContent === '2024-05-04'", seconds=5)
    assert page.locator("path.timeline-point").count() == 3

    page.locator("path.place-146970.place-marker").click()  # the slider's points take no clicks
    popup = page.locator(POPUP)
    popup.wait_for(state="visible", timeout=5_000)
    assert "Khankendi — in 2021: Stepanakert (1923–2023)" in popup.inner_text()
    page.goto(f"{dated_service}/documents/1")
    assert "Khankendi (1) — in 2021: Stepanakert (1923–2023)" in page.inner_text("footer")
    assert browsing.csp_violations() == [] and browsing.problems == []
