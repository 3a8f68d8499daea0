"""One contract: the OpenAPI schema states what the server accepts, and every refusal is problem JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

from gazetteer.errors import DataError
from gazetteer.limits import MAX_OFFSET, TEXT_PATTERN
from gazetteer.normalize import MAX_QUERY_LENGTH
from gazetteer.settings import load_settings
from service.app import create_app

SHUSHA = 1_040_652


def spec(client: TestClient) -> dict[str, Any]:
    return client.get("/openapi.json").json()  # type: ignore[no-any-return]


def parameter(client: TestClient, path: str, name: str) -> dict[str, Any]:
    found = next(p for p in spec(client)["paths"][path]["get"]["parameters"] if p["name"] == name)
    return found["schema"]  # type: ignore[no-any-return]


def test_offset_bound_is_the_servers(client: TestClient) -> None:
    assert parameter(client, "/documents", "offset")["maximum"] == MAX_OFFSET
    assert client.get("/documents", params={"offset": MAX_OFFSET}).status_code == 200
    assert client.get("/events", params={"offset": MAX_OFFSET}).status_code == 200
    assert_problem(client.get("/documents", params={"offset": MAX_OFFSET + 1}), 422)


def test_query_length_is_the_servers(client: TestClient) -> None:
    stated = parameter(client, "/places/search", "q")["anyOf"][0]
    assert stated["maxLength"] == MAX_QUERY_LENGTH and stated["pattern"] == TEXT_PATTERN
    assert client.get("/places/search", params={"q": "b" * MAX_QUERY_LENGTH}).status_code == 200
    assert_problem(client.get("/places/search", params={"q": "b" * (MAX_QUERY_LENGTH + 1)}), 422)


LOCATIONS = [
    ({"place_id": SHUSHA}, True),
    ({"place_name": "Shusha"}, True),
    ({"lat": 39.76, "lon": 46.75}, True),
    ({"lat": 39.76, "lon": 46.75, "place_id": None, "place_name": None}, True),
    ({}, False),
    ({"lat": 39.76}, False),
    ({"place_id": SHUSHA, "place_name": "Shusha"}, False),
    ({"place_name": "Shusha", "lat": 39.76, "lon": 46.75}, False),
    ({"place_id": SHUSHA, "lon": 46.75}, False),
]


@pytest.mark.parametrize(("location", "valid"), LOCATIONS)
def test_the_one_location_rule_is_in_the_schema(client: TestClient, location: dict[str, Any], valid: bool) -> None:
    schema = spec(client)["components"]["schemas"]["EventCreate"]
    body = {"title": "Shelling", "date": "2023-09-19", **location}
    assert jsonschema_rs.validator_for(schema).is_valid(body) is valid
    response = client.post("/events", json=body)
    assert response.status_code == (201 if valid else 422), response.text


def test_every_operation_states_its_statuses(client: TestClient) -> None:
    paths = spec(client)["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert "503" in statuses and "422" in statuses, (method, path)
            unknown_ids = "{" in path or f"{method} {path}" in {"get /map", "get /map/timeline.json", "post /events"}
            assert ("404" in statuses) == unknown_ids, (method, path)
            assert ({"400", "413", "415"} <= statuses) == ("requestBody" in operation), (method, path)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("patch", "/documents", "GET, POST"),
        ("post", "/events/1", "DELETE, GET, PUT"),
        ("delete", "/places/1", "GET"),
        ("head", "/events/1/map", "GET"),
    ],
)
def test_405_names_every_allowed_method(client: TestClient, method: str, path: str, allowed: str) -> None:
    response = client.request(method, path)
    if method == "head":  # no body
        assert response.status_code == 405 and response.headers["content-type"] == "application/problem+json"
    else:
        assert_problem(response, 405)
    assert response.headers["allow"] == allowed


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused_in_every_text_field(client: TestClient, control: str) -> None:
    text = f"Talks in Baku{control} ended."
    for field in ("text", "title", "source"):
        fields = {"text": "Talks in Baku.", field: text}
        assert_problem(client.post("/documents", json=fields), 422)
    event = {"date": "2023-09-19", "lat": 40.0, "lon": 46.0}
    assert_problem(client.post("/events", json={"title": text, **event}), 422)
    assert_problem(client.post("/events", json={"title": "Talks", "date": "2023-09-19", "place_name": text}), 422)
    assert_problem(client.get("/places/search", params={"q": text}), 422)
    assert client.get("/documents").json()["total"] == 0


def test_tabs_and_line_breaks_are_text(client: TestClient) -> None:
    text = "Convoy\r\n\tTalks in Baku.\n"
    assert client.post("/documents", json={"text": text, "title": "a\tb"}).status_code == 201
    assert client.post("/events", json={"title": "a\tb", "date": "2023-09-19", "lat": 40, "lon": 46}).status_code == 201


def test_bodies_the_app_cannot_read_are_problems(client: TestClient) -> None:
    json_type = {"content-type": "application/json"}
    assert_problem(client.post("/documents", content=b'{"text": "Baku"', headers=json_type), 422)
    assert_problem(client.post("/documents", content=b'{"text": "Baku \xff"}', headers=json_type), 400)
    bad_length = {**json_type, "content-length": "12abc"}
    assert_problem(client.post("/documents", content=b'{"text": "B"}', headers=bad_length), 400)
    assert_problem(client.get("/places/%ZZ"), 422)
    assert client.get("/places/search", params={"q": "%ZZ Baku"}).status_code == 200


def test_no_response_carries_a_server_path(tmp_path: Path) -> None:
    missing = tmp_path / "data" / "gazetteer.sqlite"

    class Unbuilt:
        def lookup(self, *args: object, **kwargs: object) -> None:
            raise DataError(f"no gazetteer index at {missing}; run `gazetteer build --index {missing}`")

    with TestClient(create_app(load_settings(tmp_path), gazetteer=Unbuilt())) as client:
        response = client.get("/places/search", params={"q": "Baku"})
    body = assert_problem(response, 503)
    assert str(tmp_path) not in response.text and "/data/" not in response.text
    assert body["detail"] == "no gazetteer index at gazetteer.sqlite; run `gazetteer build --index gazetteer.sqlite`"


def _patterns(schema: dict[str, Any]) -> set[str | None]:
    """The patterns a string schema (or each string branch of an ``anyOf``) states."""
    branches = schema.get("anyOf", [schema])
    return {branch.get("pattern") for branch in branches if branch.get("type") == "string"}


def test_every_text_field_states_the_control_rule(client: TestClient) -> None:
    stated = spec(client)
    for path, operations in stated["paths"].items():
        for operation in operations.values():
            for param in operation.get("parameters", []):
                if param["name"] in {"q", "text"}:
                    assert _patterns(param["schema"]) == {TEXT_PATTERN}, (path, param["name"])
    schemas = stated["components"]["schemas"]
    for model, fields in {
        "DocumentCreate": ("text", "title", "source"),
        "EventCreate": ("title", "place_name"),
    }.items():
        for field in fields:
            assert _patterns(schemas[model]["properties"][field]) == {TEXT_PATTERN}, (model, field)
