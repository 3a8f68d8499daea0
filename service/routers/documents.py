"""Documents: ingest (geoparse and store), list, read as JSON or HTML, their mentions and events."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import HTMLResponse

from gazetteer.limits import MAX_PAGE
from gazetteer.public import document_json, document_summary, event_json, mention_json
from maps.document_page import render_document
from service.deps import ApiDep, DocumentId, Offset, PageLimit
from service.negotiation import prefers_html
from service.schemas.documents import DocumentCreate, DocumentIngested, DocumentList, DocumentPublic
from service.schemas.events import EventList
from service.schemas.places import MentionPublic
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/documents", tags=["documents"], responses=problem_responses(404, 413, 422, 503))

MAP_URL = "/map"
_HTML = {200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "The document"}}


@router.post("", status_code=201, response_model=DocumentIngested)
def create_document(body: DocumentCreate, api: ApiDep, response: Response) -> dict[str, Any]:
    """Geoparse a text and store it with its mentions and proposed events (one transaction)."""
    date = body.date.isoformat() if body.date else ""
    document = api.ingest(body.text, title=body.title, date=date, source=body.source, mode=body.mode)
    response.headers["Location"] = f"/documents/{document.id}"
    mentions = [mention_json(m) for m in api.document_mentions(document.id)]
    events = [event_json(e) for e in api.events(document_id=document.id, limit=MAX_PAGE)]
    return document_json(document) | {"mentions": mentions, "events": events}


@router.get("", response_model=DocumentList)
def list_documents(api: ApiDep, limit: PageLimit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Stored documents, newest first, without their text."""
    documents = [document_summary(d) for d in api.documents(limit, offset)]
    return {"total": api.count_documents(), "limit": limit, "offset": offset, "documents": documents}


@router.get("/{document_id}", response_model=DocumentPublic, responses=_HTML)  # type: ignore[arg-type]
def get_document(
    document_id: DocumentId,
    api: ApiDep,
    format: Annotated[Literal["json", "html"] | None, Query(description="Force JSON or HTML.")] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> dict[str, Any] | HTMLResponse:
    """A document as JSON, or as an HTML page with linked mentions when the client prefers HTML."""
    document = api.document(document_id)
    if format == "html" or (format is None and prefers_html(accept)):
        return HTMLResponse(render_document(document, api.document_mentions(document_id), map_url=MAP_URL))
    return document_json(document)


@router.get("/{document_id}/mentions", response_model=list[MentionPublic])
def document_mentions(document_id: DocumentId, api: ApiDep) -> list[dict[str, Any]]:
    """The mentions of a document, in text order, with offsets and snippets."""
    return [mention_json(m) for m in api.document_mentions(document_id)]


@router.get("/{document_id}/events", response_model=EventList)
def document_events(document_id: DocumentId, api: ApiDep, limit: PageLimit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Events proposed from (or linked to) a document."""
    found = [event_json(e) for e in api.events(document_id=document_id, limit=limit, offset=offset)]
    return {"limit": limit, "offset": offset, "count": len(found), "events": found}
