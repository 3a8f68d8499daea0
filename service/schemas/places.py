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


class NameAsOfPublic(BaseModel):
    """The name a place had at a date, in one language, with its period of use."""

    model_config = ConfigDict(populate_by_name=True)

    date: str = Field(description="The date asked about (ISO 8601).")
    lang: str = Field(description="The language asked for (ISO 639-1).")
    text: str = Field(description="The name in use then.")
    from_: str = Field(alias="from", serialization_alias="from", description="The name in use from ('' unknown).")
    to: str = Field(description="The name in use until ('' unknown).")
    period: str = Field(description="The period for display: '1923–2023', 'from 1923', 'until 2023', or ''.")
    historic: bool = Field(description="The name is no longer in official use.")


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

    id: str = Field(description="The mention's id, <document id>-<ordinal>: PATCH /mentions/{id} corrects it.")

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
