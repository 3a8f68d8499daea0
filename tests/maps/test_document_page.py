"""The document view: mentions as targetable anchors linking back to the map, text escaped."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from conftest import HOSTILE, TEXT_ONE
from htmlcheck import links, parse

from gazetteer.documents import Document, StoredMention
from maps.document_page import render_document


def _doc_one(documents: dict[int, Document], mentions: list[StoredMention]) -> tuple[Document, list[StoredMention]]:
    return documents[1], [m for m in mentions if m.document_id == 1]


def test_every_mention_is_an_anchor_to_the_map(documents: dict[int, Document], mentions: list[StoredMention]) -> None:
    document, own = _doc_one(documents, mentions)
    anchors = [a for a in links(parse(render_document(document, own))) if a.get("class") == "mention"]
    assert [a["id"] for a in anchors] == ["m-0", "m-1", "m-2", "m-3"]
    assert anchors[1]["href"] == "/map?place=146970#place-146970"
    assert anchors[3]["href"] == "/map?place=174710#place-174710"


def test_map_url_is_configurable(documents: dict[int, Document], mentions: list[StoredMention]) -> None:
    document, own = _doc_one(documents, mentions)
    page = render_document(document, own, map_url="/ui/map?document=1")
    anchors = [a for a in links(parse(page)) if a.get("class") == "mention"]
    assert anchors[0]["href"] == "/ui/map?document=1&place=146970#place-146970"


def test_text_is_escaped_and_kept_whole(documents: dict[int, Document], mentions: list[StoredMention]) -> None:
    document, own = _doc_one(documents, mentions)
    page = render_document(document, own)
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = parse(page)
    assert len(parsed.scripts) == 1 and "alert" not in parsed.scripts[0]
    article = re.search(r'<article class="text">(.*)</article>', page, re.S).group(1)  # type: ignore[union-attr]
    assert html.unescape(re.sub(r"<[^>]+>", "", article)) == TEXT_ONE
    assert f"Road news {HOSTILE}" in parsed.text


def test_target_css_and_focus_script(documents: dict[int, Document], mentions: list[StoredMention]) -> None:
    document, own = _doc_one(documents, mentions)
    page = render_document(document, own)
    assert "a.mention:target" in page and "scrollIntoView" in page and 'classList.add("targeted")' in page


def test_bad_offsets_are_left_as_text(documents: dict[int, Document], mentions: list[StoredMention]) -> None:
    document, own = _doc_one(documents, mentions)
    overlapping = replace(own[0], n=9, start=own[0].start + 2, end=own[0].end + 2)
    outside = replace(own[1], n=10, start=len(TEXT_ONE) + 5, end=len(TEXT_ONE) + 9)
    page = render_document(document, [*own, overlapping, outside])
    ids = [a.get("id") for a in links(parse(page)) if a.get("class") == "mention"]
    assert ids == ["m-0", "m-1", "m-2", "m-3"]


def test_places_footer_and_document_map_link(documents: dict[int, Document], mentions: list[StoredMention]) -> None:
    document, own = _doc_one(documents, mentions)
    anchors = links(parse(render_document(document, own)))
    assert {"class": "document-map", "href": "/map?document=1"} in anchors
    assert any(a.get("href") == "/map?place=585103#place-585103" and "class" not in a for a in anchors)


def test_document_without_mentions(documents: dict[int, Document]) -> None:
    page = render_document(documents[2], [])
    assert "No place mentioned." in page and 'class="mention"' not in page
