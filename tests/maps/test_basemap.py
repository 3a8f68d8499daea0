"""The offline basemap: its extent from the map's content, and its GeoJSON (clipped, simplified, labelled)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import shapely
from conftest import HOSTILE

from gazetteer.documents import Event, StoredMention
from gazetteer.errors import InvalidInput
from gazetteer.map_data import Basemap, BasemapArea, MapData
from maps.basemap_extent import HOME, BasemapExtent, extent_of, tolerance
from maps.basemap_shapes import collection, display_geometry, geojson_bytes


def _far_mention(mention: StoredMention, lon: float, lat: float, country: str) -> StoredMention:
    fields = {name: getattr(mention, name) for name in mention.__dataclass_fields__}
    return StoredMention(**{**fields, "place_id": 4140963, "lon": lon, "lat": lat, "country": country})


def test_detail_box_around_most_places_and_box_around_all(mentions: list[StoredMention]) -> None:
    washington = _far_mention(mentions[0], -77.04, 38.9, "US")
    extent = extent_of(MapData([*mentions, washington]))
    west, south, east, north = extent.detail
    assert west <= 46.3 and east >= 49.9 and south <= 39.5 and north >= 40.4 and east - west < 20
    assert extent.box[0] <= -77 and extent.tiers == 2
    assert extent.countries == ("AZ",)  # Washington is outside the detail box


def test_extent_of_an_empty_map_is_around_karabakh_with_context() -> None:
    extent = extent_of(MapData([]))
    west, south, east, north = extent.detail
    assert west < HOME[0] < east and south < HOME[1] < north
    assert extent.box == (west - 10, south - 10, east + 10, north + 10)
    assert extent.countries == ()


def test_focus_and_event_circles_count(mentions: list[StoredMention], event: Event) -> None:
    focused = extent_of(MapData(mentions, focus=(30.0, 50.0)))
    assert focused.detail[0] < 30 < focused.detail[2] and focused.box[2] >= 50
    wide = Event(**{**{n: getattr(event, n) for n in event.__dataclass_fields__}, "radius_km": 900.0})
    assert extent_of(MapData([], events=[wide])).detail[3] >= event.lat + 8


def test_extent_in_the_url_and_back() -> None:
    extent = BasemapExtent((33, 26, 63, 54), (43, 36, 53, 44), ("AM", "AZ"))
    assert extent.query() == "box=33,26,63,54&detail=43,36,53,44&country=AM&country=AZ"
    assert BasemapExtent.parse("33,26,63,54", "43,36,53,44", ["az", "AM", "AZ"]) == extent


@pytest.mark.parametrize(
    ("box", "detail", "countries"),
    [
        ("1,2,3", "1,2,3,4", []),
        ("5,2,3,4", "5,2,3,4", []),
        ("0,0,10,10", "5,5,20,8", []),
        ("0,0,10,10", "1,1,2,2", ["AZE"]),
        ("0,0,10,10", "1,1,2,2", [f"{a}{b}" for a in "AB" for b in "ABCDE"]),
        ("-181,0,10,10", "1,1,2,2", []),
        ("0,0,10,10<", "1,1,2,2", []),
    ],
)
def test_bad_extents_are_invalid_input(box: str, detail: str, countries: list[str]) -> None:
    with pytest.raises(InvalidInput):
        BasemapExtent.parse(box, detail, countries)


def test_tolerance_follows_the_box_within_bounds() -> None:
    assert tolerance((40, 35, 54, 45)) < tolerance((0, 0, 90, 60)) <= tolerance((-180, -90, 180, 90)) == 0.09
    assert tolerance((46, 39, 47, 40)) == 0.0005


def _square(west: float, south: float, east: float, north: float, wiggles: int = 0) -> shapely.Polygon:
    """A square whose southern edge zigzags by a hundredth of a degree (``wiggles`` times)."""
    if not wiggles:
        return shapely.box(west, south, east, north)
    step = (east - west) / (2 * wiggles)
    bottom = [(west + i * step, south - 0.01 * (i % 2)) for i in range(2 * wiggles + 1)]
    return shapely.Polygon([*bottom, (east, north), (west, north)])


@pytest.fixture
def basemap() -> Basemap:
    """Two neighbours (one wiggly), a first-level area in each of two countries, and a far country."""
    return Basemap(
        [
            BasemapArea("Westland", 0, "WL", _square(40, 36, 46, 44, wiggles=300), (43.0, 40.0)),
            BasemapArea(f"East {HOSTILE}", 0, "EL", _square(46, 30, 60, 44), (53.0, 37.0)),
            BasemapArea("Far Away", 0, "FA", _square(100, 10, 110, 20), (105.0, 15.0)),
            BasemapArea("West District", 1, "WL", _square(44, 38, 46, 40), (45.0, 39.0)),
            BasemapArea("East District", 1, "EL", _square(46, 38, 48, 40), (47.0, 39.0)),
        ],
        source="test",
    )


EXTENT = BasemapExtent((35, 30, 60, 50), (42, 37, 50, 43), ("WL",))


def _coordinates(geometry: dict[str, Any]) -> Iterator[list[float]]:
    def walk(value: Any) -> Iterator[list[float]]:
        if isinstance(value[0], (int, float)):
            yield value
        else:
            for item in value:
                yield from walk(item)

    return walk(geometry["coordinates"])


def test_collection_land_then_first_level_borders_then_labels(basemap: Basemap) -> None:
    features = collection(basemap, EXTENT)["features"]
    kinds = [(f["properties"]["kind"], f["properties"]["level"]) for f in features]
    assert kinds == sorted(kinds, key=lambda k: ["land", "border", "label"].index(k[0]))
    assert {k for k in kinds if k[0] == "border"} == {("border", 1)}  # only the areas of the countries asked for
    names = [f["properties"]["name"] for f in features if f["properties"]["kind"] == "label"]
    assert names == ["Westland", f"East {HOSTILE}", "West District"]  # Far Away lies outside the box
    for feature in features:
        for lon, lat in _coordinates(feature["geometry"]):
            assert 35 <= lon <= 60 and 30 <= lat <= 50


def test_land_is_cut_exactly_on_the_edges_the_page_leaves_unstroked(basemap: Basemap) -> None:
    drawn = collection(basemap, EXTENT)
    assert drawn["edges"] == {"x": [35, 42, 50, 60], "y": [30, 37, 43, 50]}
    east_land = [f for f in drawn["features"] if f["properties"]["kind"] == "land"]
    on_edges = [(lon, lat) for f in east_land for lon, lat in _coordinates(f["geometry"]) if lon in (50, 60)]
    assert (60, 30) in on_edges or (60.0, 30.0) in on_edges


def test_detail_is_finer_than_the_rest_and_specks_go(basemap: Basemap) -> None:
    detail_only = BasemapExtent((40, 36, 46, 44), (40, 36, 46, 44))
    fine = collection(basemap, detail_only)["features"][0]["geometry"]
    coarse = collection(basemap, BasemapExtent((-180, -90, 180, 90), (100, 10, 101, 11)))["features"][0]["geometry"]
    assert len(list(_coordinates(fine))) > 300 > len(list(_coordinates(coarse)))
    speck = Basemap([BasemapArea("Islet", 0, "IS", _square(40.0, 40.0, 40.0001, 40.0001), (40.0, 40.0))], "test")
    assert [f["properties"]["kind"] for f in collection(speck, EXTENT)["features"]] == ["label"]


def test_labels_show_from_a_zoom_that_fits_them(basemap: Basemap) -> None:
    labels = {
        f["properties"]["name"]: f
        for f in collection(basemap, EXTENT)["features"]
        if f["properties"]["kind"] == "label"
    }
    assert labels["Westland"]["properties"]["minzoom"] < labels["West District"]["properties"]["minzoom"]
    assert labels["West District"]["properties"]["minzoom"] >= 8
    assert labels["Westland"]["geometry"]["coordinates"] == [43.0, 40.0]
    lon, lat = labels[f"East {HOSTILE}"]["geometry"]["coordinates"]
    assert 46 <= lon <= 60 and 30 <= lat <= 44


def test_geojson_bytes_are_compact_json(basemap: Basemap) -> None:
    body = geojson_bytes(basemap, EXTENT)
    assert b", " not in body[:200] and json.loads(body)["type"] == "FeatureCollection"


def test_display_geometry_simplifies_and_rounds() -> None:
    circle = shapely.Point(46.5, 39.5).buffer(0.5, quad_segs=256)
    shown = display_geometry(circle)
    assert shapely.get_num_coordinates(shown) < shapely.get_num_coordinates(circle) / 4
    assert all(round(x, 5) == x for x in shapely.get_coordinates(shown)[:, 0])
    assert shown.symmetric_difference(circle).area < 0.01 * circle.area
