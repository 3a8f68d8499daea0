"""``gazetteer map``: export the map to one HTML file."""

from __future__ import annotations

import re
from pathlib import Path

import typer
from htmlcheck import bound_html, links, parse
from storedata import HOSTILE, fill_store
from typer.testing import CliRunner

from gazetteer.cli.maps import register


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command, so that ``map`` is a subcommand as in the real CLI
        """Nothing."""

    return app


def test_map_command_writes_a_linked_escaped_file(tmp_path: Path) -> None:
    fill_store(tmp_path / "store.sqlite")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(
        _app(),
        [
            "map",
            "--store",
            str(tmp_path / "store.sqlite"),
            "--index",
            str(tmp_path / "none.sqlite"),
            "--out",
            str(out),
            "--service-url",
            "http://127.0.0.1:8000",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "3 places, 5 mentions, 2 documents" in result.output
    page = out.read_text(encoding="utf-8")
    assert HOSTILE not in page
    popup = next(p for p in bound_html(page) if 'data-place-id="146970"' in p)
    hrefs = [a["href"] for a in links(parse(popup))]
    assert "http://127.0.0.1:8000/documents/1#m-0" in hrefs and "http://127.0.0.1:8000/documents/2#m-1" in hrefs
    sources = [a.get("src") or a.get("href") for t, a in parse(page).tags if t in ("script", "link")]
    assert [source for source in sources if source] == []  # Leaflet and the basemap are in the file itself
    assert '"kind": "land"' in page and "Azerbaijan" in page
    assert re.search(r"wrote .*map\.html \(\d+ KiB\)", result.output)


def test_map_command_may_load_leaflet_from_cdns(tmp_path: Path) -> None:
    fill_store(tmp_path / "store.sqlite")
    out = tmp_path / "cdn.html"
    arguments = ["map", "--cdn-assets", "--store", str(tmp_path / "store.sqlite"), "--out", str(out)]
    result = CliRunner().invoke(_app(), [*arguments, "--index", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert 'src="https://' in page and '"kind": "land"' in page  # the basemap is inline all the same


def test_map_command_one_document_local_assets(tmp_path: Path) -> None:
    fill_store(tmp_path / "store.sqlite")
    out = tmp_path / "doc.html"
    result = CliRunner().invoke(
        _app(),
        [
            "map",
            "--document",
            "2",
            "--local-assets",
            "--store",
            str(tmp_path / "store.sqlite"),
            "--index",
            str(tmp_path / "none.sqlite"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<script src="/static/vendor/leaflet/leaflet.js">' in page and "https://cdn" not in page
    assert "2 places, 2 mentions, 1 document, 0 events" in result.output


def test_map_command_without_store_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["map", "--store", str(tmp_path / "missing.sqlite")])
    assert result.exit_code != 0 and "no document store" in str(result.exception)
