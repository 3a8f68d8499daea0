"""The mentions map: one marker per mentioned place, with events and regions as layers, over the basemap.

Builders take plain records (stored mentions, documents, events, regions and the
variants of each place) so they run without the store.  Coordinates stay
longitude first up to the calls into folium, which want ``[lat, lon]``.  Under
the OSM tiles lies the offline basemap (``basemap_layer``): inline when the
data carries one, else fetched from ``MapOptions.basemap_url``.  Regions are
drawn as their shapes, simplified for display, and named.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

import folium
import xyzservices  # type: ignore[import-untyped]
from folium.map import CustomPane
from folium.plugins import MarkerCluster
from shapely.geometry import mapping

from gazetteer.map_clusters import PlaceCluster
from gazetteer.map_data import MapData
from gazetteer.names_as_of import NameAsOf
from geo.regions import Region
from maps.assets import AssetSet, local_assets, use_links
from maps.basemap_extent import HOME
from maps.basemap_layer import BASEMAP_URL, add_basemap
from maps.basemap_shapes import display_geometry, label_zoom
from maps.elements import HtmlPopup, TextLabels
from maps.event_layer import add_event_layer
from maps.html import DOCUMENT_BASE, escape_text
from maps.html_page import HtmlPage, render_page
from maps.marker_layer import CircleMarker, MarkerLayer
from maps.page import add_correction_form, add_opener, add_page_parts
from maps.places import PlaceMentions, group_by_place, marker_style
from maps.popups import cluster_popup, cluster_tooltip, place_popup, place_tooltip
from maps.time_slider import add_time_slider

DEFAULT_CENTRE = HOME
"""(lon, lat) shown when there is nothing to map: Karabakh."""
DEFAULT_ZOOM = 7
PLACE_ZOOM = 10
"""Zoom of a map centred on one place."""
CLUSTER_THRESHOLD = 40
"""Markers are clustered when more places than this are mapped."""
UNCLUSTERED_ZOOM = 10
"""Zoom from which markers are never clustered."""
CLUSTER_OPTIONS: dict[str, object] = {"disableClusteringAtZoom": UNCLUSTERED_ZOOM, "maxClusterRadius": 40}
CLUSTER_COLOUR = "#08519c"
"""Outline of the markers that stand for several places (clustered by the server)."""
CLUSTER_FILL = "#6baed6"
MAP_URL = "/map"
"""Path of the mentions map, for the links in cluster popups."""
TILES = "OpenStreetMap"
"""The layer name of the tiles: OpenStreetMap's standard (Mapnik) tiles."""
TILE_ORIGIN = "https://tile.openstreetmap.org"
"""Where folium's ``OpenStreetMap`` tiles come from (pages must allow images from there)."""
MENTION_PANE = "mentions"
"""Leaflet pane of the place markers, above event circles and regions so they stay clickable."""
MENTION_PANE_Z = 450
REGION_LABEL_PANE = "regionLabels"
"""Leaflet pane of the region names, above the regions and under the place markers."""
REGION_LABEL_PANE_Z = 440


@dataclass(frozen=True, slots=True)
class MapOptions:
    """How a map is framed and where its links and scripts point."""

    assets: AssetSet = field(default_factory=local_assets)
    """Where Leaflet and the cluster plugin are loaded from."""
    centre: tuple[float, float] | None = None
    """(lon, lat) to centre on; None fits the map to its content."""
    zoom: int = PLACE_ZOOM
    """Zoom used with ``centre``."""
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None
    """((west, south), (east, north)) to fit when there is no ``centre``; None fits the content."""
    focus_place_id: int | None = None
    """A place whose popup opens on load."""
    document_base: str = DOCUMENT_BASE
    """Path of the document view, for the links in popups."""
    cluster_threshold: int = CLUSTER_THRESHOLD
    """Cluster the markers when more places than this are mapped."""
    title: str = ""
    """Title shown over the map (escaped)."""
    basemap_url: str = BASEMAP_URL
    """Where the page fetches its offline basemap when the data carries none inline ("" for none)."""
    map_url: str = MAP_URL
    """Path of the mentions map, for the cluster popups' links to the map of their area."""
    corrections: bool = False
    """Whether popups offer correction forms (a button under each mention, added when a popup opens): on maps
    the service serves, which takes the corrections."""
    timeline_url: str = ""
    """Where the page fetches its time slider's points when the data carries none inline ("" for none)."""


def build_map(data: MapData, options: MapOptions | None = None) -> folium.Map:
    """A folium map of the mentions, with the mentions, events and regions layers."""
    options = options or MapOptions()
    places = group_by_place(data.mentions, data.places)
    fmap = _base_map(options)
    add_basemap(fmap, data, options.basemap_url)
    cluster = add_mention_layer(fmap, places, data, options)
    add_event_layer(fmap, data.events, places, options.document_base)
    add_region_layer(fmap, data.regions)
    add_time_slider(fmap, data.timeline, MENTION_PANE, options.timeline_url)
    folium.LayerControl(collapsed=False).add_to(fmap)
    _frame(fmap, places, data, options)
    add_page_parts(fmap, options.title)
    if options.corrections:
        add_correction_form(fmap)
    add_opener(fmap, cluster, options.focus_place_id, UNCLUSTERED_ZOOM)
    return fmap


@functools.cache
def tile_provider() -> xyzservices.TileProvider:
    """The provider of ``TILES`` (given to folium as an object: its lookup by name costs milliseconds a map)."""
    return xyzservices.providers.OpenStreetMap.Mapnik


def render_map(data: MapData, options: MapOptions | None = None) -> HtmlPage:
    """The page of ``build_map``, with the hashes of its inline scripts."""
    return render_page(build_map(data, options))


def render_html(fmap: folium.Map) -> str:
    """The complete HTML page of a map."""
    return render_page(fmap).html


def _base_map(options: MapOptions) -> folium.Map:
    lon, lat = options.centre or DEFAULT_CENTRE
    zoom = options.zoom if options.centre else DEFAULT_ZOOM
    fmap = folium.Map(location=[lat, lon], zoom_start=zoom, tiles=None, control_scale=True)
    use_links(fmap, options.assets.map_js, options.assets.map_css, options.assets)
    folium.TileLayer(tile_provider(), name=TILES).add_to(fmap)
    return fmap


def add_mention_layer(
    fmap: folium.Map, places: Sequence[PlaceMentions], data: MapData, options: MapOptions
) -> str | None:
    """One circle marker per place, and one per server-side cluster; returns the marker-cluster group's name.

    The name is that of the browser-side marker-cluster group, ``None`` when markers are few.
    """
    layer: folium.FeatureGroup | MarkerCluster
    CustomPane(MENTION_PANE, z_index=MENTION_PANE_Z, pointer_events=True).add_to(fmap)
    if len(places) + len(data.clusters) > options.cluster_threshold:
        layer = MarkerCluster(name="Mentions", options=dict(CLUSTER_OPTIONS))
        use_links(layer, options.assets.cluster_js, options.assets.cluster_css, options.assets)
    else:
        layer = folium.FeatureGroup(name="Mentions")
    layer.add_to(fmap)
    markers = [_marker(place, data, options) for place in places]
    markers += [_cluster_marker(group, data, options) for group in data.clusters]
    layer.add_child(MarkerLayer(markers))
    return layer.get_name() if isinstance(layer, MarkerCluster) else None


def _marker(place: PlaceMentions, data: MapData, options: MapOptions) -> CircleMarker:
    style = marker_style(place.count)
    variants = data.variants.get(place.place_id, ())
    return CircleMarker(
        place.lon,
        place.lat,
        {
            "radius": round(style.radius_px, 2), "color": "#800026", "weight": 1.5, "fill": True,
            "fillColor": style.fill, "fillOpacity": 0.85, "className": f"place-marker place-{place.place_id}",
            "pane": MENTION_PANE,
        },
        place_popup(place, variants, data.titles, options.document_base, names_then_of(place, data)),
        place_tooltip(place),
        place.place_id,
    )  # fmt: skip


def names_then_of(place: PlaceMentions, data: MapData) -> list[NameAsOf]:
    """The names the place had at the dates of its listed mentions' documents, where they differ from its own."""
    dates = {data.dates.get(m.document_id, "") for m in place.mentions}
    found = (data.names_then.get((place.place_id, date)) for date in sorted(dates))
    return [then for then in found if then is not None]


def _cluster_marker(cluster: PlaceCluster, data: MapData, options: MapOptions) -> CircleMarker:
    zoom_url = f"{options.map_url}?{data.selection.query(bbox=cluster.bbox)}"
    return CircleMarker(
        cluster.lon,
        cluster.lat,
        {
            "radius": round(marker_style(cluster.mentions).radius_px, 2), "color": CLUSTER_COLOUR, "weight": 2,
            "fill": True, "fillColor": CLUSTER_FILL, "fillOpacity": 0.8, "className": "place-cluster",
            "pane": MENTION_PANE,
        },
        cluster_popup(cluster, zoom_url, options.map_url),
        cluster_tooltip(cluster),
    )  # fmt: skip


def add_region_layer(fmap: folium.Map, regions: Sequence[Region]) -> None:
    """Areas as their shapes (or extents), named, on their own layer (left out when there are none)."""
    if not regions:
        return
    CustomPane(REGION_LABEL_PANE, z_index=REGION_LABEL_PANE_Z, pointer_events=False).add_to(fmap)
    layer = folium.FeatureGroup(name="Regions").add_to(fmap)
    labels = []
    for region in regions:
        geometry = display_geometry(region.geometry)
        feature = {"type": "Feature", "geometry": mapping(geometry), "properties": {}}
        shape = folium.GeoJson(feature, style_function=_region_style)
        shape.add_child(HtmlPopup(f"<b>{escape_text(region.name)}</b>"))
        shape.add_to(layer)
        point = region.geometry.point_on_surface()
        labels.append((region.name, round(point.x, 5), round(point.y, 5), label_zoom(region.geometry)))
    layer.add_child(TextLabels(fmap.get_name(), labels, "map-label region-label", REGION_LABEL_PANE))


def _region_style(_feature: object) -> dict[str, object]:
    return {"color": "#2c7fb8", "weight": 1.5, "fillColor": "#7fcdbb", "fillOpacity": 0.15}


def _frame(fmap: folium.Map, places: Sequence[PlaceMentions], data: MapData, options: MapOptions) -> None:
    if options.centre is not None:
        return
    if options.bounds is not None:
        (west, south), (east, north) = options.bounds
        fmap.fit_bounds([[south, west], [north, east]], padding=(30, 30))
        return
    points = [(p.lon, p.lat) for p in places] + [(c.lon, c.lat) for c in data.clusters]
    points += [(e.lon, e.lat) for e in data.events]
    if len(points) == 1:
        fmap.location = [points[0][1], points[0][0]]
        fmap.options["zoom"] = PLACE_ZOOM
    elif points:
        lons = [lon for lon, _ in points]
        lats = [lat for _, lat in points]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
