"""Spotting place names in running text with a dictionary of folded names.

The text is folded character by character (``scan_form``: lowercase, no
diacritics, every non-word character a space), so an offset in the folded text
is the same offset in the original.  Names are keyed the same way with single
spaces (``name_key``).  Spotting starts only at capitalised words (a lowercase
word is rarely a toponym in English news), looks the word up, and extends it
word by word while a longer name may follow: ``Upper-Karabakh`` folds to
``upper karabakh``, one name; ``Aghdam-Khankendi`` folds to ``aghdam
khankendi``, which is no name, so each word is spotted on its own.  Only
capitalised words cost a lookup, so most of the text is scanned by the regular
expression engine alone.

Candidates pass the surface rules (capitalisation, abbreviations), the longest
at each start wins, and the context rules of ``stoplists`` reject common
words, organisation and person names.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pickle
import re
from array import array
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir
from rapidfuzz import process
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
PSEUDO_LANGUAGES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "phon"})
"""GeoNames alternate-name "languages" that are codes or links, not names."""
COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLS", "PCLH", "CONT"})
"""Feature codes of countries and continents: misspellings of their names are looked for everywhere."""
MAX_KEY_LENGTH = 120
"""Longest name spotted, in characters."""
MISSPELLING_MIN = 6
"""Shortest word (and name) considered for a misspelling."""
F_ABBR, F_ABBR_ONLY, F_COMMON, F_LOWER_OK, F_DOT, F_PLAIN = 1, 2, 4, 8, 16, 32
"""Key flags: has an abbreviation (``US``), has nothing else, is a common word (``Nice``), has a
stored form with a lowercase word (``Lachin corridor``), has an abbreviation with a full stop
(``U.S.``); ``F_PLAIN`` (a name that is no abbreviation) is used while building only."""
_WORDS = re.compile(r"[^\W_]+")
_LOWER_WORD = re.compile(r"(?<=[\W_])([^\W\d_][^\W_]{3,})")
_UPPER = "".join(c for c in map(chr, range(0x10000)) if c.isupper() or c.istitle())
_WORD_START = re.compile(f"[{re.escape(_UPPER)}\u10d0-\u10ff][^\\W_]*")
"""A word starting with a capital letter (or a Georgian one: that script has no case)."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_FOLD = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() else 32 for c in range(256))
_OFFICIAL = re.compile(
    r"^(?:the )?(?:\w+ ){0,3}?(?:republic|state|kingdom|commonwealth|principality"
    r"|sultanate|duchy|federation|emirate) of (?:the )?(.+)$"
)
_Group = tuple[int, dict[int, bool]]
"""Of one key while building: its ``F_*`` bits, and place row -> is main name."""
_NAMES_SQL = (
    f"SELECT text, place_id, lang, preferred FROM names WHERE script IN ({','.join('?' * len(SCRIPTS))})"
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
    """All spottable names, and the candidate places of each."""

    keys: dict[str, int]
    """Folded name -> key id."""
    followers: dict[str, frozenset[str]]
    """Leading words of longer names -> the words that may come next (``nagorno`` -> ``karabakh``...)."""
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
        return self.keys.get(key)


@dataclass(slots=True)
class Spot:
    """A stretch of text that names a known place (a plain record: cheap to make by the thousand)."""

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
        self._suspects: dict[str, bool] = {}
        self._verdicts: dict[str, int] = {}
        self._countries_near: dict[str, tuple[int, float] | None] = {}

    def spot(self, text: str, *, misspellings: bool = True) -> list[Spot]:
        """Spots of ``text`` in text order, without overlaps; misspelled names too unless told not to."""
        scanned = scan_form(text)
        found, unknown = self._matches(text, scanned)
        spots = [spot for spot in found if not self.reason(text, spot)]
        if misspellings and unknown:
            extra = self._misspellings(text, scanned, spots, unknown)
            spots = sorted(spots + extra, key=lambda s: s.start) if extra else spots
        return spots

    def reason(self, text: str, spot: Spot) -> str:
        """Why a spot is rejected by the context rules, ``""`` when it is kept."""
        flags = self.dictionary.flags[spot.key]
        return self.rules.reason(
            text,
            spot.start,
            spot.end,
            common=bool(flags & F_COMMON),
            prominence=self.dictionary.best[spot.key],
            abbreviation=bool(flags & F_ABBR) and spot.surface.isupper(),
        )

    def _matches(self, text: str, scanned: str) -> tuple[list[Spot], list[tuple[int, int]]]:
        """Longest names at capitalised words, and the long capitalised words that are no name."""
        keys, followers = self.dictionary.keys, self.dictionary.followers
        found: list[Spot] = []
        unknown: list[tuple[int, int]] = []
        reach = 0
        for word in _WORD_START.finditer(text):
            start, end = word.span()
            if start < reach or start and scanned[start - 1] != " ":
                continue
            first = scanned[start:end]
            if first in followers:
                spot = self._longest_at(text, scanned, start, first)
            elif first in keys:
                spot = self._single(text, start, end, keys[first])
            else:
                if end - start >= MISSPELLING_MIN:
                    unknown.append((start, end))
                continue
            if spot is not None:
                found.append(spot)
                reach = spot.end
        return found, unknown

    def _single(self, text: str, start: int, end: int, key: int) -> Spot | None:
        """The spot of a one-word name, its surface verdict remembered across texts."""
        surface = text[start:end]
        verdict = self._verdicts.get(surface)
        if verdict is None:
            verdict = self._remember(surface, key, self._surface(text, start, end, key))
        if verdict == 1:
            return Spot(start, end, surface, key)
        return self._surface(text, start, end, key) if verdict == 2 else None

    def _remember(self, surface: str, key: int, spot: Spot | None) -> int:
        """Remember how a one-word surface fares: 0 rejected, 1 kept as is, 2 depends on the text."""
        if self.dictionary.flags[key] & F_DOT:
            verdict = 2
        else:
            verdict = 0 if spot is None else 1
        if len(self._verdicts) > 500_000:
            self._verdicts.clear()
        self._verdicts[surface] = verdict
        return verdict

    def _longest_at(self, text: str, scanned: str, start: int, first: str) -> Spot | None:
        """The longest name starting at ``start`` whose writing passes ``_surface``."""
        keys, followers = self.dictionary.keys, self.dictionary.followers
        end = start + len(first)
        found = [(end, keys[first])] if first in keys else []
        phrase, follow = first, followers.get(first)
        limit = min(len(scanned), start + MAX_KEY_LENGTH)
        while follow and end < limit and scanned[end] == " ":
            after = scanned.find(" ", end + 1, limit)
            after = limit if after < 0 else after
            word = scanned[end + 1 : after]
            if word not in follow:
                break
            phrase, end = f"{phrase} {word}", after
            if phrase in keys:
                found.append((end, keys[phrase]))
            follow = followers.get(phrase)
        if len(found) == 1 and found[0][0] == start + len(first):
            return self._single(text, start, found[0][0], found[0][1])
        for stop, key in reversed(found):
            spot = self._surface(text, start, stop, key)
            if spot is not None:
                return spot
        return None

    def _surface(self, text: str, start: int, end: int, key: int) -> Spot | None:
        """The spot if its writing fits the name: abbreviations in capitals, names capitalised."""
        flags = self.dictionary.flags[key]
        surface = text[start:end]
        if flags & F_ABBR and surface.isupper():
            if flags & F_DOT and text[end : end + 1] == ".":
                end, surface = end + 1, surface + "."
        elif flags & F_ABBR_ONLY:
            return None
        elif " " in surface or "-" in surface:
            if not flags & F_LOWER_OK and not self._title_words(surface):
                return None
        return Spot(start, end, surface, key)

    def _title_words(self, surface: str) -> bool:
        """Every word after the first is capitalised, short or a particle (``of``, ``on``)."""
        for word in _WORDS.findall(surface)[1:]:
            if word[0].islower() and len(word) >= 4 and word not in self.lists.particles:
                return False
        return True

    def _misspellings(
        self, text: str, scanned: str, spots: list[Spot], unknown: list[tuple[int, int]]
    ) -> list[Spot]:
        """Capitalised words one edit from a name spotted in ``text`` or from a country name.

        The evidence must be strong: the word is no known name, no common word,
        not a derived form (``Armenian``), and the name it is close to is either
        already named in the same text or a country (then the word has 7+ letters).
        """
        named = {
            scanned[s.start : s.end]: s.key
            for s in spots
            if s.end - s.start >= MISSPELLING_MIN and s.rule == "name"
        }
        named = {k: v for k, v in named.items() if " " not in k}
        found: list[Spot] = []
        verdicts: dict[str, tuple[int, float] | None] = {}
        for start, end in unknown:
            word = text[start:end]
            if word not in verdicts:
                near = self._near(scanned[start:end], named) if self._suspect(word) else None
                verdicts[word] = near
            verdict = verdicts[word]
            if verdict is not None:
                spot = Spot(start, end, word, verdict[0], "misspelling", verdict[1])
                if not self.reason(text, spot):
                    found.append(spot)
        return found

    def _suspect(self, word: str) -> bool:
        """Whether a capitalised word that is no name could be a misspelled one."""
        known = self._suspects.get(word)
        if known is None:
            key = name_key(word)
            lists = self.lists
            known = not (word.isupper() or lists.is_common(key) or lists.never_place(key))
            if len(self._suspects) > 500_000:
                self._suspects.clear()
            self._suspects[word] = known
        return known

    def _near(self, word: str, named: dict[str, int]) -> tuple[int, float] | None:
        """(key id, similarity) of the name ``word`` misspells, among ``named`` or the countries."""
        found = _closest(word, named) if named else None
        if found is None and len(word) >= 7:
            if word not in self._countries_near:
                if len(self._countries_near) > 500_000:
                    self._countries_near.clear()
                self._countries_near[word] = _closest(word, self.dictionary.countries)
            found = self._countries_near[word]
        return found


def _closest(word: str, names: dict[str, int]) -> tuple[int, float] | None:
    """(key id, similarity) of the name one edit from ``word``, not a derived form of it."""
    best = process.extractOne(word, names.keys(), scorer=OSA.distance, score_cutoff=1)
    if best is None:
        return None
    target = best[0]
    if target[0] != word[0] or word.startswith(target) or target.startswith(word):
        return None
    return names[target], round(1.0 - best[1] / max(len(target), len(word)), 3)


def build_dictionary(index: GazetteerIndex, lists: Stoplists) -> SpotDictionary:
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
        flags = _admit(text, key, lang, main, table.prominence[row], lists)
        if flags is None:
            continue
        group = groups.get(key)
        if group is None:
            groups[key] = (flags, {row: main})
        else:
            group[1][row] = group[1].get(row, False) or main
            groups[key] = (group[0] | flags, group[1])
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
    if lang in PSEUDO_LANGUAGES:
        return None
    abbr = lang == "abbr"
    if not abbr and (len(key) < 3 or len(key) <= 5 and text.isupper()):
        return None
    if len(key) >= MAX_KEY_LENGTH or lists.never_place(key) or key.replace(" ", "").isdigit():
        return None
    flags = F_ABBR if abbr else F_PLAIN
    if abbr and text.endswith("."):
        flags |= F_DOT
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


def _assemble(groups: dict[str, _Group], table: PlaceTable, places: list[Place]) -> SpotDictionary:
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
    return SpotDictionary(keys, frozen, flags, best, offsets, rows, main, table, countries)


def _key_flags(bits: int) -> int:
    if bits & F_ABBR and not bits & F_PLAIN:
        bits |= F_ABBR_ONLY
    return bits & ~F_PLAIN


def load_dictionary(index: GazetteerIndex, lists: Stoplists, cache_dir: Path | None = None) -> SpotDictionary:
    """The dictionary of ``index``, from a cache beside it (or in the user cache) when fresh."""
    paths = _cache_paths(index, lists, cache_dir)
    for path in paths:
        cached = _read_cache(path)
        if cached is not None:
            return cached
    built = build_dictionary(index, lists)
    for path in paths:
        if _write_cache(path, built):
            _remove_stale(path)
            break
    return built


def _remove_stale(current: Path) -> None:
    """Delete caches of the same index made by other versions of the code or word lists."""
    stem = current.name.split(".spotter-")[0]
    for stale in current.parent.glob(f"{glob.escape(stem)}.spotter-*.pickle"):
        if stale != current:
            stale.unlink(missing_ok=True)


def _cache_paths(index: GazetteerIndex, lists: Stoplists, cache_dir: Path | None) -> list[Path]:
    meta = index.meta()
    facts = [DICTIONARY_VERSION, _code_digest(), lists.digest, str(index.path.stat().st_size)]
    facts += [meta.get(k, "") for k in ("schema_version", "built", "sources")]
    digest = hashlib.sha1("\0".join(facts).encode()).hexdigest()[:16]
    name = f"{index.path.name}.spotter-{digest}.pickle"
    folders = [cache_dir] if cache_dir else [index.path.parent, Path(user_cache_dir(APP_NAME))]
    return [Path(folder) / name for folder in folders]


def _code_digest() -> str:
    """Hash of the code that builds the dictionary, so that a change invalidates caches."""
    from gazetteer import stoplists

    digest = hashlib.sha1()
    for module in (__file__, stoplists.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def _read_cache(path: Path) -> SpotDictionary | None:
    try:
        with open(path, "rb") as handle:
            fields = pickle.load(handle)
        fields["places"] = PlaceTable(**fields["places"])
        return SpotDictionary(**fields)
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError):
        return None


def _write_cache(path: Path, dictionary: SpotDictionary) -> bool:
    fields = {name: getattr(dictionary, name) for name in SpotDictionary.__slots__}
    fields["places"] = {name: getattr(dictionary.places, name) for name in PlaceTable.__slots__}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump(fields, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
