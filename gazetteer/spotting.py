"""Spotting place names in running text with an Aho-Corasick automaton.

The text is folded character by character (``scan_form``: lowercase, no
diacritics, every non-word character a space), so an offset in the folded text
is the same offset in the original.  Keys are the names folded the same way,
padded with a space on each side, and the folded text is padded too: every
match therefore starts and ends on a word boundary.  ``Aghdam-Khankendi`` folds
to ``aghdam khankendi`` and gives two matches; ``Upper-Karabakh`` gives the
name ``upper karabakh``.

Matches then pass the surface rules (capitalisation, abbreviations), the
longest leftmost ones are kept, and the context rules of ``stoplists`` reject
common words, organisation and person names.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from array import array
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

import ahocorasick
from platformdirs import user_cache_dir
from rapidfuzz.distance import OSA

from gazetteer.index import GazetteerIndex
from gazetteer.normalize import fold_char
from gazetteer.ranking import prominence
from gazetteer.records import Place
from gazetteer.settings import APP_NAME
from gazetteer.stoplists import FalseHitRules, Stoplists

DICTIONARY_VERSION = "1"
"""Bump when the dictionary format or its filters change (invalidates caches)."""
SCRIPTS = ("Latn", "Cyrl", "Armn", "Geor", "Grek")
"""Scripts whose names are spotted: the ones written with spaces between words."""
MAX_CANDIDATES = 12
"""Places kept per name, best known first."""
COMMON_MIN_PROMINENCE = 0.7
"""A common English word is a name only of a place at least this prominent, by its main name."""
COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLH", "CONT"})
F_ABBR, F_ABBR_ONLY, F_COMMON, F_LOWER_OK, F_DOT, F_PLAIN = 1, 2, 4, 8, 16, 32
_WORDS = re.compile(r"[^\W_]+")
_LOWER_WORD = re.compile(r"(?<=[\W_])([^\W\d_A-Z][^\W_]{3,})")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_FOLD = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() else 32 for c in range(256))
_OFFICIAL = re.compile(
    r"^(?:the )?(?:\w+ ){0,3}?(?:republic|state|kingdom|commonwealth|principality"
    r"|sultanate|duchy|federation|emirate) of (?:the )?(.+)$"
)
_NAMES_SQL = (
    "SELECT text, place_id, lang, preferred FROM names WHERE script IN "
    f"({','.join('?' * len(SCRIPTS))})"
)


class _FoldTable(dict[int, str]):
    """Character fold for scanning, filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold_char(char) if char.isalnum() else " "
        value = folded if len(folded) == 1 else char
        self[code] = value
        return value


_TABLE = _FoldTable()


def scan_form(text: str) -> str:
    """``text`` lowercased, without diacritics, non-word characters as spaces; same length."""
    if not text.isascii():
        for char in set(_NON_ASCII.findall(text)):
            text = text.replace(char, _TABLE[ord(char)])
        if not text.isascii():
            return text.translate(_TABLE)
    return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")


def name_key(name: str) -> str:
    """The dictionary key of a name: its scan form with single spaces."""
    return " ".join(scan_form(name).split())


@dataclass(slots=True)
class PlaceTable:
    """What disambiguation needs of every place, by row number."""

    ids: array
    """Place id of each row."""
    lon: array
    """Longitude of each row."""
    lat: array
    """Latitude of each row."""
    prominence: array
    """``ranking.prominence`` of each row."""
    country: list[str]
    """Country code of each row (``""`` for none)."""


@dataclass(slots=True)
class SpotDictionary:
    """The automaton over all spottable names and the candidates of each name."""

    automaton: Any
    """``ahocorasick.Automaton``: `` key `` -> key id."""
    key_length: array
    """Length of each key."""
    flags: array
    """``F_*`` bits of each key."""
    best: array
    """Highest prominence among the candidates of each key."""
    offsets: array
    """Candidates of key ``k`` are ``rows[offsets[k]:offsets[k + 1]]``."""
    rows: array
    """Candidate place rows, best known first within each key."""
    main: array
    """1 where the key is the candidate's main or preferred name."""
    places: PlaceTable
    """The places, by row."""
    countries: dict[str, int]
    """Keys of country and continent main names (targets for misspellings)."""

    def candidates(self, key: int) -> list[tuple[int, bool]]:
        """(place row, is main name) of a key, best known first."""
        lo, hi = self.offsets[key], self.offsets[key + 1]
        return [(self.rows[i], bool(self.main[i])) for i in range(lo, hi)]

    def key_id(self, key: str) -> int | None:
        """Id of a folded key, ``None`` when it is not spottable."""
        found = self.automaton.get(f" {key} ", None)
        return None if found is None else int(found)


@dataclass(frozen=True, slots=True)
class Spot:
    """A stretch of text that names a known place."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character: ``text[start:end]`` is the surface."""
    surface: str
    """The text as written."""
    key: int
    """Id of the folded name in the spotting dictionary (its candidates)."""
    rule: str = "name"
    """Why it was spotted: ``name`` (dictionary), ``misspelling`` or ``entity`` (NER)."""
    similarity: float = 1.0
    """How close the surface is to the name, 1.0 unless ``misspelling``."""


class Spotter:
    """Finds the spots of a text."""

    def __init__(self, dictionary: SpotDictionary, lists: Stoplists) -> None:
        self.dictionary = dictionary
        self.lists = lists
        self.rules = FalseHitRules(lists)

    def spot(self, text: str) -> list[Spot]:
        """Spots of ``text``, in text order, without overlaps."""
        kept = _longest(self._matches(text))
        return [spot for spot in kept if not self.reason(text, spot)]

    def reason(self, text: str, spot: Spot) -> str:
        """Why a spot is rejected by the context rules, ``""`` when it is kept."""
        flags = self.dictionary.flags[spot.key]
        return self.rules.reason(
            text,
            spot.start,
            spot.end,
            common=bool(flags & F_COMMON),
            prominence=self.dictionary.best[spot.key],
        )

    def _matches(self, text: str) -> list[Spot]:
        padded = " " + scan_form(text) + " "
        lengths = self.dictionary.key_length
        found = []
        for last, key in self.dictionary.automaton.iter(padded):
            end = last - 1
            start = end - lengths[key]
            if text[start].isupper() or not text[start].islower() and text[start].isalpha():
                found.append((start, end, key))
        return [spot for spot in map(self._surface, [text] * len(found), found) if spot]

    def _surface(self, text: str, match: tuple[int, int, int]) -> Spot | None:
        start, end, key = match
        flags = self.dictionary.flags[key]
        surface = text[start:end]
        letters = sum(len(w) for w in _WORDS.findall(surface))
        if surface.isupper() and letters <= 4:
            if not flags & F_ABBR:
                return None
            if flags & F_DOT and text[end : end + 1] == ".":
                end, surface = end + 1, surface + "."
        elif flags & F_ABBR_ONLY:
            return None
        elif not flags & F_LOWER_OK and not self._title_words(surface):
            return None
        return Spot(start, end, surface, key)

    def _title_words(self, surface: str) -> bool:
        """Every word after the first is capitalised, short or a particle (``of``, ``on``)."""
        for word in _WORDS.findall(surface)[1:]:
            if word[0].islower() and len(word) >= 4 and word not in self.lists.particles:
                return False
        return True


def _longest(spots: list[Spot]) -> list[Spot]:
    """The leftmost longest spots that do not overlap."""
    chosen: list[Spot] = []
    reach = -1
    for spot in sorted(spots, key=lambda s: (s.start, -s.end)):
        if spot.start >= reach:
            chosen.append(spot)
            reach = spot.end
    return chosen


def build_dictionary(index: GazetteerIndex, lists: Stoplists) -> SpotDictionary:
    """Build the spotting dictionary from every name of ``index`` (a few seconds per million)."""
    places = list(index.iter_places())
    table = _place_table(places)
    main_keys = [name_key(place.name) for place in places]
    row_of = {place.id: row for row, place in enumerate(places)}
    groups: dict[str, tuple[list[int], dict[int, bool]]] = {}
    for text, place_id, lang, preferred in index.db.execute(_NAMES_SQL, SCRIPTS):
        row = row_of.get(place_id)
        if row is None:
            continue
        key = name_key(text)
        main = key == main_keys[row] or bool(preferred)
        flags = _admit(text, key, lang, main, table.prominence[row], lists)
        if flags is not None:
            bits, rows = groups.setdefault(key, ([0], {}))
            bits[0] |= flags
            rows[row] = rows.get(row, False) or main
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


def _admit(text: str, key: str, lang: str, main: bool, prom: float, lists: Stoplists) -> int | None:
    """``F_*`` bits of a name worth spotting, ``None`` for one that is not."""
    abbr = lang == "abbr"
    if not abbr and (len(key) < 3 or len(key) <= 5 and text.isupper()):
        return None
    if len(key) > 120 or lists.never_place(key) or key.replace(" ", "").isdigit():
        return None
    flags = F_ABBR if abbr else F_PLAIN
    if abbr and text.endswith("."):
        flags |= F_DOT
    if lists.is_common(key):
        if not main or prom < COMMON_MIN_PROMINENCE:
            return None
        flags |= F_COMMON
    if " " in key and _has_lowercase_word(text, lists):
        flags |= F_LOWER_OK
    return flags


def _has_lowercase_word(text: str, lists: Stoplists) -> bool:
    """Whether a word after the first is lowercase, long, and no particle (``Lachin corridor``)."""
    return any(w not in lists.particles for w in _LOWER_WORD.findall(text))


def _drop_official_forms(groups: dict[str, tuple[list[int], dict[int, bool]]]) -> None:
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


def _assemble(
    groups: dict[str, tuple[list[int], dict[int, bool]]], table: PlaceTable, places: list[Place]
) -> SpotDictionary:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    lengths, flags, best = array("I"), array("B"), array("f")
    offsets, rows, main = array("I"), array("I"), array("B")
    countries: dict[str, int] = {}
    country_rows = {row for row, place in enumerate(places) if place.feature_code in COUNTRY_CODES}
    for key_id, (key, (bits, members)) in enumerate(groups.items()):
        ranked = list(members.items())
        if len(ranked) > 1:
            ranked.sort(key=lambda m: (-m[1], -table.prominence[m[0]], m[0]))
            del ranked[MAX_CANDIDATES:]
        automaton.add_word(f" {key} ", key_id)
        lengths.append(len(key))
        flags.append(_key_flags(bits[0]))
        best.append(max(table.prominence[row] for row, _ in ranked))
        offsets.append(len(rows))
        rows.extend(row for row, _ in ranked)
        main.extend(int(is_main) for _, is_main in ranked)
        if any(is_main and row in country_rows for row, is_main in ranked):
            countries[key] = key_id
    offsets.append(len(rows))
    automaton.make_automaton()
    return SpotDictionary(automaton, lengths, flags, best, offsets, rows, main, table, countries)


def _key_flags(bits: int) -> int:
    if bits & F_ABBR and not bits & F_PLAIN:
        bits |= F_ABBR_ONLY
    return bits & ~F_PLAIN


def load_dictionary(
    index: GazetteerIndex, lists: Stoplists, cache_dir: Path | None = None
) -> SpotDictionary:
    """The dictionary of ``index``, from a cache beside it (or in the user cache) when fresh."""
    paths = _cache_paths(index, lists, cache_dir)
    for path in paths:
        cached = _read_cache(path)
        if cached is not None:
            return cached
    built = build_dictionary(index, lists)
    for path in paths:
        if _write_cache(path, built):
            break
    return built


def _cache_paths(index: GazetteerIndex, lists: Stoplists, cache_dir: Path | None) -> list[Path]:
    meta = index.meta()
    facts = [DICTIONARY_VERSION, lists.digest, str(index.path.stat().st_size)]
    facts += [meta.get(k, "") for k in ("schema_version", "built", "sources")]
    digest = hashlib.sha1("\0".join(facts).encode()).hexdigest()[:16]
    name = f"{index.path.name}.spotter-{digest}.pickle"
    folders = [cache_dir] if cache_dir else [index.path.parent, Path(user_cache_dir(APP_NAME))]
    return [Path(folder) / name for folder in folders]


def _read_cache(path: Path) -> SpotDictionary | None:
    try:
        with open(path, "rb") as handle:
            fields = pickle.load(handle)
        *head, places_fields, countries = fields
        return SpotDictionary(*head, PlaceTable(*places_fields), countries)
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
        return None


def _write_cache(path: Path, dictionary: SpotDictionary) -> bool:
    fields = [getattr(dictionary, f) for f in SpotDictionary.__slots__]
    fields[-2] = astuple(dictionary.places)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump(fields, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
