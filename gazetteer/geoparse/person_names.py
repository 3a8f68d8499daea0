"""Given names and surnames with how many people bear them: ``data/person_names.txt``.

The file is made by ``scripts/build_person_names.py``.  ``people`` finds person names with it, and
the context rules (``false_hits``) tell a sentence's first word from a given name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer.errors import DataError

PERSON_NAMES_PATH = Path(__file__).resolve().parents[1] / "data" / "person_names.txt"
"""The default list of given names and surnames."""


@dataclass(frozen=True, slots=True)
class PersonNames:
    """Given names and surnames, lowercase, with the people per million who bear them."""

    given: dict[str, int]
    """Given names (``georgia``)."""
    surnames: dict[str, int]
    """Surnames (``walsh``)."""

    def share(self, word: str) -> int:
        """People per million who bear ``word`` (lowercase) as a given name or a surname."""
        return max(self.given.get(word, 0), self.surnames.get(word, 0))


def parse_person_names(text: str) -> PersonNames:
    """``PersonNames`` from the text of a ``person_names.txt`` file."""
    sections: dict[str, dict[str, int]] = {"given": {}, "surnames": {}}
    current: dict[str, int] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            current = sections.get(line.strip("[]"))
            if current is None:
                raise DataError(f"person names line {number}: unknown section {line}")
            continue
        name, _, share = line.partition("\t")
        if current is None or not share.isdigit():
            raise DataError(f"person names line {number}: expected 'name<TAB>share' in a section")
        current[name] = int(share)
    return PersonNames(sections["given"], sections["surnames"])


@lru_cache(maxsize=2)
def load_person_names(path: Path = PERSON_NAMES_PATH) -> PersonNames:
    """The names of ``path`` (the packaged ``person_names.txt`` by default)."""
    try:
        return parse_person_names(Path(path).read_text("utf-8"))
    except OSError as error:
        raise DataError(f"cannot read person names {path}: {error.strerror}") from error
