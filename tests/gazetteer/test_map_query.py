"""Map filters, their bounding box, and the grid clustering of places past the cap."""

from __future__ import annotations

import pytest

from gazetteer.errors import InvalidInput
from gazetteer.map_clusters import LISTED_PLACES, grid_clusters, grid_zoom
from gazetteer.map_query import (
    DEFAULT_MAX_MARKERS,
    MAX_MAP_DOCUMENT_IDS,
    MAX_MARKERS,
    BoundingBox,
    MapFilter,
    MappedPlace,
)


def test_bbox_parses_and_keeps_its_corners() -> None:
    box = BoundingBox.parse("44.5,38.5,50,42")
    assert box.corners() == (44.5, 38.5, 50.0, 42.0) and box.text() == "44.5,38.5,50,42"


@pytest.mark.parametrize(
    "text",
    ["", "1,2,3", "1,2,3,4,5", "a,b,c,d", "nan,1,2,3", "1,inf,2,3", "5,2,3,4", "1,5,2,3", "-181,0,0,1", "0,-91,1,0",
     "0,0,1,1" + "0" * 200],
)  # fmt: skip
def test_bad_bbox_is_invalid_input(text: str) -> None:
    with pytest.raises(InvalidInput, match="bbox"):
        BoundingBox.parse(text)


def test_filter_is_checked_and_canonical() -> None:
    chosen = MapFilter((3, 1, 3), 146970, "2023-09-01", "2023-09-30", BoundingBox(44, 38, 50, 42), 40).checked()
    assert chosen.document_ids == (1, 3) and chosen.dated
    assert chosen.query() == (
        "document=1&document=3&place=146970&from=2023-09-01&to=2023-09-30&bbox=44,38,50,42&max_markers=40"
    )
    assert MapFilter().query() == "" and MapFilter().max_markers == DEFAULT_MAX_MARKERS
    assert MapFilter(bbox=BoundingBox(1, 2, 3, 4)).query(bbox=BoundingBox(5, 6, 7, 8)) == "bbox=5,6,7,8"


@pytest.mark.parametrize(
    "bad",
    [
        MapFilter(date_from="2024-02-30"),
        MapFilter(date_from="2024-01-02", date_to="2024-01-01"),
        MapFilter(max_markers=0),
        MapFilter(max_markers=MAX_MARKERS + 1),
        MapFilter(document_ids=(0,)),
        MapFilter(document_ids=tuple(range(1, MAX_MAP_DOCUMENT_IDS + 2))),
        MapFilter(place_id=-1),
        MapFilter(bbox=BoundingBox(10, 0, 5, 1)),
    ],
)
def test_out_of_range_filters_are_invalid_input(bad: MapFilter) -> None:
    with pytest.raises(InvalidInput):
        bad.checked()


def _village(i: int, lon: float, lat: float, mentions: int = 1) -> MappedPlace:
    return MappedPlace(1000 + i, f"Village {i}", lon, lat, "PPL", "AZ", mentions, 1)


def test_clusters_never_exceed_the_cap_and_keep_every_mention() -> None:
    places = [_village(i, 44.0 + 0.37 * (i % 17), 38.0 + 0.29 * (i // 17), 1 + i % 5) for i in range(170)]
    for most in (1, 3, 10, 50, 169):
        clusters = grid_clusters(places, most)
        assert 1 <= len(clusters) <= most
        assert sum(c.mentions for c in clusters) == sum(p.mentions for p in places)
        assert sum(c.place_count for c in clusters) == len(places)
    assert len(grid_clusters(places, 170)) == 170  # fine enough a grid gives every place its own cell


def test_cluster_centre_box_and_top_places() -> None:
    places = [_village(i, 46.70 + 0.001 * i, 39.80, mentions=i + 1) for i in range(12)]
    (cluster,) = grid_clusters(places, 1)
    assert [p.place_id for p in cluster.top] == [1011 - i for i in range(LISTED_PLACES)]
    weighted = sum(p.lon * p.mentions for p in places) / sum(p.mentions for p in places)
    assert cluster.lon == pytest.approx(weighted) and cluster.lat == pytest.approx(39.80)
    box = cluster.bbox
    assert box.west <= 46.70 and box.east >= 46.711 and box.north - box.south >= 0.02


def test_grid_is_as_fine_as_the_cap_allows() -> None:
    pair = [_village(1, 46.70, 39.80), _village(2, 46.80, 39.80)]
    assert grid_zoom(pair, 1) < grid_zoom(pair, 2)
