"""Limits on what a document may be, checked before anything is parsed or stored."""

from __future__ import annotations

import datetime as dt

from gazetteer.documents import Event
from gazetteer.errors import InvalidInput
from geo.validate import check_lat, check_lon, check_radius_km

MAX_TEXT_BYTES = 5 * 1024 * 1024
"""Largest document text accepted, in UTF-8 bytes (5 MiB)."""
MAX_TITLE = 1000
"""Longest title, in characters."""
MAX_SOURCE = 2000
"""Longest source, in characters."""
MAX_PAGE = 1000
"""Largest page of results a listing returns."""
MAX_ID = 2**63 - 1
"""Largest id SQLite can hold."""


class TooLarge(InvalidInput):
    """The document is larger than the store accepts."""

    status = 413
    title = "Content too large"


def check_text(text: str) -> str:
    """The text, when it is a non-blank string within ``MAX_TEXT_BYTES``."""
    if not isinstance(text, str):
        raise InvalidInput("text must be a string")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise TooLarge(f"text is {size} bytes; the limit is {MAX_TEXT_BYTES} bytes")
    if not text.strip():
        raise InvalidInput("text is empty")
    return text


def check_field(value: str, name: str, maximum: int) -> str:
    """A short free-text field (title, source) within ``maximum`` characters."""
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a string")
    if len(value) > maximum:
        raise InvalidInput(f"{name} is {len(value)} characters; the limit is {maximum}")
    return value


def check_date(value: str) -> str:
    """An ISO 8601 calendar date (``2023-09-19``), or ``""`` for none."""
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError) as error:
        raise InvalidInput(f"date must be an ISO date like 2023-09-19, got {value!r}") from error


def check_id(value: int, what: str = "id") -> int:
    """A store or gazetteer id: a positive 64-bit integer."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise InvalidInput(f"{what} must be an integer within 1..{MAX_ID}, got {value!r}")
    return value


def check_page(limit: int, offset: int) -> tuple[int, int]:
    """A (limit, offset) pair within bounds."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit must be within 1..{MAX_PAGE}, got {limit!r}")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= 2**62:
        raise InvalidInput(f"offset must be a non-negative integer, got {offset!r}")
    return limit, offset


def check_event(event: Event) -> Event:
    """An event whose fields are all within range (its id may be 0, for a new event)."""
    if not event.title.strip() or len(event.title) > MAX_TITLE:
        raise InvalidInput(f"title must be 1..{MAX_TITLE} characters")
    if not event.date:
        raise InvalidInput("an event needs a date")
    check_date(event.date)
    check_lon(event.lon), check_lat(event.lat), check_radius_km(event.radius_km)
    check_field(event.place_name, "place_name", MAX_TITLE)
    for value, what in ((event.place_id, "place id"), (event.document_id, "document id")):
        if value is not None:
            check_id(value, what)
    if event.mention_n is not None and not 0 <= event.mention_n < 2**31:
        raise InvalidInput(f"mention_n must be within 0..{2**31 - 1}")
    return event
