"""The Nominatim dialect, /nominatim/...: every format, parameters, ids, zooms, and errors as problem JSON."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

KHANKENDI, SHUSHA, BAKU, KARABAKH = 146970, 147105, 587084, 900000001
SHUSHA_AT = {"lat": 39.7601, "lon": 46.7499}


def answer(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(f"/nominatim/{path}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def test_search_in_json(client: TestClient) -> None:
    places = answer(client, "search", q="Khankendi", format="json", limit=2)
    assert 1 <= len(places) <= 2
    first = places[0]
    assert first["place_id"] == KHANKENDI and first["class"] == "place" and "category" not in first
    assert isinstance(first["lat"], str) and 39.8 < float(first["lat"]) < 39.9 and 46.7 < float(first["lon"]) < 46.8
    assert first["display_name"].startswith("Khankendi, ") and first["display_name"].endswith("Azerbaijan")
    assert first["licence"] and 0 < first["importance"] <= 1 and "address" not in first
    south, north, west, east = (float(value) for value in first["boundingbox"])
    assert south < float(first["lat"]) < north and west < float(first["lon"]) < east
    assert all(isinstance(value, str) for value in first["boundingbox"])


def test_search_defaults_to_jsonv2_with_an_address_when_asked(client: TestClient) -> None:
    first = answer(client, "search", q="Şuşa", addressdetails=1)[0]
    assert first["place_id"] == SHUSHA and first["category"] == "place" and "class" not in first
    assert first["type"] in ("village", "town") and first["place_rank"] in (18, 19)
    address = first["address"]
    assert address[first["addresstype"]] == "Shusha" and address["country"] == "Azerbaijan"
    assert address["country_code"] == "az" and address["state"] == "Shusha District"


def test_search_in_the_accept_language(client: TestClient) -> None:
    first = answer(client, "search", q="Shusha", limit=1, **{"accept-language": "ru,en;q=0.5"})[0]
    assert first["name"] == "Шуша" and first["display_name"].endswith("Азербайджан")
    by_header = client.get("/nominatim/search", params={"q": "Shusha", "limit": 1}, headers={"Accept-Language": "ru"})
    assert by_header.json()[0]["name"] == "Шуша"


def test_countrycodes_and_a_bounded_viewbox_filter(client: TestClient) -> None:
    everywhere = answer(client, "search", q="Shusha", limit=20)
    assert {p["address"]["country_code"] for p in answer(client, "search", q="Shusha", addressdetails=1)} != {"az"}
    in_az = answer(client, "search", q="Shusha", countrycodes="az", addressdetails=1)
    assert in_az and {p["address"]["country_code"] for p in in_az} == {"az"} and len(in_az) < len(everywhere)
    boxed = answer(client, "search", q="Shusha", viewbox="51,42,44,38", bounded=1)
    assert boxed and all(44 <= float(p["lon"]) <= 51 and 38 <= float(p["lat"]) <= 42 for p in boxed)
    focused = answer(client, "search", q="Susa", viewbox="-74.2,5.0,-73.5,5.9", limit=1)
    assert focused[0]["display_name"].endswith("Colombia")


def test_search_in_geojson_and_geocodejson(client: TestClient) -> None:
    geojson = answer(client, "search", q="Baku", format="geojson", limit=1, addressdetails=1)
    assert geojson["type"] == "FeatureCollection" and geojson["licence"]
    feature = geojson["features"][0]
    assert feature["properties"]["place_id"] == BAKU and feature["properties"]["type"] == "city"
    assert feature["properties"]["address"]["city"] == "Baku" and feature["geometry"]["type"] == "Point"
    west, south, east, north = feature["bbox"]
    lon, lat = feature["geometry"]["coordinates"]
    assert west < lon < east and south < lat < north
    geocodejson = answer(client, "search", q="Baku", format="geocodejson", limit=1)
    assert geocodejson["geocoding"]["query"] == "Baku"
    place = geocodejson["features"][0]["properties"]["geocoding"]
    assert place["place_id"] == BAKU and place["label"].startswith("Baku, ") and place["type"] == "city"


def test_search_without_matches(client: TestClient) -> None:
    assert answer(client, "search", q="Qwxzvbnmplk", countrycodes="az") == []
    assert answer(client, "search", q="Qwxzvbnmplk", countrycodes="az", format="geojson")["features"] == []


def test_reverse_at_the_zoom_asked(client: TestClient) -> None:
    town = answer(client, "reverse", **SHUSHA_AT, format="json")
    assert town["place_id"] == SHUSHA and town["class"] == "place" and town["address"]["country_code"] == "az"
    state = answer(client, "reverse", **SHUSHA_AT, zoom=5)
    assert state["category"] == "boundary" and state["addresstype"] == "state"
    country = answer(client, "reverse", **SHUSHA_AT, zoom=3, format="geojson", addressdetails=0)
    properties = country["features"][0]["properties"]
    assert properties["name"] == "Azerbaijan" and properties["place_rank"] == 4 and "address" not in properties


def test_reverse_with_nothing_at_that_detail_answers_as_nominatim(client: TestClient) -> None:
    assert answer(client, "reverse", lat=0.0, lon=-30.0, zoom=3) == {"error": "Unable to geocode"}


def test_lookup_by_place_ids(client: TestClient) -> None:
    places = answer(client, "lookup", place_ids=f"{BAKU},99999999,{SHUSHA},{KARABAKH}", format="json")
    assert [p["place_id"] for p in places] == [BAKU, SHUSHA, KARABAKH]
    assert places[2]["name"] == "Karabakh" and places[2]["class"] == "place"
    geojson = answer(client, "lookup", place_ids=str(SHUSHA), format="geojson")
    assert geojson["features"][0]["properties"]["place_id"] == SHUSHA
    again = answer(client, "lookup", place_ids=answer(client, "search", q="Khankendi", limit=1)[0]["place_id"])
    assert again[0]["place_id"] == KHANKENDI


def test_osm_ids_are_refused_with_the_reason(client: TestClient) -> None:
    body = assert_problem(client.get("/nominatim/lookup", params={"osm_ids": "N1,R2"}), 422)
    assert "place_ids" in body["detail"] and "OpenStreetMap" in body["detail"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("search", {}),
        ("search", {"q": ""}),
        ("search", {"q": "x" * 201}),
        ("search", {"q": "Baku", "format": "xml"}),
        ("search", {"q": "Baku", "limit": 0}),
        ("search", {"q": "Baku", "countrycodes": "az,Azerbaijan"}),
        ("search", {"q": "Baku", "viewbox": "1,2,3"}),
        ("search", {"q": "Baku", "viewbox": "1,2,3,nan"}),
        ("search", {"q": "Baku", "addressdetails": "maybe"}),
        ("reverse", {"lat": 40}),
        ("reverse", {"lat": 40, "lon": 46, "zoom": 19}),
        ("reverse", {"lat": -91, "lon": 46}),
        ("lookup", {}),
        ("lookup", {"place_ids": "N147105"}),
        ("lookup", {"place_ids": ",".join(str(n) for n in range(1, 52))}),
    ],
)
def test_bad_parameters_are_problems(client: TestClient, path: str, params: dict[str, Any]) -> None:
    assert_problem(client.get(f"/nominatim/{path}", params=params), 422)


def test_the_service_keeps_its_own_reverse_at_the_root(client: TestClient) -> None:
    assert client.get("/reverse", params=SHUSHA_AT | {"format": "json"}).json()["type"] == "FeatureCollection"
