"""Pages that defend themselves: CSP with the hashes of each page's own scripts, nosniff, no framing; offline docs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gazetteer.ingest import new_document
from gazetteer.records import Mention, Place, Point
from gazetteer.results import EventDraft
from gazetteer.settings import load_settings
from gazetteer.store import open_store
from maps.html_page import inline_scripts, script_hash
from service.app import create_app
from service.offline_docs import DOCS_FILES, DOCS_STATIC, docs_folder
from service.state import api_of

HOSTILE = "<script>alert(1)</script>"
TOWN = Place(146970, "Khankendi", Point(46.7528, 39.8177), "P", "PPLA", "AZ")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """The service over a store with one document naming a town (no gazetteer index: maps draw without it)."""
    settings = load_settings(tmp_path)
    text = f"Buses reached Khankendi. {HOSTILE}"
    with open_store(settings.store_path) as store:
        mention = Mention(14, 23, "Khankendi", TOWN, 0.9)
        store.add_document(new_document(text, [mention], title=f"Roads {HOSTILE}", date="2024-05-04"))
    with TestClient(create_app(settings)) as test_client:
        api_of(test_client.app).add_event(EventDraft(f"Convoy {HOSTILE}", "2024-05-04", 5.0, lon=46.75, lat=39.82))  # type: ignore[arg-type]
        yield test_client


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def _hashes(html: str) -> set[str]:
    return {script_hash(code) for code in inline_scripts(html)}


@pytest.mark.parametrize("url", ["/map", "/events/1/map", "/documents/1?format=html", "/docs", "/redoc"])
def test_html_pages_allow_only_their_own_scripts_and_refuse_framing(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    policy = _directives(response.headers["content-security-policy"])
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert set(policy["script-src"]) == {"'self'"} | _hashes(response.text)
    external = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:)?//', response.text)
    assert external == []  # every script and style from this service


def test_a_script_injected_into_a_page_would_not_run(client: TestClient) -> None:
    page = client.get("/map").text
    allowed = set(_directives(client.get("/map").headers["content-security-policy"])["script-src"])
    assert HOSTILE not in page and script_hash("alert(1)") not in allowed


def test_every_response_says_nosniff(client: TestClient) -> None:
    for url in ("/openapi.json", "/documents", "/documents/99", "/map?bbox=x", "/static/vendor/leaflet/leaflet.js"):
        response = client.get(url)
        assert response.headers["x-content-type-options"] == "nosniff", url
        assert "x-frame-options" not in response.headers or response.headers["content-type"].startswith("text/html")


def test_docs_load_their_files_from_this_service(client: TestClient) -> None:
    swagger, redoc = client.get("/docs").text, client.get("/redoc").text
    assert f'src="{DOCS_STATIC}/swagger-ui-bundle.js"' in swagger and f'href="{DOCS_STATIC}/swagger-ui.css"' in swagger
    assert f'src="{DOCS_STATIC}/redoc.standalone.js"' in redoc and "fonts.googleapis" not in redoc
    assert "validatorUrl" in swagger and '"validatorUrl": null' in swagger
    for name, media_type in DOCS_FILES.items():
        response = client.get(f"{DOCS_STATIC}/{name}")
        assert response.status_code == 200 and response.headers["content-type"].startswith(media_type), name
        assert response.content == (docs_folder() / name).read_bytes()
    for name in ("core.py", "../__init__.py", "%2e%2e%2fcore.py"):
        assert client.get(f"{DOCS_STATIC}/{name}").status_code == 404


def test_the_time_slider_runs_under_the_policy(client: TestClient) -> None:
    response = client.get("/map")  # the store's one document is dated: the map has its time slider
    page = response.text
    allowed = set(_directives(response.headers["content-security-policy"])["script-src"])
    slider = [code for code in inline_scripts(page) if "gazetteerTimeline" in code]
    assert len(slider) == 1 and script_hash(slider[0]) in allowed
    assert re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page) == [
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet/leaflet.css",
    ]  # no file of its own
