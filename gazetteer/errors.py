"""The project's one exception family.

Every error carries an HTTP status and a message safe to show a user; the API
turns any of them into RFC 9457 problem JSON and the CLI into an error line.
"""

from __future__ import annotations

import re

_PATH = re.compile(r"(?<![\w.~/])(?:[A-Za-z]:)?[/\\](?:[^\s/\\'\"`;,:()]+[/\\])*([^\s/\\'\"`;,:()]*)")
"""An absolute path (POSIX or Windows); its last part is the file name."""


class GazetteerError(Exception):
    """Base of all errors raised on purpose by the project."""

    status: int = 500
    title: str = "Internal error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    @property
    def public_detail(self) -> str:
        """The detail with every absolute path cut to its file name: what a remote user may see.

        >>> DataError("no gazetteer index at /srv/data/gazetteer.sqlite; run `gazetteer build`").public_detail
        'no gazetteer index at gazetteer.sqlite; run `gazetteer build`'
        """
        return _PATH.sub(lambda found: found.group(1) or "…", self.detail)


class InvalidInput(GazetteerError, ValueError):
    """The caller gave a value that cannot be used (empty, too long, out of range)."""

    status = 422
    title = "Invalid input"


class NotFound(GazetteerError, LookupError):
    """No record has the given id."""

    status = 404
    title = "Not found"


class DataError(GazetteerError):
    """A data file or the index is missing or malformed."""

    status = 503
    title = "Data unavailable"
