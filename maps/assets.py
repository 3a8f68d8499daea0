"""Where a map page loads Leaflet and its plugins from.

folium's default page pulls Leaflet, jQuery, Bootstrap and Font Awesome from
CDNs.  Our maps need only Leaflet and Leaflet.markercluster (popups and
tooltips are bound without jQuery, markers are circles without icon fonts).
The service serves both from the ``xstatic-leaflet`` and
``xstatic-leaflet-markercluster`` packages under ``/static/vendor/...``, so a
served map works with no network; an exported file carries the same files in
the page itself (``inline_assets``), so it works with no network and no
service, or uses the CDN set.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from gazetteer.errors import NotFound

Links = tuple[tuple[str, str], ...]

VENDOR_PREFIX = "/static/vendor"
"""URL path under which the service serves the vendored files."""

VENDOR_DIRS: dict[str, Path] = {
    "leaflet": Path(xstatic.pkg.leaflet.BASE_DIR),
    "leaflet.markercluster": Path(xstatic.pkg.leaflet_markercluster.BASE_DIR),
}
"""Vendored package name to the folder holding its files."""

_SERVED_SUFFIXES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}


@dataclass(frozen=True, slots=True)
class AssetSet:
    """The script and style links of a map page, as folium (name, url) pairs."""

    map_js: Links
    """Scripts every map needs (Leaflet)."""
    map_css: Links
    """Styles every map needs (Leaflet's)."""
    cluster_js: Links
    """Scripts of the marker-cluster plugin."""
    cluster_css: Links
    """Styles of the marker-cluster plugin."""
    inline: bool = False
    """Put the files into the page itself (their urls are ``package/path`` of vendored files)."""


def local_assets(prefix: str = VENDOR_PREFIX) -> AssetSet:
    """Links to the vendored files as served under ``prefix``."""
    leaflet = f"{prefix}/leaflet"
    cluster = f"{prefix}/leaflet.markercluster"
    return AssetSet(
        map_js=(("leaflet", f"{leaflet}/leaflet.js"),),
        map_css=(("leaflet_css", f"{leaflet}/leaflet.css"),),
        cluster_js=(("markerclusterjs", f"{cluster}/leaflet.markercluster.js"),),
        cluster_css=(
            ("markerclustercss", f"{cluster}/MarkerCluster.css"),
            ("markerclusterdefaultcss", f"{cluster}/MarkerCluster.Default.css"),
        ),
    )


def cdn_assets() -> AssetSet:
    """folium's own CDN links, restricted to Leaflet and the marker-cluster plugin."""
    from folium import Map
    from folium.plugins import MarkerCluster

    return AssetSet(
        map_js=tuple(link for link in Map.default_js if link[0] == "leaflet"),
        map_css=tuple(link for link in Map.default_css if link[0] == "leaflet_css"),
        cluster_js=tuple(MarkerCluster.default_js),
        cluster_css=tuple(MarkerCluster.default_css),
    )


def inline_assets() -> AssetSet:
    """The vendored files, to be put into the page itself: a file that needs no network."""
    return replace(local_assets(""), inline=True)


def use_links(element: JSCSSMixin, js: Links, css: Links, *, inline: bool = False) -> None:
    """Give one folium element its own links (never touching the class-wide lists), or its files inline."""
    element.default_js = [] if inline else list(js)
    element.default_css = [] if inline else list(css)
    if inline:
        element.add_child(InlineFiles([url for _, url in js], [url for _, url in css]))


class InlineFiles(MacroElement):
    """Vendored scripts and styles written into the page header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            {% for css in this.styles %}<style>{{ css }}</style>
            {% endfor %}{% for js in this.scripts %}<script>{{ js }}</script>
            {% endfor %}
        {% endmacro %}
        """
    )

    def __init__(self, scripts: list[str], styles: list[str]) -> None:
        """``scripts`` and ``styles`` are ``/package/path`` of vendored files."""
        super().__init__()
        self._name = "InlineFiles"
        self.scripts = [_embeddable(url, "</script") for url in scripts]
        self.styles = [_embeddable(url, "</style") for url in styles]


def _embeddable(url: str, closing: str) -> str:
    package, path = url.strip("/").split("/", 1)
    text = vendor_file(package, path)[0].read_text(encoding="utf-8")
    if closing in text.lower() or "<!--" in text:
        raise ValueError(f"{url} cannot be inlined: it contains {closing!r} or '<!--'")
    return text


def vendor_file(package: str, path: str) -> tuple[Path, str]:
    """The file and media type of a vendored asset; ``NotFound`` for anything else."""
    folder = VENDOR_DIRS.get(package)
    media_type = _SERVED_SUFFIXES.get(Path(path).suffix)
    if folder is None or media_type is None:
        raise NotFound(f"no asset {package}/{path}")
    file = (folder / path).resolve()
    if not file.is_relative_to(folder.resolve()) or not file.is_file():
        raise NotFound(f"no asset {package}/{path}")
    return file, media_type
