"""Reverse geocoding and near queries on shapes: a tiny index with a country, its divisions, a corridor and a
Soviet-Union-like former state, built inline; and the indexes against brute force."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.application import GazetteerAPI
from gazetteer.documents import Document
from gazetteer.gazetteer import Gazetteer
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Mention, Place, Point
from gazetteer.results import CONTAINING, NEAREST, Nearby, NearQuery
from gazetteer.settings import Settings
from gazetteer.spatial import SpatialIndexes, can_contain, is_area, is_historic, is_region, regions_of
from geo.area_index import AreaHit
from geo.distance import distance_km, distances_km


def place(pid: int, name: str, lon: float, lat: float, fclass: str = "P", code: str = "PPL", **extra: object) -> Place:
    return Place(pid, name, Point(lon, lat), fclass, code, **extra)  # type: ignore[arg-type]


WARSAW = place(756135, "Warsaw", 21.01178, 52.22977, code="PPLC", country="PL")
KYIV = place(703448, "Kyiv", 30.5238, 50.45466, code="PPLC", country="UA")
TEHRAN = place(112931, "Tehran", 51.42151, 35.69439, code="PPLC", country="IR")
BAKU = place(587084, "Baku", 49.89201, 40.37767, code="PPLC", country="AZ")
SHUSHA = place(585103, "Shusha", 46.75034, 39.75853, country="AZ")
KHANKENDI = place(146970, "Khankendi", 46.7528, 39.8177, code="PPLA", country="AZ")
KALBAJAR = place(586268, "Kalbajar", 46.04446, 40.10984, country="AZ")
AZERBAIJAN = place(587116, "Azerbaijan", 47.5, 40.5, "A", "PCLI", country="AZ")
KARABAKH_ER = place(900000101, "Karabakh Economic Region", 46.8, 39.8, "A", "ADM1", country="AZ", admin1="KA")
SHUSHA_DISTRICT = place(900000102, "Shusha District", 46.75, 39.76, "A", "ADM2", country="AZ", admin1="KA")
CORRIDOR = place(900000003, "Lachin corridor", 46.55, 39.64, "R", "RD", country="AZ", radius_km=25.0)
SARSANG = place(900000002, "Sarsang Reservoir", 46.5, 40.15, "H", "RSV", country="AZ", radius_km=8.0)
SOVIET_UNION = place(900000007, "Soviet Union", 60.0, 55.0, "A", "PCLH", radius_km=3000.0, start="1922", end="1991")
PLACES = [WARSAW, KYIV, TEHRAN, BAKU, SHUSHA, KHANKENDI, KALBAJAR, AZERBAIJAN, KARABAKH_ER, SHUSHA_DISTRICT]
PLACES += [CORRIDOR, SARSANG, SOVIET_UNION]

SHAPES = {
    AZERBAIJAN.id: shapely.Polygon([(44.8, 38.4), (50.4, 38.4), (50.4, 41.9), (44.8, 41.9)]),
    KARABAKH_ER.id: shapely.box(46.0, 39.2, 47.3, 40.3),
    SHUSHA_DISTRICT.id: shapely.box(46.65, 39.70, 46.85, 39.80),
    CORRIDOR.id: shapely.LineString([(46.55, 39.64), (46.1, 39.5), (45.6, 39.55)]).buffer(0.05),
    #: The Soviet Union, coarsely: Kyiv and Baku inside; Warsaw and Tehran outside.
    SOVIET_UNION.id: shapely.Polygon(
        [
            (23.6, 56.0),
            (23.6, 45.0),
            (40.0, 41.0),
            (49.0, 38.4),
            (60.0, 35.0),
            (80.0, 36.0),
            (180.0, 45.0),
            (180.0, 75.0),
        ]
    ),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("spatial") / "tiny.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places(PLACES)
        writer.add_shapes((pid, shapely.to_wkb(shape), "test") for pid, shape in SHAPES.items())
        writer.set_meta("built", "test")
    return Gazetteer(GazetteerIndex(path))


@pytest.fixture
def api(tiny: Gazetteer, tmp_path: Path) -> GazetteerAPI:
    settings = Settings(data_dir=tmp_path, index_path=tmp_path / "unused.sqlite", store_path=tmp_path / "store.sqlite")
    return GazetteerAPI(settings, gazetteer=tiny)


def ids(found: list[Nearby]) -> list[int]:
    return [n.place.id for n in found]


def test_the_rules_of_what_an_area_is() -> None:
    assert is_area(CORRIDOR) and is_area(AZERBAIJAN, shaped=True) and not is_area(AZERBAIJAN)
    assert is_region(AZERBAIJAN, shaped=True) and not is_region(CORRIDOR) and not is_region(SARSANG)
    assert is_historic(SOVIET_UNION) and can_contain(SOVIET_UNION) and not is_region(SOVIET_UNION)
    outlines = regions_of(PLACES, {pid: shapely.to_wkb(shape) for pid, shape in SHAPES.items()})
    assert sorted(region.id for region in outlines) == sorted([AZERBAIJAN.id, KARABAKH_ER.id, SHUSHA_DISTRICT.id])


def test_a_modern_near_query_leaves_the_former_state_out(api: GazetteerAPI) -> None:
    for city in (WARSAW, KYIV, TEHRAN):
        assert ids(api.near(NearQuery(city.lon, city.lat, 5.0))) == [city.id]
    assert SOVIET_UNION.id not in ids(api.near(NearQuery(KALBAJAR.lon, KALBAJAR.lat, 60.0)))
    asked = api.near(NearQuery(KYIV.lon, KYIV.lat, 5.0, historic=True))
    assert ids(asked) == [KYIV.id, SOVIET_UNION.id] and asked[1].distance_to_area_km == 0.0
    assert ids(api.near(NearQuery(WARSAW.lon, WARSAW.lat, 5.0, historic=True))) == [WARSAW.id], "shape, not circle"
    assert ids(api.near(NearQuery(TEHRAN.lon, TEHRAN.lat, 5.0, historic=True))) == [TEHRAN.id]


def test_without_a_shape_the_former_state_is_its_circle_and_still_only_when_asked() -> None:
    spatial = SpatialIndexes.of(PLACES)
    assert [hit.id for hit in spatial.within(WARSAW.lon, WARSAW.lat, 5.0)] == [WARSAW.id]
    found = spatial.within(WARSAW.lon, WARSAW.lat, 5.0, historic=True)
    assert [hit.id for hit in found] == [WARSAW.id, SOVIET_UNION.id]
    assert isinstance(found[1], AreaHit) and found[1].distance_km > 2500 and found[1].reach_km == 0.0


def test_reverse_names_the_district_then_the_province_then_the_country(api: GazetteerAPI) -> None:
    found = api.reverse(SHUSHA.lon, SHUSHA.lat, limit=2)
    assert [(n.place.id, n.relation) for n in found] == [
        (SHUSHA_DISTRICT.id, CONTAINING),
        (KARABAKH_ER.id, CONTAINING),
        (AZERBAIJAN.id, CONTAINING),
        (SHUSHA.id, NEAREST),
        (KHANKENDI.id, NEAREST),
    ]
    assert found[0].distance_km == pytest.approx(distance_km(SHUSHA.lon, SHUSHA.lat, 46.75, 39.76))
    assert found[0].distance_to_area_km == 0.0 and found[3].distance_to_area_km is None
    historic = api.reverse(SHUSHA.lon, SHUSHA.lat, limit=1, historic=True)
    assert [n.place.id for n in historic if n.relation == CONTAINING][-1] == SOVIET_UNION.id
    assert [n.relation for n in api.reverse(KYIV.lon, KYIV.lat, limit=1)] == [NEAREST]
    assert ids(api.reverse(KYIV.lon, KYIV.lat, limit=1, historic=True)) == [SOVIET_UNION.id, KYIV.id]


def test_an_area_counts_when_its_shape_reaches_into_the_circle_though_its_point_is_outside(api: GazetteerAPI) -> None:
    lon, lat = 45.75, 39.62
    found = {n.place.id: n for n in api.near(NearQuery(lon, lat, 20.0))}
    corridor = found[CORRIDOR.id]
    assert corridor.distance_km == pytest.approx(distance_km(lon, lat, CORRIDOR.lon, CORRIDOR.lat))
    assert corridor.distance_km > 60 and 0 < (corridor.distance_to_area_km or 0) < 20
    assert AZERBAIJAN.id in found and found[AZERBAIJAN.id].distance_to_area_km == 0.0
    assert SHUSHA.id not in found
    assert CORRIDOR.id not in ids(api.near(NearQuery(lon, lat, (corridor.distance_to_area_km or 0) - 0.1)))


def test_an_area_without_a_shape_counts_by_its_extent(api: GazetteerAPI) -> None:
    found = {n.place.id: n for n in api.near(NearQuery(46.5, 40.25, 5.0))}
    reach = distance_km(46.5, 40.25, SARSANG.lon, SARSANG.lat) - 8.0
    assert found[SARSANG.id].distance_to_area_km == pytest.approx(reach) and 0 < reach < 5


def test_results_are_nearest_first_by_the_representative_point(api: GazetteerAPI) -> None:
    found = api.near(NearQuery(KHANKENDI.lon, KHANKENDI.lat, 200.0))
    distances = [n.distance_km for n in found]
    assert distances == sorted(distances) and ids(found)[0] == KHANKENDI.id
    assert ids(api.near(NearQuery(KHANKENDI.lon, KHANKENDI.lat, 200.0, limit=3))) == ids(found)[:3]
    assert ids(api.near(NearQuery(BAKU.lon + 0.1, BAKU.lat, k=2))) == [BAKU.id, AZERBAIJAN.id]


def test_mentioned_only_keeps_areas_and_points_that_documents_name(api: GazetteerAPI) -> None:
    text = "Convoys on the Lachin corridor reached Shusha."
    mentions = [Mention(15, 30, "Lachin corridor", CORRIDOR, 0.9), Mention(39, 45, "Shusha", SHUSHA, 0.9)]
    document: Document = api.add_document(text, mentions)
    assert document.id
    found = api.near(NearQuery(45.75, 39.62, 120.0, mentioned_only=True))
    assert ids(found) == [CORRIDOR.id, SHUSHA.id] and [n.mentions for n in found] == [1, 1]
    assert ids(api.near(NearQuery(45.75, 39.62, 20.0, mentioned_only=True))) == [CORRIDOR.id]
    assert ids(api.near(NearQuery(BAKU.lon, BAKU.lat, k=1, mentioned_only=True))) == [SHUSHA.id]


coordinates = st.tuples(st.floats(40.0, 52.0), st.floats(36.0, 44.0))
random_places = st.lists(
    st.tuples(
        coordinates,
        st.sampled_from(["point", "circle", "shape", "historic"]),
        st.floats(0.5, 120.0),
    ),
    min_size=1,
    max_size=25,
)


def _brute_reach(lon: float, lat: float, place: Place, shape: shapely.Geometry | None) -> float:
    if shape is None:
        return max(distance_km(lon, lat, place.lon, place.lat) - place.radius_km, 0.0)
    if shape.covers(shapely.Point(lon, lat)):
        return 0.0
    outline = shapely.get_coordinates(shapely.segmentize(shape.boundary, 0.002))
    return float(distances_km(lon, lat, outline[:, 0], outline[:, 1]).min())


@settings(max_examples=40, deadline=None)
@given(random_places, st.lists(st.tuples(coordinates, st.floats(0.0, 250.0)), min_size=1, max_size=3), st.booleans())
def test_points_and_areas_agree_with_brute_force(
    drawn: list[tuple[tuple[float, float], str, float]], queries: list[tuple[tuple[float, float], float]], past: bool
) -> None:
    places, shapes = [], {}
    for n, ((lon, lat), kind, size) in enumerate(drawn, start=1):
        code = "PCLH" if kind == "historic" else "ADM1"
        radius = size if kind == "circle" else 0.0
        places.append(place(n, f"p{n}", lon, lat, "A" if kind != "point" else "P", code, radius_km=radius))
        if kind in ("shape", "historic"):
            shapes[n] = shapely.Point(lon, lat).buffer(size / 111.0, 3)
    spatial = SpatialIndexes.of(places, {n: shapely.to_wkb(shape) for n, shape in shapes.items()})
    for (lon, lat), radius in queries:
        got = {hit.id for hit in spatial.within(lon, lat, radius, None, historic=past)}
        held = {hit.id for hit in spatial.containing(lon, lat, historic=past)}
        for p in places:
            if is_historic(p) and not past:
                assert p.id not in got and p.id not in held
                continue
            reach = _brute_reach(lon, lat, p, shapes.get(p.id))
            if abs(reach - radius) > 0.0005 * radius + 0.1:
                assert (p.id in got) == (reach <= radius), (p, lon, lat, radius, reach)
            inside = (p.id in shapes and reach == 0.0) or distance_km(lon, lat, p.lon, p.lat) < p.radius_km - 0.1
            if p.feature_class == "A" and (inside or reach > 0.1):
                assert (p.id in held) == inside, (p, lon, lat, reach)
        distances = [hit.distance_km for hit in spatial.within(lon, lat, radius, None, historic=past)]
        assert distances == sorted(distances)
    assert len(spatial.places) == len(places)
