"""The time slider of the mentions map: the places of dated documents, played by date.

It works as folium's ``TimestampedGeoJson`` (Leaflet.TimeDimension) does with
no ``duration``: timestamped points, a slider over their dates, a play button,
and every point up to the slider's date on the map, those of its date
brightest.  The points are written compactly (``timeline_data``: the dates
once, each place's ``[lon, lat]`` once, then ``[date, place, mentions]`` per
point), since a map plays up to ``MAX_TIMELINE_POINTS`` of them.  It is the project's own small control
rather than that plugin, which loads five scripts and two styles from CDNs
(jQuery, jQuery UI, moment, iso8601, TimeDimension) and compiles its data as
a Jinja template: ours needs no file but Leaflet, so a served map, an exported
one and the page's Content-Security-Policy (the script block's hash) stay as
they are, and it is a ``WrittenMacro`` whose data is written as JSON of
numbers, dates and ids only.

The points carry no text from documents, only where, when, how many and the
place id; undated documents are not on the slider, and a map with no dated
document has none.  The points are drawn in the mentions pane, above the
place markers and never in the way of a click (``interactive: false``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import folium
import orjson
from folium.template import Template

from gazetteer.map_query import DatedPlace
from maps.elements import PageStyle
from maps.written import WrittenMacro

TIMELINE_LAYER = "Timeline"
"""The name of the slider's points in the layer control."""
TIMELINE_COLOUR = "#2b8cbe"
"""Outline and fill of the slider's points."""
STEP_MS = 900
"""How long the player shows each date, in milliseconds."""
SLIDER_CSS = """
.time-slider { background: rgba(255,255,255,.94); padding: 4px 8px; font: 12px sans-serif;
  display: flex; align-items: center; gap: 6px; }
.time-slider button { width: 26px; height: 22px; border: 1px solid #999; border-radius: 3px; background: #fff;
  cursor: pointer; line-height: 1; padding: 0; }
.time-slider input[type=range] { width: 220px; margin: 0; }
.time-slider .time-slider-date { min-width: 7em; font-variant-numeric: tabular-nums; }
"""


def timeline_data(points: Sequence[DatedPlace]) -> dict[str, object]:
    """The points for the slider: ``dates`` (sorted, each once), ``places`` (place id -> ``[lon, lat]``,
    rounded to 6 decimals), ``points``, one ``[index into dates, place id, mention count]`` per place and
    date, in the order given, and ``radius``, the pixels of a point of each mention count."""
    dates = sorted({p.date for p in points})
    index = {date: n for n, date in enumerate(dates)}
    places = {str(p.place_id): [round(p.lon, 6), round(p.lat, 6)] for p in points}
    radius = {str(count): point_radius(count) for count in sorted({p.mentions for p in points})}
    return {
        "dates": dates,
        "places": places,
        "points": [[index[p.date], p.place_id, p.mentions] for p in points],
        "radius": radius,
    }


def point_radius(mentions: int) -> float:
    """The radius in pixels of a point standing for ``mentions`` mentions."""
    return round(min(12.0, 4.0 + 2.0 * math.log2(max(mentions, 1))), 2)


class TimeSlider(WrittenMacro):
    """A Leaflet control with a date slider and a play button over the timestamped points of its parent layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map, layer, given, options) {
             function play(data) {
              if (!data || !data.dates || !data.dates.length) { return; }
              var dates = data.dates;
              var points = data.points.map(function (point) {
                var where = data.places[String(point[1])];
                var marker = L.circleMarker([where[1], where[0]], {
                  radius: data.radius[String(point[2])] || 4, color: options.colour,
                  weight: 1.5, fillColor: options.colour, fill: true, interactive: false, pane: options.pane,
                  className: "timeline-point timeline-place-" + point[1]
                });
                return {date: dates[point[0]], marker: marker};
              });
              var state = {index: dates.length - 1, timer: null};
              var range, label, play;
              function show(index) {
                state.index = Math.max(0, Math.min(dates.length - 1, index));
                var until = dates[state.index];
                points.forEach(function (point) {
                  var shown = point.date <= until;
                  if (shown !== layer.hasLayer(point.marker)) {
                    shown ? layer.addLayer(point.marker) : layer.removeLayer(point.marker);
                  }
                  if (shown) {
                    var now = point.date === until;
                    point.marker.setStyle({opacity: now ? 1 : 0.5, fillOpacity: now ? 0.7 : 0.2});
                  }
                });
                range.value = String(state.index);
                label.textContent = until;
              }
              function stop() {
                if (state.timer !== null) { clearInterval(state.timer); state.timer = null; }
                play.textContent = "\\u25B6";
                play.title = "Play by date";
              }
              function start() {
                if (state.index >= dates.length - 1) { show(0); }
                play.textContent = "\\u275A\\u275A";
                play.title = "Pause";
                state.timer = setInterval(function () {
                  if (state.index >= dates.length - 1) { stop(); return; }
                  show(state.index + 1);
                }, options.step);
              }
              var Slider = L.Control.extend({
                options: {position: "bottomleft"},
                onAdd: function () {
                  var box = L.DomUtil.create("div", "time-slider leaflet-bar");
                  play = L.DomUtil.create("button", "time-slider-play", box);
                  play.type = "button";
                  range = L.DomUtil.create("input", "time-slider-range", box);
                  range.type = "range";
                  range.min = "0";
                  range.max = String(dates.length - 1);
                  range.step = "1";
                  range.setAttribute("aria-label", "Documents dated up to");
                  label = L.DomUtil.create("span", "time-slider-date", box);
                  L.DomEvent.disableClickPropagation(box);
                  L.DomEvent.disableScrollPropagation(box);
                  L.DomEvent.on(range, "input", function () { stop(); show(Number(range.value)); });
                  L.DomEvent.on(play, "click", function () { state.timer === null ? start() : stop(); });
                  return box;
                }
              });
              map.addControl(new Slider());
              stop();
              show(state.index);
              window.gazetteerTimeline = {dates: dates, show: show, state: state};
             }
              if (given) { play(given); return; }
              fetch(options.url, {headers: {"Accept": "application/json"}})
                .then(function (response) { return response.ok ? response.json() : null; })
                .then(play, function () { return null; });
            })({{ this.map_name }}, {{ this._parent.get_name() }}, {{ this.data_json }},
               {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, map_name: str, points: Sequence[DatedPlace], pane: str, url: str = "") -> None:
        """``points`` are the places on dates to play, or ``url`` the address of their ``timeline_data``
        (fetched when the page has loaded; no slider when it has no date); ``pane`` is a Leaflet pane the
        map has."""
        super().__init__()
        self._name = "TimeSlider"
        self.map_name = map_name
        self.data_json = "null" if url else orjson.dumps(timeline_data(points)).decode()
        """The points as JSON (numbers, ISO dates and ids only: nothing to escape in a script)."""
        self.options = {"colour": TIMELINE_COLOUR, "pane": pane, "step": STEP_MS, "url": url}


def add_time_slider(fmap: folium.Map, points: Sequence[DatedPlace], pane: str, url: str = "") -> bool:
    """The slider and its points layer, when any point is dated or the page fetches them from ``url``;
    whether it was added."""
    if not points and not url:
        return False
    layer = folium.FeatureGroup(name=TIMELINE_LAYER).add_to(fmap)
    layer.add_child(TimeSlider(fmap.get_name(), points, pane, url))
    fmap.add_child(PageStyle(SLIDER_CSS))
    return True
