"""A rendered page with the hashes of the inline scripts it runs, for its Content-Security-Policy.

folium writes a map's code as inline scripts.  Rather than allow inline
scripts at large, a served page names the hash of each script it runs: the
code written into ``<head>`` by our own elements and folium's (which carries
no document text: the title is escaped), and the one script block at the end,
hashed as the string we write, never found again by searching the page.

    >>> script_hash("alert(1)")
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from html.parser import HTMLParser

import folium
from branca.element import Figure
from folium.template import Template

from maps.written import write_all


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """A complete HTML page, and the CSP hash sources of every inline script it runs."""

    html: str
    """The page."""
    script_hashes: tuple[str, ...] = ()
    """``'sha256-...'`` of each inline script, in page order."""


def script_hash(code: str) -> str:
    """The CSP hash source (``'sha256-<base64>'``) of an inline script whose text is ``code``."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


_HEAD_AND_BODY = Template(
    "<!DOCTYPE html>\n<html>\n<head>\n"
    "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
    "    {{this.header.render(**kwargs)}}\n</head>\n<body>\n    {{this.html.render(**kwargs)}}\n</body>\n"
)
"""branca's page template without its closing script block (written by ``render_page``)."""


def render_page(fmap: folium.Map) -> HtmlPage:
    """The complete page of a map, with the hashes of its inline scripts."""
    root = fmap.get_root()
    assert isinstance(root, Figure), "a folium map is rendered from its figure"
    root._template = _HEAD_AND_BODY
    write_all(root)
    head_and_body = str(root.render())
    code = f"\n    {root.script.render()}\n"
    head = head_and_body[: head_and_body.index("</head>")]
    hashes = (*(script_hash(script) for script in inline_scripts(head)), script_hash(code))
    return HtmlPage(f"{head_and_body}<script>{code}</script>\n</html>\n", hashes)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._open = []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.found.append("".join(self._open))
            self._open = None


def inline_scripts(markup: str) -> list[str]:
    """The text of each inline ``<script>`` of markup we wrote ourselves (never of markup holding document text)."""
    parser = _Scripts()
    parser.feed(markup)
    parser.close()
    return parser.found
