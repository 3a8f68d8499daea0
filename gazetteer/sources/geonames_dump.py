"""The GeoNames dump files (``allCountries``, a country extract, alternate names) as a source.

Every file is read as a stream of lines, from the ``.txt`` or straight out of
its ``.zip``, so memory stays flat on the 12-million-row ``allCountries.txt``
and the ~16-million-row ``alternateNamesV2.txt``.  The files and their columns
are described in https://download.geonames.org/export/dump/readme.txt.

What goes where:

* ``allCountries.txt`` / ``XX.txt`` (19 columns): one ``Place`` per row, with
  the main ``name`` (marked preferred) and the ``asciiname`` as names.  Rows
  with the wrong column count, a non-numeric id, latitude or longitude, a
  position out of range, an empty name or bytes that are not UTF-8 are skipped
  and counted (meta ``geonames.malformed_rows``).
* ``alternateNamesV2.txt`` (10 columns; the older 8-column file is accepted
  too): one ``Name`` per row with its language, flags and ``from``/``to``.
  Codes that are not languages (links, Wikidata ids, postal, airport and
  station codes, phonetic and pinyin aids: ``PSEUDO_LANGUAGES``, and any other
  bare code of four or more letters) are left out; ``abbr`` rows are kept as
  short names without a language and ``fr_1793`` rows as historic French
  names.  When this file is given, the ``alternatenames`` column of the
  geoname file (a language-less subset of it) is not used; otherwise that
  column gives extra names with ``lang=""``.
* First- and second-level divisions are rows of feature class ``A`` (codes
  ``ADM1``, ``ADM2``) with their admin1 and admin2 codes (columns 11 and 12),
  and every place keeps its admin2 code: when the build finishes, the writer
  links each place to its ADM2, else its ADM1, else its country, by those
  codes.  Points are GeoNames' own (``point_source`` ``geonames``).
* ``admin1CodesASCII.txt``: ``(country, code, name)`` rows for the index's
  ``admin1`` table, from which the writer fills ``places.admin1_name``.
* ``admin2Codes.txt`` (``AZ.35.147212``, name, ASCII name, geonameid): the
  names become names of the ADM2 place of that geonameid when it is loaded.
* ``countryInfo.txt``: each country's English name becomes an extra ``en``
  name of the country's own place (the row's ``geonameid``, e.g. the ``PCLI``
  feature) when that place is loaded, and the ISO code → name table is
  recorded as JSON in the meta key ``geonames.country_names``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path

from gazetteer.errors import DataError
from gazetteer.index import IndexWriter
from gazetteer.records import ABBREVIATION, PSEUDO_LANGUAGES, Name, Place, Point

GEONAME_COLUMNS = 19
"""Columns of a row of ``allCountries.txt`` and of the country extracts."""


_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
_READ_BUFFER = 1 << 20
_ID_BITMAP_LIMIT = 1 << 28
SOURCE_URL = "https://www.geonames.org/"
"""Prefix of a place's page; the GeoNames id follows."""
POINT_SOURCE = "geonames"
"""``point_source`` of a place at its own GeoNames coordinates."""


@dataclass(slots=True)
class LoadStats:
    """Counts of one load, recorded in the index metadata under ``geonames.*``."""

    places: int = 0
    """Rows of the geoname file loaded as places."""
    malformed_rows: int = 0
    """Rows of the geoname file skipped as malformed."""
    alternate_names: int = 0
    """Alternate names handed to the writer."""
    malformed_alternate_names: int = 0
    """Rows of the alternate-names file skipped as malformed."""
    unknown_place_names: int = 0
    """Alternate names skipped because their place is not loaded."""
    pseudo_language_names: int = 0
    """Alternate names skipped because their ``isolanguage`` is a code, not a language."""
    admin1: int = 0
    """Admin1 rows read."""
    admin2: int = 0
    """Admin2 rows read."""
    countries: int = 0
    """Countries read from ``countryInfo.txt``."""

    def as_meta(self) -> dict[str, str]:
        """The counts as ``geonames.<field>`` meta entries."""
        return {f"geonames.{f.name}": str(getattr(self, f.name)) for f in fields(self)}


class IdSet:
    """Which GeoNames ids are loaded: a bitmap (1 bit per id), a set for outliers."""

    def __init__(self) -> None:
        self._bits = bytearray()
        self._outliers: set[int] = set()

    def add(self, place_id: int) -> None:
        """Mark an id as loaded."""
        if place_id >= _ID_BITMAP_LIMIT or place_id < 0:
            self._outliers.add(place_id)
            return
        byte = place_id >> 3
        if byte >= len(self._bits):
            self._bits.extend(bytes(max(byte + 1, 2 * len(self._bits)) - len(self._bits)))
        self._bits[byte] |= 1 << (place_id & 7)

    def __contains__(self, place_id: int) -> bool:
        byte = place_id >> 3
        if 0 <= byte < len(self._bits):
            return bool(self._bits[byte] & (1 << (place_id & 7)))
        return place_id in self._outliers


@contextmanager
def open_lines(path: Path) -> Iterator[Iterable[bytes]]:
    """The raw lines of a dump file, or of the ``.txt`` inside its ``.zip``, streamed."""
    if not path.is_file():
        raise DataError(f"GeoNames file not found: {path}")
    if path.suffix.lower() != ".zip":
        with path.open("rb", buffering=_READ_BUFFER) as stream:
            yield stream
        return
    try:
        with zipfile.ZipFile(path) as archive, archive.open(_member(archive, path)) as raw:
            yield io.BufferedReader(raw, buffer_size=_READ_BUFFER)  # type: ignore[type-var]
    except (zipfile.BadZipFile, EOFError) as error:
        raise DataError(f"{path} is not a readable zip archive: {error}") from error


def _member(archive: zipfile.ZipFile, path: Path) -> str:
    names = [name for name in archive.namelist() if name.lower().endswith(".txt")]
    for name in names:
        if Path(name).stem.lower() == path.stem.lower():
            return name
    data = [name for name in names if not Path(name).stem.lower().startswith(("readme", "iso-"))]
    if len(data) != 1:
        raise DataError(f"{path}: expected one data .txt inside, found {sorted(names)}")
    return data[0]


def _columns(raw: bytes) -> list[str] | None:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return line.rstrip("\r\n").lstrip("\ufeff").split("\t")


def parse_geoname(raw: bytes, *, with_alternates: bool) -> Place | None:
    """One row of a geoname file as a ``Place``, or ``None`` when it is malformed."""
    cols = _columns(raw)
    if cols is None or len(cols) != GEONAME_COLUMNS or not cols[1]:
        return None
    try:
        place_id, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
    except ValueError:
        return None
    if place_id <= 0 or not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    names = [Name(cols[1], preferred=True, source="geonames")]
    if cols[2] and cols[2] != cols[1]:
        names.append(Name(cols[2], source="geonames"))
    if with_alternates and cols[3]:
        names.extend(Name(text, source="geonames") for text in cols[3].split(",") if text)
    return Place(
        id=place_id,
        name=cols[1],
        point=Point(lon, lat),
        feature_class=cols[6],
        feature_code=cols[7],
        country=cols[8],
        admin1=cols[10],
        population=_integer(cols[14]),
        names=tuple(names),
        source="geonames",
        source_url=f"{SOURCE_URL}{place_id}",
        admin2=cols[11],
        point_source=POINT_SOURCE,
    )


def _integer(text: str) -> int:
    try:
        return int(text) if text else 0
    except ValueError:
        return 0


def language_of(code: str) -> tuple[str, bool, bool] | None:
    """(lang, short, historic) for an ``isolanguage`` value, ``None`` for a non-name code.

    ISO 639 codes (``az``, ``hy``, ``zh-CN``) and the empty code are kept as they
    are; ``abbr`` becomes a short name and ``fr_1793`` a historic French one;
    ``PSEUDO_LANGUAGES`` and any other code are not names.
    """
    if code in PSEUDO_LANGUAGES:
        return None
    if not code or _LANGUAGE.match(code):
        return code, False, False
    if code == ABBREVIATION:
        return "", True, False
    if code == "fr_1793":
        return "fr", False, True
    return None


def alternate_name_head(raw: bytes) -> tuple[int, bytes] | None:
    """(geonameid, isolanguage) of an alternate-names row, read before decoding the rest."""
    head = raw.split(b"\t", 3)
    if len(head) != 4:
        return None
    try:
        return int(head[1]), head[2]
    except ValueError:
        return None


def alternate_name_columns(raw: bytes) -> list[str] | None:
    """Columns of an alternate-names row (10, or 8 in the old file), ``None`` when malformed."""
    cols = _columns(raw)
    if cols is None or len(cols) not in (8, 10) or not cols[3].strip():
        return None
    return cols


def alternate_name(cols: list[str], lang: str, short: bool, historic: bool) -> Name:
    """The ``Name`` of a well-formed alternate-names row, its language already resolved."""
    return Name(
        text=cols[3].strip(),
        lang=lang,
        preferred=cols[4] == "1",
        short=short or cols[5] == "1",
        colloquial=cols[6] == "1",
        historic=historic or cols[7] == "1",
        start=cols[8] if len(cols) == 10 else "",
        end=cols[9] if len(cols) == 10 else "",
        source="geonames",
    )


def parse_admin1(raw: bytes) -> tuple[str, str, str] | None:
    """(country, code, name) of an ``admin1CodesASCII.txt`` row, ``None`` when malformed."""
    cols = _columns(raw)
    if cols is None or len(cols) < 2 or not cols[1]:
        return None
    country, dot, code = cols[0].partition(".")
    return (country, code, cols[1]) if dot and country and code else None


def parse_admin2(raw: bytes) -> tuple[int, tuple[str, ...]] | None:
    """(geonameid, names) of an ``admin2Codes.txt`` row, ``None`` when malformed."""
    cols = _columns(raw)
    if cols is None or len(cols) < 4 or cols[0].count(".") != 2 or not cols[1]:
        return None
    try:
        place_id = int(cols[3])
    except ValueError:
        return None
    return place_id, tuple(dict.fromkeys(text for text in cols[1:3] if text))


def parse_country(raw: bytes) -> tuple[str, str, int] | None:
    """(ISO code, name, geonameid) of a ``countryInfo.txt`` row; ``None`` for comments, bad rows."""
    if raw.startswith(b"#"):
        return None
    cols = _columns(raw)
    if cols is None or len(cols) < 17 or len(cols[0]) != 2 or not cols[4]:
        return None
    return cols[0], cols[4], _integer(cols[16])


class GeonamesDumpSource:
    """Places and names from GeoNames dump files, streamed into an ``IndexWriter``."""

    name = "geonames"

    def __init__(
        self,
        geonames: Path,
        alternate_names: Path | None = None,
        admin1: Path | None = None,
        country_info: Path | None = None,
        admin2: Path | None = None,
    ) -> None:
        self.geonames = Path(geonames)
        self.alternate_names = Path(alternate_names) if alternate_names else None
        self.admin1 = Path(admin1) if admin1 else None
        self.country_info = Path(country_info) if country_info else None
        self.admin2 = Path(admin2) if admin2 else None
        self.stats = LoadStats()
        self._loaded = IdSet()

    def write(self, writer: IndexWriter) -> None:
        """Stream every given file into the writer, then record the counts as meta."""
        for path in (self.geonames, self.alternate_names, self.admin1, self.country_info, self.admin2):
            if path is not None and not path.is_file():
                raise DataError(f"GeoNames file not found: {path}")
        self.stats = LoadStats()
        self._loaded = IdSet()
        writer.add_places(self._places())
        if self.stats.places == 0:
            raise DataError(
                f"{self.geonames} holds no valid GeoNames rows "
                f"({self.stats.malformed_rows} malformed); expected 19 tab-separated columns"
            )
        if self.alternate_names is not None:
            writer.add_names(self._alternate_names(self.alternate_names))
        if self.admin1 is not None:
            writer.add_admin1(self._admin1(self.admin1))
            self._require_rows(self.stats.admin1, self.admin1)
        if self.admin2 is not None:
            writer.add_names(self._admin2(self.admin2))
            self._require_rows(self.stats.admin2, self.admin2)
        if self.country_info is not None:
            self._countries(self.country_info, writer)
        for key, value in self.stats.as_meta().items():
            writer.set_meta(key, value)

    def _places(self) -> Iterator[Place]:
        with_alternates = self.alternate_names is None
        stats, loaded = self.stats, self._loaded
        with open_lines(self.geonames) as lines:
            for raw in lines:
                place = parse_geoname(raw, with_alternates=with_alternates)
                if place is None:
                    stats.malformed_rows += raw.strip() != b""
                    continue
                stats.places += 1
                loaded.add(place.id)
                yield place

    def _alternate_names(self, path: Path) -> Iterator[tuple[int, Name]]:
        stats, loaded = self.stats, self._loaded
        languages: dict[bytes, tuple[str, bool, bool] | None] = {}
        with open_lines(path) as lines:
            for raw in lines:
                head = alternate_name_head(raw)
                if head is None:
                    stats.malformed_alternate_names += raw.strip() != b""
                    continue
                place_id, code = head
                if place_id not in loaded:
                    stats.unknown_place_names += 1
                    continue
                if code not in languages:
                    languages[code] = language_of(code.decode("utf-8", "replace"))
                language = languages[code]
                if language is None:
                    stats.pseudo_language_names += 1
                    continue
                cols = alternate_name_columns(raw)
                if cols is None:
                    stats.malformed_alternate_names += 1
                    continue
                stats.alternate_names += 1
                yield place_id, alternate_name(cols, *language)
        total = stats.alternate_names + stats.unknown_place_names + stats.pseudo_language_names
        self._require_rows(total, path)

    def _admin1(self, path: Path) -> Iterator[tuple[str, str, str]]:
        with open_lines(path) as lines:
            for raw in lines:
                row = parse_admin1(raw)
                if row is not None:
                    self.stats.admin1 += 1
                    yield row

    def _admin2(self, path: Path) -> Iterator[tuple[int, Name]]:
        with open_lines(path) as lines:
            for raw in lines:
                row = parse_admin2(raw)
                if row is None:
                    continue
                self.stats.admin2 += 1
                if row[0] in self._loaded:
                    yield from ((row[0], Name(text, source="geonames")) for text in row[1])

    def _countries(self, path: Path, writer: IndexWriter) -> None:
        countries: dict[str, str] = {}
        names: list[tuple[int, Name]] = []
        with open_lines(path) as lines:
            for raw in lines:
                row = parse_country(raw)
                if row is None:
                    continue
                iso, text, place_id = row
                countries[iso] = text
                if place_id in self._loaded:
                    names.append((place_id, Name(text, lang="en", source="geonames")))
        self.stats.countries = len(countries)
        self._require_rows(len(countries), path)
        writer.add_names(names)
        writer.set_meta("geonames.country_names", json.dumps(countries, ensure_ascii=False))

    @staticmethod
    def _require_rows(count: int, path: Path) -> None:
        if count == 0:
            raise DataError(f"{path} holds no valid rows; is it the right GeoNames file?")
