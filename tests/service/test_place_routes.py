"""Place search, one place, its names, reverse geocoding."""

from __future__ import annotations

from fastapi.testclient import TestClient
from problemcheck import assert_problem
from servicefixtures import client_fixture, parser_fixture  # noqa: F401  (fixtures)

GEOJSON = "application/geo+json"


def test_search_is_a_feature_collection_with_a_geocoding_block(client: TestClient) -> None:
    response = client.get("/places/search", params={"q": "Shusha", "size": 3})
    assert response.status_code == 200 and response.headers["content-type"] == GEOJSON
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["geocoding"]["query"]["text"] == "Shusha"
    assert body["geocoding"]["count"] == len(body["features"]) <= 3
    first = body["features"][0]
    assert first["type"] == "Feature" and first["geometry"]["type"] == "Point"
    lon, lat = first["geometry"]["coordinates"]
    assert 46 < lon < 47 and 39 < lat < 40
    props = first["properties"]
    assert props["name"] in ("Shusha", "Şuşa") and props["match_type"] == "exact" and props["matched_name"] == "Shusha"
    assert 0 < props["confidence"] <= 1 and props["country"] == "AZ"
    for key in ("id", "feature_code", "population", "distance_km"):
        assert key in props


def test_search_with_pelias_parameters(client: TestClient) -> None:
    params = {
        "text": "Xankəndi",
        "limit": 2,
        "country": "az",
        "focus.point.lat": 39.8,
        "focus.point.lon": 46.7,
        "lang": "ru",
    }
    body = client.get("/places/search", params=params).json()
    props = body["features"][0]["properties"]
    assert props["id"] == 146970 and props["distance_km"] < 10
    assert any("\u0400" <= ch <= "\u04ff" for ch in props["name"]), props["name"]
    echoed = body["geocoding"]["query"]
    assert echoed["focus.point.lat"] == 39.8 and echoed["size"] == 2 and echoed["lang"] == "ru"


def test_search_without_matches_is_an_empty_collection(client: TestClient) -> None:
    body = client.get("/places/search", params={"q": "Qwxzvbnmplk", "fuzzy": False}).json()
    assert body["features"] == [] and body["bbox"] is None


def test_search_errors(client: TestClient) -> None:
    assert_problem(client.get("/places/search"), 422)
    assert_problem(client.get("/places/search", params={"q": ""}), 422)
    assert_problem(client.get("/places/search", params={"q": "a\x00b"}), 422)
    assert_problem(client.get("/places/search", params={"q": "x" * 501}), 422)
    assert_problem(client.get("/places/search", params={"q": "Baku", "limit": 0}), 422)
    assert_problem(client.get("/places/search", params={"q": "Baku", "size": 10**6}), 422)
    assert_problem(client.get("/places/search", params={"q": "Baku", "focus.point.lat": 40}), 422)
    assert_problem(client.get("/places/search", params={"q": "Baku", "country": "AZE"}), 422)


def test_place_and_its_variants(client: TestClient) -> None:
    response = client.get("/places/146970")
    assert response.status_code == 200 and response.headers["content-type"] == GEOJSON
    feature = response.json()
    assert feature["id"] == 146970 and feature["geometry"]["coordinates"] == [46.7528, 39.8177]
    texts = {n["text"] for n in feature["properties"]["names"]}
    assert {"Stepanakert", "Khankendi"} <= texts
    variants = client.get("/places/146970/variants").json()
    assert variants["count"] == len(variants["names"]) > 5
    for name in variants["names"]:
        assert set(name) >= {"text", "lang", "script", "flags", "preferred", "historic", "from", "to"}
    armenian = [n for n in variants["names"] if n["script"] == "Armn"]
    assert armenian, "expected an Armenian-script variant"


def test_unknown_and_bad_place_ids(client: TestClient) -> None:
    assert_problem(client.get("/places/1"), 404)
    assert_problem(client.get("/places/1/variants"), 404)
    assert_problem(client.get("/places/1/mentions"), 404)
    assert_problem(client.get("/places/0"), 422)
    assert_problem(client.get("/places/abc"), 422)
    assert_problem(client.get(f"/places/{10**30}"), 422)


def test_reverse_gives_containing_areas_then_nearest_places(client: TestClient) -> None:
    response = client.get("/reverse", params={"lat": 39.8177, "lon": 46.7528, "size": 3})
    assert response.status_code == 200 and response.headers["content-type"] == GEOJSON
    features = response.json()["features"]
    relations = [f["properties"]["relation"] for f in features]
    assert relations[0] == "containing" and relations.count("nearest") <= 3
    assert "Karabakh" in [f["properties"]["name"] for f in features if f["properties"]["relation"] == "containing"]
    nearest = [f for f in features if f["properties"]["relation"] == "nearest"]
    assert nearest[0]["id"] == 146970 and nearest[0]["properties"]["distance_km"] < 0.01
    distances = [f["properties"]["distance_km"] for f in nearest]
    assert distances == sorted(distances)
    assert 900000008 not in [f["id"] for f in features], "the Soviet Union answers only when asked"
    historic = client.get("/reverse", params={"lat": 39.8177, "lon": 46.7528, "size": 3, "historic": True}).json()
    assert 900000008 in [f["id"] for f in historic["features"] if f["properties"]["relation"] == "containing"]


def test_reverse_errors(client: TestClient) -> None:
    assert_problem(client.get("/reverse", params={"lat": 999, "lon": 0}), 422)
    assert_problem(client.get("/reverse", params={"lat": "nan", "lon": 0}), 422)
    assert_problem(client.get("/reverse", params={"lat": 0}), 422)
    assert_problem(client.get("/reverse", params={"lat": 0, "lon": 0, "size": 0}), 422)


def test_place_as_of_a_date_gives_the_name_then(client: TestClient) -> None:
    then = client.get("/places/146970", params={"as_of": "2021-05-01"}).json()["properties"]["name_as_of"]
    assert then == {"date": "2021-05-01", "lang": "en", "text": "Stepanakert", "from": "1923", "to": "2023",
                    "period": "1923–2023", "historic": True}  # fmt: skip
    now = client.get("/places/146970", params={"as_of": "2024-01-01"}).json()["properties"]["name_as_of"]
    assert (now["text"], now["period"]) == ("Khankendi", "")
    armenian = client.get("/places/147625", params={"as_of": "2015-06-01", "lang": "hy"}).json()
    assert armenian["properties"]["name_as_of"]["text"] == "Berdzor"


def test_place_without_as_of_is_unchanged(client: TestClient) -> None:
    plain = client.get("/places/146970").json()
    dated = client.get("/places/146970", params={"as_of": "2021-05-01"}).json()
    assert "name_as_of" not in plain["properties"]
    dated["properties"].pop("name_as_of")
    assert dated == plain


def test_place_as_of_a_bad_date_is_a_problem(client: TestClient) -> None:
    for bad in ("2021-02-30", "May 2021", "", "2021-05-01T00:00:00"):
        assert_problem(client.get("/places/146970", params={"as_of": bad}), 422)


def _post(client: TestClient, text: str, date: str | None) -> int:
    response = client.post("/documents", json={"text": text} | ({"date": date} if date else {}))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_place_mentions_by_date(client: TestClient) -> None:
    late = _post(client, "Buses left Khankendi at dawn.", "2023-09-20")
    undated = _post(client, "A note about Khankendi with no date.", None)
    early = _post(client, "A spring visit to Khankendi.", "2021-05-01")

    def documents(**params: str) -> list[int]:
        body = client.get("/places/146970/mentions", params=params).json()
        return [m["document_id"] for m in body["mentions"]]

    assert documents() == [late, undated, early]
    assert documents(sort="date") == [early, late, undated]
    assert documents(sort="-date") == [late, early, undated]
    assert documents(**{"from": "2021-05-01", "to": "2021-05-01"}) == [early]
    assert documents(**{"from": "2022-01-01", "sort": "-date"}) == [late]
    assert documents(to="2023-09-19") == [early]
    for bad in ({"from": "2021-02-30"}, {"to": "soon"}, {"sort": "title"}, {"from": "2024-01-01", "to": "2023-01-01"}):
        assert_problem(client.get("/places/146970/mentions", params=bad), 422)
