"""How the command line reports a failure: one ``error: ...`` line on standard error, and its exit code.

- ``USAGE`` (2): what was typed cannot work: an unknown command or option, a
  missing argument, a bad option value (click's usage errors, as typer
  vendors them), or a value the application layer refuses as invalid
  (``InvalidInput``: out of range, too large, malformed, such as an id beyond
  64 bits).
- ``RUNTIME`` (1): the command was well formed but failed while it ran: a
  missing or unreadable file, a missing output folder, a missing index or
  store, an unknown id (``NotFound``), any other project error, an I/O error,
  or an unexpected error (still one line, no traceback).
- ``INTERRUPTED`` (130): the user pressed Ctrl-C.
"""

from __future__ import annotations

from typing import NoReturn

import typer
from typer.exceptions import TyperException

from gazetteer.errors import GazetteerError, InvalidInput

USAGE = 2
"""Exit code of a command that cannot work as typed."""
RUNTIME = 1
"""Exit code of a command that failed while it ran."""
INTERRUPTED = 130
"""Exit code of an interrupted command."""


def one_line(text: str) -> str:
    """``text`` on one line: its non-blank lines joined with ``; ``."""
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def described(error: BaseException) -> tuple[str, int]:
    """The message and the exit code of an error that ends a command."""
    if isinstance(error, TyperException):  # click's errors, as typer vendors them: usage errors carry code 2
        return error.format_message(), error.exit_code
    if isinstance(error, GazetteerError):
        return error.detail, USAGE if isinstance(error, InvalidInput) else RUNTIME
    if isinstance(error, (typer.Abort, KeyboardInterrupt)):
        return "aborted", INTERRUPTED
    if isinstance(error, OSError):
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror or error}{where}", RUNTIME
    return f"unexpected {type(error).__name__}: {error}", RUNTIME


def report(error: BaseException) -> int:
    """Print the error's one line on standard error; its exit code."""
    message, code = described(error)
    typer.echo(f"error: {one_line(message) or type(error).__name__}", err=True)
    return code


def fail(error: BaseException) -> NoReturn:
    """Print the error's one line on standard error and end the command with its exit code."""
    raise typer.Exit(report(error))
