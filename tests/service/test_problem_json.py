"""Every error is RFC 9457 problem JSON, whatever raised it."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

from gazetteer.errors import DataError
from gazetteer.settings import load_settings
from service.app import create_app


def test_unknown_routes_and_methods(client: TestClient) -> None:
    body = assert_problem(client.get("/nowhere"), 404)
    assert body["instance"] == "/nowhere"
    assert_problem(client.patch("/documents"), 405)


def test_validation_errors_list_the_fields(client: TestClient) -> None:
    body = assert_problem(client.get("/near", params={"lat": 999, "lon": "x"}), 422)
    assert {tuple(e["loc"]) for e in body["errors"]} == {("query", "lat"), ("query", "lon")}
    assert "lat" in body["detail"] and body["type"].startswith("tag:")


def test_project_errors_keep_status_and_message(tmp_path: Path) -> None:
    class Broken:
        def lookup(self, *args: object, **kwargs: object) -> None:
            raise DataError("the index is being rebuilt")

    app = create_app(load_settings(tmp_path), gazetteer=Broken())
    with TestClient(app) as client:
        body = assert_problem(client.get("/places/search", params={"q": "Baku"}), 503)
    assert body["title"] == "Data unavailable" and body["detail"] == "the index is being rebuilt"


def test_unexpected_errors_are_a_generic_500(tmp_path: Path) -> None:
    class Exploding:
        def lookup(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("secret internals")

    app = create_app(load_settings(tmp_path), gazetteer=Exploding())
    with TestClient(app, raise_server_exceptions=False) as client:
        body = assert_problem(client.get("/places/search", params={"q": "Baku"}), 500)
    assert "secret" not in body["detail"]


def test_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    for path in (
        "/places/search",
        "/places/{place_id}/variants",
        "/reverse",
        "/near",
        "/documents",
        "/documents/{document_id}/mentions",
        "/places/{place_id}/mentions",
        "/events",
        "/events/{event_id}/near",
    ):
        assert path in spec["paths"], path
    search = spec["paths"]["/places/search"]["get"]
    assert "application/geo+json" in search["responses"]["200"]["content"]
    assert {"q", "text", "size", "limit", "lang", "country", "focus.point.lat", "focus.point.lon"} <= {
        p["name"] for p in search["parameters"]
    }
