"""Turning document text into HTML safely, and the links between map and document.

Every piece of text that comes from a document (mention surface, snippet,
title, place names from the store) goes through ``escape_text`` before it is
put into HTML.  The escaping covers element content, quoted attributes and
JavaScript template literals (folium writes popup and tooltip HTML into
backtick strings, where ``${...}`` would run and a stray backslash breaks the
script), so the same escaped string is safe wherever folium puts it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from gazetteer.documents import StoredMention
from gazetteer.names_as_of import NameAsOf

_EXTRA = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})

DOCUMENT_BASE = "/documents"
"""Path under which the service serves documents; a document view is ``/documents/{id}``."""


def escape_text(text: str) -> str:
    """``text`` with ``& < > " '`` and the template-literal specials `` ` $ \\ `` as entities."""
    return html.escape(text, quote=True).translate(_EXTRA)


def mention_anchor(n: int) -> str:
    """The HTML id of mention ``n`` in its document view (``m-<n>``)."""
    return f"m-{n}"


def place_anchor(place_id: int) -> str:
    """The fragment of a map URL that opens the popup of a place (``place-<id>``)."""
    return f"place-{place_id}"


def document_url(document_id: int, n: int | None = None, base: str = DOCUMENT_BASE) -> str:
    """The document view URL, pointing at mention ``n`` when given."""
    url = f"{base.rstrip('/')}/{document_id}"
    return url if n is None else f"{url}#{mention_anchor(n)}"


def place_map_url(place_id: int, map_url: str = "/map") -> str:
    """The map URL centred on a place, its popup opened (``/map?place=ID#place-ID``)."""
    joiner = "&" if "?" in map_url else "?"
    return f"{map_url}{joiner}place={place_id}#{place_anchor(place_id)}"


def name_then(then: NameAsOf) -> str:
    """``in 2021: Stepanakert (1923–2023)``: the name a place had in a year, with its period (plain text)."""
    period = f" ({then.period})" if then.period else ""
    return f"in {then.year}: {then.text}{period}"


def names_then_label(name: str, names: Sequence[NameAsOf]) -> str:
    """``Khankendi — in 2021: Stepanakert (1923–2023)``: a place's main name and the names it had at the
    given dates, each year once (plain text, for the caller to escape)."""
    seen: dict[tuple[str, str], NameAsOf] = {}
    for then in sorted(names, key=lambda found: found.date):
        seen.setdefault((then.year, then.text), then)
    return f"{name} — {'; '.join(name_then(then) for then in seen.values())}"


def mention_in_snippet(mention: StoredMention) -> tuple[str, str, str] | None:
    """(before, mention, after) of the snippet, or None when the offsets do not fit it."""
    start = mention.start - mention.snippet_start
    end = mention.end - mention.snippet_start
    if not mention.snippet or start < 0 or end > len(mention.snippet) or start >= end:
        return None
    return mention.snippet[:start], mention.snippet[start:end], mention.snippet[end:]


def highlighted_snippet(mention: StoredMention) -> str:
    """The mention's sentence as escaped HTML, the mention itself in ``<mark>``."""
    parts = mention_in_snippet(mention)
    if parts is None:
        return f"<mark>{escape_text(mention.surface)}</mark>"
    before, surface, after = (escape_text(part) for part in parts)
    return f"{before}<mark>{surface}</mark>{after}"
