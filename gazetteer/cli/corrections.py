"""The ``corrections`` commands: correct a stored mention, list the corrections, undo one."""

from __future__ import annotations

import getpass
import json
from typing import Annotated

import typer

from gazetteer.cli.options import IndexOption, JsonOption, StoreOption, open_api

corrections = typer.Typer(help="Analysts' corrections of stored mentions: made, listed, undone.")


def _author() -> str:
    """Who corrects from the command line: ``cli-<login>`` (the service records the key's name)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "-" for ch in login)
    return f"cli-{cleaned}"[:64]


@corrections.command("add")
def add_correction(
    mention: Annotated[str, typer.Argument(help="The mention's id, <document id>-<ordinal> (such as 12-3).")],
    place: Annotated[int | None, typer.Option("--place", help="The place id the surface names.")] = None,
    not_a_place: Annotated[bool, typer.Option("--not-a-place", help="The surface names no place.")] = False,
    scope: Annotated[str, typer.Option(help="mention, document, or region.")] = "mention",
    region: Annotated[int | None, typer.Option("--region", help="For --scope region: a country or area id.")] = None,
    as_json: JsonOption = False,
    index: IndexOption = None,
    store: StoreOption = None,
) -> None:
    """Correct a mention: it applies at once to the stored mentions in its scope, and later ingests follow it."""
    from gazetteer.corrections import CorrectionScope
    from gazetteer.errors import InvalidInput
    from gazetteer.public import correction_json

    if (place is None) == (not not_a_place):
        raise InvalidInput("give --place ID or --not-a-place (not both)")
    try:
        chosen = CorrectionScope(scope)
    except ValueError:
        raise InvalidInput(f"--scope is mention, document or region, not {scope!r}") from None
    with open_api(index, store) as api:
        done = api.correct(mention, place, scope=chosen, region_id=region, author=_author())
    if as_json:
        typer.echo(json.dumps(correction_json(done.correction) | {"changed": done.changed}, ensure_ascii=False))
        return
    c = done.correction
    new = c.place_name or "not a place"
    typer.echo(f"correction {c.id}: {c.surface!r} -> {new} ({c.scope}); {done.changed} stored mention(s) changed")


@corrections.command("list")
def list_corrections(as_json: JsonOption = False, store: StoreOption = None) -> None:
    """The corrections, newest first: who, when, the old and the new place, the scope."""
    from gazetteer.public import correction_json

    with open_api(store=store, need_index=False) as api:
        found = api.corrections(limit=1000)
    if as_json:
        typer.echo(json.dumps([correction_json(c) for c in found], ensure_ascii=False, indent=2))
        return
    for c in found:
        where = c.region_name if c.region_name else f"document {c.document_id}"
        typer.echo(
            f"{c.id}\t{c.created}\t{c.author}\t{c.surface}\t{c.old_place_name} -> {c.place_name or 'not a place'}"
            f"\t{c.scope}\t{where}"
        )


@corrections.command("undo")
def undo_correction(
    correction: Annotated[int, typer.Argument(help="The correction's id.")],
    index: IndexOption = None,
    store: StoreOption = None,
) -> None:
    """Undo a correction: its mentions go back to what other corrections say, or to the parse."""
    with open_api(index, store) as api:
        done = api.undo_correction(correction)
    typer.echo(f"correction {correction} undone; {done.changed} stored mention(s) changed")


def register(app: typer.Typer) -> None:
    """Add the ``corrections`` commands to the ``gazetteer`` command line."""
    app.add_typer(corrections, name="corrections")
