"""A tiny document store for map tests: our own sentences, one hostile, one with a date."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gazetteer.ingest import new_document
from gazetteer.records import Mention, Place, Point
from gazetteer.store import open_store

HOSTILE = "<script>alert(1)</script>"

KHANKENDI = Place(146970, "Khankendi", Point(46.7528, 39.8177), "P", "PPLA", "AZ", population=55000)
SHUSHA = Place(585103, "Shusha", Point(46.74989, 39.76006), "P", "PPLA2", "AZ", population=4000)
BAKU = Place(587084, "Baku", Point(49.89201, 40.37767), "P", "PPLC", "AZ", population=2_000_000)

STORE_DOCUMENTS: list[tuple[str, str, list[tuple[str, Place]]]] = [
    (
        "Convoy update",
        "On 19 September 2023 a convoy reached Khankendi after a long wait.\n\n"
        f"Someone wrote {HOSTILE} beside the name Stepanakert in the comments.\n"
        "The road south to Shusha stayed closed.",
        [("Khankendi", KHANKENDI), ("Stepanakert", KHANKENDI), ("Shusha", SHUSHA)],
    ),
    (
        f"Talks {HOSTILE}",
        "Officials in Baku spoke about Khankendi on Monday.",
        [("Baku", BAKU), ("Khankendi", KHANKENDI)],
    ),
]


def mentions_of(text: str, names: list[tuple[str, Place]]) -> list[Mention]:
    """Mentions of the given surfaces, in order of appearance."""
    found, position = [], 0
    for surface, place in names:
        start = text.index(surface, position)
        position = start + len(surface)
        found.append(Mention(start, position, surface, place, 0.9))
    return found


def fill_store(path: Path) -> list[int]:
    """Create a store at ``path`` holding the sample documents; returns their ids."""
    with open_store(path) as store:
        return [
            store.add_document(new_document(text, mentions_of(text, names), title=title, date="2023-09-20")).id
            for title, text, names in STORE_DOCUMENTS
        ]


class FakeIndex:
    """Shapes by place id, as the index's ``shapes`` table gives them."""

    def __init__(
        self, shapes: dict[int, bytes] | None = None, source: str = "test", places: dict[int, Place] | None = None
    ) -> None:
        self.rows = {place_id: (place_id, wkb, source) for place_id, wkb in (shapes or {}).items()}
        self.places = places or {}

    def shapes(self, ids: Iterable[int] | None = None) -> list[tuple[int, bytes, str]]:
        wanted = self.rows if ids is None else set(ids)
        return [self.rows[place_id] for place_id in sorted(wanted) if place_id in self.rows]

    def shapes_by_code(
        self, codes: Iterable[str], countries: Iterable[str] | None = None
    ) -> list[tuple[int, bytes, str]]:
        chosen, among = set(codes), None if countries is None else set(countries)
        return [
            row
            for place_id, row in sorted(self.rows.items())
            if (place := self.places.get(place_id)) is not None
            and place.feature_code in chosen
            and (among is None or place.country in among)
        ]


class FakeGazetteer:
    """Places by id, as the gazetteer gives them, and an index holding their shapes."""

    def __init__(self, places: Iterable[Place], shapes: dict[int, bytes] | None = None) -> None:
        self.by_id = {place.id: place for place in places}
        self.index = FakeIndex(shapes, places=self.by_id)

    def places(self, ids: Iterable[int], names: bool = True) -> dict[int, Place]:
        return {i: self.by_id[i] for i in ids if i in self.by_id}
