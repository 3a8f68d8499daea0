"""Rendered parts are written as they are: text that looks like template code stays text."""

from __future__ import annotations

import folium

from maps.elements import HtmlPopup, PageHtml
from maps.html_page import render_page
from maps.written import Written, WrittenMacro


def test_template_code_in_text_is_never_run() -> None:
    fmap = folium.Map(location=[39.76, 46.75], zoom_start=8, tiles=None)
    marker = folium.CircleMarker([39.76, 46.75], radius=6).add_to(fmap)
    marker.add_child(HtmlPopup("Talks in Shusha {{ 7*7 }} {% if true %}yes{% endif %}"))
    fmap.add_child(PageHtml("<div>{{ 6*7 }}</div>"))
    page = render_page(fmap).html
    assert "{{ 7*7 }}" in page and "{% if true %}yes{% endif %}" in page and "<div>{{ 6*7 }}</div>" in page
    assert "Talks in Shusha 49" not in page and "<div>42</div>" not in page


def test_a_written_element_renders_its_text() -> None:
    assert Written("{{ x }}").render(x=1) == "{{ x }}"


def test_folium_elements_of_a_page_are_written_too() -> None:
    fmap = folium.Map(location=[39.76, 46.75], zoom_start=8, tiles=None)
    layer = folium.FeatureGroup(name="Mentions {{ 7*7 }}").add_to(fmap)
    folium.CircleMarker([39.76, 46.75], radius=6, tooltip="Near Aghdam {{ 6*7 }}").add_to(layer)
    folium.LayerControl().add_to(fmap)
    page = render_page(fmap).html
    assert "Mentions {{ 7*7 }}" in page and "Near Aghdam {{ 6*7 }}" in page
    assert "Mentions 49" not in page and "Near Aghdam 42" not in page
    assert all(isinstance(element, WrittenMacro) for element in (fmap, layer))
    assert type(layer).__name__ == "FeatureGroup" and isinstance(layer, folium.FeatureGroup)
