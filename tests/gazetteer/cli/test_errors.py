"""The command line keeps its word: every error is one ``error: ...`` line, 2 for usage and 1 for runtime errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from clirun import run

from gazetteer.cli import app
from gazetteer.cli.failures import RUNTIME, USAGE
from gazetteer.store import open_store

BAD_VALUE = {
    "build": ["--index"],
    "lookup": [],
    "variants": [],
    "geoparse": [],
    "evaluate": [],
    "serve": ["--port", "x"],
    "ingest": [],
    "near": ["--lat", "north"],
    "map": ["--document", "x"],
    "demo": ["--port", "0"],
    "export": ["places"],
    "keys add": [],
    "corrections add": ["12-3", "--place", "x"],
    "corrections list": ["--store"],
    "corrections undo": ["first"],
    "keys list": ["--store"],
    "keys revoke": [],
    "batch": [],
}
"""For every command, arguments that lack a required argument or give an option a bad value."""


def commands(group: Any = None, prefix: str = "") -> list[str]:
    """Every runnable command of the command line, subcommands by their full name (``keys add``)."""
    found = []
    for name, command in (group or typer.main.get_command(app)).commands.items():
        full = f"{prefix}{name}"
        found += commands(command, f"{full} ") if hasattr(command, "commands") else [full]
    return found


def assert_one_error(err: str, needle: str = "") -> None:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    assert needle in lines[0], err


def test_the_table_covers_every_command() -> None:
    assert sorted(commands()) == sorted(BAD_VALUE)


@pytest.mark.parametrize("command", sorted(BAD_VALUE))
def test_an_unknown_option_is_a_usage_error(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, *command.split(), "--no-such-option")
    assert code == USAGE and out == ""
    assert_one_error(err, "--no-such-option")


@pytest.mark.parametrize("command", sorted(BAD_VALUE))
def test_a_missing_argument_or_bad_value_is_a_usage_error(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, *command.split(), *BAD_VALUE[command])
    assert code == USAGE and out == ""
    assert_one_error(err)


@pytest.mark.parametrize("args", [["no-such-command"], [], ["keys"], ["keys", "no-such-command"]])
def test_a_missing_or_unknown_command_is_a_usage_error(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(monkeypatch, capsys, *args)
    assert code == USAGE
    assert_one_error(err, "command")


def test_values_out_of_range_are_usage_errors(
    index_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(tmp_path / "store.sqlite")]
    for args in (
        ["variants", "99999999999999999999", "--index", str(index_path)],
        ["near", "--event", "99999999999999999999", *store],
        ["near", "--lat", "1e999", "--lon", "46", "--index", str(index_path)],
        ["lookup", "Baku", "--limit", "99999999999999999999", "--index", str(index_path)],
        ["corrections", "add", "1-0", "--place", "5", "--not-a-place", *store],
        ["corrections", "add", "1-0", "--place", "5", "--scope", "planet", *store],
        ["corrections", "add", "one-0", "--not-a-place", *store],
    ):
        code, out, err = run(monkeypatch, capsys, *args)
        assert code == USAGE and out == "", args
        assert_one_error(err)


def test_failures_while_running_are_runtime_errors(
    index_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.txt")
    store = tmp_path / "store.sqlite"
    open_store(store).close()
    cases = [
        (["ingest", missing, "--store", str(store)], "no such file"),
        (["geoparse", missing, "--index", str(tmp_path / "absent.sqlite")], "no gazetteer index"),
        (["evaluate", str(tmp_path / "gold.jsonl")], "cannot read gold file"),
        (["export", "places", "--out", str(tmp_path / "nowhere" / "x.geojson")], "does not exist"),
        (["map", "--out", str(tmp_path / "nowhere" / "map.html"), "--store", str(store)], "does not exist"),
        (["map", "--store", str(tmp_path / "absent.sqlite")], "no document store"),
        (["near", "--event", "7", "--store", str(store)], "no event with id 7"),
        (["corrections", "undo", "7", "--store", str(store)], "no correction with id 7"),
        (["corrections", "add", "7-0", "--not-a-place", "--store", str(store)], "no mention 7-0"),
        (["lookup", "Qqxxzzqq", "--index", str(index_path)], "no place matches"),
    ]
    for args, needle in cases:
        code, out, err = run(monkeypatch, capsys, *args)
        assert code == RUNTIME and out == "", args
        assert_one_error(err, needle)
