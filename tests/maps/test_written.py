"""Rendered parts are written as they are: text that looks like template code stays text."""

from __future__ import annotations

import folium

from maps.elements import HtmlPopup, PageHtml
from maps.html_page import render_page
from maps.written import Written


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
