"""The mentions map: one marker per mentioned place, with events and regions as layers, over the basemap.

Builders take plain records (stored mentions, documents, events, regions and the
variants of each place) so they run without the store.  Coordinates stay
longitude first up to the calls into folium, which want ``[lat, lon]``.  Under
the OSM tiles lies the offline basemap (``basemap_layer``): inline when the
data carries one, else fetched from ``MapOptions.basemap_url``.  Regions are
drawn as their shapes, simplified for display, and named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import folium
from folium.map import CustomPane
from folium.plugins import MarkerCluster
from shapely.geometry import mapping

from gazetteer.map_data import MapData
from geo.regions import Region
from maps.assets import AssetSet, local_assets, use_links
from maps.basemap_extent import HOME
from maps.basemap_layer import BASEMAP_URL, add_basemap
from maps.basemap_shapes import display_geometry, label_zoom
from maps.elements import HtmlPopup, HtmlTooltip, TextLabels
from maps.event_layer import add_event_layer
from maps.html import DOCUMENT_BASE, escape_text
from maps.page import add_opener, add_page_parts
from maps.places import PlaceMentions, group_by_place, marker_style
from maps.popups import place_popup, place_tooltip

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
TILES = "OpenStreetMap"
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


def build_map(data: MapData, options: MapOptions | None = None) -> folium.Map:
    """A folium map of the mentions, with the mentions, events and regions layers."""
    options = options or MapOptions()
    places = group_by_place(data.mentions)
    fmap = _base_map(options)
    add_basemap(fmap, data, options.basemap_url)
    markers, cluster = add_mention_layer(fmap, places, data, options)
    add_event_layer(fmap, data.events, places, options.document_base)
    add_region_layer(fmap, data.regions)
    folium.LayerControl(collapsed=False).add_to(fmap)
    _frame(fmap, places, data, options)
    add_page_parts(fmap, options.title)
    add_opener(fmap, markers, cluster, options.focus_place_id, UNCLUSTERED_ZOOM)
    return fmap


def render_html(fmap: folium.Map) -> str:
    """The complete HTML page of a map."""
    return str(fmap.get_root().render())


def _base_map(options: MapOptions) -> folium.Map:
    lon, lat = options.centre or DEFAULT_CENTRE
    zoom = options.zoom if options.centre else DEFAULT_ZOOM
    fmap = folium.Map(location=[lat, lon], zoom_start=zoom, tiles=None, control_scale=True)
    use_links(fmap, options.assets.map_js, options.assets.map_css, inline=options.assets.inline)
    folium.TileLayer(TILES, name=TILES).add_to(fmap)
    return fmap


def add_mention_layer(
    fmap: folium.Map, places: Sequence[PlaceMentions], data: MapData, options: MapOptions
) -> tuple[dict[int, str], str | None]:
    """One circle marker per place; returns (place id → marker name, cluster name or None)."""
    layer: folium.FeatureGroup | MarkerCluster
    CustomPane(MENTION_PANE, z_index=MENTION_PANE_Z, pointer_events=True).add_to(fmap)
    if len(places) > options.cluster_threshold:
        layer = MarkerCluster(name="Mentions", options=dict(CLUSTER_OPTIONS))
        use_links(layer, options.assets.cluster_js, options.assets.cluster_css, inline=options.assets.inline)
    else:
        layer = folium.FeatureGroup(name="Mentions")
    layer.add_to(fmap)
    markers = {place.place_id: _marker(place, data, options).add_to(layer) for place in places}
    cluster = layer.get_name() if isinstance(layer, MarkerCluster) else None
    return {pid: marker.get_name() for pid, marker in markers.items()}, cluster


def _marker(place: PlaceMentions, data: MapData, options: MapOptions) -> folium.CircleMarker:
    style = marker_style(place.count)
    marker = folium.CircleMarker(
        location=[place.lat, place.lon],
        radius=style.radius_px,
        color="#800026",
        weight=1.5,
        fill=True,
        fill_color=style.fill,
        fill_opacity=0.85,
        class_name=f"place-marker place-{place.place_id}",
    )
    marker.options["pane"] = MENTION_PANE
    variants = data.variants.get(place.place_id, ())
    marker.add_child(HtmlPopup(place_popup(place, variants, data.documents, options.document_base)))
    marker.add_child(HtmlTooltip(place_tooltip(place)))
    return marker


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
    points = [(p.lon, p.lat) for p in places] + [(e.lon, e.lat) for e in data.events]
    if len(points) == 1:
        fmap.location = [points[0][1], points[0][0]]
        fmap.options["zoom"] = PLACE_ZOOM
    elif points:
        lons = [lon for lon, _ in points]
        lats = [lat for _, lat in points]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30))
