"""Schemas of documents."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from gazetteer.geoparse.modes import Mode
from gazetteer.limits import MAX_SOURCE, MAX_TEXT_BYTES, MAX_TITLE
from service.schemas.events import EventPublic
from service.schemas.places import MentionPublic


class DocumentBase(BaseModel):
    """What describes a document."""

    title: str = Field("", max_length=MAX_TITLE)
    date: dt.date | None = Field(None, description="Publication date; gives the year to dates without one.")
    source: str = Field("", max_length=MAX_SOURCE, description="Outlet, URL or file name.")


class DocumentCreate(DocumentBase):
    """A text to geoparse and store."""

    text: str = Field(min_length=1, description=f"The text, at most {MAX_TEXT_BYTES} bytes of UTF-8 (else 413).")
    mode: Mode = Field(
        Mode.FAST, description="fast: dictionary; accurate: gated by spaCy's NER (503 when it is not installed)."
    )


class DocumentSummary(DocumentBase):
    """A stored document without its text."""

    id: int
    created: str = Field(description="When it was stored, ISO 8601 UTC.")
    length: int = Field(description="Length of the text in characters.")


class DocumentPublic(DocumentSummary):
    """A stored document."""

    text: str


class DocumentIngested(DocumentPublic):
    """A document just stored, with what was found in it."""

    mentions: list[MentionPublic]
    events: list[EventPublic]


class DocumentList(BaseModel):
    """A page of documents, newest first."""

    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]
