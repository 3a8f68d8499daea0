"""Escaping and link helpers shared by the map and the document view."""

from __future__ import annotations

from dataclasses import replace

from conftest import HOSTILE

from gazetteer.documents import StoredMention
from maps.html import document_url, escape_text, highlighted_snippet, place_map_url


def test_escape_covers_html_and_template_literals() -> None:
    assert escape_text(HOSTILE) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape_text("\"a\" & 'b'") == "&quot;a&quot; &amp; &#x27;b&#x27;"
    assert escape_text("${x} `y` \\z") == "&#36;{x} &#96;y&#96; &#92;z"


def test_links() -> None:
    assert document_url(3, 5) == "/documents/3#m-5"
    assert document_url(3) == "/documents/3"
    assert document_url(3, 0, base="http://h:8/documents/") == "http://h:8/documents/3#m-0"
    assert place_map_url(146970) == "/map?place=146970#place-146970"
    assert place_map_url(1, "/map?document=2") == "/map?document=2&place=1#place-1"


def test_snippet_highlights_mention_and_escapes(mentions: list[StoredMention]) -> None:
    stepanakert = mentions[1]
    assert highlighted_snippet(stepanakert) == (
        "A reader pasted &lt;script&gt;alert(1)&lt;/script&gt; next to <mark>Stepanakert</mark> in a comment."
    )


def test_snippet_falls_back_to_surface(mentions: list[StoredMention]) -> None:
    broken = replace(mentions[0], snippet="", snippet_start=0, surface="<b>X</b>")
    assert highlighted_snippet(broken) == "<mark>&lt;b&gt;X&lt;/b&gt;</mark>"
    shifted = replace(mentions[0], snippet_start=mentions[0].start + 1)
    assert highlighted_snippet(shifted) == "<mark>Khankendi</mark>"
