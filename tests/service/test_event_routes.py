"""Events: create by place id, name or position; list, replace, delete; places near an event or a point."""

from __future__ import annotations

from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

KALBAJAR, LACHIN, BAKU, SOTK = 586268, 147625, 587084, 616041
SOVIET_UNION, KYIV = 900000008, 703448


def create(client: TestClient, **fields: object) -> dict:
    body = {"title": "Road closed", "date": "2023-09-19", **fields}
    response = client.post("/events", json=body)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/events/{response.json()['id']}"
    return response.json()  # type: ignore[no-any-return]


def near_ids(client: TestClient, url: str, **params: object) -> list[int]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/geo+json"
    features = response.json()["features"]
    distances = [f["properties"]["distance_km"] for f in features]
    assert distances == sorted(distances)
    return [f["id"] for f in features]


def test_events_located_three_ways(client: TestClient) -> None:
    by_id = create(client, place_id=KALBAJAR, radius_km=60)
    assert (by_id["place_name"], by_id["lon"], by_id["lat"], by_id["proposed"]) == (
        "Kalbajar",
        46.04446,
        40.10984,
        False,
    )
    by_name = create(client, place_name="Lachin", radius_km=5)
    assert by_name["place_id"] == LACHIN
    by_point = create(client, lat=40.0, lon=46.5)
    assert by_point["place_id"] is None and by_point["place_name"] == "" and by_point["radius_km"] == 0
    assert client.get(f"/events/{by_id['id']}").json() == by_id
    assert [e["id"] for e in client.get("/events").json()["events"]] == [by_id["id"], by_name["id"], by_point["id"]]
    assert client.get("/events", params={"proposed": True}).json()["events"] == []


def test_event_near_uses_geodesic_distance(client: TestClient) -> None:
    event = create(client, place_id=KALBAJAR, radius_km=60)
    ids = near_ids(client, f"/events/{event['id']}/near")
    assert ids[0] == KALBAJAR and SOTK in ids and BAKU not in ids
    assert LACHIN not in ids, "Laçın lies 68.0 km from Kalbajar"
    assert SOVIET_UNION not in ids, "a former state answers only when asked"
    wider = near_ids(client, f"/events/{event['id']}/near", radius_km=70, limit=1000)
    assert LACHIN in wider and BAKU not in wider
    assert near_ids(client, f"/events/{event['id']}/near", k=3)[0] == KALBAJAR
    assert len(near_ids(client, f"/events/{event['id']}/near", k=3)) == 3


def test_near_a_point_with_mention_counts(client: TestClient) -> None:
    client.post("/documents", json={"text": "Fighting near Kalbajar. Then Kalbajar again, and Baku."})
    response = client.get("/near", params={"lat": 40.10984, "lon": 46.04446, "radius_km": 30})
    features = response.json()["features"]
    assert features[0]["id"] == KALBAJAR and features[0]["properties"]["mentions"] == 2
    assert all(f["properties"]["distance_km"] - f["properties"]["radius_km"] <= 30 for f in features)
    mentioned = near_ids(client, "/near", lat=40.4, lon=49.9, radius_km=500, mentioned=True)
    assert mentioned == [BAKU, KALBAJAR]
    assert near_ids(client, "/near", lat=40.4, lon=49.9, k=1, mentioned=True) == [BAKU]


def test_near_leaves_former_states_out_unless_asked(client: TestClient) -> None:
    kyiv = {"lat": 50.45466, "lon": 30.5238, "radius_km": 5}
    assert SOVIET_UNION not in near_ids(client, "/near", **kyiv)
    assert SOVIET_UNION not in near_ids(client, "/near", lat=52.22977, lon=21.01178, radius_km=5)
    asked = near_ids(client, "/near", **kyiv, historic=True)
    assert asked[0] == KYIV and SOVIET_UNION in asked
    assert_problem(client.get("/near", params={**kyiv, "historic": "perhaps"}), 422)


def test_replace_and_delete(client: TestClient) -> None:
    event = create(client, place_id=KALBAJAR)
    changed = client.put(f"/events/{event['id']}", json={"title": "Reopened", "date": "2023-10-01", "place_id": LACHIN})
    assert changed.status_code == 200 and changed.json()["place_id"] == LACHIN
    assert client.delete(f"/events/{event['id']}").status_code == 204
    assert_problem(client.get(f"/events/{event['id']}"), 404)
    assert_problem(client.delete(f"/events/{event['id']}"), 404)
    assert_problem(
        client.put(f"/events/{event['id']}", json={"title": "x", "date": "2023-10-01", "place_id": LACHIN}), 404
    )


def test_proposed_events_from_documents(client: TestClient) -> None:
    doc = client.post(
        "/documents", json={"text": "On September 19, shelling resumed near Shusha.", "date": "2023-03-03"}
    ).json()
    proposed = client.get("/events", params={"proposed": True}).json()["events"]
    assert [(e["date"], e["place_name"], e["document_id"]) for e in proposed] == [("2023-09-19", "Shusha", doc["id"])]
    assert client.get(f"/documents/{doc['id']}/events").json()["events"] == proposed
    assert client.get("/events", params={"proposed": False}).json()["events"] == []


def test_bad_events_are_problems(client: TestClient) -> None:
    base = {"title": "x", "date": "2023-09-19"}
    for body in (
        base,
        {**base, "place_id": KALBAJAR, "lat": 40, "lon": 46},
        {**base, "lat": 40},
        {**base, "lat": 999, "lon": 0},
        {**base, "place_id": KALBAJAR, "radius_km": -1},
        {**base, "place_id": KALBAJAR, "radius_km": 1e9},
        {**base, "place_id": 1},
        {**base, "place_name": "Qwxzvbnmplkjh"},
        {**base, "place_id": KALBAJAR, "date": "2023-02-30"},
        {"title": "", "date": "2023-09-19", "place_id": KALBAJAR},
    ):
        assert_problem(client.post("/events", json=body), 422)
    assert_problem(client.post("/events", json={**base, "place_id": KALBAJAR, "document_id": 9}), 404)
    assert client.get("/events").json()["count"] == 0


def test_bad_near_queries_are_problems(client: TestClient) -> None:
    event = create(client, place_id=KALBAJAR, radius_km=60)
    for params in (
        {"lat": 999, "lon": 0},
        {"lat": 0, "lon": 0, "radius_km": -1},
        {"lat": 0, "lon": 0, "radius_km": 1e9},
        {"lat": 0, "lon": 0, "limit": 0},
        {"lat": 0, "lon": 0, "limit": 10**6},
        {"lat": 0, "lon": 0, "k": 0},
        {"lat": "x", "lon": 0},
        {"lon": 0},
        {"lat": 0, "lon": 0, "radius_km": "inf"},
    ):
        assert_problem(client.get("/near", params=params), 422)
    assert_problem(client.get(f"/events/{event['id']}/near", params={"radius_km": 20_037.6}), 422)
    assert_problem(client.get("/events/999/near"), 404)
    assert_problem(client.get("/events/0"), 422)
