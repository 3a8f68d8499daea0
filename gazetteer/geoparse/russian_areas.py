"""Russian place adjectives: a place when a generic head follows, and then the area they name with it.

Russian names districts, provinces, corridors and seas by an adjective of a
place and a generic noun: ``Кельбаджарский район`` (Kalbajar District),
``Лачинский коридор``, ``Каспийское море``, declined together
(``Кельбаджарского района``, ``на Лачинском коридоре``).  Without such a
noun the adjective names no place (``азербайджанская сторона``, "the
Azerbaijani side", as English gold leaves ``Azerbaijani`` out).  So a spot
that is a place adjective (``ADJECTIVE``) is:

- the area, when the nominative of the adjective and its head together
  (gender from the head: ``HEADS``) is a name of the gazetteer, or the
  stem in Latin letters with the head's English word (``Syunik Province``
  for ``Сюникской области``, where the gazetteer has no Russian name); the span
  covers the adjective alone before an administrative head, which stays
  outside the name as a lowercase generic word does in English (``Idlib
  province``), and the two words before any other (``Каспийскому морю``);
- the place of the adjective's stem, when a head follows but the pair is no
  name (``Шушинский район`` of a gazetteer without it);
- no place, when no head follows.

Between an adjective and its head may stand other adjectives joined by
``и``, ``или`` or commas (``Джебраильского и Зангиланского районов``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gazetteer.geoparse.inflection import ADJECTIVE, adjective_bases, russian_nouns
from gazetteer.geoparse.name_dictionary import SpotDictionary
from gazetteer.geoparse.scan_form import name_key
from gazetteer.geoparse.spotting import INFLECTION, Spot
from gazetteer.normalize import romanize


class Head(NamedTuple):
    """What a generic noun after a place adjective is."""

    gender: str
    """``m``, ``f`` or ``n``: the adjective's nominative agrees with it."""
    administrative: bool
    """Whether it names an administrative area (then the span keeps to the adjective)."""
    english: tuple[str, ...]
    """The English generic words the gazetteer writes such names with (``Syunik Province``)."""


HEADS = {
    "район": Head("m", True, ("District", "Rayon")),
    "область": Head("f", True, ("Province", "Region", "Oblast")),
    "край": Head("m", True, ("Krai", "Territory")),
    "округ": Head("m", True, ("Okrug", "District")),
    "республика": Head("f", True, ("Republic",)),
    "уезд": Head("m", True, ("Uyezd", "District")),
    "губерния": Head("f", True, ("Governorate",)),
    "коридор": Head("m", False, ("corridor",)),
    "море": Head("n", False, ("Sea",)),
    "озеро": Head("n", False, ("Lake",)),
    "водохранилище": Head("n", False, ("Reservoir",)),
    "хребет": Head("m", False, ("Range", "Mountains")),
    "перевал": Head("m", False, ("Pass",)),
    "залив": Head("m", False, ("Gulf", "Bay")),
    "нагорье": Head("n", False, ("Highlands", "Plateau")),
}
"""Generic nouns after a place adjective (their nominative) -> what they are."""
NOMINATIVE = {"m": "ий", "f": "ая", "n": "ое"}
"""The nominative singular ending of an adjective in ``-ский`` by the gender of its noun."""
_NEXT_WORD = re.compile(r"[ \t]*(,?)[ \t]*([^\W\d_]+)")
"""The next word, and the comma before it if any."""
_JOINS = frozenset({"и", "или"})
LOOKAHEAD = 4
"""Words looked at after an adjective for its head (other adjectives and joining words between)."""


class RussianAreas:
    """Applies the rules above to a document's spots."""

    def __init__(self, dictionary: SpotDictionary) -> None:
        self.dictionary = dictionary

    def apply(self, text: str, spots: list[Spot]) -> list[Spot]:
        """``spots`` with their place adjectives read as above."""
        kept = []
        for spot in spots:
            adjective = ADJECTIVE.fullmatch(spot.surface) if spot.rule == INFLECTION else None
            if adjective is None or spot.name not in adjective_bases(spot.surface):
                kept.append(spot)  # no adjective, or a noun's case form (``Минском`` of ``Минск``)
                continue
            head = _head(text, spot.end)
            if head is None:
                continue
            kind, head_end, noun = head
            adjective_name = f"{adjective.group(1)}{adjective.group(2)}{NOMINATIVE[kind.gender]}"
            names = (f"{adjective_name} {noun}", *(f"{romanize(spot.name).title()} {word}" for word in kind.english))
            found = next(
                ((key, name) for name in names if (key := self.dictionary.phrase(name_key(name)).key) >= 0), None
            )
            if found is not None:
                spot.key, spot.name = found[0], found[1][:1].upper() + found[1][1:]
                if not kind.administrative and head_end is not None:
                    spot.end, spot.surface = head_end, text[spot.start : head_end]
            kept.append(spot)
        return kept

    def _named(self, *names: str) -> tuple[int, str] | None:
        """The key id of the first of ``names`` that is a name, and that name; ``None`` for none."""
        for name in names:
            key = self.dictionary.phrase(name_key(name)).key
            if key >= 0:
                return key, name
        return None


def _head(text: str, end: int) -> tuple[Head, int | None, str] | None:
    """The head after the adjective ending at ``end``: its gender and kind, its end when it follows the
    adjective at once (``None`` when other words stand between) and its nominative; ``None`` for none."""
    at = end
    for n in range(LOOKAHEAD):
        found = _NEXT_WORD.match(text, at)
        if found is None:
            return None
        word = found.group(2)
        for noun in russian_nouns(word):
            if noun in HEADS:
                return HEADS[noun], found.end() if n == 0 and not found.group(1) else None, noun
        if not (word.lower() in _JOINS or ADJECTIVE.fullmatch(word)):
            return None
        at = found.end()
    return None
