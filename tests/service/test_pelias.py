"""The Pelias dialect, /v1/...: shapes, parameters, filters, and errors as problem JSON."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

GEOJSON = "application/geo+json"
KHANKENDI, SHUSHA, BAKU = 146970, 147105, 587084


def collection(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == GEOJSON
    body: dict[str, Any] = response.json()
    assert body["type"] == "FeatureCollection" and body["geocoding"]["count"] == len(body["features"])
    return body


def test_search_answers_as_pelias(client: TestClient) -> None:
    body = collection(client, "/v1/search", text="Khankendi", size=3)
    assert body["geocoding"]["query"] == {"text": "Khankendi", "size": 3}
    assert 1 <= len(body["features"]) <= 3
    first = body["features"][0]
    properties = first["properties"]
    assert properties["id"] == str(KHANKENDI) and properties["gid"] == f"geonames:locality:{KHANKENDI}"
    assert properties["layer"] == "locality" and properties["source"] == "geonames"
    assert properties["source_id"] == str(KHANKENDI) and properties["name"] == "Khankendi"
    assert properties["country"] == "Azerbaijan" and properties["country_a"] == "AZE" and properties["region"]
    assert properties["label"].startswith("Khankendi, ") and properties["label"].endswith(", Azerbaijan")
    assert 0 < properties["confidence"] <= 1 and properties["match_type"] == "exact"
    lon, lat = first["geometry"]["coordinates"]
    assert 46.7 < lon < 46.8 and 39.8 < lat < 39.9


@pytest.mark.parametrize("spelling", ["Ханкенди", "Xankəndi", "Степанакерт"])
def test_search_finds_the_place_whatever_the_spelling(client: TestClient, spelling: str) -> None:
    features = collection(client, "/v1/search", text=spelling, size=5)["features"]
    assert str(KHANKENDI) in [f["properties"]["id"] for f in features]


def test_search_in_a_language_with_filters_and_a_focus(client: TestClient) -> None:
    params = {
        "text": "Shusha",
        "lang": "ru",
        "boundary.country": "AZE",
        "focus.point.lat": 39.8,
        "focus.point.lon": 46.7,
    }
    body = collection(client, "/v1/search", **params)
    assert {f["properties"]["country_code"] for f in body["features"]} == {"AZ"}
    first = body["features"][0]["properties"]
    assert first["id"] == str(SHUSHA) and first["name"] == "Шуша" and first["country"] == "Азербайджан"
    assert first["distance"] < 10 and body["geocoding"]["query"]["boundary.country"] == "AZE"


def test_the_accept_language_header_names_places_when_lang_is_absent(client: TestClient) -> None:
    response = client.get("/v1/search", params={"text": "Shusha", "size": 1}, headers={"Accept-Language": "ru-RU,ru"})
    assert response.json()["features"][0]["properties"]["name"] == "Шуша"
    response = client.get(
        "/v1/search", params={"text": "Shusha", "size": 1, "lang": "en"}, headers={"Accept-Language": "ru"}
    )
    assert response.json()["features"][0]["properties"]["name"] == "Shusha"


def test_a_box_keeps_only_the_places_inside(client: TestClient) -> None:
    box = {"boundary.rect.min_lon": 44.0, "boundary.rect.min_lat": 38.0, "boundary.rect.max_lon": 51.0,
           "boundary.rect.max_lat": 42.0}  # fmt: skip
    features = collection(client, "/v1/search", text="Shusha", **box)["features"]
    assert features and all(44 <= f["geometry"]["coordinates"][0] <= 51 for f in features)
    everywhere = collection(client, "/v1/search", text="Shusha")["features"]
    assert len(everywhere) > len(features)


def test_autocomplete_completes_a_beginning(client: TestClient) -> None:
    features = collection(client, "/v1/autocomplete", text="Kalbaj", size=2)["features"]
    assert features[0]["properties"]["name"].startswith("Kalbajar")
    assert features[0]["properties"]["match_type"] == "prefix"
    whole = collection(client, "/v1/autocomplete", text="Kalbajar", size=2)["features"]
    assert whole[0]["properties"]["name"] == "Kalbajar"


def test_reverse_gives_the_nearest_places_then_the_areas_holding_the_point(client: TestClient) -> None:
    at = {"point.lat": 39.7601, "point.lon": 46.7499}
    nearest = collection(client, "/v1/reverse", **at, size=3)["features"]
    first = nearest[0]["properties"]
    assert first["id"] == str(SHUSHA) and first["distance"] < 0.1 and first["confidence"] >= 0.8
    assert [f["properties"]["layer"] for f in nearest] == ["locality"] * 3
    distances = [f["properties"]["distance"] for f in nearest]
    assert distances == sorted(distances) and distances[-1] > 1
    within = collection(client, "/v1/reverse", **at, **{"boundary.circle.radius": 1})["features"]
    layers = [f["properties"]["layer"] for f in within]
    assert layers[0] == "locality" and layers.count("locality") == 1 and "region" in layers and "country" in layers


def test_place_by_gid(client: TestClient) -> None:
    ids = f"geonames:locality:{BAKU},geonames:locality:{SHUSHA},geonames:locality:99999999"
    features = collection(client, "/v1/place", ids=ids)["features"]
    assert [f["properties"]["id"] for f in features] == [str(BAKU), str(SHUSHA)]
    assert features[0]["properties"]["name"] == "Baku" and "confidence" not in features[0]["properties"]
    curated = collection(client, "/v1/place", ids="overlay:venue:900000001")["features"]
    assert curated[0]["properties"]["name"] == "Karabakh" and curated[0]["properties"]["source"] == "overlay"
    assert "bbox" in curated[0]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/search", {}),
        ("/v1/search", {"text": ""}),
        ("/v1/search", {"text": "x" * 201}),
        ("/v1/search", {"text": "Baku", "size": 0}),
        ("/v1/search", {"text": "Baku", "focus.point.lat": 40}),
        ("/v1/search", {"text": "Baku", "focus.point.lat": 91, "focus.point.lon": 0}),
        ("/v1/search", {"text": "Baku", "boundary.country": "Azerbaijan"}),
        ("/v1/search", {"text": "Baku", "boundary.rect.min_lon": 40}),
        ("/v1/autocomplete", {"text": "a\x00b"}),
        ("/v1/reverse", {"point.lat": 40}),
        ("/v1/reverse", {"point.lat": 40, "point.lon": 200}),
        ("/v1/reverse", {"point.lat": 40, "point.lon": 46, "boundary.circle.radius": -1}),
        ("/v1/place", {}),
        ("/v1/place", {"ids": "587084"}),
        ("/v1/place", {"ids": "osm:node:587084"}),
    ],
)
def test_bad_parameters_are_problems(client: TestClient, path: str, params: dict[str, Any]) -> None:
    assert_problem(client.get(path, params=params), 422)
