"""What a map shows, gathered by the application layer as plain records for the map builders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gazetteer.documents import Document, Event, StoredMention

if TYPE_CHECKING:
    from geo.regions import Region

Variants = Mapping[int, Sequence[str]]
"""Place id to the labels of its main variants."""


@dataclass(frozen=True, slots=True)
class MapData:
    """Everything a map shows, as plain records."""

    mentions: Sequence[StoredMention]
    """The mentions to map, of one document or many."""
    documents: Mapping[int, Document] = field(default_factory=dict)
    """Documents by id, for their titles in popups; missing ones show as ``Document <id>``."""
    variants: Variants = field(default_factory=dict)
    """Labels of each place's main variants, by place id."""
    events: Sequence[Event] = ()
    """Events drawn on the events layer."""
    regions: Sequence[Region] = ()
    """Outlines drawn on the regions layer."""
    document_id: int | None = None
    """The one document mapped, ``None`` for all."""
    focus_place_id: int | None = None
    """A place to centre on, its popup opened."""
    focus: tuple[float, float] | None = None
    """(lon, lat) of ``focus_place_id``."""
