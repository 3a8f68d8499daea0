"""API keys on writes: 401 without one where required, 403 for a read key, optional on loopback, revocation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

from gazetteer.application import GazetteerAPI
from gazetteer.gazetteer import Gazetteer
from gazetteer.settings import ServiceSettings, load_settings
from service.app import create_app
from service.key_guard import WRITE_METHODS
from service.state import api_of

KALBAJAR = 586268
EVENT = {"title": "Checkpoint", "date": "2023-04-23", "place_id": KALBAJAR, "radius_km": 20}


def app_with(tmp_path: Path, gazetteer: Gazetteer, parser: Any, **service: Any) -> FastAPI:
    settings = load_settings(tmp_path)
    return create_app(replace(settings, service=ServiceSettings(**service)), gazetteer=gazetteer, parser=parser)


@pytest.fixture
def keyed(tmp_path: Path, gazetteer: Gazetteer, parser: Any) -> Iterator[tuple[TestClient, GazetteerAPI]]:
    """A client of an application that requires keys on writes, and its application layer."""
    app = app_with(tmp_path, gazetteer, parser, require_keys=True)
    with TestClient(app) as client:
        yield client, api_of(app)


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_a_write_without_a_key_is_401_with_a_challenge(keyed: tuple[TestClient, GazetteerAPI]) -> None:
    client, _ = keyed
    for response in (
        client.post("/events", json=EVENT),
        client.put("/events/1", json=EVENT),
        client.delete("/events/1"),
        client.post("/documents", json={"text": "Buses left Baku."}),
        client.delete("/events/1", headers={"Authorization": "Basic dXNlcjpwdw=="}),
    ):
        body = assert_problem(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer ")
        assert "key" in body["detail"]
    assert client.get("/events").status_code == 200  # reads stay open


def test_a_write_key_opens_writes_by_either_header(keyed: tuple[TestClient, GazetteerAPI]) -> None:
    client, api = keyed
    _, secret = api.add_key("editor")
    created = client.post("/events", json=EVENT, headers=bearer(secret))
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    moved = client.put(f"/events/{event_id}", json=EVENT | {"radius_km": 5}, headers={"X-API-Key": secret})
    assert moved.status_code == 200 and moved.json()["radius_km"] == 5
    assert client.delete(f"/events/{event_id}", headers={"authorization": f"bearer {secret}"}).status_code == 204
    document = client.post("/documents", json={"text": "Buses left Baku for Shusha."}, headers=bearer(secret))
    assert document.status_code == 201, document.text


def test_a_read_key_on_a_write_is_403(keyed: tuple[TestClient, GazetteerAPI]) -> None:
    client, api = keyed
    _, secret = api.add_key("viewer", "read")
    body = assert_problem(client.post("/events", json=EVENT, headers=bearer(secret)), 403)
    assert (
        "read" in body["detail"]
        and "www-authenticate" not in client.delete("/events/1", headers=bearer(secret)).headers
    )
    assert client.get("/events", headers=bearer(secret)).status_code == 200


def test_a_revoked_key_opens_nothing(keyed: tuple[TestClient, GazetteerAPI]) -> None:
    client, api = keyed
    _, secret = api.add_key("temporary")
    assert client.post("/events", json=EVENT, headers=bearer(secret)).status_code == 201
    api.revoke_key("temporary")
    body = assert_problem(client.post("/events", json=EVENT, headers=bearer(secret)), 401)
    assert "unknown or revoked" in body["detail"]
    assert_problem(client.post("/events", json=EVENT, headers=bearer("gzk_" + "x" * 43)), 401)
    assert_problem(client.post("/events", json=EVENT, headers=bearer("x" * 10_000)), 401)


def test_on_loopback_a_key_is_optional_but_checked_when_given(client: TestClient) -> None:
    assert client.post("/events", json=EVENT).status_code == 201
    assert_problem(client.post("/events", json=EVENT, headers=bearer("gzk_not-a-key")), 401)
    _, read_secret = api_of(client.app).add_key("viewer", "read")  # type: ignore[arg-type]
    assert_problem(client.delete("/events/1", headers={"X-API-Key": read_secret}), 403)


def test_listening_beyond_loopback_requires_keys(tmp_path: Path, gazetteer: Gazetteer, parser: Any) -> None:
    with TestClient(app_with(tmp_path, gazetteer, parser, host="0.0.0.0")) as client:
        assert_problem(client.post("/events", json=EVENT), 401)
        assert client.get("/events").status_code == 200


def test_a_connection_from_beyond_loopback_needs_a_key_whatever_the_settings(
    tmp_path: Path, gazetteer: Gazetteer, parser: Any
) -> None:
    """A server started without the settings knowing its host (``uvicorn --host 0.0.0.0``) still asks a key."""
    app = app_with(tmp_path, gazetteer, parser)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    import anyio

    for server, expected in ((("192.0.2.7", 8000), 401), (("127.0.0.1", 8000), 422)):
        sent.clear()
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
            "path": "/events", "raw_path": b"/events", "query_string": b"", "root_path": "",
            "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json")],
            "client": ("192.0.2.9", 50000), "server": server,
        }  # fmt: skip
        anyio.run(app, scope, receive, send)
        assert sent[0]["status"] == expected, server


def test_openapi_declares_the_keys_on_writes_only(keyed: tuple[TestClient, GazetteerAPI], client: TestClient) -> None:
    spec = keyed[0].get("/openapi.json").json()
    assert set(spec["components"]["securitySchemes"]) == {"bearerKey", "apiKeyHeader"}
    assert spec["components"]["securitySchemes"]["apiKeyHeader"]["name"] == "X-API-Key"
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method.upper() in WRITE_METHODS:
                assert operation["security"] == [{"bearerKey": []}, {"apiKeyHeader": []}], (method, path)
                assert {"401", "403"} <= set(operation["responses"]), (method, path)
            else:
                assert "security" not in operation and "401" not in operation["responses"], (method, path)
    optional = client.get("/openapi.json").json()["paths"]["/events"]["post"]["security"]
    assert {} in optional


def test_serve_beyond_loopback_asks_keys_and_times_the_headers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, index_path: Path
) -> None:
    import typer
    import uvicorn
    from typer.testing import CliRunner

    from gazetteer.cli import documents
    from service.server_protocol import HeaderTimeoutProtocol

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append((app, kwargs)))
    monkeypatch.setenv("GAZETTEER_INDEX", str(index_path))
    monkeypatch.setenv("GAZETTEER_STORE", str(tmp_path / "store.sqlite"))
    monkeypatch.setenv("GAZETTEER_HEADER_TIMEOUT", "3")
    cli = typer.Typer()
    documents.register(cli)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0 and "need an API key" in result.stderr
    served, options = calls[0]
    assert issubclass(options["http"], HeaderTimeoutProtocol) and options["http"].header_timeout_s == 3
    with TestClient(served) as client:
        assert_problem(client.post("/events", json=EVENT), 401)
    assert CliRunner().invoke(cli, ["serve"]).exit_code == 0 and len(calls) == 2
    with TestClient(calls[1][0]) as client:
        assert client.post("/events", json=EVENT).status_code == 201
