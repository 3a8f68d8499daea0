"""The HTML view of a document: its text with every mention linked back to the map.

Each mention is ``<a id="m-<n>" class="mention" href="/map?place=ID#place-ID">``;
``/documents/{id}#m-<n>`` (the link in map popups) lands on it, ``:target`` CSS
highlights it and a small script centres it in the window and marks it with the
``targeted`` class.  All document text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from gazetteer.corrections import mention_id
from gazetteer.documents import Document, StoredMention
from gazetteer.names_as_of import NameAsOf
from maps.correction_form import CORRECTION_SCRIPT, document_correction_form
from maps.html import escape_text, mention_anchor, name_then, place_map_url
from maps.html_page import HtmlPage, script_hash

PAGE_CSS = """
body { font: 16px/1.6 Georgia, serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; }
header p { color: #555; font: 14px sans-serif; margin: 0.2em 0; }
.text { white-space: pre-wrap; overflow-wrap: break-word; }
a.mention { color: inherit; text-decoration: none; background: #fff3bf;
  border-bottom: 2px solid #fab005; padding: 0 1px; }
a.mention:hover { background: #ffe066; }
a.mention:target, a.mention.targeted { background: #ffd43b; outline: 3px solid #e8590c; }
footer { margin-top: 2em; font: 14px sans-serif; }
footer li a { color: #1c7ed6; }
section.correct { margin-top: 2em; font: 14px sans-serif; }
.correct-form { display: grid; gap: 4px; max-width: 32em; }
.correct-form output { color: #a61e4d; }
"""

FOCUS_SCRIPT = """
(function () {
  function focusMention() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    document.querySelectorAll("a.mention.targeted").forEach(function (el) {
      el.classList.remove("targeted");
    });
    if (!target || !target.classList.contains("mention")) { return; }
    target.classList.add("targeted");
    target.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", focusMention);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusMention);
  } else {
    focusMention();
  }
})();
"""


def placed_mentions(text: str, mentions: Sequence[StoredMention]) -> list[StoredMention]:
    """The mentions that can be wrapped: inside the text, ordered, not overlapping."""
    placed: list[StoredMention] = []
    end = 0
    for mention in sorted(mentions, key=lambda m: (m.start, m.n)):
        if end <= mention.start < mention.end <= len(text):
            placed.append(mention)
            end = mention.end
    return placed


def mention_link(text: str, mention: StoredMention, map_url: str) -> str:
    """The anchor of one mention, linking to the map centred on its place."""
    href = escape_text(place_map_url(mention.place_id, map_url))
    title = escape_text(f"{mention.place_name}: show on the map")
    surface = escape_text(text[mention.start : mention.end])
    return (
        f'<a id="{mention_anchor(mention.n)}" class="mention" href="{href}" '
        f'data-place-id="{mention.place_id}" data-mention="{mention_id(mention.document_id, mention.n)}" '
        f'title="{title}">{surface}</a>'
    )


def _pieces(text: str, mentions: Sequence[StoredMention], map_url: str) -> Iterator[str]:
    position = 0
    for mention in placed_mentions(text, mentions):
        yield escape_text(text[position : mention.start])
        yield mention_link(text, mention, map_url)
        position = mention.end
    yield escape_text(text[position:])


def linked_text(text: str, mentions: Sequence[StoredMention], map_url: str = "/map") -> str:
    """The escaped text with each mention wrapped in its anchor."""
    return "".join(_pieces(text, mentions, map_url))


def _header(document: Document, map_url: str) -> str:
    title = escape_text(document.title or f"Document {document.id}")
    facts = [escape_text(fact) for fact in (document.date, document.source) if fact]
    joiner = "&" if "?" in map_url else "?"
    map_link = escape_text(f"{map_url}{joiner}document={document.id}")
    return (
        f"<header><h1>{title}</h1>"
        + (f"<p>{' · '.join(facts)}</p>" if facts else "")
        + f'<p><a class="document-map" href="{map_link}">Map of this document</a></p></header>'
    )


def _places_footer(
    mentions: Sequence[StoredMention], map_url: str, names_then: Mapping[int, NameAsOf] | None = None
) -> str:
    counts: dict[int, tuple[str, int]] = {}
    for mention in mentions:
        name, count = counts.get(mention.place_id, (mention.place_name, 0))
        counts[mention.place_id] = (name, count + 1)
    if not counts:
        return "<footer><p>No place mentioned.</p></footer>"
    items = "".join(
        f'<li><a href="{escape_text(place_map_url(pid, map_url))}">{escape_text(name)}</a> ({count})'
        f"{_name_then(pid, names_then or {})}</li>"
        for pid, (name, count) in sorted(counts.items(), key=lambda kv: (-kv[1][1], kv[1][0]))
    )
    return f"<footer><h2>Places mentioned</h2><ul>{items}</ul></footer>"


def _name_then(place_id: int, names_then: Mapping[int, NameAsOf]) -> str:
    """`` — in 2021: Stepanakert (1923–2023)`` when the place had another name at the document's date."""
    then = names_then.get(place_id)
    return f'<span class="names-then"> — {escape_text(name_then(then))}</span>' if then is not None else ""


def render_document(
    document: Document,
    mentions: list[StoredMention],
    *,
    map_url: str = "/map",
    names_then: Mapping[int, NameAsOf] | None = None,
    corrections: bool = False,
) -> str:
    """The full HTML page of a document, its mentions linked to the map and targetable; ``names_then`` (by
    place id) are the names places had at the document's date, shown beside theirs in the list of places;
    with ``corrections``, a form that corrects a mention (the targeted one chosen)."""
    form = document_correction_form(placed_mentions(document.text, mentions)) if corrections else ""
    scripts = "".join(f"<script>{code}</script>" for code in _scripts(corrections))
    title = escape_text(document.title or f"Document {document.id}")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{PAGE_CSS}</style></head><body>"
        f"{_header(document, map_url)}"
        f'<article class="text">{linked_text(document.text, mentions, map_url)}</article>'
        f"{_places_footer(mentions, map_url, names_then)}{form}"
        f"{scripts}</body></html>\n"
    )


def document_page(
    document: Document,
    mentions: list[StoredMention],
    *,
    map_url: str = "/map",
    names_then: Mapping[int, NameAsOf] | None = None,
    corrections: bool = False,
) -> HtmlPage:
    """The page of ``render_document``, with the hashes of the scripts it runs."""
    page = render_document(document, mentions, map_url=map_url, names_then=names_then, corrections=corrections)
    return HtmlPage(page, tuple(script_hash(code) for code in _scripts(corrections)))


def _scripts(corrections: bool) -> tuple[str, ...]:
    """The inline scripts of a document page, in page order (the correction form's with ``corrections``)."""
    return (FOCUS_SCRIPT, CORRECTION_SCRIPT) if corrections else (FOCUS_SCRIPT,)
