"""The vendored Leaflet files served to map pages."""

from __future__ import annotations

import pytest

from gazetteer.errors import NotFound
from maps.assets import local_assets, vendor_file


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
