"""Map pages: the mentions map, the map of one event, and the Leaflet files they load.

``GET /map`` maps every stored document, ``?document=ID`` one document,
``?place=ID`` centres the map on a place and opens its popup.  The pages load
Leaflet from ``/static/vendor/...`` (served here from the xstatic packages), so
they work without any network; only the background tiles need one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse

from gazetteer.limits import MAX_ID
from maps.assets import VENDOR_PREFIX, local_assets, vendor_file
from maps.collect import map_options
from maps.event_map import build_event_map
from maps.mention_map import MapOptions, build_map, render_html
from service.deps import ApiDep, EventId
from service.schemas.problem import problem_responses

router = APIRouter(tags=["maps"], responses=problem_responses(404, 422, 503))

DocumentQuery = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Map only this document.")]
PlaceQuery = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Centre on this place, its popup open.")]
ASSET_CACHE = "public, max-age=86400"
SERVED = MapOptions(assets=local_assets(VENDOR_PREFIX))
"""Served maps load Leaflet from this service, never from a CDN."""


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


@router.get(VENDOR_PREFIX + "/{package}/{path:path}", include_in_schema=False)
def vendor_asset(package: str, path: str) -> FileResponse:
    """A vendored Leaflet or marker-cluster file (scripts, styles, images)."""
    file, media_type = vendor_file(package, path)
    return FileResponse(file, media_type=media_type, headers={"Cache-Control": ASSET_CACHE})
