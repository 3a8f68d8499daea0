"""/near and /reverse over a tiny index with shapes: former states only when asked, areas by their shapes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shapely
from fastapi.testclient import TestClient
from problemcheck import assert_problem

from gazetteer.gazetteer import Gazetteer
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Place, Point
from gazetteer.settings import Settings
from service.app import create_app

WARSAW = Place(756135, "Warsaw", Point(21.01178, 52.22977), "P", "PPLC", country="PL")
KYIV = Place(703448, "Kyiv", Point(30.5238, 50.45466), "P", "PPLC", country="UA")
SHUSHA = Place(585103, "Shusha", Point(46.75034, 39.75853), "P", "PPL", country="AZ")
AZERBAIJAN = Place(587116, "Azerbaijan", Point(47.5, 40.5), "A", "PCLI", country="AZ")
DISTRICT = Place(900000102, "Shusha District", Point(46.75, 39.76), "A", "ADM2", country="AZ")
SOVIET_UNION = Place(900000007, "Soviet Union", Point(60.0, 55.0), "A", "PCLH", radius_km=3000.0)
SHAPES = {
    AZERBAIJAN.id: shapely.box(44.8, 38.4, 50.4, 41.9),
    DISTRICT.id: shapely.box(46.65, 39.70, 46.85, 39.80),
    SOVIET_UNION.id: shapely.Polygon([(23.6, 56.0), (23.6, 45.0), (49.0, 38.4), (60.0, 35.0), (180.0, 45.0), (30, 70)]),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("around") / "tiny.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places([WARSAW, KYIV, SHUSHA, AZERBAIJAN, DISTRICT, SOVIET_UNION])
        writer.add_shapes((pid, shapely.to_wkb(shape), "test") for pid, shape in SHAPES.items())
    return Gazetteer(GazetteerIndex(path))


@pytest.fixture
def client(tiny: Gazetteer, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, index_path=tmp_path / "unused.sqlite", store_path=tmp_path / "store.sqlite")
    with TestClient(create_app(settings, gazetteer=tiny)) as test_client:
        yield test_client


def feature_ids(client: TestClient, url: str, **params: object) -> list[int]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/geo+json"
    return [feature["id"] for feature in response.json()["features"]]


def test_near_leaves_the_former_state_out_unless_asked(client: TestClient) -> None:
    assert feature_ids(client, "/near", lat=WARSAW.lat, lon=WARSAW.lon, radius_km=5) == [WARSAW.id]
    assert feature_ids(client, "/near", lat=KYIV.lat, lon=KYIV.lon, radius_km=5) == [KYIV.id]
    asked = client.get("/near", params={"lat": KYIV.lat, "lon": KYIV.lon, "radius_km": 5, "historic": True}).json()
    assert [f["id"] for f in asked["features"]] == [KYIV.id, SOVIET_UNION.id]
    assert asked["geocoding"]["query"]["historic"] is True
    assert feature_ids(client, "/near", lat=WARSAW.lat, lon=WARSAW.lon, radius_km=5, historic=True) == [WARSAW.id]


def test_reverse_names_the_district_then_its_country(client: TestClient) -> None:
    features = client.get("/reverse", params={"lat": SHUSHA.lat, "lon": SHUSHA.lon, "size": 1}).json()["features"]
    assert [(f["id"], f["properties"]["relation"]) for f in features] == [
        (DISTRICT.id, "containing"),
        (AZERBAIJAN.id, "containing"),
        (SHUSHA.id, "nearest"),
    ]
    past = feature_ids(client, "/reverse", lat=SHUSHA.lat, lon=SHUSHA.lon, size=1, historic=True)
    assert past == [DISTRICT.id, AZERBAIJAN.id, SOVIET_UNION.id, SHUSHA.id]
    assert_problem(client.get("/reverse", params={"lat": 0, "lon": 0, "historic": "maybe"}), 422)
