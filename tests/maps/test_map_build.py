"""The mentions map: markers, popups, links, escaping, layers and served assets."""

from __future__ import annotations

import json
import re

import shapely
from conftest import HOSTILE
from htmlcheck import bound_html, links, parse

from gazetteer.documents import Document, Event, StoredMention
from gazetteer.map_data import Basemap, BasemapArea
from geo.regions import Region, circle_region
from maps.assets import cdn_assets, inline_assets
from maps.event_map import build_event_map
from maps.mention_map import MapData, MapOptions, build_map, render_html


def _page(data: MapData, options: MapOptions | None = None) -> str:
    return render_html(build_map(data, options))


def _titles(documents: dict[int, Document]) -> dict[int, str]:
    return {document_id: document.title for document_id, document in documents.items()}


def _popup_of(page: str, place_id: int) -> str:
    popups = [p for p in bound_html(page) if f'data-place-id="{place_id}"' in p]
    assert len(popups) == 1
    return popups[0]


def test_one_marker_per_place_with_class_and_count(mentions: list[StoredMention]) -> None:
    page = _page(MapData(mentions))
    classes = re.findall(r'"className": "place-marker place-(\d+)"', page)
    assert sorted(map(int, classes)) == sorted({m.place_id for m in mentions})
    assert "Khankendi (3)" in bound_html(page, "Tooltip")


def _marker_options(page: str) -> dict[int, str]:
    blocks = re.findall(r'(\{[^{}]*"className": "place-marker place-\d+"[^{}]*\})', page)
    return {int(re.search(r"place-(\d+)", b).group(1)): b for b in blocks}  # type: ignore[union-attr]


def test_busier_places_get_bigger_darker_markers(mentions: list[StoredMention]) -> None:
    markers = _marker_options(_page(MapData(mentions)))

    def radius(place_id: int) -> float:
        return float(re.search(r'"radius": ([\d.]+)', markers[place_id]).group(1))  # type: ignore[union-attr]

    assert radius(146970) > radius(587084)
    assert '"fillColor": "#feb24c"' in markers[146970] and '"fillColor": "#fed976"' in markers[587084]
    assert all('"pane": "mentions"' in block for block in markers.values())


def test_popup_lists_variants_and_links_each_mention(
    mentions: list[StoredMention], documents: dict[int, Document]
) -> None:
    data = MapData(mentions, _titles(documents), variants={146970: ["Stepanakert (hy, historic)", "Ханкенди (ru)"]})
    popup = parse(_popup_of(_page(data), 146970))
    hrefs = [a["href"] for a in links(popup) if a.get("class") == "mention-link"]
    assert hrefs == ["/documents/1#m-0", "/documents/1#m-1", "/documents/2#m-1"]
    assert "Stepanakert (hy, historic) · Ханкенди (ru)" in popup.text
    assert "3 mentions in 2 documents" in popup.text
    marks = [tag for tag, _ in popup.tags if tag == "mark"]
    assert len(marks) == 3


def test_document_text_is_escaped_everywhere(mentions: list[StoredMention], documents: dict[int, Document]) -> None:
    page = _page(MapData(mentions, _titles(documents)), MapOptions(title=f"Map {HOSTILE}"))
    assert HOSTILE not in page
    assert "${alert(2)}" not in page and "`tick`" not in page
    parsed = parse(page)
    assert len(parsed.scripts) == 3  # leaflet.js, folium's settings, the map
    assert not any("<script" in body or "</" in body for body in parsed.scripts)
    assert HOSTILE in parsed.text  # the title bar shows it as text
    popup = parse(_popup_of(page, 146970))
    assert "script" not in [tag for tag, _ in popup.tags]
    assert HOSTILE in popup.text and f"Road news {HOSTILE}" in popup.text
    assert "${alert(2)}" in parse(_popup_of(page, 174710)).text


def test_served_map_loads_only_local_assets(mentions: list[StoredMention]) -> None:
    page = _page(MapData(mentions), MapOptions(cluster_threshold=1))
    tags = parse(page).tags
    sources = [a.get("src") or a.get("href") for t, a in tags if (t == "script" and a.get("src")) or t == "link"]
    assert sources == [
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet/leaflet.css",
        "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
        "/static/vendor/leaflet.markercluster/MarkerCluster.css",
        "/static/vendor/leaflet.markercluster/MarkerCluster.Default.css",
    ]
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


def test_exported_map_may_use_cdns(mentions: list[StoredMention]) -> None:
    page = _page(MapData(mentions), MapOptions(assets=cdn_assets()))
    assert re.search(r'<script src="https://[^"]+/leaflet\.js"', page)


def test_markers_cluster_only_when_many(mentions: list[StoredMention]) -> None:
    assert "markerClusterGroup" not in _page(MapData(mentions))
    clustered = _page(MapData(mentions), MapOptions(cluster_threshold=2))
    assert "L.markerClusterGroup" in clustered
    assert re.search(r"var cluster = marker_cluster_\w+;", clustered)


def test_layers_and_layer_control(mentions: list[StoredMention], event: Event) -> None:
    region = circle_region(585103, "Shusha <district>", 46.75, 39.76, 5.0)
    page = _page(MapData(mentions, events=[event], regions=[region]))
    overlays = page[page.index("overlays :") : page.index("L.control.layers")]
    assert re.findall(r'"(\w+)" :', overlays) == ["Mentions", "Events", "Regions"]
    assert "Shusha &lt;district&gt;" in bound_html(page)[-1]


def test_event_circle_in_metres_and_nearby_places_highlighted(mentions: list[StoredMention], event: Event) -> None:
    page = render_html(build_event_map(event, MapData(mentions)))
    assert re.search(r'L\.circle\(\s*\[39\.8, 46\.77\],\s*\{[^}]*"radius": 15000\.0', page)
    highlighted = set(re.findall(r"nearby-highlight event-7-place-(\d+)", page))
    assert highlighted == {"146970", "585103"}
    popup = parse(next(p for p in bound_html(page) if "event-popup" in p))
    assert HOSTILE in popup.text and "Khankendi (3)" in popup.text and "Goris" not in popup.text
    assert "fitBounds" in page


def test_focus_place_centres_map_and_opens_popup(mentions: list[StoredMention]) -> None:
    page = _page(MapData(mentions), MapOptions(centre=(46.7528, 39.8177), focus_place_id=146970))
    assert "center: [39.8177, 46.7528]" in page
    assert "reveal(146970)" in page
    assert "fitBounds" not in page


def test_empty_map_still_renders() -> None:
    page = _page(MapData([]))
    assert "center: [39.83, 46.75]" in page and "place-marker" not in page


_BASEMAP_CALL = re.compile(r"\}\)\((map_\w+), (\"(?:[^\"\\]|\\.)*\"|\{.*?\}), \{\"border\"", re.S)


def _basemap_source(page: str) -> object:
    """The basemap source the page passes to its drawing code: a URL, or the inline collection."""
    found = _BASEMAP_CALL.search(page)
    assert found is not None
    return json.loads(found.group(2))


def test_served_map_fetches_its_basemap_for_its_extent(mentions: list[StoredMention]) -> None:
    page = _page(MapData(mentions))
    assert _basemap_source(page) == "/map/basemap.geojson?box=33,26,63,54&detail=43,36,53,44&country=AZ"
    assert "L.tileLayer(" in page  # the tiles stay, over the basemap
    assert '"paneZ": 150' in page and "textContent" in page and "innerHTML" not in page


def test_inline_basemap_and_no_basemap(mentions: list[StoredMention]) -> None:
    area = BasemapArea(f"Land {HOSTILE}", 0, "AZ", shapely.box(44, 38, 51, 42), (47.0, 40.0))
    page = _page(MapData(mentions, basemap=Basemap([area], "test")))
    assert HOSTILE not in page
    source = _basemap_source(page)
    assert isinstance(source, dict) and source["type"] == "FeatureCollection"
    assert [f["properties"]["kind"] for f in source["features"]] == ["land", "label"]
    assert source["features"][1]["properties"]["name"] == f"Land {HOSTILE}"
    assert "basemap" not in _page(MapData(mentions), MapOptions(basemap_url="")).replace("basemap_url", "")


def test_regions_drawn_as_shapes_with_names(mentions: list[StoredMention]) -> None:
    road = shapely.LineString([(46.34, 39.51), (46.75, 39.82)]).buffer(0.025, quad_segs=64)
    page = _page(MapData(mentions, regions=[Region(900000003, f"Lachin corridor {HOSTILE}", road)]))
    assert HOSTILE not in page
    found = re.search(r"_add\((\{\"features\".*?\})\);", page, re.S)
    shape = json.loads(found.group(1))["features"][0]  # type: ignore[union-attr]
    assert shape["geometry"]["type"] == "Polygon" and len(shape["geometry"]["coordinates"][0]) < 100
    labels = re.search(r"\}\)\(map_\w+, feature_group_\w+, (\[.*?\]),", page, re.S).group(1)  # type: ignore[union-attr]
    (label,) = json.loads(labels)
    assert label["text"] == f"Lachin corridor {HOSTILE}" and label["minzoom"] == 9  # a thin shape shows late
    assert road.contains(shapely.Point(label["lon"], label["lat"]))


def test_inline_assets_need_no_network(mentions: list[StoredMention]) -> None:
    page = _page(MapData(mentions), MapOptions(assets=inline_assets(), cluster_threshold=1))
    tags = parse(page).tags
    assert not [a for t, a in tags if (t == "script" and a.get("src")) or t == "link"]
    assert "L.markerClusterGroup" in page and page.count("<style>") >= 4
