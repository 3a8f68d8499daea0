"""Events: create, list (proposed or not), read, replace, delete, and the places near one."""

from __future__ import annotations

from fastapi import APIRouter, Response

from gazetteer.documents import Event
from service.deps import EventId, GazetteerDep, K, Limit, Offset, PageLimit, PointsDep, RadiusKm, StoreDep
from service.features import event_public
from service.geojson_response import GeoJSONResponse
from service.locations import resolve_location
from service.nearby import NearQuery
from service.routers.near import run_near
from service.schemas.events import EventCreate, EventList, EventPublic
from service.schemas.geojson import PlaceCollection
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/events", tags=["events"], responses=problem_responses(404, 422, 503))


def _event(body: EventCreate, gazetteer: GazetteerDep, event_id: int = 0) -> Event:
    where = resolve_location(gazetteer, place_id=body.place_id, place_name=body.place_name, lon=body.lon, lat=body.lat)
    return Event(
        id=event_id,
        title=body.title,
        date=body.date.isoformat(),
        lon=where.lon,
        lat=where.lat,
        radius_km=body.radius_km,
        place_id=where.place.id if where.place else None,
        place_name=where.place.name if where.place else "",
        document_id=body.document_id,
        mention_n=body.mention_n,
        proposed=False,
    )


@router.post("", status_code=201, response_model=EventPublic)
def create_event(body: EventCreate, gazetteer: GazetteerDep, store: StoreDep, response: Response) -> EventPublic:
    """Record an event at a place id, a place name or lat/lon, with an optional radius and source."""
    event = store.add_event(_event(body, gazetteer))
    response.headers["Location"] = f"/events/{event.id}"
    return event_public(event)


@router.get("", response_model=EventList)
def list_events(store: StoreDep, proposed: bool | None = None, limit: PageLimit = 100, offset: Offset = 0) -> EventList:
    """Events by date; ``proposed=true`` for those proposed from documents, ``false`` for the others."""
    found = [event_public(e) for e in store.events(proposed=proposed, limit=limit, offset=offset)]
    return EventList(limit=limit, offset=offset, count=len(found), events=found)


@router.get("/{event_id}", response_model=EventPublic)
def get_event(event_id: EventId, store: StoreDep) -> EventPublic:
    """One event."""
    return event_public(store.event(event_id))


@router.put("/{event_id}", response_model=EventPublic)
def replace_event(event_id: EventId, body: EventCreate, gazetteer: GazetteerDep, store: StoreDep) -> EventPublic:
    """Replace an event (a proposed one becomes a confirmed one)."""
    store.event(event_id)
    return event_public(store.update_event(_event(body, gazetteer, event_id)))


@router.delete("/{event_id}", status_code=204)
def delete_event(event_id: EventId, store: StoreDep) -> Response:
    """Delete an event."""
    store.delete_event(event_id)
    return Response(status_code=204)


@router.get("/{event_id}/near", response_model=PlaceCollection, response_class=GeoJSONResponse)
def event_near(
    event_id: EventId,
    gazetteer: GazetteerDep,
    points: PointsDep,
    store: StoreDep,
    radius_km: RadiusKm | None = None,
    limit: Limit = 100,
    k: K = None,
    mentioned: bool = False,
) -> PlaceCollection:
    """Places within the event's radius (or ``radius_km``), by geodesic distance from the event."""
    event = store.event(event_id)
    radius = event.radius_km if radius_km is None else radius_km
    result = run_near(NearQuery(event.lon, event.lat, radius, limit, k, mentioned), gazetteer, points, store)
    result.geocoding.query["event"] = event.id
    return result
