"""The RFC 9457 problem document that every error response carries."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, Field

PROBLEM_JSON = "application/problem+json"


class ValidationEntry(BaseModel):
    """One invalid field."""

    loc: list[str] = Field(description="Where: body, query or path, then the field.")
    msg: str
    type: str


class Problem(BaseModel):
    """An error, as problem JSON."""

    type: str = Field(description="URI naming the kind of problem.")
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong this time, safe to show to a user.")
    instance: str = Field(description="The request path.")
    errors: list[ValidationEntry] | None = Field(None, description="For 422: each invalid field.")


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` declaring problem JSON for the given statuses."""
    return {
        str(status): {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
