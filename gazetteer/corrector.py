"""Stored corrections brought to bear on texts as they are parsed and stored.

``Corrector`` finds the corrections that govern the mentions of a text
(``corrections.governing``), works out which regions a document is about for
``region`` corrections, and gives the guidance the geoparser parses the text
again with (``geoparse.parser.Guidance``), so that a decision is evidence in
disambiguation and not only a replaced result.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from gazetteer.corrections import (
    CORRECTED,
    Correction,
    CorrectionScope,
    Covered,
    Guidance,
    MentionChanges,
    governing,
    text_digest_of,
)
from gazetteer.documents import Event, StoredMention
from gazetteer.events import event_radius
from gazetteer.ingest import place_fields
from gazetteer.normalize import fold
from gazetteer.records import Mention, Place

if TYPE_CHECKING:
    from shapely import Geometry

    from gazetteer.gazetteer import Gazetteer


class Corrector:
    """Stored corrections brought to bear on texts: which govern their mentions, and what to parse with."""

    def __init__(self, corrections: Iterable[Correction], gazetteer: Gazetteer) -> None:
        self._by_surface: dict[str, list[Correction]] = {}
        for correction in corrections:
            self._by_surface.setdefault(correction.folded, []).append(correction)
        self._gazetteer = gazetteer
        self._shapes: dict[int, Geometry | None] = {}

    def __bool__(self) -> bool:
        return bool(self._by_surface)

    def of(self, surface: str) -> list[Correction]:
        """The corrections of a surface (compared folded)."""
        return self._by_surface.get(fold(surface), [])

    def region_ids(self, surfaces: Iterable[str]) -> set[int]:
        """The regions of the ``region`` corrections of some surfaces."""
        return {
            c.region_id
            for surface in {fold(s) for s in surfaces}
            for c in self._by_surface.get(surface, ())
            if c.scope is CorrectionScope.REGION and c.region_id is not None
        }

    def regions(self, places: Sequence[Place], wanted: Iterable[int]) -> frozenset[int]:
        """Which of the ``wanted`` regions a document whose mentions name ``places`` is about: it names the
        region itself or a place inside it (by admin codes for countries and divisions, else by shape)."""
        from gazetteer.geoparse.qualifiers import area_contains  # the geoparser's reading of "inside"

        areas = self._gazetteer.places(set(wanted), names=False)
        about = set()
        for area in areas.values():
            shape = self._shape(area)
            if any(place.id == area.id or area_contains(area, place, shape) for place in places):
                about.add(area.id)
        return frozenset(about)

    def guidance(self, text: str, mentions: Sequence[Mention]) -> Guidance:
        """For the mentions of ``text`` that a correction governs, the place it names (``None``: no
        place), by offset: what to parse the text again with."""
        if not any(self.of(m.surface) for m in mentions):
            return {}
        digest = text_digest_of(text)
        wanted = self.region_ids(m.surface for m in mentions)
        regions = self.regions([m.place for m in mentions], wanted) if wanted else frozenset()
        decided: dict[int, int | None] = {}
        for mention in mentions:
            found = governing(self.of(mention.surface), Covered(mention.surface, mention.start, digest, regions))
            if found is not None:
                decided[mention.start] = found.place_id
        return decided

    def _shape(self, area: Place) -> Geometry | None:
        if area.id not in self._shapes:
            from shapely import wkb  # only for an area that is no country or division

            rows = self._gazetteer.index.shapes([area.id])
            self._shapes[area.id] = wkb.loads(rows[0][1]) if rows else None
        return self._shapes[area.id]


def corrected_parse(
    text: str, mentions: list[Mention], parse: Callable[[Guidance], list[Mention]], corrector: Corrector
) -> tuple[list[Mention], list[Mention]]:
    """The mentions of ``text`` (parsed as ``mentions``) as the corrections leave them, and the originals
    of those they changed.  ``parse`` parses the text again with guidance, only when a correction governs
    one of the mentions."""
    guidance = corrector.guidance(text, mentions) if corrector else {}
    if not guidance:
        return mentions, []
    guided = parse(guidance)
    after = {(m.start, m.end): m for m in guided}
    originals = [m for m in mentions if m.start in guidance or _changed(m, after.get((m.start, m.end)))]
    return guided, originals


def decided(mentions: Sequence[Mention], guidance: Guidance, places: Mapping[int, Place]) -> list[Mention]:
    """``mentions`` with the guidance carried out on them: replaced or dropped (no parse again: for
    mentions parsed elsewhere)."""
    out = []
    for mention in mentions:
        if mention.start not in guidance:
            out.append(mention)
        elif (target := guidance[mention.start]) is not None:
            reasons = {CORRECTED: 1.0}
            out.append(replace(mention, place=places[target], confidence=1.0, candidates=(), reasons=reasons))
    return out


def _changed(before: Mention, after: Mention | None) -> bool:
    return after is None or after.place.id != before.place.id or after.confidence != before.confidence


@dataclass(frozen=True, slots=True)
class Scoped:
    """A stored mention a correction may govern: as parsed, as stored now, and its document's facts."""

    original: StoredMention
    """The mention as parsed (its kept original, or the stored mention when it was never changed)."""
    current: StoredMention | None
    """The mention as stored now, ``None`` when a correction found it names no place."""
    covered: Covered
    """What decides which corrections cover it."""


def mention_changes(
    scoped: Iterable[Scoped], corrections: Sequence[Correction], places: Mapping[int, Place]
) -> MentionChanges:
    """What stored mentions become under ``corrections``: each as the governing one says, or as parsed."""
    originals, replaced, removed, restored = [], [], [], []
    for item in scoped:
        key = (item.original.document_id, item.original.n)
        rule = governing(corrections, item.covered)
        if rule is None:
            if item.current != item.original:
                replaced.append(item.original)
                restored.append(key)
            continue
        if item.current is None and rule.place_id is None:
            continue  # still no place
        originals.append(item.original)
        if rule.place_id is None:
            removed.append(key)
            continue
        new = replace(item.original, confidence=1.0, **place_fields(places[rule.place_id]))
        if new != item.current:
            replaced.append(new)
    return MentionChanges(tuple(originals), tuple(replaced), tuple(removed), tuple(restored))


def followed_events(
    events: Iterable[Event],
    replaced: Mapping[tuple[int, int], StoredMention],
    removed: Collection[tuple[int, int]],
    places: Mapping[int, Place],
) -> tuple[list[Event], list[int]]:
    """What the proposed ``events`` of a document become when their mentions change: moved to the new
    place of a ``replaced`` mention (keyed by document id and ordinal), or, by id, dropped with a
    ``removed`` one.  Confirmed events are an analyst's: they stay as they are."""
    moved: list[Event] = []
    dropped: list[int] = []
    for event in events:
        if not event.proposed or event.document_id is None or event.mention_n is None:
            continue
        key = (event.document_id, event.mention_n)
        mention = replaced.get(key)
        if key in removed:
            dropped.append(event.id)
        elif mention is not None and mention.place_id != event.place_id:
            place = places.get(mention.place_id)
            moved.append(
                replace(
                    event,
                    lon=mention.lon,
                    lat=mention.lat,
                    place_id=mention.place_id,
                    place_name=mention.place_name,
                    radius_km=event_radius(place) if place is not None else event.radius_km,
                )
            )
    return moved, dropped
