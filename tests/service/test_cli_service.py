"""The serve, ingest and near commands."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest
import typer
from servicefixtures import parser_fixture  # noqa: F401  (fixtures)
from typer.testing import CliRunner

from gazetteer.cli import documents as cli_service
from gazetteer.cli.reading import decode
from gazetteer.gazetteer import Gazetteer
from gazetteer.store import open_store


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, index_path: Path, gazetteer: Gazetteer, parser: Any
) -> typer.Typer:
    """The service commands on their own app, over a fresh store and the shared index."""
    monkeypatch.setenv("GAZETTEER_INDEX", str(index_path))
    monkeypatch.setenv("GAZETTEER_STORE", str(tmp_path / "store.sqlite"))
    try:
        import gazetteer.geoparse  # noqa: F401
    except ImportError:
        stand_in = types.ModuleType("gazetteer.geoparse")
        stand_in.Geoparser = lambda _gazetteer: parser  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "gazetteer.geoparse", stand_in)
    app = typer.Typer()
    cli_service.register(app)
    return app


def test_decode_reports_invalid_bytes() -> None:
    assert decode("Şuşa".encode()) == ("Şuşa", 0)
    assert decode(b"\xef\xbb\xbfBaku") == ("Baku", 0)
    assert decode(b"Baku \xff\xfe and Goris \xc3") == ("Baku \ufffd\ufffd and Goris \ufffd", 3)


def test_ingest_files_and_stdin(cli: typer.Typer, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Road report\nOn September 19, shelling resumed near Shusha.", encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_bytes("Buses left Khankendi \xff today.".encode("latin-1"))
    result = CliRunner().invoke(cli, ["ingest", str(good), str(broken), "--date", "2023-02-02"])
    assert result.exit_code == 0, result.output
    assert "1 invalid UTF-8 bytes replaced" in result.output
    piped = CliRunner().invoke(cli, ["ingest", "-"], input="A note from Baku.")
    assert piped.exit_code == 0, piped.output
    with open_store(tmp_path / "store.sqlite") as store:
        documents = {d.source: d for d in store.documents()}
        assert set(documents) == {"good.txt", "broken.txt", "stdin"}, "file names only, never a server path"
        assert documents["good.txt"].title == "Road report" and documents["good.txt"].date == "2023-02-02"
        assert "\ufffd" in documents["broken.txt"].text
        assert [e.date for e in store.events(proposed=True)] == ["2023-09-19"]


def test_ingest_of_a_missing_file_is_an_error(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0 and "no such file" in str(result.exception)


def test_near_a_position_and_an_event(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["near", "--lat", "40.10984", "--lon", "46.04446", "--radius-km", "60", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["id"] == 586268 and 587084 not in [r["id"] for r in rows]
    with open_store(tmp_path / "store.sqlite") as store:
        from gazetteer.documents import Event

        event = store.add_event(Event(0, "Checkpoint", "2023-04-23", 46.04446, 40.10984, 20.0, place_id=586268))
    text = CliRunner().invoke(cli, ["near", "--event", str(event.id)])
    assert text.exit_code == 0 and "Kalbajar" in text.output and " km " in text.output
    nearest = CliRunner().invoke(cli, ["near", "--lat", "40.4", "--lon", "49.9", "--k", "1", "--json"])
    assert [r["id"] for r in json.loads(nearest.output)] == [587084]


def test_near_errors(cli: typer.Typer) -> None:
    for args in (
        ["near"],
        ["near", "--lat", "999", "--lon", "0"],
        ["near", "--lat", "40", "--lon", "46", "--radius-km", "-1"],
        ["near", "--event", "1", "--lat", "1", "--lon", "1"],
        ["near", "--event", "42"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code != 0, args


def test_serve_runs_uvicorn_on_loopback_by_default(cli: typer.Typer, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    assert CliRunner().invoke(cli, ["serve"]).exit_code == 0
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    assert CliRunner().invoke(cli, ["serve", "--port", "0"]).exit_code != 0
