"""Limits an operator sets: requests per minute (429), Host allow-list, CORS, longest request (503), largest body."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import parser_fixture  # noqa: F401  (fixtures)

from gazetteer.gazetteer import Gazetteer
from gazetteer.records import Mention
from gazetteer.settings import ServiceSettings, load_settings
from service.app import create_app
from service.host_check import bare_host, matches
from service.rate_limit import TokenBuckets

ORIGIN = "https://maps.example.org"


def app_with(tmp_path: Path, gazetteer: Gazetteer, parser: Any, **service: Any) -> FastAPI:
    settings = load_settings(tmp_path)
    return create_app(replace(settings, service=ServiceSettings(**service)), gazetteer=gazetteer, parser=parser)


class SlowParser:
    """A geoparser that takes its time, in the handler's worker thread."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def parse(self, text: str, language: str | None = None) -> list[Mention]:
        time.sleep(self.seconds)
        return []


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_token_buckets_refill_at_the_rate_and_forget_the_oldest_clients() -> None:
    clock = Clock()
    buckets = TokenBuckets(per_minute=2, most=3, clock=clock)
    assert [buckets.take("a"), buckets.take("a")] == [0, 0]
    assert buckets.take("a") == 30.0  # one token every 30 s
    clock.now += 29
    assert round(buckets.take("a"), 6) == 1.0
    clock.now += 1
    assert buckets.take("a") == 0
    for client in ("b", "c", "d"):
        buckets.take(client)
    assert list(buckets.buckets) == ["b", "c", "d"]


def test_a_client_over_its_rate_gets_429_with_retry_after(tmp_path: Path, gazetteer: Gazetteer, parser: Any) -> None:
    with TestClient(app_with(tmp_path, gazetteer, parser, rate_per_minute=3)) as client:
        assert [client.get("/events").status_code for _ in range(3)] == [200, 200, 200]
        refused = client.get("/places/search", params={"q": "Baku"})
        body = assert_problem(refused, 429)
        assert 1 <= int(refused.headers["retry-after"]) <= 20 and "3 requests a minute" in body["detail"]
        assert assert_problem(client.post("/events", json={}), 429)
        responses = client.get("/openapi.json")
    assert responses.status_code == 429


def test_429_is_documented_only_with_a_rate_limit(tmp_path: Path, gazetteer: Gazetteer, parser: Any) -> None:
    for rate, declared in ((1200, True), (0, False)):
        with TestClient(app_with(tmp_path, gazetteer, parser, rate_per_minute=rate)) as client:
            spec = client.get("/openapi.json").json()
        operations = [op for path in spec["paths"].values() for op in path.values()]
        assert all(("429" in op["responses"]) is declared and "503" in op["responses"] for op in operations)


def test_host_names_outside_the_allow_list_get_400(tmp_path: Path, gazetteer: Gazetteer, parser: Any) -> None:
    app = app_with(tmp_path, gazetteer, parser, allowed_hosts=("api.example.org", "*.example.net"))
    with TestClient(app) as client:
        body = assert_problem(client.get("/events"), 400)  # Host: testserver
        assert body["title"] == "Host not allowed" and "GAZETTEER_ALLOWED_HOSTS" in body["detail"]
        assert assert_problem(client.get("/events", headers={"host": "example.net"}), 400)
        for host in ("api.example.org", "API.example.org:8443", "tiles.example.net:8000"):
            assert client.get("/events", headers={"host": host}).status_code == 200, host
    assert bare_host("[::1]:8000") == "::1" and matches("::1", "[::1]") and not matches("example.org", "*.example.org")


def test_cors_is_off_by_default(tmp_path: Path, gazetteer: Gazetteer, parser: Any) -> None:
    with TestClient(app_with(tmp_path, gazetteer, parser)) as client:
        response = client.get("/events", headers={"origin": ORIGIN})
        assert response.status_code == 200 and "access-control-allow-origin" not in response.headers
        preflight = client.options("/events", headers={"origin": ORIGIN, "access-control-request-method": "POST"})
        assert "access-control-allow-origin" not in preflight.headers


def test_cors_answers_the_listed_origins(tmp_path: Path, gazetteer: Gazetteer, parser: Any) -> None:
    with TestClient(app_with(tmp_path, gazetteer, parser, cors_origins=(ORIGIN,), rate_per_minute=2)) as client:
        response = client.get("/events", headers={"origin": ORIGIN})
        assert response.headers["access-control-allow-origin"] == ORIGIN
        preflight = client.options(
            "/events/3",
            headers={
                "origin": ORIGIN,
                "access-control-request-method": "DELETE",
                "access-control-request-headers": "authorization, x-api-key",
            },
        )
        assert preflight.status_code == 200 and "DELETE" in preflight.headers["access-control-allow-methods"]
        other = client.get("/events", headers={"origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
        limited = client.get("/events", headers={"origin": ORIGIN})  # errors carry the header too
        assert limited.status_code == 429 and limited.headers["access-control-allow-origin"] == ORIGIN
        assert "Retry-After" in limited.headers["access-control-expose-headers"]


def test_a_request_past_its_time_gets_503_while_the_handler_thread_runs_on(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    app = app_with(tmp_path, gazetteer, SlowParser(3.0), request_timeout_s=0.3)
    with TestClient(app) as client:
        started = time.monotonic()
        response = client.post("/documents", json={"text": "A slow report from Goris."})
        elapsed = time.monotonic() - started
        body = assert_problem(response, 503)
        assert elapsed < 2.0 and "0.3 s" in body["detail"] and response.headers["connection"] == "close"
        assert client.get("/events").status_code == 200  # the server goes on answering


def test_the_largest_body_is_the_operators(tmp_path: Path, gazetteer: Gazetteer, parser: Any) -> None:
    with TestClient(app_with(tmp_path, gazetteer, parser, max_body_bytes=200)) as client:
        body = assert_problem(client.post("/documents", json={"text": "Baku " * 60}), 413)
        assert "200 bytes" in body["detail"]
        assert client.post("/documents", json={"text": "Buses left Baku."}).status_code == 201
