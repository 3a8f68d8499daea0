"""Documents: ingest (geoparse and store), list, read as JSON or HTML, their mentions and events."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import HTMLResponse

from gazetteer.documents import Document, StoredMention
from gazetteer.errors import DataError
from service.deps import DocumentId, Offset, PageLimit, StoreDep
from service.features import document_public, document_summary, event_public, mention_public
from service.negotiation import prefers_html
from service.schemas.documents import DocumentCreate, DocumentIngested, DocumentList, DocumentPublic
from service.schemas.events import EventList
from service.schemas.places import MentionPublic
from service.schemas.problem import problem_responses

router = APIRouter(prefix="/documents", tags=["documents"], responses=problem_responses(404, 413, 422, 503))

MAP_URL = "/map"
_HTML = {200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "The document"}}


@router.post("", status_code=201, response_model=DocumentIngested)
def create_document(body: DocumentCreate, store: StoreDep, response: Response) -> DocumentIngested:
    """Geoparse a text and store it with its mentions and proposed events (one transaction)."""
    date = body.date.isoformat() if body.date else ""
    document = store.ingest(body.text, title=body.title, date=date, source=body.source)
    response.headers["Location"] = f"/documents/{document.id}"
    mentions = [mention_public(m) for m in store.mentions(document.id)]
    events = [event_public(e) for e in store.events(document_id=document.id, limit=1000)]
    return DocumentIngested(**document_public(document).model_dump(), mentions=mentions, events=events)


@router.get("", response_model=DocumentList)
def list_documents(store: StoreDep, limit: PageLimit = 100, offset: Offset = 0) -> DocumentList:
    """Stored documents, newest first, without their text."""
    documents = [document_summary(d) for d in store.documents(limit, offset)]
    return DocumentList(total=store.count_documents(), limit=limit, offset=offset, documents=documents)


@router.get("/{document_id}", response_model=DocumentPublic, responses=_HTML)  # type: ignore[arg-type]
def get_document(
    document_id: DocumentId,
    store: StoreDep,
    format: Annotated[Literal["json", "html"] | None, Query(description="Force JSON or HTML.")] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> DocumentPublic | HTMLResponse:
    """A document as JSON, or as an HTML page with linked mentions when the client prefers HTML."""
    document = store.document(document_id)
    if format == "html" or (format is None and prefers_html(accept)):
        return HTMLResponse(_render(document, store.mentions(document_id)))
    return document_public(document)


def _render(document: Document, mentions: list[StoredMention]) -> str:
    try:
        from maps.document_page import render_document
    except ImportError as error:
        raise DataError("the HTML view is not available") from error
    return render_document(document, mentions, map_url=MAP_URL)


@router.get("/{document_id}/mentions", response_model=list[MentionPublic])
def document_mentions(document_id: DocumentId, store: StoreDep) -> list[MentionPublic]:
    """The mentions of a document, in text order, with offsets and snippets."""
    return [mention_public(m) for m in store.mentions(document_id)]


@router.get("/{document_id}/events", response_model=EventList)
def document_events(document_id: DocumentId, store: StoreDep, limit: PageLimit = 100, offset: Offset = 0) -> EventList:
    """Events proposed from (or linked to) a document."""
    found = [event_public(e) for e in store.events(document_id=document_id, limit=limit, offset=offset)]
    return EventList(limit=limit, offset=offset, count=len(found), events=found)
