"""Gathering map data from a real document store, through the application layer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import shapely
from storedata import KHANKENDI, FakeGazetteer, fill_store, mentions_of

from gazetteer.application import GazetteerAPI
from gazetteer.errors import NotFound
from gazetteer.map_data import NATURAL_EARTH_SOURCE
from gazetteer.map_query import MapFilter
from gazetteer.records import Mention, Name, Place, Point
from gazetteer.settings import load_settings
from gazetteer.spatial import regions_of
from maps.collect import map_options
from maps.mention_map import MapOptions

KARABAKH = Place(900000001, "Karabakh", Point(46.75, 39.83), "L", "RGN", radius_km=70)


CORRIDOR = Place(900000003, "Lachin corridor", Point(46.45, 39.6), "R", "RD", "AZ", radius_km=25)
SARSANG = Place(900000002, "Sarsang Reservoir", Point(46.55, 40.15), "H", "RSV", "AZ", radius_km=8)
AZERBAIJAN = Place(587116, "Azerbaijan", Point(47.5, 40.5), "A", "PCLI", "AZ")
SHUSHA_DISTRICT = Place(910000001, "Shusha District", Point(46.75, 39.76), "A", "ADM1", "AZ", radius_km=12)
SYUNIK = Place(910000002, "Syunik Province", Point(46.41, 39.21), "A", "ADM1", "AM", radius_km=40)
SHAPES = {
    KARABAKH.id: shapely.box(46.5, 39.4, 47.2, 40.3).wkb,
    CORRIDOR.id: shapely.LineString([(46.34, 39.51), (46.75, 39.82)]).buffer(0.025).wkb,
    AZERBAIJAN.id: shapely.box(44.8, 38.4, 50.4, 41.9).wkb,
    SHUSHA_DISTRICT.id: shapely.box(46.6, 39.6, 46.9, 39.9).wkb,
    SYUNIK.id: shapely.box(45.9, 38.8, 46.6, 39.7).wkb,
}
"""Rough shapes, the corridor a buffered road."""


def api_over(tmp_path: Path, places: list[Place] | None = None, shapes: dict[int, bytes] | None = None) -> GazetteerAPI:
    settings = load_settings(tmp_path)
    fill_store(settings.store_path)
    gazetteer = FakeGazetteer(places, shapes) if places is not None else None
    return GazetteerAPI(settings, gazetteer=gazetteer)  # type: ignore[arg-type]


@pytest.fixture
def api(tmp_path: Path) -> GazetteerAPI:
    return api_over(tmp_path)


def test_all_documents(api: GazetteerAPI) -> None:
    data = api.map_data()
    assert data.document_count == 2 and sorted(data.titles) == [1, 2]
    assert [m.place_id for m in data.mentions].count(146970) == 3
    assert {p.place_id: (p.mentions, p.documents) for p in data.places}[146970] == (3, 2)
    assert data.events and all(e.document_id == 1 for e in data.events)


def test_one_document(api: GazetteerAPI) -> None:
    data = api.map_data(MapFilter(document_ids=(2,)))
    assert list(data.titles) == [2] and {m.document_id for m in data.mentions} == {2}
    assert map_options(data, MapOptions()).title.startswith("Mentions in Talks")


def test_unknown_document_is_not_found(api: GazetteerAPI) -> None:
    with pytest.raises(NotFound):
        api.map_data(MapFilter(document_ids=(99,)))


def test_variants_and_regions_from_the_gazetteer(tmp_path: Path) -> None:
    named = replace(KHANKENDI, names=(Name("Khankendi", "en"), Name("Xankəndi", "az"), Name("Ханкенди", "ru")))
    data = api_over(tmp_path, [named, KARABAKH]).map_data()
    assert data.variants[146970] == ("Xankəndi (az)", "Ханкенди (ru)")
    assert regions_of([KHANKENDI, KARABAKH])[0].id == KARABAKH.id


def test_place_centre_from_mentions_then_gazetteer(api: GazetteerAPI, tmp_path: Path) -> None:
    assert api.map_data(MapFilter(place_id=146970)).focus == (46.7528, 39.8177)
    other = api_over(tmp_path / "other", [KARABAKH])
    assert other.map_data(MapFilter(place_id=KARABAKH.id)).focus == (46.75, 39.83)
    with pytest.raises(NotFound):
        api.map_data(MapFilter(place_id=12345))
    options = map_options(api.map_data(MapFilter(place_id=146970)), MapOptions())
    assert options.centre == (46.7528, 39.8177) and options.focus_place_id == 146970


def test_areas_are_drawn_as_their_shapes_countries_left_to_the_basemap(tmp_path: Path) -> None:
    places = [KHANKENDI, KARABAKH, CORRIDOR, SARSANG, AZERBAIJAN, SHUSHA_DISTRICT]
    api = api_over(tmp_path, places, SHAPES)
    text = "Karabakh, the Lachin corridor, Sarsang Reservoir, Azerbaijan and Shusha District."
    names = [("Karabakh", KARABAKH), ("Lachin corridor", CORRIDOR), ("Sarsang Reservoir", SARSANG),
             ("Azerbaijan", AZERBAIJAN), ("Shusha District", SHUSHA_DISTRICT)]  # fmt: skip
    api.add_document(text, mentions_of(text, names))
    regions = {region.id: region for region in api.map_data().regions}
    assert sorted(regions) == sorted([KARABAKH.id, CORRIDOR.id, SHUSHA_DISTRICT.id])  # Sarsang has no shape
    assert regions[KARABAKH.id].geometry.equals(shapely.box(46.5, 39.4, 47.2, 40.3))
    assert regions[CORRIDOR.id].geometry.geom_type == "Polygon" and regions[CORRIDOR.id].geometry.area < 0.05


def test_basemap_from_the_package_until_the_index_has_country_shapes(api: GazetteerAPI, tmp_path: Path) -> None:
    package = api.basemap(["AZ"])
    assert package.source == NATURAL_EARTH_SOURCE and package.countries == ("AZ",)
    assert {area.country for area in package.areas if area.name == "Azerbaijan"} == {"AZ"}
    assert {area.level for area in package.areas} == {0}  # first-level areas come from the index only
    shaped = api_over(tmp_path / "shaped", [KHANKENDI, AZERBAIJAN, SHUSHA_DISTRICT, SYUNIK], SHAPES)
    indexed = shaped.basemap(["az"])
    assert indexed.source == "test" and indexed.countries == ("AZ",)
    assert [(area.name, area.level) for area in indexed.areas] == [("Azerbaijan", 0), ("Shusha District", 1)]
    assert indexed.areas[0].label == (47.5, 40.5)


def test_map_data_carries_a_basemap_only_when_asked(api: GazetteerAPI) -> None:
    assert api.map_data().basemap is None
    carried = api.map_data(MapFilter(document_ids=(1,)), basemap=True).basemap
    assert carried is not None and carried.countries == ("AZ",)


def test_mentions_without_country_ask_for_no_first_level_areas(tmp_path: Path) -> None:
    api = api_over(tmp_path, [KHANKENDI])
    text = "Somewhere."
    api.add_document(text, [Mention(0, 9, "Somewhere", Place(1, "Somewhere", Point(46.0, 40.0)), 0.9)])
    data = api.map_data(MapFilter(document_ids=(3,)), basemap=True)
    assert data.basemap is not None and data.basemap.countries == ()
