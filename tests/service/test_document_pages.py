"""Web pages through the API: POST /documents with an HTML body, and the kept page as a safe download."""

from __future__ import annotations

import codecs

import pytest
from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)
from webpages import DATE, NAVIGATION_ONLY, PARAGRAPHS, TITLE, URL, news_page

from gazetteer.limits import MAX_HTML_BYTES

HTML = {"content-type": "text/html; charset=utf-8"}
HOSTILE_PAGE = news_page(
    paragraphs=(*PARAGRAPHS, "<script>fetch('/documents')</script>"),
).replace("</body>", "<script>document.cookie</script><img src=x onerror=alert(1)></body>")


def post_page(client: TestClient, page: str | bytes, headers: dict[str, str] = HTML, **params: str) -> dict:
    response = client.post("/documents", content=page, headers=headers, params=params)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_page_becomes_a_document_of_its_main_text(client: TestClient) -> None:
    response = client.post("/documents", content=news_page().encode(), headers=HTML, params={"include": "mentions"})
    body = response.json()
    assert response.status_code == 201 and response.headers["location"] == f"/documents/{body['id']}"
    assert (body["title"], body["date"], body["source"]) == (TITLE, DATE, URL)
    assert body["links"]["page"] == f"/documents/{body['id']}/page"
    text = client.get(f"/documents/{body['id']}").json()["text"]
    assert PARAGRAPHS[1] in text and "Subscribe" not in text and "<p>" not in text
    surfaces = [m["surface"] for m in body["mentions"]]
    assert {"Lachin", "Goris", "Baku"} <= set(surfaces)
    for m in body["mentions"]:
        assert text[m["start"] : m["end"]] == m["surface"]


def test_the_query_gives_the_fields_the_page_would(client: TestClient) -> None:
    body = post_page(client, news_page(), title="Bridge", date="2024-04-01", source="courier", mode="fast")
    assert (body["title"], body["date"], body["source"]) == ("Bridge", "2024-04-01", "courier")
    assert post_page(client, news_page(), language="en")["mention_count"] >= 3


def test_the_content_types_charset_decodes_the_page(client: TestClient) -> None:
    russian = "Инженеры закончили ремонт старого моста к югу от Лачина в четверг, и грузовики поехали."
    raw = news_page(charset="", paragraphs=(russian,)).encode("koi8-r")
    body = post_page(client, raw, headers={"content-type": "text/html; charset=KOI8-R"}, include="text")
    assert russian in body["text"]


def test_the_kept_page_is_a_download_that_never_runs(client: TestClient) -> None:
    document = post_page(client, HOSTILE_PAGE)
    response = client.get(document["links"]["page"])
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.headers["content-disposition"] == f'attachment; filename="document-{document["id"]}.html"'
    policy = [part.strip() for part in response.headers["content-security-policy"].split(";")]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content == codecs.BOM_UTF8 + HOSTILE_PAGE.encode()
    text = client.get(document["links"]["self"]).json()["text"]
    assert "onerror" not in text and "document.cookie" not in text


def test_a_text_has_no_page(client: TestClient) -> None:
    text = client.post("/documents", json={"text": "Talks in Baku."}).json()
    assert "page" not in text["links"]
    assert_problem(client.get(f"/documents/{text['id']}/page"), 404)
    assert_problem(client.get("/documents/77/page"), 404)
    assert_problem(client.get("/documents/0/page"), 422)


@pytest.mark.parametrize(
    "page",
    [b"", b"Talks in Baku resumed.", b"%PDF-1.7 \x00\x01", NAVIGATION_ONLY.encode(), b"<html><body></body></html>"],
)
def test_what_is_no_page_is_a_problem(client: TestClient, page: bytes) -> None:
    assert_problem(client.post("/documents", content=page, headers=HTML), 422)
    assert client.get("/documents").json()["total"] == 0


def test_bad_fields_and_oversized_pages_are_problems(client: TestClient) -> None:
    for params in ({"date": "yesterday"}, {"title": "t" * 2000}, {"mode": "slow"}, {"language": "xx"}):
        assert_problem(client.post("/documents", content=news_page(), headers=HTML, params=params), 422)
    for control in ("\x07", "\x85"):
        assert_problem(client.post("/documents", content=news_page(), headers=HTML, params={"source": control}), 422)
    big = news_page().replace("</body>", "<!--" + "x" * MAX_HTML_BYTES + "--></body>")
    assert_problem(client.post("/documents", content=big, headers=HTML), 413)
    assert client.get("/documents").json()["total"] == 0


def test_a_retried_page_with_its_key_is_stored_once(client: TestClient) -> None:
    key = {**HTML, "Idempotency-Key": "page-7"}
    first, again = post_page(client, news_page(), headers=key), post_page(client, news_page(), headers=key)
    assert first == again
    other = client.post("/documents", content=news_page(author="Someone Else"), headers=key)
    assert assert_problem(other, 422)["title"] == "Idempotency key reused"
    assert_problem(client.post("/documents", json={"text": "Talks in Baku."}, headers=key), 422)
    assert client.get("/documents").json()["total"] == 1


def test_the_schema_states_the_html_body_and_the_download(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    create = paths["/documents"]["post"]
    assert set(create["requestBody"]["content"]) == {"application/json", "text/html"}
    parameters = {p["name"]: p for p in create["parameters"]}
    assert {"title", "date", "source", "mode", "language", "include"} <= set(parameters)
    assert parameters["title"]["in"] == "query" and not parameters["title"]["required"]
    download = paths["/documents/{document_id}/page"]["get"]["responses"]
    assert set(download["200"]["content"]) == {"text/html"} and "Content-Disposition" in download["200"]["headers"]
    assert {"404", "422"} <= set(download)
