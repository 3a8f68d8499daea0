"""The five seed texts, ingested through the API (skipped where ../shared/corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
KHANKENDI, KALBAJAR, LACHIN, BAKU = 146970, 586268, 147625, 587084
LACHIN_CORRIDOR = 900000003

pytestmark = pytest.mark.corpus


@pytest.fixture
def seeded(client: TestClient) -> dict[str, int]:
    """Document id of each seed file, by file name."""
    if len(SEEDS) < 5:
        pytest.skip("../shared/corpus is not present")
    ids = {}
    for path in SEEDS:
        text = path.read_text(encoding="utf-8", errors="replace")
        response = client.post("/documents", json={"text": text, "title": path.stem, "source": path.name})
        assert response.status_code == 201, response.text
        ids[path.name] = response.json()["id"]
    return ids


def test_khankendi_mentions_in_seed_002_with_offsets(client: TestClient, seeded: dict[str, int]) -> None:
    seed = next(name for name in seeded if name.startswith("002_"))
    text = (CORPUS / seed).read_text(encoding="utf-8", errors="replace")
    body = client.get(f"/places/{KHANKENDI}/mentions").json()
    in_seed = [m for m in body["mentions"] if m["document_id"] == seeded[seed]]
    assert len(in_seed) >= 2
    for mention in in_seed:
        assert text[mention["start"] : mention["end"]] == mention["surface"]
        assert mention["surface"] in mention["snippet"]
        assert text[mention["snippet_start"] : mention["snippet_start"] + len(mention["snippet"])] == mention["snippet"]


def test_event_at_kalbajar_with_a_60_km_radius(client: TestClient, seeded: dict[str, int]) -> None:
    event = client.post(
        "/events", json={"title": "Area of effect", "date": "2023-09-19", "place_id": KALBAJAR, "radius_km": 60}
    ).json()
    features = client.get(f"/events/{event['id']}/near", params={"limit": 1000}).json()["features"]
    ids = [f["id"] for f in features]
    assert ids[0] == KALBAJAR and BAKU not in ids
    assert LACHIN_CORRIDOR not in ids, "the corridor's 5 km band passes some 64 km from Kalbajar"
    assert LACHIN not in ids, "the town of Laçın lies 68.0 km (geodesic) from Kalbajar"
    assert all(f["properties"]["distance_km"] - f["properties"]["radius_km"] <= 60 for f in features)
    mentioned = [f["id"] for f in features if f["properties"]["mentions"]]
    assert KALBAJAR in mentioned
    wider = [f["id"] for f in client.get(f"/events/{event['id']}/near", params={"radius_km": 70}).json()["features"]]
    assert LACHIN in wider and LACHIN_CORRIDOR in wider and BAKU not in wider


def test_mentioned_places_near_kalbajar(client: TestClient, seeded: dict[str, int]) -> None:
    response = client.get("/near", params={"lat": 40.10984, "lon": 46.04446, "radius_km": 70, "mentioned": True})
    ids = [f["id"] for f in response.json()["features"]]
    assert KALBAJAR in ids and LACHIN in ids and BAKU not in ids
