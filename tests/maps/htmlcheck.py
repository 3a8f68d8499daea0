"""Parsing helpers for the map tests: the HTML of popups and the elements of a page."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BOUND = re.compile(r"(?:\.bind(Popup|Tooltip)\(\s*|\"(popup|tooltip)\": )(\"(?:[^\"\\]|\\.)*\")")
"""A popup or tooltip bound by a folium element (``.bindPopup("...")``) or in a marker layer's data."""


def bound_html(page: str, kind: str = "Popup") -> list[str]:
    """The HTML strings bound as popups (or tooltips) in a map page, in page order."""
    return [
        json.loads(literal) for bound, listed, literal in _BOUND.findall(page) if (bound or listed.capitalize()) == kind
    ]


@dataclass
class Parsed:
    """Tags, attributes and text of an HTML fragment."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: str = ""
    scripts: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parsed = Parsed()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parsed.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"
        if self._in_script:
            self.parsed.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.parsed.scripts[-1] += data
        else:
            self.parsed.text += data


def parse(markup: str) -> Parsed:
    """Tags (with attributes), visible text and script bodies of ``markup``."""
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    return collector.parsed


def links(parsed: Parsed) -> list[dict[str, str]]:
    """Attributes of every ``<a>``."""
    return [attrs for tag, attrs in parsed.tags if tag == "a"]
