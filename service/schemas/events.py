"""Schemas of events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gazetteer.limits import MAX_ID, MAX_MENTION_N, MAX_RADIUS_KM, MAX_TITLE, TEXT_PATTERN
from gazetteer.normalize import MAX_QUERY_LENGTH

_LOCATIONS = (("place_id",), ("place_name",), ("lat", "lon"))
"""The ways to locate an event: exactly one of them is given."""


def _given(field: str) -> dict[str, Any]:
    return {"required": [field], "properties": {field: {"not": {"type": "null"}}}}


def _one_location() -> dict[str, Any]:
    """The JSON Schema of the location rule: one way given whole, the others not at all (null is not given)."""
    fields = [field for way in _LOCATIONS for field in way]
    return {
        "oneOf": [
            {"allOf": [_given(f) for f in way] + [{"not": _given(f)} for f in fields if f not in way]}
            for way in _LOCATIONS
        ]
    }


class EventBase(BaseModel):
    """What happened, when, and over what area."""

    title: str = Field(min_length=1, max_length=MAX_TITLE, pattern=TEXT_PATTERN)
    date: dt.date
    radius_km: float = Field(0.0, ge=0, le=MAX_RADIUS_KM, allow_inf_nan=False, description="Area of effect.")


class EventCreate(EventBase):
    """A new event, located by a place id, a place name, or lat and lon: exactly one of them (else 422)."""

    model_config = ConfigDict(json_schema_extra=_one_location())

    place_id: int | None = Field(None, ge=1, le=MAX_ID)
    place_name: str | None = Field(
        None,
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        pattern=TEXT_PATTERN,
        description="Resolved to its best candidate.",
    )
    lat: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    document_id: int | None = Field(None, ge=1, le=MAX_ID, description="Source document.")
    mention_n: int | None = Field(None, ge=0, le=MAX_MENTION_N, description="Source mention in that document.")


class EventPublic(EventBase):
    """A stored event."""

    id: int
    lon: float
    lat: float
    place_id: int | None
    place_name: str
    document_id: int | None
    mention_n: int | None
    proposed: bool = Field(description="Proposed automatically from a document.")


class EventList(BaseModel):
    """A page of events, by date."""

    limit: int
    offset: int
    count: int
    events: list[EventPublic]
