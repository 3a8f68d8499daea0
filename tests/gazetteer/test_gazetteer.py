from pathlib import Path

import pytest

from gazetteer.errors import InvalidInput, NotFound
from gazetteer.gazetteer import Gazetteer
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.ranking import great_circle_km
from gazetteer.records import MatchType, Name, Place, Point


def _place(pid: int, name: str, lon: float, lat: float, pop: int, country: str, *alts: str) -> Place:
    names = (Name(name, preferred=True), *(Name(a) for a in alts))
    return Place(pid, name, Point(lon, lat), country=country, population=pop, names=names)


@pytest.fixture
def tiny(tmp_path: Path) -> Gazetteer:
    path = tmp_path / "tiny.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places(
            [
                _place(148106, "Fuzuli", 47.14529, 39.60094, 25100, "AZ", "Füzuli", "Физули"),
                _place(8630550, "Fuzuli", 46.13223, 40.82076, 800, "AZ", "Füzuli"),
                _place(146970, "Khankendi", 46.7528, 39.8177, 2100, "AZ", "Xankəndi", "Stepanakert", "Ханкенди"),
                _place(312653, "Hankendi", 39.0, 38.5, 900, "TR"),
                _place(147105, "Shusha", 46.74989, 39.76006, 19400, "AZ", "Şuşa", "Shushi"),
                _place(2464470, "Sousse", 10.63699, 35.82539, 271428, "TN", "Susa"),
            ]
        )
    return Gazetteer(GazetteerIndex(path))


def test_the_district_town_outranks_its_village_namesake(tiny: Gazetteer) -> None:
    first, second = tiny.lookup("Füzuli")
    assert (first.place.id, second.place.id) == (148106, 8630550)
    assert first.confidence > second.confidence


@pytest.mark.parametrize("query", ["Stepanakert", "Xankəndi", "Ханкенди", "Khankendi", "XANKENDI", "Xankendi"])
def test_every_spelling_reaches_khankendi(tiny: Gazetteer, query: str) -> None:
    assert tiny.lookup(query)[0].place.id == 146970


def test_match_types_follow_the_strategy_that_found_them(tiny: Gazetteer) -> None:
    assert tiny.lookup("Stepanakert")[0].match_type is MatchType.EXACT
    assert tiny.lookup("xankendi")[0].match_type is MatchType.FOLDED
    assert tiny.lookup("Xankendi")[0].match_type is MatchType.FOLDED
    assert tiny.lookup("Khankendy")[0].match_type is MatchType.TRANSLITERATED
    fuzzy = tiny.lookup("Khankenda")
    assert fuzzy[0].place.id == 146970 and fuzzy[0].match_type is MatchType.FUZZY


def test_an_exact_spelling_beats_a_bigger_folded_namesake(tiny: Gazetteer) -> None:
    assert tiny.lookup("Şuşa")[0].place.id == 147105


def test_country_and_focus_bias(tiny: Gazetteer) -> None:
    assert tiny.lookup("Fuzuli", focus=Point(46.1, 40.8))[0].place.id == 8630550
    assert tiny.lookup("Susa")[0].place.id == 147105, "a spelling of Şuşa's main name beats Sousse's alternate"
    assert tiny.lookup("Susa", focus=Point(10.6, 35.8))[0].place.id == 2464470
    in_tunisia = tiny.lookup("Susa", country="tn")
    assert in_tunisia[0].place.id == 2464470
    assert in_tunisia[0].scores["country"] == 1.0


def test_variants_list_preferred_names_first(tiny: Gazetteer) -> None:
    names = tiny.variants(146970)
    assert names[0].text == "Khankendi"
    with pytest.raises(NotFound):
        tiny.variants(42)


@pytest.mark.parametrize("bad", ["", " ", "x" * 10_000, "Baku\x07"])
def test_bad_queries_raise_invalid_input(tiny: Gazetteer, bad: str) -> None:
    with pytest.raises(InvalidInput):
        tiny.lookup(bad)


def test_bad_limits_and_countries_raise_invalid_input(tiny: Gazetteer) -> None:
    with pytest.raises(InvalidInput):
        tiny.lookup("Baku", limit=0)
    with pytest.raises(InvalidInput):
        tiny.lookup("Baku", country="Azerbaijan")


def test_every_seed_variant_resolves_top1(gazetteer: Gazetteer, variant_rows: list[list[str]]) -> None:
    misses = []
    for query, expected, lat, lon, note in variant_rows:
        best = gazetteer.lookup(query, limit=1)[0]
        allowed = 100 if ("region" in note or "water" in note) else 25
        distance = great_circle_km(Point(float(lon), float(lat)), best.place.point)
        if distance > allowed:
            misses.append((query, expected, best.place.name, round(distance)))
    assert misses == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Fuzuli", 148106), ("Aghdam", 148619), ("Aghdem", 148619), ("Zengilan", 146901), ("Türkiye", 298795)],
)
def test_namesakes_and_typos_in_the_embedded_default(gazetteer: Gazetteer, query: str, expected: int) -> None:
    assert gazetteer.lookup(query, limit=1)[0].place.id == expected


@pytest.mark.parametrize("query", ["Khanke", "Stepana", "Ханк", "xankən"])
def test_a_beginning_completes_to_the_place(tiny: Gazetteer, query: str) -> None:
    first = tiny.complete(query)[0]
    assert (first.place.id, first.match_type) == (146970, MatchType.PREFIX)


def test_a_whole_name_outranks_the_names_it_begins(tiny: Gazetteer) -> None:
    assert [(c.place.id, c.match_type) for c in tiny.complete("Shusha")][:1] == [(147105, MatchType.EXACT)]


def test_two_letters_are_not_completed(tiny: Gazetteer) -> None:
    assert tiny.complete("Kh") == [] == tiny.complete("Su")


def test_completion_checks_its_arguments(tiny: Gazetteer) -> None:
    with pytest.raises(InvalidInput):
        tiny.complete("Khanke", country="Azerbaijan")
    with pytest.raises(InvalidInput):
        tiny.complete("Khanke", limit=0)
