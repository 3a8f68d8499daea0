"""PATCH /mentions/{id}, GET /corrections, DELETE /corrections/{id}: keys, scopes, audit, undo, errors."""

from __future__ import annotations

from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

from service.state import api_of

KHOJAVEND = 146969
MARTUNI_AM = 616438
TEXT = "Officials in Martuni and Vardenis reported damage. A convoy left Martuni at dawn."


def keys(client: TestClient) -> tuple[dict[str, str], dict[str, str]]:
    """Headers with a write key named analyst, and with a read key."""
    api = api_of(client.app)  # type: ignore[arg-type]
    _, write = api.add_key("analyst")
    _, read = api.add_key("reader", "read")
    return {"Authorization": f"Bearer {write}"}, {"X-API-Key": read}


def ingest(client: TestClient, text: str = TEXT) -> int:
    response = client.post("/documents", json={"text": text})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_a_correction_needs_a_write_key_and_records_its_name(client: TestClient) -> None:
    write, read = keys(client)
    document = ingest(client)
    body = {"place_id": KHOJAVEND}
    assert_problem(client.patch(f"/mentions/{document}-0", json=body), 401)
    assert_problem(client.patch(f"/mentions/{document}-0", json=body, headers=read), 403)
    response = client.patch(f"/mentions/{document}-0", json=body, headers=write)
    assert response.status_code == 200, response.text
    made = response.json()
    assert made["changed"] == 1
    assert made["mention"]["id"] == f"{document}-0" and made["mention"]["place_id"] == KHOJAVEND
    correction = made["correction"]
    assert correction["author"] == "analyst" and correction["old_place_id"] == MARTUNI_AM
    assert correction["scope"] == "mention" and correction["mention_id"] == f"{document}-0"
    listed = client.get("/corrections").json()
    assert listed["count"] == 1 and listed["corrections"][0] == correction
    assert client.get(f"/corrections/{correction['id']}").json() == correction
    mentions = client.get(f"/documents/{document}/mentions").json()
    assert [m["place_id"] for m in mentions] == [KHOJAVEND, 616108, MARTUNI_AM]


def test_not_a_place_in_a_document_then_undo(client: TestClient) -> None:
    write, _ = keys(client)
    document = ingest(client)
    made = client.patch(
        f"/mentions/{document}-2", json={"not_a_place": True, "scope": "document"}, headers=write
    ).json()
    assert made["mention"] is None and made["changed"] == 2
    assert [m["id"] for m in client.get(f"/documents/{document}/mentions").json()] == [f"{document}-1"]
    assert_problem(client.get(f"/mentions/{document}-0"), 404)
    again = ingest(client)
    assert [m["surface"] for m in client.get(f"/documents/{again}/mentions").json()] == ["Vardenis"]
    undone = client.delete(f"/corrections/{made['correction']['id']}", headers=write)
    assert undone.status_code == 200 and undone.json()["changed"] == 4
    assert client.get(f"/mentions/{document}-0").json()["place_id"] == MARTUNI_AM
    assert client.get("/corrections").json()["count"] == 0
    assert_problem(client.delete(f"/corrections/{made['correction']['id']}", headers=write), 404)


def test_bad_corrections_get_a_problem_and_change_nothing(client: TestClient) -> None:
    write, _ = keys(client)
    document = ingest(client)
    before = client.get(f"/documents/{document}/mentions").json()
    for path, body, status in (
        (f"/mentions/{document}-0", {}, 422),
        (f"/mentions/{document}-0", {"place_id": KHOJAVEND, "not_a_place": True}, 422),
        (f"/mentions/{document}-0", {"place_id": KHOJAVEND, "scope": "planet"}, 422),
        (f"/mentions/{document}-0", {"place_id": KHOJAVEND, "colour": "red"}, 422),
        (f"/mentions/{document}-0", {"place_id": 999_999_999_999}, 422),
        (f"/mentions/{document}-0", {"place_id": KHOJAVEND, "region_id": 587116}, 422),
        (f"/mentions/{document}-0", {"place_id": KHOJAVEND, "scope": "region", "region_id": 616108}, 422),
        (f"/mentions/{document}-77", {"place_id": KHOJAVEND}, 404),
        ("/mentions/12", {"place_id": KHOJAVEND}, 422),
    ):
        assert_problem(client.patch(path, json=body, headers=write), status)
    response = client.patch(f"/mentions/{document}-0", content=b"place_id=1", headers=write)
    assert_problem(response, 415)
    assert client.get(f"/documents/{document}/mentions").json() == before
    assert client.get("/corrections").json()["count"] == 0
