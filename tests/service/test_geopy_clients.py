"""The clients people already use, unchanged, against a real server: geopy's Pelias and Nominatim geocoders,
and the JSON reading of Leaflet's geocoder control (``format=json``)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from geopy.geocoders import Nominatim, Pelias
from geopy.location import Location
from serving import uvicorn_process

from gazetteer.gazetteer import Gazetteer

KHANKENDI, SHUSHA = 146970, 147105
NEAR_SHUSHA = (39.7590, 46.7512)
AGENT = "karabakh-gazetteer-tests"
TIMEOUT = 120
"""Seconds a client waits: the first reverse query builds the spatial indexes."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, index_path: Path, gazetteer: Gazetteer) -> Iterator[str]:
    """The service on a free loopback port, over the shared index and a fresh store: host and port."""
    store = tmp_path_factory.mktemp("clients") / "store.sqlite"
    with uvicorn_process({"GAZETTEER_INDEX": str(index_path), "GAZETTEER_STORE": str(store)}) as base:
        yield base.removeprefix("http://")


def pelias(server: str) -> Pelias:
    return Pelias(domain=server, scheme="http", timeout=TIMEOUT, proxies={}, user_agent=AGENT)


def nominatim(server: str) -> Nominatim:
    return Nominatim(domain=f"{server}/nominatim", scheme="http", timeout=TIMEOUT, proxies={}, user_agent=AGENT)


def one(found: Location | list[Location] | None) -> Location:
    assert isinstance(found, Location), found
    return found


def test_geopy_pelias_geocodes_and_reverses(server: str) -> None:
    geocoder = pelias(server)
    found = one(geocoder.geocode("Khankendi"))
    assert found.address == "Khankendi" and found.raw["properties"]["id"] == str(KHANKENDI)
    assert found.latitude == pytest.approx(39.8177, abs=0.01) and found.longitude == pytest.approx(46.7528, abs=0.01)
    for spelling in ("Ханкенди", "Xankəndi"):
        assert one(geocoder.geocode(spelling)).raw["properties"]["id"] == str(KHANKENDI)
    russian = one(geocoder.geocode("Shusha", language="ru", countries=["AZE"]))
    assert russian.address == "Шуша" and russian.raw["properties"]["country_code"] == "AZ"
    back = one(geocoder.reverse(NEAR_SHUSHA))
    assert back.raw["properties"]["id"] == str(SHUSHA) and back.raw["properties"]["distance"] < 1


def test_geopy_nominatim_geocodes_and_reverses(server: str) -> None:
    geocoder = nominatim(server)
    found = one(geocoder.geocode("Khankendi"))
    assert found.raw["place_id"] == KHANKENDI and found.address.startswith("Khankendi, ")
    assert found.latitude == pytest.approx(39.8177, abs=0.01)
    assert one(geocoder.geocode("Ханкенди", language="ru")).address.startswith("Ханкенди, ")
    assert one(geocoder.geocode("Xankəndi", country_codes="az")).raw["place_id"] == KHANKENDI
    many = geocoder.geocode("Shusha", exactly_one=False, limit=5, addressdetails=True)
    assert isinstance(many, list) and 1 < len(many) <= 5 and many[0].raw["place_id"] == SHUSHA
    assert many[0].raw["address"]["country_code"] == "az"
    back = one(geocoder.reverse(NEAR_SHUSHA))
    assert back.raw["place_id"] == SHUSHA and back.raw["address"]["state"] == "Shusha District"
    assert one(geocoder.reverse(NEAR_SHUSHA, zoom=3)).raw["name"] == "Azerbaijan"
    assert geocoder.reverse((0.0, -30.0), zoom=3) is None  # Nominatim's "Unable to geocode"
    assert geocoder.geocode("Qwxzvbnmplk", country_codes="az") is None


def test_leaflet_control_geocoder_reading_of_format_json(server: str) -> None:
    """What Leaflet's Nominatim geocoder does with a result: bounds from boundingbox, centre from lat and lon."""
    url = f"http://{server}/nominatim/search?q=Khankendi&limit=5&format=json&addressdetails=1"
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=TIMEOUT) as response:
        results = json.load(response)
    first = results[0]
    south, north, west, east = (float(value) for value in first["boundingbox"])
    centre = (float(first["lat"]), float(first["lon"]))
    assert south < centre[0] < north and west < centre[1] < east
    assert first["display_name"] and first["address"]["country"] == "Azerbaijan"
