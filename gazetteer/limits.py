"""Limits on what callers may give the application layer, each defined once.

Documents, events, pages and ids are checked here; coordinates, radii and
result counts are checked by ``geo.validate`` (the one definition of their
ranges), whose ``InvalidValue`` the ``*_checked`` wrappers turn into the
project's ``InvalidInput``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from gazetteer.documents import Event
from gazetteer.errors import InvalidInput
from geo import validate
from geo.errors import InvalidValue
from geo.validate import MAX_LIMIT, MAX_RADIUS_KM

P = ParamSpec("P")
R = TypeVar("R")

MAX_TEXT_BYTES = 5 * 1024 * 1024
"""Largest document text accepted, in UTF-8 bytes (5 MiB)."""
MAX_HTML_BYTES = 2 * MAX_TEXT_BYTES
"""Largest web page accepted, in bytes as saved (10 MiB): its markup around a text of up to ``MAX_TEXT_BYTES``."""
MAX_TITLE = 1000
"""Longest title, in characters."""
MAX_SOURCE = 2000
"""Longest source, in characters."""
MAX_PAGE = 1000
"""Largest page of results a listing returns."""
MAX_ID = 2**63 - 1
"""Largest id SQLite can hold."""
MAX_OFFSET = 2**62
"""Largest offset into a listing."""
MAX_MENTION_N = 2**31 - 1
"""Largest mention ordinal."""
CONTROL_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
"""What no text field may hold: the C0 controls but tab, line feed and carriage return, DEL, the C1 controls."""
TEXT_PATTERN = rf"^[^{CONTROL_CHARACTERS}]*$"
"""A text field without control characters, as the regular expression the API's schema states."""
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
__all__ = ["MAX_LIMIT", "MAX_RADIUS_KM"]


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
    return check_controls(text, "text")


def check_controls(value: str, name: str) -> str:
    """The text field, when it holds none of the ``CONTROL_CHARACTERS``."""
    found = _CONTROL.search(value)
    if found:
        raise InvalidInput(f"{name} holds the control character U+{ord(found.group()):04X} at offset {found.start()}")
    return value


def check_field(value: str, name: str, maximum: int) -> str:
    """A short free-text field (title, source) within ``maximum`` characters."""
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a string")
    if len(value) > maximum:
        raise InvalidInput(f"{name} is {len(value)} characters; the limit is {maximum}")
    return check_controls(value, name)


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


def check_ordinal(value: int) -> int:
    """A mention's ordinal in its document: a 64-bit integer from 0."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ID:
        raise InvalidInput(f"mention ordinal must be an integer within 0..{MAX_ID}, got {value!r}")
    return value


def check_page(limit: int, offset: int) -> tuple[int, int]:
    """A (limit, offset) pair within bounds."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(f"limit must be within 1..{MAX_PAGE}, got {limit!r}")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput(f"offset must be a non-negative integer, got {offset!r}")
    return limit, offset


def check_event(event: Event) -> Event:
    """An event whose fields are all within range (its id may be 0, for a new event)."""
    if not event.title.strip() or len(event.title) > MAX_TITLE:
        raise InvalidInput(f"title must be 1..{MAX_TITLE} characters")
    check_controls(event.title, "title")
    if not event.date:
        raise InvalidInput("an event needs a date")
    check_date(event.date)
    check_lon(event.lon), check_lat(event.lat), check_radius_km(event.radius_km)
    check_field(event.place_name, "place_name", MAX_TITLE)
    for value, what in ((event.place_id, "place id"), (event.document_id, "document id")):
        if value is not None:
            check_id(value, what)
    if event.mention_n is not None and not 0 <= event.mention_n <= MAX_MENTION_N:
        raise InvalidInput(f"mention_n must be within 0..{MAX_MENTION_N}")
    return event


@contextmanager
def geo_checked() -> Iterator[None]:
    """Turn a bad coordinate, radius or count found by ``geo`` into ``InvalidInput``."""
    try:
        yield
    except InvalidValue as error:
        raise InvalidInput(str(error)) from error


def _checked(check: Callable[P, R]) -> Callable[P, R]:
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        with geo_checked():
            return check(*args, **kwargs)

    checked.__doc__ = check.__doc__
    return checked


check_lat = _checked(validate.check_lat)
check_lon = _checked(validate.check_lon)
check_radius_km = _checked(validate.check_radius_km)
check_limit = _checked(validate.check_limit)
