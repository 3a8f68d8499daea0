"""Schemas of documents."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field

from gazetteer.geoparse.modes import Mode
from gazetteer.limits import MAX_HTML_BYTES, MAX_SOURCE, MAX_TEXT_BYTES, MAX_TITLE, TEXT_PATTERN
from service.schemas.events import EventPublic
from service.schemas.places import MentionPublic

ParseMode = Annotated[
    Mode, Field(description="fast: dictionary; accurate: gated by spaCy's NER (503 when it is not installed).")
]
"""How a text is geoparsed."""
Language = Annotated[
    str | None,
    Field(
        pattern="^[A-Za-z]{2}$",
        description="The text's ISO 639-1 code (en, ru, az, hy...), when known; otherwise it is detected. "
        "An unknown code: 422.",
    ),
]
"""The language of a text, when the caller knows it."""


class DocumentBase(BaseModel):
    """What describes a document."""

    title: str = Field("", max_length=MAX_TITLE, pattern=TEXT_PATTERN)
    date: dt.date | None = Field(None, description="Publication date; gives the year to dates without one.")
    source: str = Field("", max_length=MAX_SOURCE, pattern=TEXT_PATTERN, description="Outlet, URL or file name.")


class DocumentCreate(DocumentBase):
    """A text to geoparse and store."""

    text: str = Field(
        min_length=1,
        pattern=TEXT_PATTERN,
        description=f"The text, at most {MAX_TEXT_BYTES} bytes of UTF-8 (else 413). No text field holds control "
        "characters (C0 but tab, line feed and carriage return; DEL; C1): 422.",
    )
    mode: ParseMode = Mode.FAST
    language: Language = None


class PageCreate(DocumentBase):
    """The fields of a web page to ingest (``POST /documents`` with an HTML body): each left out is the page's."""

    mode: ParseMode = Mode.FAST
    language: Language = None


PAGE_BODY = (
    f"A web page (text/html, at most {MAX_HTML_BYTES} bytes, else 413; its charset the Content-Type's, else "
    "the page's). Its main text, without navigation and boilerplate, is the document's text, which the "
    "mentions' offsets refer to; its title, date and canonical URL (as the source) are the document's unless "
    "the query gives them. The page is kept: GET /documents/{id}/page. Not HTML, or no main text: 422."
)
"""What the HTML body of ``POST /documents`` is."""


class DocumentSummary(DocumentBase):
    """A stored document without its text."""

    id: int
    created: str = Field(description="When it was stored, ISO 8601 UTC.")
    length: int = Field(description="Length of the text in characters.")


class DocumentPublic(DocumentSummary):
    """A stored document."""

    text: str


class DocumentLinks(BaseModel):
    """Where to read a stored document and what was found in it."""

    self: str = Field(description="The document.")
    mentions: str = Field(description="Its mentions.")
    events: str = Field(description="The events proposed from it.")
    map: str = Field(description="The map of its mentions.")
    page: str | None = Field(None, description="The web page its text was extracted from, when it came as one.")


class DocumentIngested(DocumentSummary):
    """A document just stored: its summary, how many mentions it has, and links; more on request."""

    mention_count: int = Field(description="How many mentions were found.")
    links: DocumentLinks
    text: str | None = Field(None, description="The text, with include=text.")
    mentions: list[MentionPublic] | None = Field(None, description="The mentions, with include=mentions.")
    events: list[EventPublic] | None = Field(None, description="The events proposed, with include=mentions.")


class DocumentList(BaseModel):
    """A page of documents, newest first."""

    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]
