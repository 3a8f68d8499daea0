#!/usr/bin/env python3
"""Regenerate the ``[common]`` section of ``gazetteer/data/stopwords.txt``.

Run it from the project root, once the embedded gazetteer index exists (``make install``,
then ``GAZETTEER_HOME=var .venv/bin/gazetteer build`` if ``var/gazetteer.sqlite`` is missing)::

    .venv/bin/pip install 'wordfreq==3.1.*'        # PyPI; its frequency data is in the wheel
    apt-get update && apt-get install -y wamerican  # Debian; /usr/share/dict/american-english
    GAZETTEER_HOME=var .venv/bin/python scripts/build_common_words.py

It needs ``wordfreq==3.1.*`` (pip) and the Debian package ``wamerican`` (SCOWL's American
English list, 2020.12.07), neither of which the project depends on.  ``--index PATH`` names the
gazetteer index (default: ``gazetteer.settings.load_settings().index_path``, which follows
``GAZETTEER_HOME`` and ``GAZETTEER_INDEX``); it is opened read-only.  ``--check`` writes nothing
and exits with status 1 when the section would change.

The section holds, sorted, every word that SCOWL spells in lowercase and that is

1. one of the ``--top`` (40,000) most frequent English words, ``wordfreq.top_n_list("en", N)``,
   or
2. the folded key (``names.folded``) of a name without a space in the gazetteer index,

and that is written with two or more of the letters a-z only.  That last condition is not in the
section's header; it drops single letters (initials, not words), possessives and contractions
(``bob's``, ``can't``) and accented loanwords (``café``).  ``Stoplists.is_common`` compares the
list with folded one-word names, and ``normalize.fold`` takes apostrophes and accents out of those,
so such spellings would never match anyway.  Interpretations checked against the hand-made list
(28,250 words): folded keys reproduce it exactly; the lowercased ``names.text`` misses 21 of its
words, ``names.roman`` gives 37 more and 12 fewer, and ``places.name`` misses 292.

The script rewrites only the ``[common]`` section, its header comment included (from
``HEADER_TEMPLATE`` and the versions actually used); every other line of the file stays
byte-identical.  It prints a one-line summary of the words written and the rule each came from.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from gazetteer.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
"""The project root."""
STOPWORDS = ROOT / "gazetteer" / "data" / "stopwords.txt"
"""The word-list file whose ``[common]`` section is rewritten."""
SCOWL = Path("/usr/share/dict/american-english")
"""SCOWL's American English list, from the Debian package ``wamerican``."""
SCOWL_PACKAGE = "wamerican"
"""The Debian package that ships ``SCOWL``."""
SECTION = "common"
"""The section this script owns."""
TOP_N = 40_000
"""How many of wordfreq's most frequent English words are taken."""
WORDFREQ_VERSION = "3.1"
"""The wordfreq release (major.minor) that the committed list was made with."""
SCOWL_VERSION = "2020.12.07"
"""The wamerican release (upstream version) that the committed list was made with."""


def embedded_sources() -> str:
    """The ``sources`` meta value of an index built from the embedded default."""
    from gazetteer.build import default_sources

    return ",".join(source.name for source in default_sources())


HEADER_TEMPLATE = (
    "English words in everyday lowercase use: the {top:,} most frequent English words"
    " (wordfreq {wordfreq}) that the SCOWL American English word list (Debian wamerican {scowl})"
    " spells in lowercase, plus every lowercase SCOWL word that is also a one-word place name"
    " in the embedded gazetteer."
)
"""The section's header comment, before wrapping."""
HEADER_WIDTH = 78
"""Line width of the wrapped header comment."""

LIST_WORD = re.compile(r"[a-z]{2,}")
"""How a word of the list is written: two or more ASCII letters."""
_HEADER_LINE = re.compile(r"\[(\w+)\]")
_NO_WORDFREQ = "build_common_words: needs wordfreq: .venv/bin/pip install 'wordfreq==3.1.*'"


@dataclass(frozen=True, slots=True)
class Selection:
    """The words of the section and how many each rule brought in."""

    words: tuple[str, ...]
    """The words, sorted."""
    frequent: int
    """Words chosen by frequency (rule 1)."""
    places: int
    """Words chosen as one-word place names (rule 2), whether frequent or not."""
    places_only: int
    """Words chosen as one-word place names that are not among the frequent ones."""


def lowercase_words(lines: Iterable[str]) -> frozenset[str]:
    """The entries of a one-word-a-line list that are spelled in lowercase (``paris`` but not ``Paris``)."""
    words = (line.strip() for line in lines)
    return frozenset(word for word in words if word and word == word.lower())


def select_common(frequent: Iterable[str], scowl_lowercase: AbstractSet[str], place_keys: Iterable[str]) -> Selection:
    """Apply the section's rule to the frequent words, SCOWL's lowercase words and folded place names.

    A word is kept when SCOWL spells it in lowercase, when it is frequent or a one-word place name
    (a key without a space), and when ``LIST_WORD`` matches it.
    """
    by_frequency = {w for w in frequent if w in scowl_lowercase and LIST_WORD.fullmatch(w)}
    by_place = {k for k in place_keys if " " not in k and k in scowl_lowercase and LIST_WORD.fullmatch(k)}
    return Selection(
        words=tuple(sorted(by_frequency | by_place)),
        frequent=len(by_frequency),
        places=len(by_place),
        places_only=len(by_place - by_frequency),
    )


def header_lines(top: int = TOP_N, wordfreq: str = WORDFREQ_VERSION, scowl: str = SCOWL_VERSION) -> list[str]:
    """The section's header comment, as ``#`` lines without line ends."""
    text = HEADER_TEMPLATE.format(top=top, wordfreq=wordfreq, scowl=scowl)
    return textwrap.wrap(text, width=HEADER_WIDTH, initial_indent="# ", subsequent_indent="# ")


def render_section(words: Iterable[str], header: Sequence[str], name: str = SECTION) -> str:
    """The text of a section: its ``[name]`` line, the header comment lines, then one word a line."""
    return "".join(f"{line}\n" for line in (f"[{name}]", *header, *words))


def _is_section_start(line: str) -> bool:
    return _HEADER_LINE.fullmatch(line.split("#", 1)[0].strip()) is not None


def section_span(lines: Sequence[str], name: str = SECTION) -> tuple[int, int]:
    """Line numbers (0-based, end excluded) of section ``name`` without the blank lines that end it.

    Raises ``ValueError`` unless the section occurs exactly once.
    """
    starts = [i for i, line in enumerate(lines) if line.split("#", 1)[0].strip() == f"[{name}]"]
    if len(starts) != 1:
        raise ValueError(f"expected one [{name}] section, found {len(starts)}")
    start = starts[0]
    end = next((i for i in range(start + 1, len(lines)) if _is_section_start(lines[i])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return start, end


def section_text(text: str, name: str = SECTION) -> str:
    """The lines of section ``name`` in ``text``, from its ``[name]`` line to its last non-blank line."""
    lines = text.splitlines(keepends=True)
    start, end = section_span(lines, name)
    return "".join(lines[start:end])


def section_words(text: str, name: str = SECTION) -> list[str]:
    """The words of section ``name`` in ``text``, in file order, comments and blank lines left out."""
    lines = section_text(text, name).splitlines()[1:]
    return [word for word in (line.split("#", 1)[0].strip() for line in lines) if word]


def replace_section(text: str, section: str, name: str = SECTION) -> str:
    """``text`` with section ``name`` replaced by ``section`` (as from ``render_section``).

    Everything outside the section, the blank lines before the next section included, is kept
    as it was.
    """
    lines = text.splitlines(keepends=True)
    start, end = section_span(lines, name)
    if not section.endswith("\n"):
        section += "\n"
    return "".join([*lines[:start], section, *lines[end:]])


def frequent_words(n: int) -> list[str]:
    """The ``n`` most frequent English words of wordfreq, most frequent first."""
    try:
        import wordfreq
    except ImportError:
        sys.exit(_NO_WORDFREQ)
    return list(wordfreq.top_n_list("en", n))


def wordfreq_version() -> str:
    """The installed wordfreq release as major.minor (``3.1``)."""
    try:
        version = metadata.version("wordfreq")
    except metadata.PackageNotFoundError:
        sys.exit(_NO_WORDFREQ)
    return ".".join(version.split(".")[:2])


def debian_upstream_version(package: str) -> str | None:
    """The upstream version of an installed Debian package (``2020.12.07`` of ``2020.12.07-2``)."""
    dpkg_query = shutil.which("dpkg-query")
    if dpkg_query is None:
        return None
    done = subprocess.run([dpkg_query, "-W", "-f=${Version}", package], capture_output=True, text=True, check=False)
    version = done.stdout.strip()
    if done.returncode != 0 or not version:
        return None
    version = version.split(":", 1)[-1]
    return version.rsplit("-", 1)[0] if "-" in version else version


def one_word_place_keys(index: Path) -> tuple[frozenset[str], str]:
    """The folded keys without a space of every name in the index, and the index's ``sources`` meta."""
    if not index.is_file():
        sys.exit(
            f"build_common_words: no gazetteer index at {index}; build it with"
            " `GAZETTEER_HOME=var .venv/bin/gazetteer build` or pass --index"
        )
    connection = sqlite3.connect(f"{index.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT DISTINCT folded FROM names WHERE instr(folded, ' ') = 0")
        keys = frozenset(row[0] for row in rows)
        meta = connection.execute("SELECT value FROM meta WHERE key = 'sources'").fetchone()
    finally:
        connection.close()
    return keys, meta[0] if meta else ""


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--index", type=Path, help="gazetteer index (default: from gazetteer.settings)")
    parser.add_argument("--stopwords", type=Path, default=STOPWORDS, help=f"file to rewrite (default: {STOPWORDS})")
    parser.add_argument("--scowl", type=Path, default=SCOWL, help=f"SCOWL word list (default: {SCOWL})")
    parser.add_argument("--scowl-version", help="SCOWL version for the header (default: from dpkg)")
    parser.add_argument("--top", type=int, default=TOP_N, help=f"frequent words to take (default: {TOP_N})")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the section would change")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Rebuild the section, rewrite the file unless ``--check``, and print a summary."""
    args = _arguments(argv)
    index = args.index or load_settings().index_path
    scowl_version = args.scowl_version or debian_upstream_version(SCOWL_PACKAGE)
    if scowl_version is None:
        sys.exit(f"build_common_words: cannot tell the {SCOWL_PACKAGE} version; pass --scowl-version")
    versions = (wordfreq_version(), scowl_version)
    if versions != (WORDFREQ_VERSION, SCOWL_VERSION):
        print(
            f"build_common_words: warning: wordfreq {versions[0]} and {SCOWL_PACKAGE} {versions[1]}"
            f" differ from the pinned {WORDFREQ_VERSION} and {SCOWL_VERSION}",
            file=sys.stderr,
        )
    keys, sources = one_word_place_keys(index)
    embedded = embedded_sources()
    if sources != embedded:
        print(
            f"build_common_words: warning: {index} was built from {sources or 'unknown sources'},"
            f" not the embedded default ({embedded})",
            file=sys.stderr,
        )
    scowl = lowercase_words(args.scowl.read_text(encoding="utf-8").splitlines())
    selection = select_common(frequent_words(args.top), scowl, keys)

    old_text = args.stopwords.read_bytes().decode("utf-8")
    old_words = set(section_words(old_text))
    header = header_lines(args.top, *versions)
    new_text = replace_section(old_text, render_section(selection.words, header))
    changed = new_text != old_text
    if changed and not args.check:
        args.stopwords.write_bytes(new_text.encode("utf-8"))
    outcome = ("would change" if args.check else "rewritten") if changed else "unchanged"
    added, removed = len(set(selection.words) - old_words), len(old_words - set(selection.words))
    print(
        f"[{SECTION}] {outcome}: {len(selection.words)} words"
        f" ({selection.frequent} by frequency, {selection.places} by one-word place name,"
        f" {selection.places_only} of them by place name only); +{added} -{removed} against {args.stopwords}"
    )
    return 1 if changed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
