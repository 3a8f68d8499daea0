"""Events: create, list (proposed or not), read, replace, delete, and the places near one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from gazetteer.public import event_json, near_collection
from gazetteer.results import EventDraft
from service.deps import ApiDep, EventId, Historic, JsonBody, K, Limit, Offset, PageLimit, RadiusKm
from service.geojson_response import GeoJSONResponse
from service.schemas.events import EventCreate, EventList, EventPublic
from service.schemas.geojson import PlaceCollection
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/events", tags=["events"], responses=problem_responses(422, 503))
_UNKNOWN = problem_responses(404)


def _draft(body: EventCreate) -> EventDraft:
    return EventDraft(
        title=body.title,
        date=body.date.isoformat(),
        radius_km=body.radius_km,
        place_id=body.place_id,
        place_name=body.place_name,
        lon=body.lon,
        lat=body.lat,
        document_id=body.document_id,
        mention_n=body.mention_n,
    )


@router.post("", status_code=201, response_model=EventPublic, dependencies=[JsonBody], responses=problem_responses(404))
def create_event(body: EventCreate, api: ApiDep, response: Response) -> dict[str, Any]:
    """Record an event at a place id, a place name or lat/lon, with an optional radius and source."""
    event = api.add_event(_draft(body))
    response.headers["Location"] = f"/events/{event.id}"
    return event_json(event)


@router.get("", response_model=EventList)
def list_events(
    api: ApiDep, proposed: bool | None = None, limit: PageLimit = 100, offset: Offset = 0
) -> dict[str, Any]:
    """Events by date; ``proposed=true`` for those proposed from documents, ``false`` for the others."""
    found = [event_json(e) for e in api.events(proposed=proposed, limit=limit, offset=offset)]
    return {"limit": limit, "offset": offset, "count": len(found), "events": found}


@router.get("/{event_id}", response_model=EventPublic, responses=_UNKNOWN)
def get_event(event_id: EventId, api: ApiDep) -> dict[str, Any]:
    """One event."""
    return event_json(api.event(event_id))


@router.put("/{event_id}", response_model=EventPublic, dependencies=[JsonBody], responses=_UNKNOWN)
def replace_event(event_id: EventId, body: EventCreate, api: ApiDep) -> dict[str, Any]:
    """Replace an event (a proposed one becomes a confirmed one)."""
    return event_json(api.replace_event(event_id, _draft(body)))


@router.delete("/{event_id}", status_code=204, responses=_UNKNOWN)
def delete_event(event_id: EventId, api: ApiDep) -> Response:
    """Delete an event."""
    api.delete_event(event_id)
    return Response(status_code=204)


@router.get("/{event_id}/near", response_model=PlaceCollection, response_class=GeoJSONResponse, responses=_UNKNOWN)
def event_near(
    event_id: EventId,
    api: ApiDep,
    radius_km: RadiusKm | None = None,
    limit: Limit = 100,
    k: K = None,
    mentioned: bool = False,
    historic: Historic = False,
) -> dict[str, Any]:
    """Places within the event's radius (or ``radius_km``), by geodesic distance from the event."""
    query = api.event_query(
        event_id, radius_km=radius_km, limit=limit, k=k, mentioned_only=mentioned, historic=historic
    )
    return near_collection(query, api.near(query), event=event_id, historic=historic or None)
