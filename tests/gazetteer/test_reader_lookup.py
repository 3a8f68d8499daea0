"""Lookups that rank like a reader: reader prior, home region, typo tolerance, names for the limit only."""

from pathlib import Path

import pytest

from gazetteer.errors import InvalidInput
from gazetteer.fuzzy import FuzzyMatcher, max_edits
from gazetteer.gazetteer import Gazetteer
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.ranking import kind_rank, language_rank, reader_prior
from gazetteer.records import MatchType, Name, Place, Point
from gazetteer.settings import SOUTH_CAUCASUS, Region

# The embedded default, under this deployment's home region (the South Caucasus).


@pytest.mark.parametrize(
    ("query", "expected", "country"),
    [
        ("Lacin", 147625, "AZ"),  # Laçın, not Laçin (Turkey)
        ("Goris", 174895, "AM"),  # Goris, not Gori (Georgia), whose alternate name it is
        ("Karabagh", 900000001, "AZ"),  # the region (overlay), not Qarah Bāgh (Afghanistan)
        ("Kalbajr", 586268, "AZ"),  # not Calabar (Nigeria)
        ("Shushaa", 147105, "AZ"),  # Shusha, not Sousse
        ("Khojalu", 147774, "AZ"),  # Khojaly, not Chorzów
    ],
)
def test_bare_names_resolve_like_a_reader_of_caucasus_news(
    gazetteer: Gazetteer, query: str, expected: int, country: str
) -> None:
    assert gazetteer.region == SOUTH_CAUCASUS
    best = gazetteer.lookup(query, limit=1)[0]
    assert (best.place.id, best.place.country) == (expected, country)
    assert "region" in best.scores


@pytest.mark.parametrize("query", ["Qwertyville", "Blorptown", "Zxcvbnm"])
def test_a_name_nothing_is_called_finds_nothing(gazetteer: Gazetteer, query: str) -> None:
    assert gazetteer.lookup(query) == []


@pytest.mark.parametrize("query", ["?", "%", "-", "...", " - ", "\u00a0"])
def test_a_name_without_letters_is_invalid_input(gazetteer: Gazetteer, query: str) -> None:
    with pytest.raises(InvalidInput):
        gazetteer.lookup(query)


def test_a_focus_point_overrides_the_region(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Paris", limit=1)[0].place.country == "FR"
    for city in (Point(-96.8, 32.78), Point(-97.74, 30.27)):  # Dallas, Austin
        best = gazetteer.lookup("Paris", focus=city, limit=1)[0]
        assert (best.place.id, best.place.country) == (4717560, "US")
        assert "region" not in best.scores


def test_a_country_overrides_the_region(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Lacin", country="TR", limit=1)[0].place.id == 750165
    assert gazetteer.lookup("Goris", country="GE", limit=1)[0].place.id == 614455


def test_typos_of_places_far_from_the_region_still_resolve(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Yerevna", limit=1)[0].place.id == 616052
    assert gazetteer.lookup("Berln", limit=1)[0].place.id == 2950159
    assert gazetteer.lookup("Moscw", limit=1)[0].place.id == 524901


def test_fuzzy_hits_are_marked_and_share_the_first_sound(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Kalbajr", limit=5)
    assert found[0].match_type is MatchType.FUZZY
    assert all(c.matched_name[0].lower() in "kqc" for c in found)


def test_only_the_returned_candidates_carry_names(gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    named: list[int] = []
    places = gazetteer.index.places

    def counting(ids: object, names: bool = True) -> dict[int, Place]:
        wanted = list(ids)  # type: ignore[call-overload]
        if names:
            named.extend(wanted)
        return places(wanted, names=names)

    monkeypatch.setattr(gazetteer.index, "places", counting)
    best = gazetteer.lookup("Aleksandrovka", limit=1)
    assert len(best) == 1 and best[0].place.names
    assert len(named) == 1
    assert len(gazetteer.match("Aleksandrovka")) > 10


# Tiny inline indexes.


def _place(pid: int, name: str, lon: float, lat: float, pop: int, country: str, *alts: str, code: str = "") -> Place:
    names = (Name(name, preferred=True), *(Name(a) for a in alts))
    return Place(pid, name, Point(lon, lat), feature_code=code, country=country, population=pop, names=names)


@pytest.fixture
def index(tmp_path: Path) -> GazetteerIndex:
    path = tmp_path / "reader.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places(
            [
                _place(1, "Lacin", 46.55, 39.64, 2300, "AZ", "Laçın"),
                _place(2, "Lacin", 34.9, 40.7, 2600, "TR", "Laçin"),
                _place(3, "Goris", 46.34, 39.51, 17592, "AM", "Горис"),
                _place(4, "Gori", 44.11, 41.99, 41933, "GE", "Goris", "Гори"),
                _place(5, "Armenia", 45.0, 40.0, 3_000_000, "AM", code="PCLI"),
                _place(6, "Armenia", -75.68, 4.53, 315_000, "CO"),
                _place(7, "Kalbajar", 46.04, 40.11, 8400, "AZ", "Kəlbəcər"),
                _place(8, "Calabar", 8.32, 4.95, 540_000, "NG", "Kalabar"),
            ]
        )
    return GazetteerIndex(path)


def test_the_region_decides_between_equal_namesakes(index: GazetteerIndex) -> None:
    assert Gazetteer(index).lookup("Lacin")[0].place.id == 2, "without a region, the bigger one"
    assert Gazetteer(index, region=SOUTH_CAUCASUS).lookup("Lacin")[0].place.id == 1
    assert Gazetteer(index, region=Region(26, 36, 45, 42)).lookup("Lacin")[0].place.id == 2


def test_a_main_name_beats_a_bigger_place_s_alternate(index: GazetteerIndex) -> None:
    first, second = Gazetteer(index).lookup("Goris")
    assert (first.place.id, second.place.id) == (3, 4)
    assert (first.scores["name"], second.scores["name"]) == (1.0, pytest.approx(0.7))


def test_a_country_outranks_a_bigger_city_of_its_name(index: GazetteerIndex) -> None:
    assert Gazetteer(index).lookup("Armenia")[0].place.id == 5


def test_typos_need_the_first_sound_and_enough_letters(index: GazetteerIndex) -> None:
    gazetteer = Gazetteer(index)
    assert gazetteer.lookup("Kalbajr")[0].place.id == 7
    assert gazetteer.lookup("Kalbajr", fuzzy=False) == []
    assert gazetteer.lookup("Galbajar") == [], "a different first sound is no typo"
    assert gazetteer.lookup("Gorx") == [], "four letters match only exactly"


def test_the_edit_allowance_rises_with_length(index: GazetteerIndex) -> None:
    assert [max_edits(n) for n in (3, 4, 5, 11, 12, 20)] == [0, 0, 1, 1, 2, 2]
    matcher = FuzzyMatcher(index)
    assert [key for key, _ in matcher.similar("kalbajr")] == ["kalbajar"]
    assert matcher.similar("kalbr") == []


def test_the_reader_prior_orders_kinds_then_population() -> None:
    def kind(code: str, population: int = 0) -> float:
        return kind_rank(Place(1, "x", Point(0, 0), feature_code=code, population=population))

    assert kind("PCLI") > kind("ADM1") > kind("PPLC") > kind("PPL", 20_000_000) > kind("PPL", 20_000) > kind("PPL")
    assert kind("ADM2") > kind("PPL", 100_000)
    assert language_rank(0) == 0.0 and language_rank(5) < language_rank(10) < language_rank(100) == 1.0
    village = Place(1, "x", Point(0, 0), population=1000)
    assert reader_prior(village, 12) > reader_prior(village, 1)
