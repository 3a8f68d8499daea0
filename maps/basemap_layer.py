"""The offline basemap on the page: light land, grey borders and labels, under the tiles.

The basemap lies in its own panes below Leaflet's tile pane, so the OSM tiles
cover it whenever they load and it shows wherever they do not (no network).
An exported page carries its GeoJSON inline; a served page fetches it from
the service (``/map/basemap.geojson?...``), cached there.  Labels are text
nodes (never HTML) and show from the zoom their feature names.
"""

from __future__ import annotations

from typing import Any

import folium
from folium.template import Template

from gazetteer.map_data import MapData
from maps.basemap_extent import extent_of
from maps.basemap_shapes import ATTRIBUTION, collection
from maps.elements import PageStyle
from maps.written import WrittenMacro

BASEMAP_URL = "/map/basemap.geojson"
"""Where the service serves basemaps (the extent goes in the query)."""
BASEMAP_PANE = "basemap"
BASEMAP_PANE_Z = 150
LABEL_PANE = "basemapLabels"
LABEL_PANE_Z = 160
"""Leaflet's tile pane is at z-index 200: the tiles, once loaded, cover both panes."""

LAND_STYLE: dict[str, object] = {
    "stroke": False, "fill": True, "fillColor": "#f4f1ea", "fillOpacity": 1.0, "className": "basemap-land",
}  # fmt: skip
COUNTRY_BORDER_STYLE: dict[str, object] = {"color": "#8c8c8c", "weight": 1.2, "opacity": 1.0}
FIRST_LEVEL_STYLE: dict[str, object] = {
    "color": "#a6a6a6", "weight": 0.8, "opacity": 1.0, "dashArray": "4 3", "fill": False, "className": "basemap-admin1",
}  # fmt: skip

BASEMAP_CSS = """
.map-label span { position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  font: 11px/1.2 sans-serif; color: #666; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.basemap-label.level-0 span { font-size: 12px; letter-spacing: .06em; text-transform: uppercase; color: #707070; }
.region-label span { transform: translate(-50%, 6px); font-size: 12px; font-weight: bold; color: #1f5f8b; }
"""

_SCRIPT = """
(function (map, source, styles, settings) {
  var PANE = settings.pane, LABELS = settings.labelPane;
  [[PANE, settings.paneZ], [LABELS, settings.labelPaneZ]].forEach(function (pane) {
    var element = map.getPane(pane[0]) || map.createPane(pane[0]);
    element.style.zIndex = pane[1];
    element.style.pointerEvents = "none";
  });
  var labels = [];
  function showLabels() {
    var zoom = map.getZoom();
    labels.forEach(function (label) {
      var shown = zoom >= label.minzoom;
      if (shown !== map.hasLayer(label.marker)) { shown ? label.marker.addTo(map) : label.marker.remove(); }
    });
  }
  function label(feature) {
    var text = document.createElement("span");
    text.textContent = feature.properties.name;
    var at = feature.geometry.coordinates;
    var icon = L.divIcon({className: "map-label basemap-label level-" + feature.properties.level, html: text,
                          iconSize: null});
    return {minzoom: feature.properties.minzoom,
            marker: L.marker([at[1], at[0]], {icon: icon, pane: LABELS, interactive: false, keyboard: false})};
  }
  function onEdge(a, b, edges) {
    return edges.x.some(function (x) { return a[0] === x && b[0] === x; }) ||
      edges.y.some(function (y) { return a[1] === y && b[1] === y; });
  }
  function ringBorders(ring, edges, runs) {
    var run = [];
    for (var i = 1; i < ring.length; i++) {
      if (onEdge(ring[i - 1], ring[i], edges)) {
        if (run.length > 1) { runs.push(run); }
        run = [];
        continue;
      }
      if (!run.length) { run.push([ring[i - 1][1], ring[i - 1][0]]); }
      run.push([ring[i][1], ring[i][0]]);
    }
    if (run.length > 1) { runs.push(run); }
  }
  function borders(collection) {
    var runs = [];
    collection.features.forEach(function (feature) {
      var geometry = feature.geometry;
      if (feature.properties.kind !== "land") { return; }
      var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
      polygons.forEach(function (rings) {
        rings.forEach(function (ring) { ringBorders(ring, collection.edges, runs); });
      });
    });
    return L.polyline(runs, L.extend({pane: PANE, interactive: false, className: "basemap-border"},
                                     styles.border));
  }
  function draw(collection) {
    L.geoJSON(collection, {
      pane: PANE, interactive: false,
      filter: function (feature) { return feature.properties.kind !== "label"; },
      style: function (feature) { return feature.properties.kind === "land" ? styles.land : styles.firstLevel; }
    }).addTo(map);
    borders(collection).addTo(map);
    collection.features.forEach(function (feature) {
      if (feature.properties.kind === "label") { labels.push(label(feature)); }
    });
    showLabels();
    if (map.attributionControl) { map.attributionControl.addAttribution(settings.attribution); }
    map.getContainer().classList.add("basemap-drawn");
  }
  map.on("zoomend", showLabels);
  if (typeof source === "string") {
    fetch(source, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(draw)
      .catch(function (error) { if (window.console) { console.warn("basemap not drawn:", error); } });
  } else {
    draw(source);
  }
})
"""


class BasemapLayer(WrittenMacro):
    """The basemap of a map, from an inline GeoJSON collection or from a URL that serves one."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this.code }}({{ this._parent.get_name() }}, {{ this.source|tojson }}, {{ this.styles|tojson }},
                           {{ this.settings|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, source: dict[str, Any] | str, attribution: str) -> None:
        super().__init__()
        self._name = "BasemapLayer"
        self.source = source
        self.styles = {"land": LAND_STYLE, "border": COUNTRY_BORDER_STYLE, "firstLevel": FIRST_LEVEL_STYLE}
        self.settings = {
            "pane": BASEMAP_PANE, "paneZ": BASEMAP_PANE_Z, "labelPane": LABEL_PANE, "labelPaneZ": LABEL_PANE_Z,
            "attribution": attribution,
        }  # fmt: skip
        self.code = _SCRIPT.strip()


def add_basemap(fmap: folium.Map, data: MapData, url: str = BASEMAP_URL) -> None:
    """The basemap of ``data``: inline when the data carries one, else fetched from ``url`` (none when empty)."""
    extent = extent_of(data)
    if data.basemap is not None:
        source: dict[str, Any] | str = collection(data.basemap, extent)
    elif url:
        source = f"{url}?{extent.query()}"
    else:
        return
    fmap.add_child(PageStyle(BASEMAP_CSS))
    fmap.add_child(BasemapLayer(source, ATTRIBUTION))
