"""The vendored Leaflet files served to map pages, and their CDN copies pinned by integrity hashes."""

from __future__ import annotations

import base64
import hashlib

import pytest
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from htmlcheck import parse

from gazetteer.errors import NotFound
from maps.assets import CDN_FILES, cdn_assets, local_assets, vendor_file


def test_every_local_link_resolves_to_a_file() -> None:
    assets = local_assets()
    for _, url in assets.map_js + assets.map_css + assets.cluster_js + assets.cluster_css:
        package, path = url.removeprefix("/static/vendor/").split("/", 1)
        file, media_type = vendor_file(package, path)
        assert file.stat().st_size > 500 and media_type in ("text/javascript", "text/css")


def test_leaflet_images_are_served() -> None:
    file, media_type = vendor_file("leaflet", "images/layers.png")
    assert media_type == "image/png" and file.is_file()


@pytest.mark.parametrize(
    ("package", "path"),
    [("leaflet", "../../../../etc/passwd.js"), ("nope", "leaflet.js"), ("leaflet", "__init__.py"), ("leaflet", "x.js")],
)
def test_anything_else_is_not_found(package: str, path: str) -> None:
    with pytest.raises(NotFound):
        vendor_file(package, path)


def _sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


@pytest.mark.parametrize("name", sorted(CDN_FILES))
def test_each_cdn_hash_is_that_of_the_vendored_file_of_the_same_version(name: str) -> None:
    cdn = CDN_FILES[name]
    versions = {
        "leaflet": xstatic.pkg.leaflet.VERSION,
        "leaflet.markercluster": xstatic.pkg.leaflet_markercluster.VERSION,
    }
    assert cdn.version == versions[cdn.package] and f"/{cdn.package}@{cdn.version}/" in cdn.url
    local = vendor_file(cdn.package, cdn.path)[0].read_bytes()
    assert not cdn.crlf or b"\r" not in local  # converted only where the vendored copy has Unix line ends
    assert _sri(local.replace(b"\n", b"\r\n") if cdn.crlf else local) == cdn.integrity


def test_exported_cdn_page_pins_every_script_and_style() -> None:
    from maps.mention_map import MapData, MapOptions, build_map, render_html

    page = render_html(build_map(MapData([]), MapOptions(assets=cdn_assets(), cluster_threshold=-1)))
    outside = [a for t, a in parse(page).tags if t in ("script", "link") and (a.get("src") or a.get("href"))]
    assert len(outside) == len(CDN_FILES)
    by_url = {file.url: file.integrity for file in CDN_FILES.values()}
    for attrs in outside:
        url = attrs.get("src") or attrs["href"]
        assert attrs["integrity"] == by_url[url] and attrs["crossorigin"] == "anonymous", url
