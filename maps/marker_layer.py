"""Circle markers written as one JSON array and one script, instead of one folium element each.

folium renders each element through a Jinja template compiled for it; a map
with hundreds of markers (each with a popup and a tooltip) spends most of its
time compiling templates.  ``MarkerLayer`` writes every marker's position,
style, popup and tooltip HTML (already escaped) into a JSON array inside one
script (``tojson``: ``<``, ``>``, ``&`` and ``'`` as ``\\u`` escapes, so
nothing in it can end the script), which builds the Leaflet markers in the
page and records the place markers by place id in ``window.gazetteerPlaceMarkers``.
"""

from __future__ import annotations

from dataclasses import dataclass

from folium.template import Template

from maps.written import WrittenMacro

PLACE_MARKERS = "window.gazetteerPlaceMarkers"
"""The page's object of place id → Leaflet marker, for the script that opens a place's popup."""
POPUP_OPTIONS: dict[str, object] = {"maxWidth": 420, "minWidth": 240}
TOOLTIP_OPTIONS: dict[str, object] = {"sticky": False}


@dataclass(frozen=True, slots=True)
class CircleMarker:
    """One circle marker with its popup and tooltip HTML."""

    lon: float
    """Longitude."""
    lat: float
    """Latitude."""
    style: dict[str, object]
    """Leaflet path options: radius, colours, class name, pane."""
    popup: str
    """Popup HTML (escaped already)."""
    tooltip: str
    """Tooltip HTML (escaped already)."""
    place_id: int | None = None
    """The place it stands for, ``None`` for a cluster of places."""

    def json(self) -> dict[str, object]:
        """The marker as the page's script reads it."""
        return {
            "lat": round(self.lat, 6), "lon": round(self.lon, 6), "options": self.style,
            "popup": self.popup, "tooltip": self.tooltip, "place": self.place_id,
        }  # fmt: skip


class MarkerLayer(WrittenMacro):
    """Circle markers added to the parent layer (a feature group or a marker-cluster group)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (layer, markers, popup, tooltip) {
              var places = """
        + PLACE_MARKERS
        + """ = """
        + PLACE_MARKERS
        + """ || {};
              markers.forEach(function (item) {
                var marker = L.circleMarker([item.lat, item.lon], item.options);
                marker.bindPopup(item.popup, popup);
                marker.bindTooltip(item.tooltip, tooltip);
                layer.addLayer(marker);
                if (item.place !== null) { places[String(item.place)] = marker; }
              });
            })({{ this._parent.get_name() }}, {{ this.markers|tojson }}, {{ this.popup|tojson }},
               {{ this.tooltip|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, markers: list[CircleMarker]) -> None:
        super().__init__()
        self._name = "MarkerLayer"
        self.markers = [marker.json() for marker in markers]
        self.popup = POPUP_OPTIONS
        self.tooltip = TOOLTIP_OPTIONS
