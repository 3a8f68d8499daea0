"""Where a map page loads Leaflet and its plugins from.

folium's default page pulls Leaflet, jQuery, Bootstrap and Font Awesome from
CDNs.  Our maps need only Leaflet and Leaflet.markercluster (popups and
tooltips are bound without jQuery, markers are circles without icon fonts).
The service serves both from the ``xstatic-leaflet`` and
``xstatic-leaflet-markercluster`` packages under ``/static/vendor/...``, so a
served map works with no network; an exported file carries the same files in
the page itself (``inline_assets``), so it works with no network and no
service, or uses the CDN set: the same versions as the vendored files, each
pinned by its Subresource Integrity hash (``CDN_FILES``), so a CDN that
serves anything else is refused by the browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from folium.elements import JSCSSMixin
from folium.template import Template

from gazetteer.errors import NotFound
from maps.written import WrittenMacro

Links = tuple[tuple[str, str], ...]

VENDOR_PREFIX = "/static/vendor"
"""URL path under which the service serves the vendored files."""

VENDOR_DIRS: dict[str, Path] = {
    "leaflet": Path(xstatic.pkg.leaflet.BASE_DIR),
    "leaflet.markercluster": Path(xstatic.pkg.leaflet_markercluster.BASE_DIR),
}
"""Vendored package name to the folder holding its files."""

_SERVED_SUFFIXES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
CDN = "https://cdn.jsdelivr.net/npm"
"""The CDN of the exported pages that load Leaflet from one: npm packages, byte for byte."""
CROSSORIGIN = "anonymous"
"""CORS mode of the CDN requests (needed for the integrity check; no credentials are sent)."""


@dataclass(frozen=True, slots=True)
class CdnFile:
    """A vendored file as the CDN serves it, pinned by its Subresource Integrity hash."""

    package: str
    """Vendored package (a key of ``VENDOR_DIRS``)."""
    path: str
    """Path of the file in the vendored folder."""
    version: str
    """Version of the package on both sides (the xstatic package's ``VERSION``)."""
    url: str
    """Where the CDN serves the same file of the same version."""
    integrity: str
    """``sha384-...`` of the CDN's bytes."""
    crlf: bool = False
    """The CDN's copy has Windows line ends where the vendored one has Unix ones (the npm package's CSS)."""


def _cdn_file(package: str, version: str, path: str, integrity: str, crlf: bool = False) -> CdnFile:
    return CdnFile(package, path, version, f"{CDN}/{package}@{version}/dist/{path}", integrity, crlf)


CDN_FILES: dict[str, CdnFile] = {
    "leaflet": _cdn_file(
        "leaflet", "1.9.3", "leaflet.js", "sha384-okbbMvvx/qfQkmiQKfd5VifbKZ/W8p1qIsWvE1ROPUfHWsDcC8/BnHohF7vPg2T6"
    ),
    "leaflet_css": _cdn_file(
        "leaflet", "1.9.3", "leaflet.css", "sha384-o/2yZuJZWGJ4s/adjxVW71R+EO/LyCwdQfP5UWSgX/w87iiTXuvDZaejd3TsN7mf"
    ),
    "markerclusterjs": _cdn_file(
        "leaflet.markercluster", "1.4.1", "leaflet.markercluster.js",
        "sha384-RLIyj5q1b5XJTn0tqUhucRZe40nFTocRP91R/NkRJHwAe4XxnTV77FXy/vGLiec2",
    ),
    "markerclustercss": _cdn_file(
        "leaflet.markercluster", "1.4.1", "MarkerCluster.css",
        "sha384-lPzjPsFQL6te2x+VxmV6q1DpRxpRk0tmnl2cpwAO5y04ESyc752tnEWPKDfl1olr", crlf=True,
    ),
    "markerclusterdefaultcss": _cdn_file(
        "leaflet.markercluster", "1.4.1", "MarkerCluster.Default.css",
        "sha384-5kMSQJ6S4Qj5i09mtMNrWpSi8iXw230pKU76xTmrpezGnNJQzj0NzXjQLLg+jE7k", crlf=True,
    ),
}  # fmt: skip
"""The CDN copies of the vendored files, by folium link name."""


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
    integrity: Mapping[str, str] = field(default_factory=dict)
    """Subresource Integrity hash by url, for files loaded from elsewhere (a CDN)."""


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
    """CDN links to the vendored versions of Leaflet and the marker-cluster plugin, each with its integrity hash."""

    def links(*names: str) -> Links:
        return tuple((name, CDN_FILES[name].url) for name in names)

    return AssetSet(
        map_js=links("leaflet"),
        map_css=links("leaflet_css"),
        cluster_js=links("markerclusterjs"),
        cluster_css=links("markerclustercss", "markerclusterdefaultcss"),
        integrity={file.url: file.integrity for file in CDN_FILES.values()},
    )


def inline_assets() -> AssetSet:
    """The vendored files, to be put into the page itself: a file that needs no network."""
    return replace(local_assets(""), inline=True)


def use_links(element: JSCSSMixin, js: Links, css: Links, assets: AssetSet) -> None:
    """Give one folium element its own links (never touching the class-wide lists), checked or inline as ``assets``.

    Links with an integrity hash in ``assets`` are written with it (and ``crossorigin``); inline assets are
    written into the page.
    """
    checked = not assets.inline and any(url in assets.integrity for _, url in (*js, *css))
    element.default_js = [] if assets.inline or checked else list(js)
    element.default_css = [] if assets.inline or checked else list(css)
    if assets.inline:
        element.add_child(InlineFiles([url for _, url in js], [url for _, url in css]))
    elif checked:
        element.add_child(CheckedLinks([url for _, url in js], [url for _, url in css], assets.integrity))


class CheckedLinks(WrittenMacro):
    """Scripts and styles linked in the page header with their integrity hashes (Subresource Integrity)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            {% for url, hash in this.scripts %}<script src="{{ url }}" integrity="{{ hash }}"
                crossorigin="{{ this.crossorigin }}"></script>
            {% endfor %}{% for url, hash in this.styles %}<link rel="stylesheet" href="{{ url }}"
                integrity="{{ hash }}" crossorigin="{{ this.crossorigin }}"/>
            {% endfor %}
        {% endmacro %}
        """
    )

    def __init__(self, scripts: list[str], styles: list[str], integrity: Mapping[str, str]) -> None:
        """``scripts`` and ``styles`` are urls, each with its hash in ``integrity``."""
        super().__init__()
        self._name = "CheckedLinks"
        self.scripts = [(url, integrity[url]) for url in scripts]
        self.styles = [(url, integrity[url]) for url in styles]
        self.crossorigin = CROSSORIGIN


class InlineFiles(WrittenMacro):
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
