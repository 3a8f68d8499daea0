"""Events proposed from documents: a sentence with a date and a resolved place.

Rule-based and small.  A sentence that holds a date expression ("On September
19", "19 September 2023", "Sept. 12", "2023-09-19") and a mention of a place
more specific than a country yields one proposed ``Event`` at that place.  A
date without a year takes the year of the document date; without either, the
sentence is skipped.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.dates import ENGLISH_MONTHS
from gazetteer.documents import Event
from gazetteer.records import Mention, Place
from gazetteer.sentences import Sentences

DEFAULT_RADIUS_KM = 10.0
"""Area of effect given to a proposed event at a point-like place."""
MIN_CONFIDENCE = 0.3
"""Mentions resolved with less confidence do not locate events."""
MAX_TITLE = 160
"""Longest proposed title, in characters."""

_MONTH_NAMES = "|".join(sorted((name.capitalize() for name in ENGLISH_MONTHS), key=len, reverse=True))
_MONTH = r"(?P<month>(?:" + _MONTH_NAMES + r")\b\.?)"
_YEAR = r"(?:(?:,\s*|\s+)(?P<year>(?:19|20)\d\d)\b)?"
_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b{_YEAR}"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}{_YEAR}"),
)
_NOT_LOCAL = ("PCL", "CONT", "OCN", "SEA")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in a text."""

    start: int
    """Offset of the expression in the text it was found in."""
    end: int
    """Offset just past it."""
    date: dt.date
    """The date meant."""
    explicit_year: bool
    """Whether the year was written, rather than taken from the document date."""


def document_year(date: str) -> int | None:
    """The year of an ISO document date (``2023-09-19`` → 2023), ``None`` when absent."""
    match = re.match(r"\s*((?:19|20)\d\d)", date or "")
    return int(match.group(1)) if match else None


def _month(value: str) -> int:
    return int(value) if value.isdigit() else ENGLISH_MONTHS[value.rstrip(".").lower()]


def _date_of(match: re.Match[str], default_year: int | None) -> DateMention | None:
    year = match.group("year")
    number = int(year) if year is not None else default_year
    if number is None:
        return None
    try:
        day = dt.date(number, _month(match.group("month")), int(match.group("day")))
    except ValueError:
        return None
    return DateMention(match.start(), match.end(), day, year is not None)


def find_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """Date expressions in ``text``, in order, not overlapping."""
    found: list[DateMention] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _date_of(match, default_year)
            if date and all(date.end <= d.start or date.start >= d.end for d in found):
                found.append(date)
    return sorted(found, key=lambda d: d.start)


def _locates(mention: Mention) -> bool:
    code = mention.place.feature_code
    return mention.confidence >= MIN_CONFIDENCE and not code.startswith(_NOT_LOCAL)


def _title(sentence: str) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= MAX_TITLE else flat[: MAX_TITLE - 1].rstrip() + "…"


def event_radius(place: Place) -> float:
    """The radius of an event proposed at ``place``: the place's own, at least ``DEFAULT_RADIUS_KM``."""
    return max(place.radius_km, DEFAULT_RADIUS_KM)


def _event(sentence: str, date: dt.date, mention: Mention, n: int) -> Event:
    place = mention.place
    return Event(
        id=0,
        title=_title(sentence),
        date=date.isoformat(),
        lon=place.lon,
        lat=place.lat,
        radius_km=event_radius(place),
        place_id=place.id,
        place_name=place.name,
        mention_n=n,
        proposed=True,
    )


def propose_events(
    text: str, mentions: Sequence[Mention], *, document_date: str = "", sentences: Sentences | None = None
) -> list[Event]:
    """Events proposed from ``text``; ``mention_n`` indexes ``mentions`` (ordered by offset)."""
    sentences = sentences or Sentences(text)
    year = document_year(document_date)
    starts = [mention.start for mention in mentions]
    proposed: dict[tuple[str, int], Event] = {}
    for start, end in sentences.spans:
        dates = find_dates(text[start:end], year)
        if not dates:
            continue
        first, past = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        inside = [n for n in range(first, past) if _locates(mentions[n])]
        if inside:
            event = _event(text[start:end], dates[0].date, mentions[inside[0]], inside[0])
            proposed.setdefault((event.date, mentions[inside[0]].place.id), event)
    return list(proposed.values())
