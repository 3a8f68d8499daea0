"""Schemas of events."""

from __future__ import annotations

import datetime as dt
from typing import Self

from pydantic import BaseModel, Field, model_validator

from gazetteer.limits import MAX_ID, MAX_TITLE
from geo.validate import MAX_RADIUS_KM


class EventBase(BaseModel):
    """What happened, when, and over what area."""

    title: str = Field(min_length=1, max_length=MAX_TITLE)
    date: dt.date
    radius_km: float = Field(0.0, ge=0, le=MAX_RADIUS_KM, allow_inf_nan=False, description="Area of effect.")


class EventCreate(EventBase):
    """A new event, located by a place id, a place name, or lat/lon (exactly one of them)."""

    place_id: int | None = Field(None, ge=1, le=MAX_ID)
    place_name: str | None = Field(None, min_length=1, max_length=200, description="Resolved to its best candidate.")
    lat: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    document_id: int | None = Field(None, ge=1, le=MAX_ID, description="Source document.")
    mention_n: int | None = Field(None, ge=0, lt=2**31, description="Source mention in that document.")

    @model_validator(mode="after")
    def _one_location(self) -> Self:
        given = [self.place_id is not None, self.place_name is not None, self.lat is not None or self.lon is not None]
        if sum(given) != 1:
            raise ValueError("give exactly one location: place_id, place_name, or lat and lon")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon")
        return self


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
