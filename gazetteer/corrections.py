"""Analysts' corrections of resolved mentions, and which one governs a mention.

A correction says that a surface names another place, or no place at all
(``place_id`` ``None``), within a scope:

``mention``
    this one mention (and the same span when the same text is ingested again);
``document``
    every mention of the surface in this document (and in the same text ingested again);
``region``
    every mention of the surface in documents about a region or country: documents
    that mention the region itself or a place inside it.

Surfaces are compared folded (``normalize.fold``: case and diacritics aside).
Where several corrections cover a mention the narrowest scope governs, and of
those the newest.  A text is recognised again by its digest, so a correction
holds when the same document is ingested once more.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from gazetteer.documents import Event, StoredMention
from gazetteer.errors import InvalidInput
from gazetteer.limits import check_id, check_ordinal
from gazetteer.normalize import fold


class CorrectionScope(StrEnum):
    """Which mentions a correction covers, narrowest first."""

    MENTION = "mention"
    DOCUMENT = "document"
    REGION = "region"


CORRECTED = "correction"
"""The reason (and score part) of a mention whose place an analyst's correction decided."""
Guidance = Mapping[int, int | None]
"""What analysts decided for the names at some offsets of a text, to parse it with: the place id each
names, ``None`` for no place.  A name of no place is dropped before resolution, and a name all of whose
mentions are decided for one of its candidates resolves to it, as evidence for the others."""
_DIGITS = 19
"""Longest decimal part of a mention id (ids are 64-bit)."""
_NARROWNESS = {scope: rank for rank, scope in enumerate(CorrectionScope)}


@dataclass(frozen=True, slots=True)
class Correction:
    """An analyst's decision about the place a surface names, with who made it, when, and its scope."""

    id: int
    """Store id, assigned when stored (0 before)."""
    surface: str
    """The mention's surface as written where the correction was made."""
    place_id: int | None
    """The place the surface names, ``None`` for "not a place"."""
    place_name: str
    """Main name of that place, ``""`` for "not a place"."""
    old_place_id: int | None
    """The place the mention was resolved to before."""
    old_place_name: str
    """Main name of that place."""
    scope: CorrectionScope
    """Which mentions it covers."""
    document_id: int | None
    """The document it was made in."""
    mention_n: int | None
    """The mention's ordinal in that document."""
    mention_start: int | None
    """The mention's offset in the text (a ``mention`` correction holds for this span of the same text)."""
    text_digest: str
    """``text_digest_of`` the document's text: the same text ingested again is the same document."""
    region_id: int | None
    """For a ``region`` correction, the country or area whose documents it covers."""
    region_name: str
    """Main name of that region, ``""`` for none."""
    author: str
    """Name of the API key (or ``cli``) that made it."""
    created: str
    """When it was made, ISO 8601 UTC."""

    @property
    def folded(self) -> str:
        """The surface folded: the key a mention's surface is compared on."""
        return fold(self.surface)


@dataclass(frozen=True, slots=True)
class Covered:
    """What decides whether a correction covers a mention: where the mention is, and its document."""

    surface: str
    """The mention's surface."""
    start: int
    """Its offset in the text."""
    text_digest: str
    """``text_digest_of`` its document's text."""
    regions: frozenset[int] = frozenset()
    """Ids of the countries and areas its document is about (needed for ``region`` corrections only)."""
    document_id: int | None = None
    """The stored document, ``None`` for a text being ingested."""
    n: int | None = None
    """The mention's ordinal in the stored document, ``None`` for a text being ingested."""


def text_digest_of(text: str) -> str:
    """The SHA-256 of a text: a document's identity across ingests."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def covers(correction: Correction, covered: Covered) -> bool:
    """Whether ``correction`` covers the mention."""
    if fold(covered.surface) != correction.folded:
        return False
    same_text = covered.text_digest == correction.text_digest
    stored = covered.document_id is not None and correction.document_id == covered.document_id
    if correction.scope is CorrectionScope.MENTION:
        here = stored and correction.mention_n == covered.n
        return here or (same_text and correction.mention_start == covered.start)
    if correction.scope is CorrectionScope.DOCUMENT:
        return same_text or stored
    return correction.region_id in covered.regions


def governing(corrections: Iterable[Correction], covered: Covered) -> Correction | None:
    """The correction that decides the mention: the narrowest scope that covers it, then the newest."""
    found = [c for c in corrections if covers(c, covered)]
    if not found:
        return None
    return min(found, key=lambda c: (_NARROWNESS[c.scope], -c.id))


def mention_id(document_id: int, n: int) -> str:
    """The public id of mention ``n`` of a stored document: ``<document id>-<ordinal>``."""
    return f"{document_id}-{n}"


def parse_mention_id(text: str) -> tuple[int, int]:
    """Document id and ordinal from a mention id (``12-3``); ``InvalidInput`` for anything else."""
    document, dash, n = text.partition("-")
    if not dash or not document.isdigit() or not n.isdigit() or not document.isascii() or not n.isascii():
        raise InvalidInput(f"a mention id is <document id>-<ordinal>, such as 12-3, not {text[:40]!r}")
    if len(document) > _DIGITS or len(n) > _DIGITS:
        raise InvalidInput(f"mention id {text[:40]!r} is out of range")
    return check_id(int(document), "document id"), check_ordinal(int(n))


def case_variants(surface: str) -> list[str]:
    """Spellings a store can look a surface up by before the folded comparison: as written, and its
    lower-, upper- and title-case forms (``Martuni``, ``MARTUNI``)."""
    return sorted({surface, surface.lower(), surface.upper(), surface.title()})


@dataclass(frozen=True, slots=True)
class MentionChanges:
    """What a correction, or its undoing, does to stored mentions, in one transaction."""

    originals: tuple[StoredMention, ...] = ()
    """Mentions as parsed, kept (once: an original already kept stays) before they first change."""
    replaced: tuple[StoredMention, ...] = ()
    """Mentions written over the stored ones of the same document and ordinal (or restored)."""
    removed: tuple[tuple[int, int], ...] = ()
    """(document id, ordinal) of mentions that name no place any more."""
    restored: tuple[tuple[int, int], ...] = ()
    """(document id, ordinal) of mentions back as parsed, whose kept original is dropped."""
    events: tuple[Event, ...] = ()
    """Proposed events that follow their mention: moved to its new place (stored ones, by id), or proposed
    again from its sentence when it names a place again (new ones, id 0)."""
    dropped_events: tuple[int, ...] = ()
    """Ids of the proposed events whose mention names no place any more."""


@dataclass(frozen=True, slots=True)
class Corrected:
    """A correction made or undone, and how many stored mentions it changed."""

    correction: Correction
    """The correction (as stored, or as it was before it was deleted)."""
    changed: int
    """Stored mentions whose place changed, or that were dropped or restored."""
