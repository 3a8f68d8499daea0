"""Documents: ingest (geoparse and store) texts and web pages, list, read as JSON or HTML, their mentions,
events and original pages."""

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
from service.html_body import HtmlBodyDep, html_body_doc, html_route
from service.negotiation import prefers_html
from service.schemas.documents import (
    PAGE_BODY,
    DocumentCreate,
    DocumentIngested,
    DocumentList,
    DocumentPublic,
    PageCreate,
)
from service.schemas.events import EventList
from service.schemas.places import MentionPublic
from service.schemas.problem import problem_responses
from service.security_headers import html_response, untrusted_download

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
_LOCATION: dict[int | str, dict[str, Any]] = {
    201: {"headers": {"Location": {"description": "The document.", "schema": {"type": "string"}}}}
}
_DOWNLOAD: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/html": {"schema": {"type": "string"}}},
        "description": "The page as kept, UTF-8 after a byte-order mark, to save: never shown from this origin.",
        "headers": {
            "Content-Disposition": {"description": "attachment, with a file name.", "schema": {"type": "string"}},
            "Content-Security-Policy": {"description": "sandbox: no script runs.", "schema": {"type": "string"}},
        },
    }
}


@html_route(router, "", status_code=201, response_model=DocumentIngested, response_model_exclude_unset=True)
def create_page_document(
    body: HtmlBodyDep,
    fields: Annotated[PageCreate, Query()],
    api: ApiDep,
    response: Response,
    idempotency_key: IdempotencyKeyDep,
    include: Include = None,
) -> dict[str, Any]:
    """``POST /documents`` with an HTML body (registered before the JSON route, which states both)."""
    given = {"title": fields.title, "date": fields.date.isoformat() if fields.date else "", "source": fields.source}
    if idempotency_key is None:
        document = api.ingest_page(body.data, charset=body.charset, mode=fields.mode, language=fields.language, **given)
    else:
        document = api.ingest_page_once(
            idempotency_key, body.data, charset=body.charset, mode=fields.mode, language=fields.language, **given
        ).document
    response.headers["Location"] = _links(document.id)["self"]
    return _ingested(api, document, include or [], page=True)


@router.post(
    "",
    status_code=201,
    response_model=DocumentIngested,
    response_model_exclude_unset=True,
    dependencies=[JsonBody],
    responses=_LOCATION,
    openapi_extra=html_body_doc(PageCreate, PAGE_BODY),
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

    A ``text/html`` body is a web page: its main text is stored and geoparsed, its title, date and
    canonical URL fill the fields the query parameters leave out, and the page is kept (``links.page``).
    """
    fields = {"title": body.title, "date": body.date.isoformat() if body.date else "", "source": body.source}
    if idempotency_key is None:
        document = api.ingest(body.text, mode=body.mode, language=body.language, **fields)
    else:
        ingested = api.ingest_once(idempotency_key, body.text, mode=body.mode, language=body.language, **fields)
        document = ingested.document
    response.headers["Location"] = _links(document.id)["self"]
    return _ingested(api, document, include or [])


def _links(document_id: int, page: bool = False) -> dict[str, str]:
    own = f"/documents/{document_id}"
    return {
        "self": own,
        "mentions": f"{own}/mentions",
        "events": f"{own}/events",
        "map": f"{MAP_URL}?document={document_id}",
    } | ({"page": f"{own}/page"} if page else {})


def _ingested(api: GazetteerAPI, document: Document, include: Sequence[str], page: bool = False) -> dict[str, Any]:
    links = _links(document.id, page)
    found: dict[str, Any] = {"mention_count": api.count_mentions(document.id), "links": links}
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
        mentions = api.document_mentions(document_id)
        names_then = api.names_then([m.place_id for m in mentions], document.date)
        return html_response(
            document_page(document, mentions, map_url=MAP_URL, names_then=names_then, corrections=True)
        )
    return document_json(document)


@router.get("/{document_id}/page", response_class=HTMLResponse, responses=_DOWNLOAD | _UNKNOWN)
def original_page(document_id: DocumentId, api: ApiDep) -> Response:
    """The web page a document's text was extracted from, as kept: untrusted markup, so a download
    (``Content-Disposition: attachment``, sandboxed by its ``Content-Security-Policy``), never a page of
    this service.  404 for a document given as text."""
    return untrusted_download(api.page(document_id).html, f"document-{document_id}.html")


@router.get("/{document_id}/mentions", response_model=list[MentionPublic], responses=_UNKNOWN)
def document_mentions(document_id: DocumentId, api: ApiDep) -> list[dict[str, Any]]:
    """The mentions of a document, in text order, with offsets and snippets."""
    return [mention_json(m) for m in api.document_mentions(document_id)]


@router.get("/{document_id}/events", response_model=EventList, responses=_UNKNOWN)
def document_events(document_id: DocumentId, api: ApiDep, limit: PageLimit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Events proposed from (or linked to) a document."""
    found = [event_json(e) for e in api.events(document_id=document_id, limit=limit, offset=offset)]
    return {"limit": limit, "offset": offset, "count": len(found), "events": found}
