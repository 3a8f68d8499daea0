"""The parts of a map page around the layers: style, legend, title and the popup opener."""

from __future__ import annotations

import folium

from maps.correction_form import CORRECTION_SCRIPT, FIELDS_TEMPLATE, POPUP_BUTTONS
from maps.elements import PageHtml, PageScript, PageStyle
from maps.html import escape_text
from maps.marker_layer import PLACE_MARKERS
from maps.places import COUNT_BINS, marker_style

MAP_CSS = """
.place-popup h4, .event-popup h4 { margin: 0 0 4px; font-size: 15px; }
.place-popup .variants { margin: 0 0 4px; color: #555; }
.place-popup .count { margin: 0 0 4px; font-weight: bold; }
.place-popup ol { max-height: 240px; overflow-y: auto; margin: 0; padding-left: 1.4em; }
.place-popup li { margin-bottom: 4px; }
.place-popup mark { background: #ffe066; padding: 0 1px; }
.map-legend, .map-title { position: fixed; z-index: 1000; background: rgba(255,255,255,.92);
  padding: 6px 8px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px sans-serif; }
.map-legend { bottom: 28px; right: 10px; }
.map-title { top: 10px; left: 54px; max-width: calc(100% - 320px); font-size: 14px; font-weight: bold;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.map-legend i { display: inline-block; border-radius: 50%; border: 1px solid #800026;
  vertical-align: middle; margin-right: 4px; }
.leaflet-container { background: #d9e6ee; }
.place-popup .correct-open { font-size: 11px; margin-left: 4px; padding: 0 4px; }
.correct-form { display: grid; gap: 3px; margin: 4px 0; font-size: 12px; }
.correct-form output { color: #a61e4d; }
"""

_OPENER = """
(function () {
  var map = {map};
  var markers = {%markers%} || {};
  var cluster = {%cluster%};
  function openWhenShown(marker, tries) {
    if (map.hasLayer(marker)) { marker.openPopup(); return; }
    if (tries > 0) { setTimeout(function () { openWhenShown(marker, tries - 1); }, 100); }
  }
  function reveal(id) {
    var marker = markers[id];
    if (!marker) { return false; }
    if (cluster && !map.hasLayer(marker)) {
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), {%zoom%}));
    }
    openWhenShown(marker, 30);
    return true;
  }
  function fromHash() {
    var found = /^#place-(\\d+)$/.exec(window.location.hash);
    return found ? reveal(found[1]) : false;
  }
  window.gazetteerMap = { map: map, markers: markers, reveal: reveal };
  window.addEventListener("hashchange", fromHash);
  if (!fromHash() && {%focus%} !== null) { reveal({%focus%}); }
})();
"""


def add_page_parts(fmap: folium.Map, title: str) -> None:
    """Style, legend and (when given) a title bar; ``title`` is escaped here."""
    fmap.add_child(PageStyle(MAP_CSS))
    fmap.add_child(PageHtml(legend_html()))
    if title:
        fmap.add_child(PageHtml(f'<div class="map-title">{escape_text(title)}</div>'))
        fmap.get_root().title = escape_text(title)  # type: ignore[attr-defined]


def add_correction_form(fmap: folium.Map) -> None:
    """The fields and the script of the popups' correction forms (``maps.correction_form``), and the
    buttons that open them, added under each mention of a popup when it opens."""
    fmap.add_child(PageHtml(FIELDS_TEMPLATE))
    fmap.add_child(PageScript(CORRECTION_SCRIPT))
    fmap.add_child(PageScript(POPUP_BUTTONS))


def legend_html() -> str:
    """The mention-count legend: one sized, coloured dot per class."""
    rows = []
    for lowest, _ in COUNT_BINS:
        style = marker_style(lowest)
        size = round(2 * style.radius_px)
        rows.append(
            f'<div><i style="width:{size}px;height:{size}px;background:{style.fill}"></i>'
            f"{lowest}+ mention{'s' if lowest > 1 else ''}</div>"
        )
    return f'<div class="map-legend"><b>Mentions</b>{"".join(rows)}</div>'


def add_opener(fmap: folium.Map, cluster: str | None, focus_place_id: int | None, unclustered_zoom: int) -> None:
    """A script that opens a place's popup from ``#place-<id>`` (or the focus place) on load.

    The place markers are those ``marker_layer`` recorded; ``cluster`` is the
    name of the marker-cluster group when markers are clustered, and
    ``unclustered_zoom`` the zoom at which no marker is clustered any more (the
    plugin's ``zoomToShowLayer`` waits for icons, which circle markers lack).
    """
    code = (
        _OPENER.replace("{%markers%}", PLACE_MARKERS)
        .replace("{%cluster%}", cluster or "null")
        .replace("{%focus%}", "null" if focus_place_id is None else str(int(focus_place_id)))
        .replace("{%zoom%}", str(int(unclustered_zoom)))
    )
    fmap.add_child(PageScript(code))
