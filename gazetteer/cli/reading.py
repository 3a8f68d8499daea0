"""Reading the texts a command is given: files, or standard input for ``-``.

Bytes that are not UTF-8 are replaced (U+FFFD) with a warning on standard
error, so offsets are offsets into the text as decoded; a byte-order mark is
dropped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import typer

from gazetteer.errors import DataError

STDIN = "-"
"""The file name that reads standard input."""
_ESCAPED = re.compile("[\udc80-\udcff]")


def decode(raw: bytes) -> tuple[str, int]:
    """UTF-8 text with each invalid byte replaced by U+FFFD, and how many bytes were invalid."""
    text = raw.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    invalid = len(_ESCAPED.findall(text))
    return (_ESCAPED.sub("\ufffd", text) if invalid else text), invalid


def read_bytes(name: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``; ``DataError`` when it cannot be read."""
    if name == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except FileNotFoundError as error:
        raise DataError(f"{name}: no such file") from error
    except OSError as error:
        raise DataError(f"cannot read {name}: {error.strerror or error}") from error


def read_text(name: str) -> str:
    """The text of a file (or standard input), invalid bytes replaced with a warning."""
    return text_of(name, read_bytes(name))


def text_of(name: str, raw: bytes) -> str:
    """The text of the bytes read from ``name``, invalid bytes replaced with a warning."""
    text, invalid = decode(raw)
    if invalid:
        where = "standard input" if name == STDIN else name
        typer.echo(f"warning: {where}: not valid UTF-8; {invalid} invalid UTF-8 bytes replaced by U+FFFD", err=True)
    return text


def document_id(name: str) -> str:
    """The id a text is reported under: the file's stem, or ``stdin``."""
    return "stdin" if name == STDIN else Path(name).stem


def source_name(name: str) -> str:
    """The source a text is stored under: the file's name (never its folder, a path on this machine), or ``stdin``."""
    return "stdin" if name == STDIN else Path(name).name
