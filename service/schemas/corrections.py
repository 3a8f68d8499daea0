"""Schemas of corrections of mentions."""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gazetteer.corrections import CorrectionScope
from gazetteer.limits import MAX_ID
from service.schemas.places import MentionPublic

MENTION_ID_PATTERN = r"^[0-9]{1,19}-[0-9]{1,19}$"
"""A mention id: ``<document id>-<ordinal>``."""


def _one_decision() -> dict[str, Any]:
    """The JSON Schema of the decision rule: a place id, or ``not_a_place`` true, not both."""
    place = {"required": ["place_id"], "properties": {"place_id": {"type": "integer"}}}
    none = {"required": ["not_a_place"], "properties": {"not_a_place": {"const": True}}}
    return {"oneOf": [{"allOf": [place, {"not": none}]}, {"allOf": [none, {"not": place}]}]}


class MentionCorrection(BaseModel):
    """What the mention's surface names (a place id, or ``not_a_place``: exactly one), and where that holds."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_one_decision())

    place_id: int | None = Field(None, ge=1, le=MAX_ID, description="The place the surface names.")
    not_a_place: bool = Field(False, description="True: the surface names no place (a person, a word).")
    scope: CorrectionScope = Field(
        CorrectionScope.MENTION,
        description="mention: this one; document: every mention of the surface in this document; region: "
        "in every document about region_id.",
    )
    region_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="For the region scope: a country or area (default: the place's country)."
    )

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.place_id is None) == (not self.not_a_place):
            raise ValueError("give place_id, or not_a_place: true (not both)")
        return self


class CorrectionPublic(BaseModel):
    """A stored correction, with who made it and when."""

    id: int
    surface: str = Field(description="The surface as written where it was made.")
    place_id: int | None = Field(description="The place the surface names; null for not a place.")
    place_name: str
    old_place_id: int | None = Field(description="The place the mention was resolved to before.")
    old_place_name: str
    scope: CorrectionScope
    document_id: int | None
    mention_n: int | None
    mention_id: str | None = Field(None, description="The mention it was made on.")
    mention_start: int | None
    text_digest: str = Field(description="SHA-256 of the document's text: it holds for the same text ingested again.")
    region_id: int | None
    region_name: str
    author: str = Field(description="The name of the API key that made it.")
    created: str = Field(description="When, ISO 8601 UTC.")


class CorrectionMade(BaseModel):
    """A correction just made or undone, what it changed, and the mention as it is now."""

    correction: CorrectionPublic
    changed: int = Field(description="Stored mentions whose place changed, or that were dropped or restored.")
    mention: MentionPublic | None = Field(description="The mention now; null when it names no place.")


class CorrectionList(BaseModel):
    """A page of corrections, newest first."""

    limit: int
    offset: int
    count: int
    corrections: list[CorrectionPublic]
