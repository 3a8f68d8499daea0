"""The bounded map: filters, the cap on markers and server-side clusters, ETags and their invalidation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from htmlcheck import bound_html, links, parse
from storedata import BAKU, KHANKENDI, SHUSHA, FakeGazetteer, fill_store, mentions_of

from gazetteer.application import GazetteerAPI
from gazetteer.ingest import new_document
from gazetteer.map_query import MAX_MARKERS, BoundingBox, MapFilter
from gazetteer.records import Place, Point
from gazetteer.settings import load_settings
from gazetteer.store import open_store
from service.app import create_app
from service.state import api_of

VILLAGES = [
    Place(900_200_000 + i, f"Village {i}", Point(45.0 + 0.3 * (i % 6), 39.0 + 0.3 * (i // 6))) for i in range(24)
]
"""Two dozen villages spread over 1.8 by 1.2 degrees."""


def _add_villages(api: GazetteerAPI) -> int:
    text = " ".join(f"Aid reached {village.name}." for village in VILLAGES)
    names = [(village.name, village) for village in VILLAGES]
    return api.add_document(text, mentions_of(text, names), title="Aid round", date="2024-03-01").id


@pytest.fixture
def api(tmp_path: Path) -> Iterator[GazetteerAPI]:
    """Documents 1 and 2 of ``storedata`` (dated 2023-09-20), 3 naming the villages (2024-03-01)."""
    settings = load_settings(tmp_path)
    fill_store(settings.store_path)
    with GazetteerAPI(settings, gazetteer=FakeGazetteer([KHANKENDI])) as layer:  # type: ignore[arg-type]
        _add_villages(layer)
        yield layer


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = load_settings(tmp_path)
    fill_store(settings.store_path)
    with TestClient(create_app(settings, gazetteer=FakeGazetteer([KHANKENDI]))) as test_client:  # type: ignore[arg-type]
        _add_villages(api_of(test_client.app))  # type: ignore[arg-type]
        yield test_client


def _place_ids(api: GazetteerAPI, selection: MapFilter) -> set[int]:
    return {place.place_id for place in api.map_data(selection).places}


def test_filters_pick_documents_places_dates_and_areas(api: GazetteerAPI) -> None:
    villages = {village.id for village in VILLAGES}
    assert _place_ids(api, MapFilter(document_ids=(2,))) == {BAKU.id, KHANKENDI.id}
    assert _place_ids(api, MapFilter(document_ids=(1, 2))) == {BAKU.id, KHANKENDI.id, SHUSHA.id}
    assert _place_ids(api, MapFilter(place_id=SHUSHA.id)) == {KHANKENDI.id, SHUSHA.id}  # document 1 only
    assert _place_ids(api, MapFilter(date_from="2024-01-01")) == villages
    assert _place_ids(api, MapFilter(date_to="2023-12-31")) == {BAKU.id, KHANKENDI.id, SHUSHA.id}
    assert _place_ids(api, MapFilter(date_from="2023-09-21", date_to="2024-02-29")) == set()
    assert _place_ids(api, MapFilter(bbox=BoundingBox(46.7, 39.7, 46.8, 39.9))) == {KHANKENDI.id, SHUSHA.id}
    data = api.map_data(MapFilter(bbox=BoundingBox(49, 40, 50, 41)))
    assert data.document_count == 1 and {m.place_id for m in data.mentions} == {BAKU.id}
    assert {m.document_id for m in data.mentions} == {2} and all(e.document_id != 1 for e in data.events)


def test_past_the_cap_places_are_clustered_on_the_server(api: GazetteerAPI) -> None:
    data = api.map_data(MapFilter(max_markers=5))
    assert data.clusters and len(data.places) + len(data.clusters) <= 5
    assert all(cluster.place_count > 1 for cluster in data.clusters)  # a place alone keeps its own marker
    assert {m.place_id for m in data.mentions} == {p.place_id for p in data.places}
    assert data.place_count == 24 + 3 and data.mention_count == 24 + 5
    kept = api.map_data(MapFilter(place_id=VILLAGES[0].id, max_markers=5))
    assert kept.places[0].place_id == VILLAGES[0].id and len(kept.places) + len(kept.clusters) <= 5
    assert VILLAGES[0].id not in {p.place_id for c in kept.clusters for p in c.top} and kept.focus == (45.0, 39.0)


def test_popups_list_fewer_mentions_when_many_places(api: GazetteerAPI) -> None:
    text = " ".join(["Baku."] * 40)
    api.add_document(text, mentions_of(text, [("Baku", BAKU)] * 40), title="Repeats")
    alone = api.map_data(MapFilter(place_id=BAKU.id))
    assert [p.mentions for p in alone.places if p.place_id == BAKU.id] == [41]
    assert sum(1 for m in alone.mentions if m.place_id == BAKU.id) == 25  # the popup's most
    crowded = api.map_data(MapFilter(max_markers=MAX_MARKERS))
    assert sum(1 for m in crowded.mentions if m.place_id == BAKU.id) < 25


def test_map_route_filters_and_clusters(client: TestClient) -> None:
    page = client.get("/map", params={"document": [1, 2], "bbox": "46,39,47,40"}).text
    popups = " ".join(bound_html(page))
    assert 'data-place-id="146970"' in popups and 'data-place-id="587084"' not in popups
    clustered = client.get("/map", params={"max_markers": 4, "from": "2024-01-01"}).text
    assert "place-marker" not in clustered and 1 <= clustered.count('"className": "place-cluster"') <= 4
    popup = parse(next(p for p in bound_html(clustered) if "cluster-popup" in p))
    zoom = next(a["href"] for a in links(popup) if a.get("class") == "zoom-link")
    assert re.fullmatch(r"/map\?from=2024-01-01&bbox=[-\d.,]+&max_markers=4", zoom)
    assert any(a["href"].startswith("/map?place=9002") for a in links(popup) if a.get("class") == "place-link")
    assert client.get(zoom).status_code == 200


@pytest.mark.parametrize(
    "query",
    ["bbox=1,2,3", "bbox=5,2,3,4", "bbox=1,95,2,96", "bbox=a,b,c,d", "bbox=nan,0,1,1", "from=2024-13-01",
     "to=yesterday", "from=2024-02-01&to=2024-01-01", "max_markers=0", f"max_markers={MAX_MARKERS + 1}",
     "document=0", "place=-3", "document=" + "&document=".join(str(i) for i in range(1, 200))],
)  # fmt: skip
def test_bad_filters_are_422_problems(client: TestClient, query: str) -> None:
    response = client.get(f"/map?{query}")
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_unknown_documents_and_places_are_404(client: TestClient) -> None:
    for query in ("document=1&document=99", "place=5"):
        response = client.get(f"/map?{query}")
        assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


def test_etag_gives_304_until_the_store_changes(client: TestClient, tmp_path: Path) -> None:
    first = client.get("/map", params={"document": 2})
    etag = first.headers["etag"]
    assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
    again = client.get("/map", params={"document": 2}, headers={"If-None-Match": f'W/{etag}, "other"'})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get("/map", params={"document": 1}).headers["etag"] != etag  # other filters, other page
    same = client.get("/map", params={"document": 2}, headers={"Accept-Encoding": "identity"})
    assert same.headers["etag"] == etag and same.content == first.content  # the cached page

    with open_store(load_settings(tmp_path).store_path) as other_process:  # an ingest elsewhere (the CLI)
        text = "Officials in Baku met again."
        other_process.add_document(new_document(text, mentions_of(text, [("Baku", BAKU)])))
    after_ingest = client.get("/map", params={"document": 2}, headers={"If-None-Match": etag})
    assert after_ingest.status_code == 200 and after_ingest.headers["etag"] != etag

    event_id = client.get("/documents/1/events").json()["events"][0]["id"]
    before_delete = client.get(f"/events/{event_id}/map").headers["etag"]
    api_of(client.app).delete_event(event_id)  # type: ignore[arg-type]
    assert client.get(f"/events/{event_id}/map", headers={"If-None-Match": before_delete}).status_code == 404
    fresh = client.get("/map", params={"document": 2}, headers={"If-None-Match": after_ingest.headers["etag"]})
    assert fresh.status_code == 200  # the delete changed the generation too


def test_map_pages_are_gzipped_when_asked(client: TestClient) -> None:
    packed = client.get("/map", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip" and "place-marker" in packed.text
    assert int(packed.headers["content-length"]) < len(packed.text.encode()) / 3
