import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
import shapely

from gazetteer.errors import DataError, NotFound
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Name, Place, Point
from geo.earth import haversine_km


def _khankendi() -> Place:
    return Place(
        id=146970,
        name="Khankendi",
        point=Point(46.7528, 39.8177),
        country="AZ",
        admin1="61",
        population=2100,
        names=(
            Name("Khankendi", lang="en", preferred=True),
            Name("Xankəndi", lang="az", preferred=True),
            Name("Stepanakert", lang="hy", historic=True, start="1923", end="2023"),
        ),
    )


def test_written_places_read_back_with_names_and_flags(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places([_khankendi()])
        writer.add_names([(146970, Name("Ханкенди", lang="ru"))])
        writer.add_admin1([("AZ", "61", "Xankandi")])
    index = GazetteerIndex(path)
    place = index.place(146970)
    assert place.admin1_name == "Xankandi"
    assert {n.text for n in place.names} == {"Khankendi", "Xankəndi", "Stepanakert", "Ханкенди"}
    stepanakert = next(n for n in place.names if n.text == "Stepanakert")
    assert stepanakert.historic and (stepanakert.start, stepanakert.end) == ("1923", "2023")
    assert next(n for n in place.names if n.text == "Ханкенди").script == "Cyrl"
    assert index.ids_by("skeleton", "hankandi") == [(146970, "Khankendi"), (146970, "Xankəndi"), (146970, "Ханкенди")]


def test_an_unknown_id_is_not_found(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places([_khankendi()])
    with pytest.raises(NotFound):
        GazetteerIndex(path).place(1)


def test_a_failed_build_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with pytest.raises(RuntimeError), IndexWriter(path) as writer:
        writer.add_places([_khankendi()])
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_missing_or_foreign_files_are_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        GazetteerIndex(tmp_path / "absent.sqlite")
    other = tmp_path / "other.sqlite"
    other.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DataError):
        GazetteerIndex(other)


def _area(pid: int, name: str, code: str, country: str = "AZ", admin1: str = "", admin2: str = "") -> Place:
    return Place(pid, name, Point(46.0, 40.0), "A", code, country, admin1=admin1, admin2=admin2)


def test_new_fields_read_back(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    soviet = Place(
        900000008, "Soviet Union", Point(37.62, 55.75), "A", "PCLH", point_source="overlay", start="1922", end="1991"
    )
    district = replace(_area(586047, "Kalbajar District", "ADM1", admin1="26"), admin_type="Rayon", parent_id=587116)
    with IndexWriter(path) as writer:
        writer.add_places([soviet, district, replace(_khankendi(), admin2="123", point_source="geonames")])
    index = GazetteerIndex(path)
    assert (index.place(900000008).start, index.place(900000008).end) == ("1922", "1991")
    assert (index.place(586047).admin_type, index.place(586047).parent_id) == ("Rayon", 587116)
    assert (index.place(146970).admin2, index.place(146970).point_source) == ("123", "geonames")


def test_places_are_linked_to_their_divisions_by_admin_codes(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places(
            [
                _area(587116, "Azerbaijan", "PCLI"),
                _area(586047, "Kalbajar District", "ADM1", admin1="26"),
                _area(147212, "Shahbuz Rayon", "ADM2", admin1="35", admin2="147212"),
                _area(147435, "Nakhchivan", "ADM1", admin1="35"),
                replace(_khankendi(), id=586268, name="Kalbajar", admin1="26"),
                replace(_khankendi(), id=147213, name="Shahbuz", admin1="35", admin2="147212"),
                replace(_khankendi(), id=1, name="Nowhere", admin1="99"),
                replace(_khankendi(), id=2, name="Linked by its source", admin1="26", parent_id=147435),
            ]
        )
    index = GazetteerIndex(path)
    parents = {pid: place.parent_id for pid, place in index.places(range(600_000)).items()}
    assert parents[586268] == 586047 and parents[147213] == 147212 and parents[147212] == 147435
    assert parents[586047] == parents[147435] == parents[1] == 587116
    assert parents[2] == 147435 and parents[587116] == 0
    assert index.children(147435) == [2, 147212]


def test_shapes_read_back_as_lon_lat_wkb_and_set_the_extent(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    square = shapely.box(46.0, 39.0, 47.0, 40.0)
    with IndexWriter(path) as writer:
        writer.add_places([replace(_area(900000001, "Karabakh", "RGN"), point=Point(46.5, 39.5), radius_km=70)])
        writer.add_shapes([(900000001, shapely.to_wkb(square), "test:square")])
    index = GazetteerIndex(path)
    [(pid, wkb, source)] = index.shapes()
    shape = shapely.from_wkb(wkb)
    assert (pid, source) == (900000001, "test:square") and shape.is_valid
    assert shape.bounds == (46.0, 39.0, 47.0, 40.0)
    assert shape.covers(shapely.Point(46.5, 39.5))
    farthest = max(haversine_km(46.5, 39.5, lon, lat) for lon, lat in shape.exterior.coords)
    assert index.place(900000001).radius_km == pytest.approx(farthest, abs=0.01)
    assert index.shapes([1, 900000001]) == index.shapes()


def test_schema_4_files_still_open(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "INSERT INTO meta VALUES ('schema_version', '4');"
            "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lon REAL, lat REAL, feature_class TEXT, "
            "feature_code TEXT, country TEXT, admin1 TEXT, admin1_name TEXT, population INTEGER, source TEXT, "
            "source_url TEXT, radius_km REAL);"
            "INSERT INTO places VALUES (146970, 'Khankendi', 46.75, 39.82, 'P', 'PPLA', 'AZ', '61', '', 0, 'g', '', 0);"
            "CREATE TABLE names (place_id INTEGER, text TEXT, lang TEXT, script TEXT, preferred INTEGER, "
            'short INTEGER, colloquial INTEGER, historic INTEGER, start TEXT, "end" TEXT, source TEXT, '
            "folded TEXT, roman TEXT, skeleton TEXT);"
        )
    index = GazetteerIndex(path)
    place = index.place(146970)
    assert (place.name, place.parent_id, place.point_source) == ("Khankendi", 0, "")
    assert index.children(146970) == []


def test_the_build_counts_the_languages_naming_each_place(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places([_khankendi()])
        writer.add_names([(146970, Name("Ханкенди", lang="ru")), (146970, Name("XK", lang="abbr"))])
    assert GazetteerIndex(path).language_counts([146970]) == {146970: 4}
