"""Building the spotting dictionary from every name of an index.

Names are keyed by ``name_key`` and filtered: codes and links, very short
names, all-caps short forms, demonyms, dates and institutions are dropped; a
name that opens with the English article is keyed without it too, unless the
rest is an everyday word (``The Netherlands``, not ``The Valley``); a common
English word (``Nice``) stays only as the main name of a prominent place; an
official form (``Republic of Azerbaijan``) gives way to its core name when
both name one place.  Each key keeps its best known candidates.
"""

from __future__ import annotations

import re
from array import array

from gazetteer.geoparse.name_dictionary import (
    F_ABBR,
    F_ABBR_ONLY,
    F_COMMON,
    F_DOT,
    F_LOWER_OK,
    F_PLAIN,
    F_QUALIFIER,
    MAX_KEY_LENGTH,
    MemoryNames,
    PlaceTable,
    SpotDictionary,
)
from gazetteer.geoparse.scan_form import name_key
from gazetteer.geoparse.stoplists import Stoplists
from gazetteer.index import GazetteerIndex
from gazetteer.ranking import prominence
from gazetteer.records import ABBREVIATION, PSEUDO_LANGUAGES, Place

SCRIPTS = ("Latn", "Cyrl", "Armn", "Geor", "Grek")
"""Scripts whose names are spotted: the ones written with spaces between words."""
MAX_CANDIDATES = 12
"""Places kept per name, best known first."""
COMMON_MIN_PROMINENCE = 0.7
"""A common English word is a name only of a place at least this prominent, by its main name."""
COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLH", "CONT"})
"""Feature codes of countries and continents: misspellings of their names are looked for everywhere."""
FIRST_LEVEL = "ADM1"
"""Feature code of the divisions whose abbreviations are taken as qualifiers only (``F_QUALIFIER``)."""
_ARTICLE = "the "
"""The English article that opens some names (``The Netherlands``, ``The Hague``), folded."""
_LOWER_WORD = re.compile(r"(?<=[\W_])([^\W\d_][^\W_]{3,})")
_OFFICIAL = re.compile(
    r"^(?:the )?(?:\w+ ){0,3}?(?:republic|state|kingdom|commonwealth|principality"
    r"|sultanate|duchy|federation|emirate) of (?:the )?(.+)$"
)
_Group = tuple[int, dict[int, bool]]
"""Of one key while building: its ``F_*`` bits, and place row -> is main name."""
_NAMES_SQL = f"SELECT text, place_id, lang, preferred FROM names WHERE script IN ({','.join('?' * len(SCRIPTS))})"


def build_dictionary(index: GazetteerIndex, lists: Stoplists) -> SpotDictionary:
    """The spotting dictionary of ``index``, built in memory (``build_names``)."""
    return build_names(index, lists).dictionary()


def build_names(index: GazetteerIndex, lists: Stoplists) -> MemoryNames:
    """Build the spotting dictionary from every name of ``index`` (some 15 s for the embedded default)."""
    places = list(index.iter_places())
    table = _place_table(places)
    main_keys = [name_key(place.name) for place in places]
    row_of = {place.id: row for row, place in enumerate(places)}
    groups: dict[str, _Group] = {}
    for text, place_id, lang, preferred in index.db.execute(_NAMES_SQL, SCRIPTS):
        row = row_of.get(place_id)
        if row is None:
            continue
        key = name_key(text)
        main = key == main_keys[row] or bool(preferred)
        division = places[row].feature_code == FIRST_LEVEL
        for spotted in _without_article(key, lists):
            flags = _admit(text, spotted, lang, main, table.prominence[row], lists, division=division)
            if flags is None:
                continue
            group = groups.get(spotted)
            if group is None:
                groups[spotted] = (flags, {row: main})
            else:
                group[1][row] = group[1].get(row, False) or main
                groups[spotted] = (group[0] | flags, group[1])
    _drop_official_forms(groups)
    return _assemble(groups, table, places)


def _place_table(places: list[Place]) -> PlaceTable:
    return PlaceTable(
        ids=array("q", (p.id for p in places)),
        lon=array("d", (p.lon for p in places)),
        lat=array("d", (p.lat for p in places)),
        prominence=array("f", (prominence(p) for p in places)),
        country=[p.country for p in places],
    )


def _without_article(key: str, lists: Stoplists) -> tuple[str, ...]:
    """``key``, and without its English article when it has one and the rest is no everyday word:
    running text writes ``the Netherlands``, and a lowercase word opens no spot (``The Valley`` stays
    whole)."""
    core = key.removeprefix(_ARTICLE)
    return (key, core) if core != key and len(core) >= 3 and not lists.is_common(core) else (key,)


def _admit(
    text: str, key: str, lang: str, main: bool, prom: float, lists: Stoplists, *, division: bool = False
) -> int | None:
    """``F_*`` bits of a name worth spotting, ``None`` for one that is not (``division``: of a first-level one)."""
    if lang in PSEUDO_LANGUAGES:
        return None
    abbr = lang == ABBREVIATION
    if not abbr and (len(key) < 3 or (len(key) <= 5 and text.isupper())):
        return None
    if len(key) >= MAX_KEY_LENGTH or lists.never_place(key) or key.replace(" ", "").isdigit():
        return None
    flags = F_ABBR if abbr else F_PLAIN
    if abbr and text.endswith("."):
        flags |= F_DOT
    if abbr and division:
        flags |= F_QUALIFIER
    if lists.is_common(key):
        if not abbr and (not main or prom < COMMON_MIN_PROMINENCE):
            return None
        flags |= F_COMMON
    if " " in key and _has_lowercase_word(text, lists):
        flags |= F_LOWER_OK
    return flags


def _has_lowercase_word(text: str, lists: Stoplists) -> bool:
    """Whether a word after the first is lowercase, long, and no particle (``Lachin corridor``)."""
    return any(w[0].islower() and w not in lists.particles for w in _LOWER_WORD.findall(text))


def _drop_official_forms(groups: dict[str, _Group]) -> None:
    """``Republic of Azerbaijan`` is spotted as ``Azerbaijan`` when both name one place."""
    for key in list(groups):
        match = _OFFICIAL.match(key)
        core = groups.get(match.group(1)) if match else None
        if core is None:
            continue
        rows = groups[key][1]
        for row in rows.keys() & core[1].keys():
            del rows[row]
        if not rows:
            del groups[key]


def _assemble(groups: dict[str, _Group], table: PlaceTable, places: list[Place]) -> MemoryNames:
    keys: dict[str, int] = {}
    followers: dict[str, set[str]] = {}
    flags, best = array("B"), array("f")
    offsets, rows, main = array("I"), array("I"), array("B")
    countries: dict[str, int] = {}
    country_rows = {row for row, place in enumerate(places) if place.feature_code in COUNTRY_CODES}
    for key_id, (key, (bits, members)) in enumerate(groups.items()):
        ranked = list(members.items())
        if len(ranked) > 1:
            ranked.sort(key=lambda m: (-m[1], -table.prominence[m[0]], m[0]))
            del ranked[MAX_CANDIDATES:]
        keys[key] = key_id
        words = key.split(" ")
        for n in range(1, len(words)):
            followers.setdefault(" ".join(words[:n]), set()).add(words[n])
        flags.append(_key_flags(bits))
        best.append(max(table.prominence[row] for row, _ in ranked))
        offsets.append(len(rows))
        rows.extend(row for row, _ in ranked)
        main.extend(int(is_main) for _, is_main in ranked)
        if any(is_main and row in country_rows for row, is_main in ranked):
            countries[key] = key_id
    offsets.append(len(rows))
    frozen = {phrase: frozenset(words) for phrase, words in followers.items()}
    return MemoryNames(keys, frozen, flags, best, offsets, rows, main, table, countries)


def _key_flags(bits: int) -> int:
    if bits & F_ABBR and not bits & F_PLAIN:
        bits |= F_ABBR_ONLY
    return bits & ~F_PLAIN
