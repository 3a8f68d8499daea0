"""Schemas of place names and of mentions of places."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class NameBase(BaseModel):
    """One spelling of a place's name."""

    model_config = ConfigDict(populate_by_name=True)

    text: str
    lang: str = Field(description="ISO 639 language code, '' when unknown.")
    script: str = Field(description="ISO 15924 script code.")


class NamePublic(NameBase):
    """A name with its GeoNames flags and period of use."""

    flags: list[str] = Field(description="Set flags: preferred, short, colloquial, historic.")
    preferred: bool
    short: bool
    colloquial: bool
    historic: bool
    from_: str = Field(alias="from", serialization_alias="from", description="In use from (year or date).")
    to: str = Field(description="In use until (year or date).")
    source: str


class PlaceVariants(BaseModel):
    """Every name of one place."""

    id: int
    name: str
    count: int
    names: list[NamePublic]


class MentionBase(BaseModel):
    """A place named in a document."""

    document_id: int
    n: int = Field(description="Ordinal in the document; the HTML anchor is m-<n>.")
    start: int = Field(description="Offset of the first character in the document text.")
    end: int = Field(description="Offset past the last character.")
    surface: str = Field(description="The mention as written.")


class MentionPublic(MentionBase):
    """A stored mention with its resolved place and sentence."""

    place_id: int
    place_name: str
    lon: float
    lat: float
    feature_code: str
    country: str
    confidence: float
    snippet: str = Field(description="The sentence around the mention.")
    snippet_start: int = Field(description="Offset of the snippet in the document text.")


class PlaceMentions(BaseModel):
    """Mentions of one place across documents."""

    place_id: int
    place_name: str
    limit: int
    offset: int
    count: int = Field(description="Number of mentions in this page.")
    mentions: list[MentionPublic]
