"""The ``keys`` commands: make, list and revoke the API keys that writes to the service need."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from gazetteer.cli.options import JsonOption, StoreOption, open_api

keys = typer.Typer(help="API keys for the service's writes (POST, PUT, DELETE), kept hashed in the store.")


@keys.command("add")
def add_key(
    name: Annotated[str, typer.Argument(help="A name for the key (letters, digits, '.', '_', '-').")],
    scope: Annotated[str, typer.Option(help="write (read and write) or read (read only).")] = "write",
    store: StoreOption = None,
) -> None:
    """Make a key and print its secret, once: the store keeps only a hash of it."""
    with open_api(store=store, need_index=False) as api:
        key, secret = api.add_key(name, scope)
    typer.echo(secret)
    typer.echo(
        f"key {key.name!r} ({key.scope}) made; send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'. "
        "It is not shown again.",
        err=True,
    )


@keys.command("list")
def list_keys(as_json: JsonOption = False, store: StoreOption = None) -> None:
    """The keys: name, scope and when each was made (never their secrets)."""
    with open_api(store=store, need_index=False) as api:
        found = api.api_keys()
    if as_json:
        rows = [{"name": k.name, "scope": k.scope.value, "created": k.created} for k in found]
        typer.echo(json.dumps(rows, indent=2))
        return
    for key in found:
        typer.echo(f"{key.name}\t{key.scope}\t{key.created}")


@keys.command("revoke")
def revoke_key(
    name: Annotated[str, typer.Argument(help="The key's name.")],
    store: StoreOption = None,
) -> None:
    """Revoke a key: its secret opens nothing from the next request on."""
    with open_api(store=store, need_index=False) as api:
        api.revoke_key(name)
    typer.echo(f"key {name!r} revoked")


def register(app: typer.Typer) -> None:
    """Add the ``keys`` commands to the ``gazetteer`` command line."""
    app.add_typer(keys, name="keys")
