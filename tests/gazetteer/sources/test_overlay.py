import json
from pathlib import Path

import pytest

from gazetteer.errors import DataError
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Name, Place, Point
from gazetteer.sources.overlay import DEFAULT_OVERLAY, OverlaySource


def test_every_curated_place_cites_a_source() -> None:
    data = json.loads(DEFAULT_OVERLAY.read_text(encoding="utf-8"))
    for entry in data["places"] + [a for a in data["amend"] if "lat" in a]:
        assert entry["source"].startswith("https://"), entry


def test_the_default_overlay_covers_what_the_city_list_lacks() -> None:
    data = json.loads(DEFAULT_OVERLAY.read_text(encoding="utf-8"))
    names = {n["text"] for p in data["places"] for n in p["names"]}
    for needed in [
        "Karabakh",
        "Nagorno-Karabakh",
        "Upper Karabakh",
        "Garabagh",
        "Artsakh",
        "Sarsang Reservoir",
        "Lachin corridor",
        "South Caucasus",
        "Hadrut",
        "Aghdara",
        "Mardakert",
    ]:
        assert needed in names


def test_amendments_add_names_and_move_points(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.json"
    overlay.write_text(
        json.dumps(
            {
                "places": [
                    {
                        "id": 900000100,
                        "name": "Test Lake",
                        "lat": 40.1,
                        "lon": 46.1,
                        "feature_class": "H",
                        "feature_code": "LK",
                        "source": "https://example.org/lake",
                        "names": [{"text": "Test Lake", "preferred": True}, {"text": "Göl", "lang": "az"}],
                    }
                ],
                "amend": [
                    {
                        "id": 1,
                        "lat": 40.5,
                        "lon": 47.5,
                        "source": "https://example.org/1",
                        "names": [{"text": "Azərbaycan", "lang": "az", "preferred": True}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places([Place(1, "Azerbaijan", Point(0, 0), "A", "PCLI", "AZ", names=(Name("Azerbaijan"),))])
        OverlaySource(overlay).write(writer)
    index = GazetteerIndex(path)
    country = index.place(1)
    assert (country.lon, country.lat) == (47.5, 40.5)
    assert any(n.text == "Azərbaycan" and n.lang == "az" for n in country.names)
    assert index.place(900000100).feature_code == "LK"


def test_an_unreadable_overlay_is_a_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError), IndexWriter(tmp_path / "i.sqlite") as writer:
        OverlaySource(bad).write(writer)


def test_amendments_rename_and_say_whose_point_it_is(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.json"
    amend = [
        {"id": 1, "lat": 40.5, "lon": 47.5, "point_source": "geonames", "source": "https://www.geonames.org/1"},
        {"id": 2, "name": "Kalbajar District", "names": [{"text": "Kəlbəcər rayonu", "lang": "az"}]},
    ]
    overlay.write_text(json.dumps({"places": [], "amend": amend}), encoding="utf-8")
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places([Place(1, "Azerbaijan", Point(0, 0), "A", "PCLI", "AZ"), Place(2, "Kəlbəcər", Point(46, 40))])
        OverlaySource(overlay).write(writer)
    index = GazetteerIndex(path)
    assert index.place(1).point_source == "geonames"
    district = index.place(2)
    assert district.name == "Kalbajar District" and "Kəlbəcər rayonu" in {n.text for n in district.names}


def test_the_former_oblast_is_a_place_of_its_own_with_its_period() -> None:
    data = json.loads(DEFAULT_OVERLAY.read_text(encoding="utf-8"))
    places = {p["id"]: p for p in data["places"]}
    oblast = places[900000010]
    assert (oblast["feature_code"], oblast["from"], oblast["to"]) == ("ADM1H", "1923", "1991")
    assert "NKAO" in {n["text"] for n in oblast["names"]}
    assert "NKAO" not in {n["text"] for n in places[900000001]["names"]}
    assert (places[900000008]["from"], places[900000008]["to"]) == ("1922", "1991")
    assert {p["name"] for p in places.values()} >= {"Darfur", "Nagorno-Karabakh Autonomous Oblast"}
