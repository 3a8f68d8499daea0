"""The time slider of the mentions map: timestamped points of dated documents, no text, no files, no template."""

from __future__ import annotations

import json
import re
from typing import Any

from storedata import HOSTILE

from gazetteer.documents import StoredMention
from gazetteer.map_data import MapData
from gazetteer.map_query import DatedPlace
from maps.assets import cdn_assets, inline_assets
from maps.html_page import inline_scripts, script_hash
from maps.mention_map import MapOptions, build_map, render_map
from maps.time_slider import TIMELINE_LAYER, point_radius, timeline_data

TIMELINE = (
    DatedPlace(146970, 46.7528, 39.8177, "2021-05-01", 1),
    DatedPlace(585103, 46.74989, 39.76006, "2023-09-19", 2),
    DatedPlace(146970, 46.7528, 39.8177, "2023-09-19", 5),
)


def _slider_data(page: str) -> dict[str, Any]:
    found = re.search(r"\}\)\((map_\w+), (feature_group_\w+), (\{.*?\}),\s*\{\"colour\"", page, re.DOTALL)
    assert found is not None, "no time slider in the page"
    data: dict[str, Any] = json.loads(found.group(3))
    return data


def test_timeline_has_each_date_and_place_once_lon_first() -> None:
    data = timeline_data(TIMELINE)
    assert data == {
        "dates": ["2021-05-01", "2023-09-19"],
        "places": {"146970": [46.7528, 39.8177], "585103": [46.74989, 39.76006]},
        "points": [[0, 146970, 1], [1, 585103, 2], [1, 146970, 5]],
        "radius": {"1": point_radius(1), "2": point_radius(2), "5": point_radius(5)},
    }
    assert point_radius(1) < point_radius(5) <= 12


def test_a_map_with_dated_documents_has_the_slider(mentions: list[StoredMention]) -> None:
    rendered = render_map(MapData(mentions, timeline=TIMELINE))
    page = rendered.html
    assert "L.Control.extend" in page and "time-slider" in page and f'"{TIMELINE_LAYER}"' in page
    data = _slider_data(page)
    assert [data["dates"][point[0]] for point in data["points"]] == ["2021-05-01", "2023-09-19", "2023-09-19"]
    code = page[page.rindex("<script>") + len("<script>") : page.rindex("</script>")]
    assert "gazetteerTimeline" in code and script_hash(code) in rendered.script_hashes  # runs under the page's CSP


def test_a_map_without_dated_documents_has_no_slider(mentions: list[StoredMention]) -> None:
    page = render_map(MapData(mentions)).html
    assert "time-slider" not in page and "gazetteerTimeline" not in page and TIMELINE_LAYER not in page


def test_the_slider_carries_no_document_text(mentions: list[StoredMention]) -> None:
    data = MapData(mentions, titles={1: f"{HOSTILE} {{{{ 7*7 }}}}"}, timeline=TIMELINE)
    page = render_map(data).html
    assert set(_slider_data(page)) == {"dates", "places", "points", "radius"}  # numbers, dates and ids only
    assert HOSTILE not in page and "script\\u0026gt; {{ 7*7 }}" in page and "script\\u0026gt; 49" not in page


def test_the_slider_needs_no_file_of_its_own(mentions: list[StoredMention]) -> None:
    for assets in (inline_assets(), cdn_assets()):
        with_slider = render_map(MapData(mentions, timeline=TIMELINE), MapOptions(assets=assets)).html
        without = render_map(MapData(mentions), MapOptions(assets=assets)).html
        sources = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"')
        assert sources.findall(with_slider) == sources.findall(without)
        assert len(inline_scripts(with_slider[: with_slider.index("</head>")])) == len(
            inline_scripts(without[: without.index("</head>")])
        )


def test_the_slider_points_share_the_mention_pane_and_take_no_clicks(mentions: list[StoredMention]) -> None:
    page = build_map(MapData(mentions, timeline=TIMELINE)).get_root().render()
    assert '"pane": "mentions"' in page and "interactive: false" in page
