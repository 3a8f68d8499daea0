"""The pure parts of ``scripts/build_common_words.py``: the selection rule and the section rewrite.

The script's sources (wordfreq, Debian's wamerican) are not needed: the inputs are tiny and inline.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_common_words.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_common_words", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


script = _load_script()

FILE = """\
# Word lists.

[particles]
of
the

[common]
# Old header.
zebra
apple

[locatives]
in
near
"""


def test_lowercase_words_keeps_only_lowercase_spellings() -> None:
    assert script.lowercase_words(["Paris", "paris\n", "NATO", "can't", "", "  "]) == {"paris", "can't"}


def test_selection_takes_lowercase_frequent_words_and_one_word_place_names() -> None:
    scowl = script.lowercase_words(["apple", "reading", "nice", "mobile", "Paris", "paris", "obscure"])
    frequent = ["the", "apple", "nice", "Paris"]  # "the" is not in this SCOWL, "Paris" not lowercase
    places = ["reading", "nice", "nagorno karabakh", "mobile bay", "xankendi", "paris"]
    selection = script.select_common(frequent, scowl, places)
    assert selection.words == ("apple", "nice", "paris", "reading")
    assert (selection.frequent, selection.places, selection.places_only) == (2, 3, 2)


def test_selection_keeps_only_words_of_two_or_more_letters_a_to_z() -> None:
    scowl = script.lowercase_words(["a", "ax", "can't", "bob's", "café", "co-op", "ox"])
    selection = script.select_common(["a", "ax", "can't", "bob's", "café", "co-op"], scowl, ["ox", "a"])
    assert selection.words == ("ax", "ox")


def test_section_is_rewritten_in_place_and_the_rest_kept() -> None:
    section = script.render_section(["apple", "mango"], ["# New header."])
    assert section == "[common]\n# New header.\napple\nmango\n"
    text = script.replace_section(FILE, section)
    assert text == FILE.replace("# Old header.\nzebra\napple\n", "# New header.\napple\nmango\n")
    assert script.section_words(text) == ["apple", "mango"]
    assert script.replace_section(text, section) == text


def test_last_section_is_rewritten_to_the_end_of_the_file() -> None:
    last = FILE.replace("[common]", "[modifiers]") + "\n[common]\n# header\nold\n\n"
    rewritten = script.replace_section(last, script.render_section(["new"], []))
    assert rewritten == FILE.replace("[common]", "[modifiers]") + "\n[common]\nnew\n\n"


@pytest.mark.parametrize(("text", "found"), [("[particles]\nof\n", 0), (FILE + "\n[common]\nold\n", 2)])
def test_a_missing_or_repeated_section_is_an_error(text: str, found: int) -> None:
    with pytest.raises(ValueError, match=f"one \\[common\\] section, found {found}"):
        script.replace_section(text, "[common]\nx\n")


def test_header_wraps_to_the_committed_comment() -> None:
    lines = script.header_lines(40_000, "3.1", "2020.12.07")
    assert lines[0] == "# English words in everyday lowercase use: the 40,000 most frequent English"
    assert all(len(line) <= script.HEADER_WIDTH for line in lines)


def test_committed_section_is_in_the_form_the_script_writes() -> None:
    """A hand edit that breaks the order, the header or the word form shows up here."""
    text = script.STOPWORDS.read_text(encoding="utf-8")
    words = script.section_words(text)
    assert words == sorted(set(words))
    assert all(script.LIST_WORD.fullmatch(word) for word in words)
    assert script.section_text(text) == script.render_section(words, script.header_lines())
