"""Map pages: the mentions map, the map of one event, and the Leaflet files they load.

``GET /map`` maps the stored mentions, bounded: ``?document=ID`` (repeated)
names documents, ``?place=ID`` takes the documents that mention a place and
centres on it, its popup open, ``from``/``to`` bound the document date,
``bbox`` the area, and ``max_markers`` the markers (past it, the places are
clustered on the server).  Pages are cached per filter and store generation
and answered with an ETag (``page_cache``).  The pages load
Leaflet from ``/static/vendor/...`` (served here from the xstatic packages) and
their offline basemap from ``/map/basemap.geojson?box=&detail=&country=``
(cached here per extent, gzipped when the browser takes it), so they work
without any network; only the background tiles need one.
"""

from __future__ import annotations

import datetime as dt
import gzip
import threading
from collections import OrderedDict
from dataclasses import replace
from typing import Annotated
from weakref import WeakKeyDictionary

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import Field

from gazetteer.application import GazetteerAPI
from gazetteer.limits import MAX_ID
from gazetteer.map_data import MAX_BASEMAP_COUNTRIES
from gazetteer.map_query import (
    DEFAULT_MAX_MARKERS,
    MAX_BBOX_TEXT,
    MAX_MAP_DOCUMENT_IDS,
    MAX_MARKERS,
    BoundingBox,
    MapFilter,
)
from maps.assets import VENDOR_PREFIX, local_assets, vendor_file
from maps.basemap_extent import BasemapExtent
from maps.basemap_layer import BASEMAP_URL
from maps.basemap_shapes import geojson_bytes
from maps.collect import map_options
from maps.event_map import build_event_map
from maps.html_page import HtmlPage, render_page
from maps.mention_map import MapOptions, render_map
from maps.time_slider import timeline_data
from service.deps import ApiDep, EventId
from service.geojson_response import GEOJSON
from service.page_cache import PageCache
from service.schemas.problem import problem_responses

router = APIRouter(tags=["maps"], responses=problem_responses(404, 422, 503))

DocumentQuery = Annotated[
    list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None,
    Query(max_length=MAX_MAP_DOCUMENT_IDS, description="Map only these documents (repeat for several)."),
]
PlaceQuery = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="Only the documents that mention this place, centred on it.")
]
DateQuery = Annotated[dt.date | None, Query(description="ISO date; bounds the document date (inclusive).")]
BboxQuery = Annotated[
    str | None,
    Query(max_length=MAX_BBOX_TEXT, description="Only places inside minlon,minlat,maxlon,maxlat (degrees)."),
]
MaxMarkersQuery = Annotated[
    int,
    Query(ge=1, le=MAX_MARKERS, description=f"Most markers, 1..{MAX_MARKERS}; past it places are clustered."),
]
BoxQuery = Annotated[str, Query(max_length=24, description="west,south,east,north in whole degrees.")]
CountryQuery = Annotated[
    list[str] | None,
    Query(max_length=MAX_BASEMAP_COUNTRIES, description="ISO code of a country whose first-level areas to draw."),
]
ASSET_CACHE = "public, max-age=86400"
BASEMAP_CACHE = "public, max-age=3600"
CACHED_BASEMAPS = 64
"""Basemaps kept per application layer, the least recently asked for dropped first."""
TIMELINE_URL = "/map/timeline.json"
"""Where a served map's time slider fetches its points."""
SERVED = MapOptions(assets=local_assets(VENDOR_PREFIX), basemap_url=BASEMAP_URL, corrections=True)
"""Served maps load Leaflet and their basemap from this service, never from a CDN, and take corrections."""
_HTML = {200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "The map page"}}
_pages = PageCache()


def map_selection(
    document: DocumentQuery = None,
    place: PlaceQuery = None,
    date_from: Annotated[DateQuery, Query(alias="from")] = None,
    date_to: Annotated[DateQuery, Query(alias="to")] = None,
    bbox: BboxQuery = None,
    max_markers: MaxMarkersQuery = DEFAULT_MAX_MARKERS,
) -> MapFilter:
    """The map filter of a request's query (``/map`` and its time slider's points take the same)."""
    return MapFilter(
        tuple(document or ()),
        place,
        date_from.isoformat() if date_from else "",
        date_to.isoformat() if date_to else "",
        BoundingBox.parse(bbox) if bbox is not None else None,
        max_markers,
    ).checked()


SelectionDep = Annotated[MapFilter, Depends(map_selection)]


@router.get("/map", response_class=HTMLResponse, summary="Map of the mentions", responses=_HTML)  # type: ignore[arg-type]
def mention_map(api: ApiDep, request: Request, selection: SelectionDep) -> Response:
    """An HTML map of the stored mentions the filters pick, at most ``max_markers`` markers (clustered past it).

    Answers with an ETag; ``If-None-Match`` gets 304 until the store changes.
    """
    timeline = replace(SERVED, timeline_url=f"{TIMELINE_URL}?{selection.query()}")

    def render() -> HtmlPage:
        data = api.map_data(selection, timeline=False)  # the page fetches its slider's points
        return render_map(data, map_options(data, timeline))

    return _pages.respond(api, request, f"/map?{selection.query()}", render)


@router.get(TIMELINE_URL, summary="The dated places of a map's time slider")
def map_timeline(api: ApiDep, selection: SelectionDep) -> dict[str, object]:
    """What the time slider of ``/map`` (with the same filters) plays: its dates, the places' points, and one
    ``[date, place, mentions]`` per place and date of the selected mentions of dated documents."""
    return timeline_data(api.map_timeline(selection))


@router.get("/events/{event_id}/map", response_class=HTMLResponse, summary="Map of one event", responses=_HTML)  # type: ignore[arg-type]
def event_map(api: ApiDep, request: Request, event_id: EventId) -> Response:
    """The event's circle (radius in metres) over the mentions around it, the places inside it highlighted."""

    def render() -> HtmlPage:
        event, data = api.event_map_data(event_id)
        return render_page(build_event_map(event, data, SERVED))

    api.event(event_id)
    return _pages.respond(api, request, f"/events/{event_id}/map", render)


@router.get(BASEMAP_URL, include_in_schema=False)
def basemap(api: ApiDep, request: Request, box: BoxQuery, detail: BoxQuery, country: CountryQuery = None) -> Response:
    """The offline basemap of one extent as GeoJSON: country land, first-level borders, labels."""
    plain, packed = _basemaps.get(api, BasemapExtent.parse(box, detail, country or ()))
    headers = {"Cache-Control": BASEMAP_CACHE, "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(packed, media_type=GEOJSON, headers={**headers, "Content-Encoding": "gzip"})
    return Response(plain, media_type=GEOJSON, headers=headers)


class _BasemapCache:
    """Basemap bodies (plain and gzipped) by extent, per application layer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bodies: WeakKeyDictionary[GazetteerAPI, OrderedDict[BasemapExtent, tuple[bytes, bytes]]] = (
            WeakKeyDictionary()
        )

    def get(self, api: GazetteerAPI, extent: BasemapExtent) -> tuple[bytes, bytes]:
        with self._lock:
            bodies = self._bodies.setdefault(api, OrderedDict())
            found = bodies.get(extent)
            if found is not None:
                bodies.move_to_end(extent)
                return found
        plain = geojson_bytes(api.basemap(extent.countries), extent)
        made = (plain, gzip.compress(plain, compresslevel=6))
        with self._lock:
            bodies[extent] = made
            while len(bodies) > CACHED_BASEMAPS:
                bodies.popitem(last=False)
        return made


_basemaps = _BasemapCache()


@router.get(VENDOR_PREFIX + "/{package}/{path:path}", include_in_schema=False)
def vendor_asset(package: str, path: str) -> FileResponse:
    """A vendored Leaflet or marker-cluster file (scripts, styles, images)."""
    file, media_type = vendor_file(package, path)
    return FileResponse(file, media_type=media_type, headers={"Cache-Control": ASSET_CACHE})
