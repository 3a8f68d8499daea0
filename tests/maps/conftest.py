"""Tiny inline documents for the map tests: our own sentences, with a hostile one."""

from __future__ import annotations

import pytest

from gazetteer.documents import Document, Event, StoredMention

HOSTILE = "<script>alert(1)</script>"

TEXT_ONE = (
    "Buses left Khankendi at dawn, a reporter wrote.\n\n"
    f"A reader pasted {HOSTILE} next to Stepanakert in a comment.\n"
    "Later the road to Shusha and to Goris reopened; ${alert(2)} `tick` \\u0041."
)
TEXT_TWO = "Talks in Baku mentioned Khankendi again."

PLACES = {
    "Khankendi": (146970, "Khankendi", 46.7528, 39.8177, "PPLA"),
    "Stepanakert": (146970, "Khankendi", 46.7528, 39.8177, "PPLA"),
    "Shusha": (585103, "Shusha", 46.74989, 39.76006, "PPLA2"),
    "Goris": (174710, "Goris", 46.33867, 39.50716, "PPLA"),
    "Baku": (587084, "Baku", 49.89201, 40.37767, "PPLC"),
}


def sentence_bounds(text: str, start: int) -> tuple[int, int]:
    """The line around ``start`` (our sample sentences are one per line)."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", start)
    return left, len(text) if right < 0 else right


def stored_mentions(document_id: int, text: str, surfaces: list[str]) -> list[StoredMention]:
    """Stored mentions of the given surfaces, in order, with their sentence as snippet."""
    found: list[StoredMention] = []
    position = 0
    for n, surface in enumerate(surfaces):
        start = text.index(surface, position)
        position = start + len(surface)
        place_id, name, lon, lat, code = PLACES[surface]
        left, right = sentence_bounds(text, start)
        found.append(
            StoredMention(
                document_id=document_id,
                n=n,
                start=start,
                end=position,
                surface=surface,
                place_id=place_id,
                place_name=name,
                lon=lon,
                lat=lat,
                feature_code=code,
                country="AZ",
                confidence=0.9,
                snippet=text[left:right],
                snippet_start=left,
            )
        )
    return found


@pytest.fixture
def documents() -> dict[int, Document]:
    """Two documents, the first with a hostile title and hostile text."""
    return {
        1: Document(id=1, text=TEXT_ONE, title=f"Road news {HOSTILE}", date="2023-09-19"),
        2: Document(id=2, text=TEXT_TWO, title="Talks"),
    }


@pytest.fixture
def mentions() -> list[StoredMention]:
    """Mentions of both documents: Khankendi three times (once as Stepanakert)."""
    return stored_mentions(1, TEXT_ONE, ["Khankendi", "Stepanakert", "Shusha", "Goris"]) + stored_mentions(
        2, TEXT_TWO, ["Baku", "Khankendi"]
    )


@pytest.fixture
def event() -> Event:
    """An event 3 km from Khankendi with a 15 km radius (Shusha inside, Goris and Baku outside)."""
    return Event(
        id=7,
        title=f"Shelling {HOSTILE}",
        date="2023-09-19",
        lon=46.77,
        lat=39.80,
        radius_km=15.0,
        place_id=146970,
        place_name="Khankendi",
        document_id=1,
        mention_n=0,
    )
