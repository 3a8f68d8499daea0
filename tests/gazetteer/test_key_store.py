"""API keys in the store and the application layer, and the ``gazetteer keys`` commands."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storebackends import on_store, store_target_fixture, stored_text  # noqa: F401  (fixtures)
from typer.testing import CliRunner

from gazetteer.api_keys import SECRET_PREFIX, MissingKey, NotAllowed, Scope, digest_of
from gazetteer.application import GazetteerAPI
from gazetteer.cli import app as cli
from gazetteer.errors import InvalidInput, NotFound
from gazetteer.settings import load_settings
from gazetteer.store.schema import SCHEMA_VERSION, connect


@pytest.fixture
def api(tmp_path: Path, store_target: Path | str) -> GazetteerAPI:
    return GazetteerAPI(on_store(load_settings(tmp_path), store_target))


def test_only_the_digest_of_a_secret_is_stored(api: GazetteerAPI) -> None:
    key, secret = api.add_key("editor")
    assert secret.startswith(SECRET_PREFIX) and len(secret) > 40 and key.scope is Scope.WRITE
    assert key.digest == digest_of(secret) and secret not in key.digest and key.created
    api.close()
    stored = stored_text(api.settings.store)
    assert secret.encode() not in stored and key.digest.encode() in stored
    assert api.authorize(secret, Scope.WRITE) == key
    _, other = api.add_key("another")
    assert other != secret


def test_authorize_tells_missing_unknown_and_not_allowed_apart(api: GazetteerAPI) -> None:
    _, read_secret = api.add_key("viewer", "read")
    assert api.authorize(read_secret, Scope.READ).name == "viewer"
    with pytest.raises(NotAllowed, match="read scope"):
        api.authorize(read_secret, Scope.WRITE)
    with pytest.raises(MissingKey, match="needs an API key"):
        api.authorize(None, Scope.WRITE)
    with pytest.raises(MissingKey, match="unknown or revoked"):
        api.authorize(read_secret + "x", Scope.READ)


def test_keys_are_listed_revoked_and_named_once(api: GazetteerAPI) -> None:
    _, secret = api.add_key("b-editor")
    api.add_key("a-viewer", Scope.READ)
    assert [(k.name, k.scope) for k in api.api_keys()] == [("a-viewer", Scope.READ), ("b-editor", Scope.WRITE)]
    with pytest.raises(InvalidInput, match="exists"):
        api.add_key("b-editor")
    api.revoke_key("b-editor")
    with pytest.raises(MissingKey):
        api.authorize(secret, Scope.WRITE)
    with pytest.raises(NotFound):
        api.revoke_key("b-editor")
    for name, scope in (("", "write"), ("has space", "write"), ("x" * 65, "write"), ("ok", "admin")):
        with pytest.raises(InvalidInput):
            api.add_key(name, scope)


def test_a_store_of_the_first_schema_gains_the_keys_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    upgraded = connect(path)
    tables = {row[0] for row in upgraded.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = upgraded.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    upgraded.close()
    assert {"api_keys", "documents", "events"} <= tables and version == SCHEMA_VERSION


def test_the_keys_commands(store_target: Path | str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAZETTEER_STORE", str(store_target))
    runner = CliRunner()
    added = runner.invoke(cli, ["keys", "add", "ops"])
    assert added.exit_code == 0, added.output
    secret = added.stdout.strip()
    assert secret.startswith(SECRET_PREFIX) and "not shown again" in added.stderr
    assert runner.invoke(cli, ["keys", "add", "viewer", "--scope", "read"]).exit_code == 0
    listed = runner.invoke(cli, ["keys", "list"])
    assert listed.exit_code == 0 and secret not in listed.output
    assert [line.split("\t")[:2] for line in listed.stdout.splitlines()] == [["ops", "write"], ["viewer", "read"]]
    with GazetteerAPI(load_settings()) as api:
        assert api.authorize(secret, Scope.WRITE).name == "ops"
    assert runner.invoke(cli, ["keys", "revoke", "ops"]).exit_code == 0
    assert '"viewer"' in runner.invoke(cli, ["keys", "list", "--json"]).stdout
    assert runner.invoke(cli, ["keys", "revoke", "ops"]).exit_code != 0
    assert runner.invoke(cli, ["keys", "add", "x", "--scope", "admin"]).exit_code != 0
