"""Map pages: the mentions map, the map of one event, and the Leaflet files they load.

``GET /map`` maps every stored document, ``?document=ID`` one document,
``?place=ID`` centres the map on a place and opens its popup.  The pages load
Leaflet from ``/static/vendor/...`` (served here from the xstatic packages) and
their offline basemap from ``/map/basemap.geojson?box=&detail=&country=``
(cached here per extent, gzipped when the browser takes it), so they work
without any network; only the background tiles need one.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from typing import Annotated
from weakref import WeakKeyDictionary

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from gazetteer.application import GazetteerAPI
from gazetteer.limits import MAX_ID
from gazetteer.map_data import MAX_BASEMAP_COUNTRIES
from maps.assets import VENDOR_PREFIX, local_assets, vendor_file
from maps.basemap_extent import BasemapExtent
from maps.basemap_layer import BASEMAP_URL
from maps.basemap_shapes import geojson_bytes
from maps.collect import map_options
from maps.event_map import build_event_map
from maps.mention_map import MapOptions, build_map, render_html
from service.deps import ApiDep, EventId
from service.geojson_response import GEOJSON
from service.schemas.problem import problem_responses

router = APIRouter(tags=["maps"], responses=problem_responses(404, 422, 503))

DocumentQuery = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Map only this document.")]
PlaceQuery = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Centre on this place, its popup open.")]
BoxQuery = Annotated[str, Query(max_length=24, description="west,south,east,north in whole degrees.")]
CountryQuery = Annotated[
    list[str] | None,
    Query(max_length=MAX_BASEMAP_COUNTRIES, description="ISO code of a country whose first-level areas to draw."),
]
ASSET_CACHE = "public, max-age=86400"
BASEMAP_CACHE = "public, max-age=3600"
CACHED_BASEMAPS = 64
"""Basemaps kept per application layer, the least recently asked for dropped first."""
SERVED = MapOptions(assets=local_assets(VENDOR_PREFIX), basemap_url=BASEMAP_URL)
"""Served maps load Leaflet and their basemap from this service, never from a CDN."""


@router.get("/map", response_class=HTMLResponse, summary="Map of the mentions")
def mention_map(api: ApiDep, document: DocumentQuery = None, place: PlaceQuery = None) -> HTMLResponse:
    """An HTML map of the stored mentions (all documents, or one), optionally centred on a place."""
    data = api.map_data(document_id=document, place_id=place)
    return HTMLResponse(render_html(build_map(data, map_options(data, SERVED))))


@router.get("/events/{event_id}/map", response_class=HTMLResponse, summary="Map of one event")
def event_map(api: ApiDep, event_id: EventId) -> HTMLResponse:
    """The event's circle (radius in metres) over the mentions, the places inside it highlighted."""
    event, data = api.event_map_data(event_id)
    return HTMLResponse(render_html(build_event_map(event, data, SERVED)))


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
