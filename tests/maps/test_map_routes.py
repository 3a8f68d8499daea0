"""The map routes of the service, and the document view they link to."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from htmlcheck import bound_html, links, parse
from storedata import HOSTILE, KHANKENDI, FakeGazetteer, fill_store

from gazetteer.settings import load_settings
from service.app import create_app


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = load_settings(tmp_path)
    fill_store(settings.store_path)
    gazetteer = FakeGazetteer([KHANKENDI])
    with TestClient(create_app(settings, gazetteer=gazetteer)) as test_client:  # type: ignore[arg-type]
        yield test_client


def _popup(page: str, place_id: int) -> str:
    return next(p for p in bound_html(page) if f'data-place-id="{place_id}"' in p)


def test_map_of_all_documents(client: TestClient) -> None:
    response = client.get("/map")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert HOSTILE not in page
    hrefs = [a["href"] for a in links(parse(_popup(page, 146970)))]
    assert hrefs == ["/documents/1#m-0", "/documents/1#m-1", "/documents/2#m-1"]
    assert "Mentions in 2 documents" in page


def test_map_of_one_document_and_centred_on_a_place(client: TestClient) -> None:
    one = client.get("/map", params={"document": 2}).text
    assert 'data-place-id="585103"' not in " ".join(bound_html(one))
    centred = client.get("/map", params={"place": 146970}).text
    assert "center: [39.8177, 46.7528]" in centred and "reveal(146970)" in centred


def test_map_errors_are_problems(client: TestClient) -> None:
    for url, status in (
        ("/map?document=99", 404),
        ("/map?place=5", 404),
        ("/map?document=0", 422),
        ("/events/99/map", 404),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        assert response.headers["content-type"] == "application/problem+json"


def test_event_map(client: TestClient) -> None:
    event_id = client.get("/documents/1/events").json()["events"][0]["id"]
    page = client.get(f"/events/{event_id}/map").text
    assert "L.circle(" in page and f"nearby-highlight event-{event_id}-place-146970" in page


def test_vendored_assets_are_served(client: TestClient) -> None:
    page = client.get("/map").text
    for tag, attrs in parse(page).tags:
        url = attrs.get("src") if tag == "script" else attrs.get("href") if tag == "link" else None
        if url:
            response = client.get(url)
            assert response.status_code == 200 and len(response.content) > 500, url
    assert client.get("/static/vendor/leaflet/images/layers.png").headers["content-type"] == "image/png"
    assert client.get("/static/vendor/leaflet/..%2F..%2F__init__.py").status_code == 404


def test_document_view_links_back_to_the_map(client: TestClient) -> None:
    response = client.get("/documents/1", headers={"Accept": "text/html"})
    assert response.headers["content-type"].startswith("text/html")
    assert HOSTILE not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    anchors = [a for a in links(parse(response.text)) if a.get("class") == "mention"]
    assert anchors[0]["id"] == "m-0" and anchors[0]["href"] == "/map?place=146970#place-146970"


def test_map_without_a_usable_gazetteer(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    fill_store(settings.store_path)
    settings.index_path.write_text("not an index", encoding="utf-8")
    with TestClient(create_app(settings)) as test_client:
        response = test_client.get("/map", params={"place": 146970})
    assert response.status_code == 200
    assert "Also:" not in _popup(response.text, 146970)


def _basemap_url(page: str) -> str:
    found = re.search(r'("/map/basemap\.geojson\?[^"]*")', page)
    assert found is not None
    return str(json.loads(found.group(1)))


def test_map_page_is_light_and_loads_its_basemap_from_the_service(client: TestClient) -> None:
    page = client.get("/map").text
    assert len(page.encode()) < 40_000
    url = _basemap_url(page)
    assert url.startswith("/map/basemap.geojson?box=") and "&country=AZ" in url
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"] == "application/geo+json"
    assert response.headers["content-encoding"] == "gzip" and "max-age" in response.headers["cache-control"]
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["source"].startswith("naturalearth:")
    assert {f["properties"]["kind"] for f in body["features"]} == {"land", "label"}
    assert "Azerbaijan" in {f["properties"].get("name") for f in body["features"]}
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == response.content


def test_basemap_extents_are_checked(client: TestClient) -> None:
    for query in ("box=1,2,3&detail=1,2,3,4", "box=5,2,3,4&detail=5,2,3,4", "detail=1,2,3,4", "box=0,0,9,9"):
        response = client.get(f"/map/basemap.geojson?{query}")
        assert response.status_code == 422, query
        assert response.headers["content-type"] == "application/problem+json"
