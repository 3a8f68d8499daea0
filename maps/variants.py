"""The few spellings of a place shown on the map beside its main name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from gazetteer.records import Name, Place

LANGUAGE_ORDER = ("az", "hy", "ru", "en", "tr", "ka", "fa")
"""Languages whose names are shown first, in this order."""

NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "tcid"})
"""GeoNames pseudo-languages whose entries are codes or URLs, not names."""

Variants = Mapping[int, Sequence[str]]
"""Place id to the labels of its main variants, as given to the map builders."""


def variant_label(name: Name) -> str:
    """``Ханкенди (ru)``, ``Stepanakert (hy, historic)``: the name with its language and flags."""
    notes = [note for note in (name.lang, *name.flags()) if note and note != "preferred"]
    return f"{name.text} ({', '.join(notes)})" if notes else name.text


def _rank(item: tuple[int, Name]) -> tuple[int, int, int]:
    position, name = item
    lang = LANGUAGE_ORDER.index(name.lang) if name.lang in LANGUAGE_ORDER else len(LANGUAGE_ORDER)
    return (0 if name.preferred else 1, lang, position)


def main_variants(place: Place, limit: int = 6) -> tuple[str, ...]:
    """Up to ``limit`` labelled spellings other than the main name, preferred and regional first."""
    seen = {place.name.casefold()}
    chosen: list[str] = []
    for _, name in sorted(enumerate(place.names), key=_rank):
        key = name.text.casefold()
        if name.lang in NOT_NAMES or key in seen or "://" in name.text:
            continue
        seen.add(key)
        chosen.append(variant_label(name))
        if len(chosen) == limit:
            break
    return tuple(chosen)


def variants_of(places: Iterable[Place], limit: int = 6) -> dict[int, tuple[str, ...]]:
    """Main variants of each place, by place id."""
    return {place.id: main_variants(place, limit) for place in places}
