"""Documents: ingest (geoparse and store), list, read as JSON or HTML, their mentions and events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import HTMLResponse

from gazetteer.application import GazetteerAPI
from gazetteer.documents import Document
from gazetteer.limits import MAX_PAGE
from gazetteer.public import document_json, document_summary, event_json, mention_json
from maps.document_page import document_page
from service.deps import ApiDep, DocumentId, IdempotencyKeyDep, JsonBody, Offset, PageLimit
from service.negotiation import prefers_html
from service.schemas.documents import DocumentCreate, DocumentIngested, DocumentList, DocumentPublic
from service.schemas.events import EventList
from service.schemas.places import MentionPublic
from service.schemas.problem import problem_responses
from service.security_headers import html_response

router = APIRouter(prefix="/documents", tags=["documents"], responses=problem_responses(422, 503))
_UNKNOWN = problem_responses(404)

MAP_URL = "/map"
Include = Annotated[
    list[Literal["mentions", "text"]] | None,
    Query(description="Add to the answer: mentions (with the events proposed), text. Repeat for both."),
]
_HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "The document"}
}


@router.post(
    "",
    status_code=201,
    response_model=DocumentIngested,
    response_model_exclude_unset=True,
    dependencies=[JsonBody],
    responses={201: {"headers": {"Location": {"description": "The document.", "schema": {"type": "string"}}}}},
)
def create_document(
    body: DocumentCreate,
    api: ApiDep,
    response: Response,
    idempotency_key: IdempotencyKeyDep,
    include: Include = None,
) -> dict[str, Any]:
    """Geoparse a text and store it with its mentions and proposed events (one transaction).

    The answer is the document's summary, its mention count and links; ``include=mentions`` adds the
    mentions and events, ``include=text`` the text.  With an ``Idempotency-Key`` the document and the
    key are stored together: a retry with the same key and body answers 201 with the first document
    and its ``Location`` again (nothing is stored twice); the same key with another body is a 422.
    """
    fields = {"title": body.title, "date": body.date.isoformat() if body.date else "", "source": body.source}
    if idempotency_key is None:
        document = api.ingest(body.text, mode=body.mode, language=body.language, **fields)
    else:
        ingested = api.ingest_once(idempotency_key, body.text, mode=body.mode, language=body.language, **fields)
        document = ingested.document
    response.headers["Location"] = _links(document.id)["self"]
    return _ingested(api, document, include or [])


def _links(document_id: int) -> dict[str, str]:
    own = f"/documents/{document_id}"
    return {
        "self": own,
        "mentions": f"{own}/mentions",
        "events": f"{own}/events",
        "map": f"{MAP_URL}?document={document_id}",
    }


def _ingested(api: GazetteerAPI, document: Document, include: Sequence[str]) -> dict[str, Any]:
    found: dict[str, Any] = {"mention_count": api.count_mentions(document.id), "links": _links(document.id)}
    if "text" in include:
        found["text"] = document.text
    if "mentions" in include:
        found["mentions"] = [mention_json(m) for m in api.document_mentions(document.id)]
        found["events"] = [event_json(e) for e in api.events(document_id=document.id, limit=MAX_PAGE)]
    return document_summary(document) | found


@router.get("", response_model=DocumentList)
def list_documents(api: ApiDep, limit: PageLimit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Stored documents, newest first, without their text."""
    documents = [document_summary(d) for d in api.documents(limit, offset)]
    return {"total": api.count_documents(), "limit": limit, "offset": offset, "documents": documents}


@router.get("/{document_id}", response_model=DocumentPublic, responses=_HTML | _UNKNOWN)
def get_document(
    document_id: DocumentId,
    api: ApiDep,
    format: Annotated[Literal["json", "html"] | None, Query(description="Force JSON or HTML.")] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> dict[str, Any] | HTMLResponse:
    """A document as JSON, or as an HTML page with linked mentions when the client prefers HTML."""
    document = api.document(document_id)
    if format == "html" or (format is None and prefers_html(accept)):
        return html_response(document_page(document, api.document_mentions(document_id), map_url=MAP_URL))
    return document_json(document)


@router.get("/{document_id}/mentions", response_model=list[MentionPublic], responses=_UNKNOWN)
def document_mentions(document_id: DocumentId, api: ApiDep) -> list[dict[str, Any]]:
    """The mentions of a document, in text order, with offsets and snippets."""
    return [mention_json(m) for m in api.document_mentions(document_id)]


@router.get("/{document_id}/events", response_model=EventList, responses=_UNKNOWN)
def document_events(document_id: DocumentId, api: ApiDep, limit: PageLimit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Events proposed from (or linked to) a document."""
    found = [event_json(e) for e in api.events(document_id=document_id, limit=limit, offset=offset)]
    return {"limit": limit, "offset": offset, "count": len(found), "events": found}
