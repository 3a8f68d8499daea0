"""Folium elements that bind HTML to a layer through a JSON string literal.

folium's own ``Popup`` and ``Tooltip`` write their HTML into a JavaScript
template literal (backticks), escaping only the backticks: ``${...}`` in the
content would be evaluated, and ``Popup`` needs jQuery.  These elements put the
(already escaped) HTML into a JSON string instead, with ``<``, ``>``, ``&`` and
``'`` as ``\\u`` escapes, so nothing in it can end the script or run as code.
"""

from __future__ import annotations

from folium.template import Template

from maps.written import WrittenMacro


class HtmlPopup(WrittenMacro):
    """A Leaflet popup bound to its parent layer, its content an HTML string."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindPopup(
                {{ this.html|tojson }}, {{ this.options|tojavascript }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, html: str, max_width: int = 420, class_name: str = "") -> None:
        super().__init__()
        self._name = "HtmlPopup"
        self.html = html
        self.options: dict[str, object] = {"maxWidth": max_width, "minWidth": 240}
        if class_name:
            self.options["className"] = class_name


class HtmlTooltip(WrittenMacro):
    """A Leaflet tooltip bound to its parent layer, its content an HTML string."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindTooltip(
                {{ this.html|tojson }}, {{ this.options|tojavascript }}
            );
        {% endmacro %}
        """
    )

    def __init__(self, html: str, sticky: bool = False) -> None:
        super().__init__()
        self._name = "HtmlTooltip"
        self.html = html
        self.options: dict[str, object] = {"sticky": sticky}


class PageScript(WrittenMacro):
    """A script added once to the page's ``<script>`` block, after the map is made.

    ``{map}`` in ``code`` stands for the JavaScript name of the map it is added to.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this.code.replace("{map}", this._parent.get_name()) }}
        {% endmacro %}
        """
    )

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "PageScript"
        self.code = code


class PageStyle(WrittenMacro):
    """A ``<style>`` block added to the page header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        """
    )

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "PageStyle"
        self.css = css


class PageHtml(WrittenMacro):
    """A fixed piece of HTML added to the page body (a legend, a title bar)."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
            {{ this.markup }}
        {% endmacro %}
        """
    )

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "PageHtml"
        self.markup = markup


class TextLabels(WrittenMacro):
    """Labels at points on the parent layer, each shown from its own zoom; a label is a text node, never HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map, layer, labels, options) {
              var markers = labels.map(function (label) {
                var text = document.createElement("span");
                text.textContent = label.text;
                var icon = L.divIcon({className: options.className, html: text, iconSize: null});
                var marker = L.marker([label.lat, label.lon],
                                      {icon: icon, pane: options.pane, interactive: false, keyboard: false});
                return {minzoom: label.minzoom, marker: marker};
              });
              function show() {
                var zoom = map.getZoom();
                markers.forEach(function (label) {
                  var shown = zoom >= label.minzoom;
                  if (shown !== layer.hasLayer(label.marker)) {
                    shown ? layer.addLayer(label.marker) : layer.removeLayer(label.marker);
                  }
                });
              }
              map.on("zoomend", show);
              show();
            })({{ this.map_name }}, {{ this._parent.get_name() }}, {{ this.labels|tojson }},
               {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, map_name: str, labels: list[tuple[str, float, float, int]], class_name: str, pane: str) -> None:
        """``labels`` are (text, lon, lat, zoom from which it shows); ``pane`` is a Leaflet pane the map has."""
        super().__init__()
        self._name = "TextLabels"
        self.map_name = map_name
        self.labels = [{"text": text, "lon": lon, "lat": lat, "minzoom": zoom} for text, lon, lat, zoom in labels]
        self.options = {"className": class_name, "pane": pane}
