"""Schemas of documents."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from gazetteer.geoparse.modes import Mode
from gazetteer.limits import MAX_SOURCE, MAX_TEXT_BYTES, MAX_TITLE, TEXT_PATTERN
from service.schemas.events import EventPublic
from service.schemas.places import MentionPublic


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
    mode: Mode = Field(
        Mode.FAST, description="fast: dictionary; accurate: gated by spaCy's NER (503 when it is not installed)."
    )
    language: str | None = Field(
        None,
        pattern="^[A-Za-z]{2}$",
        description="The text's ISO 639-1 code (en, ru, az, hy...), when known; otherwise it is detected. "
        "An unknown code: 422.",
    )


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
