"""Spotting: the folded scan, the dictionary filters and the rules against false hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.geoparse.dictionary_build import build_dictionary
from gazetteer.geoparse.dictionary_cache import load_dictionary
from gazetteer.geoparse.dictionary_store import StoredNames
from gazetteer.geoparse.name_dictionary import F_ABBR_ONLY, F_COMMON
from gazetteer.geoparse.scan_form import name_key, scan_form
from gazetteer.geoparse.spotting import Spotter
from gazetteer.geoparse.stoplists import load_stoplists, parse_stoplists
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Name, Place, Point


def place(
    pid: int,
    name: str,
    lon: float,
    lat: float,
    code: str = "PPL",
    country: str = "AZ",
    population: int = 0,
    *others: str | Name,
) -> Place:
    """A place with its main name and other names (``Name`` records or plain strings)."""
    names = [Name(name)] + [n if isinstance(n, Name) else Name(n) for n in others]
    return Place(pid, name, Point(lon, lat), "A" if code.startswith("PCL") else "P", code,
                 country, population=population, names=tuple(names))  # fmt: skip


TINY = [
    place(1, "Azerbaijan", 47.5, 40.5, "PCLI", "AZ", 10_000_000, "Republic of Azerbaijan", "Azərbaycan"),
    place(2, "Armenia", 45.0, 40.25, "PCLI", "AM", 3_000_000),
    place(3, "Armenia", -75.68, 4.53, "PPL", "CO", 300_000),
    place(4, "Baku", 49.89, 40.38, "PPL", "AZ", 2_300_000, "Bakı", "Баку"),
    place(5, "Khankendi", 46.75, 39.82, "PPL", "AZ", 55_000, "Stepanakert", "Xankəndi"),
    place(6, "Aghdam", 46.93, 39.99, "PPL", "AZ", 30_000),
    place(7, "Laçın", 46.55, 39.64, "PPL", "AZ", 10_000, "Lachin"),
    place(8, "Lachin corridor", 46.45, 39.6, "RD", "AZ", 0, "Lachin Corridor"),
    place(9, "Karabakh", 46.75, 39.83, "RGN", "AZ", 0, "Nagorno-Karabakh", "Upper Karabakh",
          "Garabagh", "Nagorno-Karabakh Autonomous Region", Name("NKAO", lang="abbr")),
    place(10, "Nice", 7.27, 43.7, "PPL", "FR", 340_000),
    place(11, "Of", 40.27, 40.94, "PPL", "TR", 30_000),
    place(12, "May", 2.0, 48.0, "PPL", "FR", 1_800),
    place(13, "Moscow", 37.62, 55.75, "PPL", "RU", 10_000_000, "MOW"),
    place(14, "Moscow", -117.0, 46.73, "PPL", "US", 25_000),
    place(15, "Minsk", 27.56, 53.9, "PPL", "BY", 1_700_000),
    place(16, "Europe", 9.14, 48.69, "CONT", "", 741_000_000),
    place(17, "United States", -98.5, 39.76, "PCLI", "US", 327_000_000,
          Name("US", lang="abbr"), Name("USA", lang="abbr"), Name("U.S.", lang="abbr")),
    place(18, "Antony", 2.3, 48.75, "PPL", "FR", 60_000),
    place(19, "Tass", 19.03, 47.02, "PPL", "HU", 3_000),
    place(20, "Hydro", -98.58, 35.55, "PPL", "US", 900),
    place(21, "Turkey", 35.0, 39.0, "PCLI", "TR", 82_000_000, "Türkiye"),
    place(22, "6th of October City", 30.9, 29.9, "PPL", "EG", 185_000, "October 6"),
    place(23, "Armenian", 30.0, 50.0, "PPL", "UA", 2_000),
    place(24, "Russia", 100.0, 60.0, "PCLI", "RU", 144_000_000),
    place(25, "Yerevan", 44.51, 40.18, "PPL", "AM", 1_000_000, "Ереван"),
    place(26, "Pereira", -75.7, 4.81, "PPL", "CO", 440_000),
    place(27, "The Netherlands", 5.75, 52.25, "PCLI", "NL", 17_000_000),
    place(28, "The Valley", -63.05, 18.22, "PPLC", "AI", 1_100),
]  # fmt: skip


def build_tiny_index(folder: Path) -> Path:
    """Write the tiny index into ``folder`` and return its path."""
    path = folder / "tiny.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places(TINY)
        writer.set_meta("built", "test")
        writer.set_meta("sources", "tiny")
    return path


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory: pytest.TempPathFactory) -> GazetteerIndex:
    return GazetteerIndex(build_tiny_index(tmp_path_factory.mktemp("tiny")))


@pytest.fixture(scope="module", params=["memory", "file"])
def spotter(
    request: pytest.FixtureRequest, tiny_index: GazetteerIndex, tmp_path_factory: pytest.TempPathFactory
) -> Spotter:
    """A spotter on the dictionary just built, then on the same read back from its file."""
    lists = load_stoplists()
    if request.param == "memory":
        return Spotter(build_dictionary(tiny_index, lists), lists)
    folder = tmp_path_factory.mktemp("spotter")
    folder.chmod(0o700)
    dictionary = load_dictionary(tiny_index, lists, cache_dir=folder)
    assert isinstance(dictionary.source, StoredNames)
    return Spotter(dictionary, lists)


def surfaces(spotter: Spotter, text: str) -> list[str]:
    spots = spotter.spot(text)
    assert all(text[s.start : s.end] == s.surface for s in spots)
    return [s.surface for s in spots]


def test_scan_form_keeps_length_and_folds() -> None:
    text = "Xankəndi, ŞUŞA – Ханкенди’s «Bakı» İstanbul"
    scanned = scan_form(text)
    assert len(scanned) == len(text)
    assert scanned.split() == ["xankendi", "susa", "ханкенди", "s", "baki", "istanbul"]
    assert scan_form("Aghdam-Khankendi road") == "aghdam khankendi road"
    assert scan_form("") == ""


def test_name_key_collapses_punctuation() -> None:
    assert name_key("Nagorno-Karabakh") == "nagorno karabakh"
    assert name_key("U.S.") == "u s"
    assert name_key("  Upper   Karabakh ") == "upper karabakh"


def test_dictionary_filters(spotter: Spotter) -> None:
    dictionary = spotter.dictionary
    assert dictionary.key_id("of") is None, "small place named by a common word"
    assert dictionary.key_id("may") is None, "calendar word"
    assert dictionary.key_id("october 6") is None, "a date"
    assert dictionary.key_id("armenian") is None, "demonym"
    assert dictionary.key_id("mow") is None, "all-caps code"
    assert dictionary.key_id("republic of azerbaijan") is None, "official form of a spotted name"
    nice = dictionary.key_id("nice")
    assert nice is not None and dictionary.flags[nice] & F_COMMON
    us = dictionary.key_id("us")
    assert us is not None and dictionary.flags[us] & F_ABBR_ONLY
    armenia = dictionary.key_id("armenia")
    assert armenia is not None
    rows = dictionary.candidates(armenia)
    assert [dictionary.places.ids[row] for row, _ in rows] == [2, 3], "best known first"


def test_common_words_need_a_locative(spotter: Spotter) -> None:
    assert surfaces(spotter, "In May it was nice and the weather of Of was Nice.") == []
    assert surfaces(spotter, "Nice weather today.") == []
    assert surfaces(spotter, "The festival moved to Nice in June.") == ["Nice"]


def test_a_name_with_the_article_is_found_after_a_lowercase_one(spotter: Spotter) -> None:
    assert surfaces(spotter, "Trade with the Netherlands grew.") == ["Netherlands"]
    assert surfaces(spotter, "The Netherlands and Armenia signed it.") == ["The Netherlands", "Armenia"]
    assert spotter.dictionary.key_id("valley") is None, "the rest of The Valley is an everyday word"
    assert surfaces(spotter, "They walked down the valley to the Valley road.") == []


def test_demonyms_are_not_places(spotter: Spotter) -> None:
    assert surfaces(spotter, "Armenian and Azerbaijani diplomats met Russian officials.") == []


def test_places_that_qualify_organisations_are_tagged(spotter: Spotter) -> None:
    """Annotators tag the place in an organisation's name; a club's name is no place."""
    assert surfaces(spotter, "He addressed the Council of Europe and the OSCE Minsk Group.") == ["Europe", "Minsk"]
    assert surfaces(spotter, "She studied at Moscow State University.") == ["Moscow"]
    assert surfaces(spotter, "She flew to Minsk and then to Europe.") == ["Minsk", "Europe"]
    assert surfaces(spotter, "He scored twice for Real Madrid.") == []


def test_datelines_headings_and_acronyms(spotter: Spotter) -> None:
    assert surfaces(spotter, "MOSCOW, March 3. /TASS/. Officials said") == ["MOSCOW"]
    assert surfaces(spotter, "Intro\n\nLIBERATION OF KARABAKH\n\nText.") == ["KARABAKH"]
    assert surfaces(spotter, "The TASS agency and the MOSCOW office said so.") == []
    assert surfaces(spotter, "ARMENIA AND AZERBAIJAN MET IN BAKU. LET US GO.") == ["ARMENIA", "AZERBAIJAN", "BAKU"]


def test_hyphenated_pairs_and_noun_modifiers(spotter: Spotter) -> None:
    text = "Trucks took the Aghdam-Khankendi road, not the Lachin road, to Upper-Karabakh."
    assert surfaces(spotter, text) == ["Aghdam", "Khankendi", "Lachin", "Upper-Karabakh"]
    assert surfaces(spotter, "Traffic on the Lachin corridor resumed.") == ["Lachin corridor"]
    assert surfaces(spotter, "Baku's and Yerevan’s envoys met.") == ["Baku", "Yerevan"]


def test_longest_name_wins(spotter: Spotter) -> None:
    text = "The Nagorno-Karabakh Autonomous Region left the Azerbaijan SSR."
    assert surfaces(spotter, text) == ["Nagorno-Karabakh Autonomous Region", "Azerbaijan"]


def test_person_names_and_name_runs(spotter: Spotter) -> None:
    assert surfaces(spotter, "Secretary of State Antony Blinken called.") == []
    assert surfaces(spotter, "It used small Hydro Power Plants there.") == []
    assert surfaces(spotter, "Protests spread to Antony, south of Paris.") == ["Antony"]


def test_a_sentences_first_word_opens_a_persons_name_only_when_it_is_a_given_name(spotter: Spotter) -> None:
    assert surfaces(spotter, "Talks ended. Tərəflər Aghdam yolunu müzakirə ediblər.") == ["Aghdam"]
    assert surfaces(spotter, "Talks ended. Kelly Aghdam spoke first.") == []


def test_abbreviations(spotter: Spotter) -> None:
    text = "The US and the USA agreed; the U.S. said so. Contact Us."
    assert surfaces(spotter, text) == ["US", "USA", "U.S."]
    assert surfaces(spotter, "The NKAO was dissolved.") == ["NKAO"]


def test_lowercase_words_are_not_names(spotter: Spotter) -> None:
    assert surfaces(spotter, "baku and armenia in lowercase are not spotted") == []


def test_other_scripts(spotter: Spotter) -> None:
    assert surfaces(spotter, "Делегация из Баку прибыла в Ереван.") == ["Баку", "Ереван"]
    assert surfaces(spotter, "Xankəndi və Bakı") == ["Xankəndi", "Bakı"]


def test_misspellings_need_support(spotter: Spotter) -> None:
    text = "Armenia said a strike on Armennia would follow; Armenian forces denied it."
    spots = spotter.spot(text)
    assert [(s.surface, s.rule) for s in spots] == [("Armenia", "name"), ("Armennia", "misspelling")]
    assert 0.8 < spots[1].similarity < 1.0
    assert surfaces(spotter, "Talks in Yervan were reported.") == [], "no support in the text"
    assert surfaces(spotter, "Yerevan said talks in Yervan went well.") == ["Yerevan", "Yervan"]
    assert surfaces(spotter, "Leaders of Azerbaijian met.") == ["Azerbaijian"], "country, 7+ letters"
    assert surfaces(spotter, "Armenians and Russians met.") == [], "derived forms"


def test_stoplists_parse_sections() -> None:
    lists = parse_stoplists("[calendar]\nMay  # month\n\n[demonyms]\nAzeri\n")
    assert lists.never_place("may") and lists.never_place("azeri")
    assert lists.never_place("may 1st") and not lists.never_place("may hill")
