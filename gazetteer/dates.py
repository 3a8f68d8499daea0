"""The publication date of a text, read from its dateline or header.

Ingest takes a document's date from the caller; when there is none, the date
written near the start of the text stands in: ``2023-09-19``,
``19 September 2023``, ``September 19, 2023``, ``Sept. 19, 2023``,
``19.09.2023`` (day first), and the same with Russian and Azerbaijani month
names (``19 сентября 2023 г.``, ``19 sentyabr 2023-cü il``,
``2023-cü il sentyabrın 19-u``).  Only the header is read (the first
``HEADER_LINES`` lines that hold anything, at most ``HEADER_CHARS``
characters), and only plausible dates count: a real calendar day, from
``EARLIEST_YEAR`` on, not after today.  The first such date in the header wins.

    >>> publication_date("Baku, 19 сентября 2023 г.\\nText of the report.")
    '2023-09-19'
    >>> publication_date("Report of 31.02.2023")
    ''
"""

from __future__ import annotations

import calendar
import datetime as dt
import locale
import re
from collections.abc import Iterator, Mapping

HEADER_LINES = 5
"""Lines (blank ones not counted) that make a text's header."""
HEADER_CHARS = 400
"""Most characters of a text read for its date."""
EARLIEST_YEAR = 1900
"""The earliest year a publication date may have."""
AHEAD_OF_UTC = dt.timedelta(hours=14)
"""How far a local calendar runs ahead of UTC (UTC+14): a date up to today there is not in the future."""


def now_utc() -> str:
    """The time now, ISO 8601 UTC to the second: when a record is stored."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _english_months() -> dict[str, int]:
    """English month names and abbreviations from ``calendar``, read in the C locale whatever the process's is."""
    if locale.getlocale(locale.LC_TIME) == (None, None):
        names, abbreviations = list(calendar.month_name), list(calendar.month_abbr)
    else:
        with calendar.different_locale(("C", None)):
            names, abbreviations = list(calendar.month_name), list(calendar.month_abbr)
    found = {name.lower(): month for month, name in enumerate(names) if name}
    found |= {name.lower(): month for month, name in enumerate(abbreviations) if name}
    return found | {"sept": 9}


ENGLISH_MONTHS: Mapping[str, int] = _english_months()
"""English month names (``january``) and abbreviations (``jan``) from Python's ``calendar`` in the C locale,
plus ``sept``, the abbreviation of September in news style (Associated Press Stylebook, "months")."""


def _by_month(forms_of_months: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    """Each form of ``forms_of_months`` (January's first) -> its month's number."""
    return {name: month for month, forms in enumerate(forms_of_months, start=1) for name in forms}


RUSSIAN_MONTHS: Mapping[str, int] = _by_month(
    (
        ("январь", "января", "янв"),
        ("февраль", "февраля", "февр"),
        ("март", "марта", "мар"),
        ("апрель", "апреля", "апр"),
        ("май", "мая"),
        ("июнь", "июня", "июн"),
        ("июль", "июля", "июл"),
        ("август", "августа", "авг"),
        ("сентябрь", "сентября", "сент"),
        ("октябрь", "октября", "окт"),
        ("ноябрь", "ноября", "нояб"),
        ("декабрь", "декабря", "дек"),
    )
)
"""Russian month names: nominative (CLDR ``ru`` stand-alone wide), genitive (CLDR ``ru`` format wide, the form
a date is written in: ``19 сентября``) and abbreviations (CLDR ``ru`` abbreviated, without the dot)."""

AZERBAIJANI_MONTHS: Mapping[str, int] = _by_month(
    (
        ("yanvar", "yanvarın", "yan"),
        ("fevral", "fevralın", "fev"),
        ("mart", "martın", "mar"),
        ("aprel", "aprelin", "apr"),
        ("may", "mayın"),
        ("iyun", "iyunun", "iyn"),
        ("iyul", "iyulun", "iyl"),
        ("avqust", "avqustun", "avq"),
        ("sentyabr", "sentyabrın", "sen"),
        ("oktyabr", "oktyabrın", "okt"),
        ("noyabr", "noyabrın", "noy"),
        ("dekabr", "dekabrın", "dek"),
    )
)
"""Azerbaijani month names: the base form (CLDR ``az`` format wide), its genitive with the suffix -ın/-in/-un/-ün
chosen by the last vowel (Azerbaijani's four-way vowel harmony, as any grammar of the language gives the genitive
case), the form a date written year first takes (``2023-cü il sentyabrın 19-u``), and the abbreviations of
CLDR ``az`` abbreviated."""

MONTHS: Mapping[str, int] = {**ENGLISH_MONTHS, **RUSSIAN_MONTHS, **AZERBAIJANI_MONTHS}
"""Every month name known, lower case, to its number (the languages share no name with another number)."""


def _folded(name: str) -> str:
    """``name`` in lower case with the dotted and dotless i as one letter (``İYUN``, ``SENTYABRIN`` match)."""
    return name.lower().replace("\u0307", "").replace("ı", "i")


_FOLDED_MONTHS = {_folded(name): month for name, month in MONTHS.items()}

_MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?(?!\w)"
_DAY = r"(?P<day>\d{1,2})"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)",  # 2023-09-19
        rf"(?<![\w.]){_DAY}\.(?P<month>\d{{1,2}})\.{_YEAR}",  # 19.09.2023
        rf"(?<![\w.]){_DAY}{_ORDINAL}\.?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",  # 19 September 2023
        rf"(?<!\w){_MONTH}\s+{_DAY}{_ORDINAL},?\s+{_YEAR}",  # September 19, 2023
        rf"(?<!\d){_YEAR}(?:-?c[iıuü])?\s+il(?:in)?\s+{_MONTH}\s+{_DAY}(?!\d)",  # 2023-cü il sentyabrın 19-u
        rf"(?<!\d){_YEAR}(?:-?c[iıuü])?\s+il(?:in)?\s+{_DAY}\s+{_MONTH}",  # 2023-cü il 19 sentyabr
    )
)
"""The date forms, each naming its year, month (a number or a name) and day."""


def header(text: str) -> str:
    """The start of ``text`` a date is looked for in: its first ``HEADER_LINES`` non-blank lines, at most
    ``HEADER_CHARS`` characters."""
    start = text[:HEADER_CHARS]
    kept, lines = 0, 0
    for line in start.splitlines(keepends=True):
        kept += len(line)
        lines += bool(line.strip())
        if lines == HEADER_LINES:
            break
    return start[:kept]


def publication_date(text: str, today: dt.date | None = None) -> str:
    """The first plausible date in the header of ``text``, ISO 8601 (``2023-09-19``); ``""`` when there is none.

    Plausible: a real calendar date, in ``EARLIEST_YEAR`` or later, not after ``today`` (by default today
    wherever on Earth it is latest).
    """
    latest = today or (dt.datetime.now(dt.UTC) + AHEAD_OF_UTC).date()
    found = sorted(_dates(header(text)), key=lambda pair: pair[0])
    for _, date in found:
        if date.year >= EARLIEST_YEAR and date <= latest:
            return date.isoformat()
    return ""


def _dates(text: str) -> Iterator[tuple[int, dt.date]]:
    """(offset, date) of every real calendar date written in ``text`` in one of the forms."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            month = match["month"]
            number = int(month) if month.isdigit() else _FOLDED_MONTHS[_folded(month)]
            try:
                yield match.start(), dt.date(int(match["year"]), number, int(match["day"]))
            except ValueError:
                continue
