"""The service as it runs: a real uvicorn process on a free loopback port, stopped at the end."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import httpx
from serving import uvicorn_process


def running_server(index_path: Path, store_path: Path) -> AbstractContextManager[str]:
    """A uvicorn process serving the app on a free loopback port; its base URL."""
    return uvicorn_process({"GAZETTEER_INDEX": str(index_path), "GAZETTEER_STORE": str(store_path)})


def test_a_real_server_answers_and_keeps_its_data(tmp_path: Path, index_path: Path, gazetteer: object) -> None:
    store = tmp_path / "store.sqlite"
    with running_server(index_path, store) as server, httpx.Client(base_url=server, timeout=120) as http:
        search = http.get("/places/search", params={"q": "Kalbajar"})
        assert search.status_code == 200 and search.headers["content-type"] == "application/geo+json"
        assert search.json()["features"][0]["id"] == 586268
        event = http.post(
            "/events", json={"title": "Checkpoint", "date": "2023-04-23", "place_id": 586268, "radius_km": 60}
        )
        assert event.status_code == 201
        near = http.get(f"/events/{event.json()['id']}/near").json()
        ids = [f["id"] for f in near["features"]]
        assert ids[0] == 586268 and 587084 not in ids
        bad = http.get("/near", params={"lat": 999, "lon": 0})
        assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
        huge = http.post("/documents", content=b"x" * (20 * 1024 * 1024), headers={"content-type": "application/json"})
        assert huge.status_code == 413 and huge.headers["content-type"] == "application/problem+json"
        assert http.get("/docs").status_code == 200
    with running_server(index_path, store) as server, httpx.Client(base_url=server, timeout=120) as http:
        assert http.get(f"/events/{event.json()['id']}").json() == event.json()
