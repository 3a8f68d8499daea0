"""Qualifiers and the error classes of unseen news: ``X, Y``, division abbreviations, sentence ends,
dotted words inside names, area heads, capitals, provinces, dwarfed namesakes, Karabakh's Martuni.

The texts are written for these tests; they run on the embedded-default index.
"""

from __future__ import annotations

import pytest

from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.parser import geoparse
from gazetteer.records import Mention


def found(text: str, gazetteer: Gazetteer) -> dict[str, Mention]:
    """Surface -> mention (the last one of each surface)."""
    return {m.surface: m for m in geoparse(text, gazetteer)}


def test_qualifier_restricts_the_town_to_the_state(gazetteer: Gazetteer) -> None:
    mentions = found("The family moved to Arlington, Va. in the spring.", gazetteer)
    assert (mentions["Arlington"].place.country, mentions["Arlington"].place.admin1) == ("US", "VA")
    assert mentions["Va."].place.name == "Virginia"


def test_qualifier_by_full_name_holds_for_the_whole_document(gazetteer: Gazetteer) -> None:
    text = "A storm hit Paris, Texas overnight. Roads around Paris stayed closed on Monday."
    assert {(m.place.country, m.place.admin1) for m in geoparse(text, gazetteer) if m.surface == "Paris"} == {
        ("US", "TX")
    }


def test_dateline_with_abbreviated_state(gazetteer: Gazetteer) -> None:
    mentions = found("GLASGOW, Ky. — Firefighters were called to a barn.", gazetteer)
    assert (mentions["GLASGOW"].place.country, mentions["GLASGOW"].place.admin1) == ("US", "KY")
    assert mentions["Ky."].place.name == "Kentucky"


def test_an_abbreviation_that_is_an_everyday_word_qualifies_after_a_comma(gazetteer: Gazetteer) -> None:
    mentions = found("RUSSELLVILLE, Ark. — A bridge was closed on Friday.", gazetteer)
    assert mentions["Ark."].place.name == "Arkansas"
    assert (mentions["RUSSELLVILLE"].place.country, mentions["RUSSELLVILLE"].place.admin1) == ("US", "AR")
    assert found("She was born in Churchill, Man. and moved south.", gazetteer)["Man."].place.name == "Manitoba"
    assert found("He is a Man. Then he left the room.", gazetteer) == {}


@pytest.mark.parametrize(
    ("text", "surface", "province"),
    [
        ("Snow closed schools in Surrey, B.C. this week.", "B.C.", "British Columbia"),
        ("In B.C., snow is expected overnight.", "B.C.", "British Columbia"),
        ("The mill in Kenora, Ont. reopened.", "Ont.", "Ontario"),
        ("Floods reached Mackay, Qld on Friday.", "Qld", "Queensland"),
    ],
)
def test_province_abbreviations(text: str, surface: str, province: str, gazetteer: Gazetteer) -> None:
    assert found(text, gazetteer)[surface].place.name == province


def test_abbreviations_that_qualify_nothing_are_no_places(gazetteer: Gazetteer) -> None:
    surfaces = [m.surface for m in geoparse("The temple dates from 300 B.C. and ON Monday it closed.", gazetteer)]
    assert surfaces == []


def test_list_of_peers_is_no_qualification(gazetteer: Gazetteer) -> None:
    mentions = found("Delegations from Georgia, Armenia and Iran met.", gazetteer)
    assert mentions["Georgia"].place.feature_code.startswith("PCL")


def test_a_full_stop_ends_the_name_before_it(gazetteer: Gazetteer) -> None:
    text = "Envoys met in Baku. Aghdam stayed quiet. Talks went on in Baku and Yerevan. Lachin corridor reopened."
    assert {"Aghdam", "Lachin corridor"} <= set(found(text, gazetteer))


def test_dotted_abbreviation_inside_a_name(gazetteer: Gazetteer) -> None:
    mentions = found("She grew up in St. Thomas and later moved to Mt. Vernon.", gazetteer)
    assert {"St. Thomas", "Mt. Vernon"} <= set(mentions)


def test_capitalised_area_head_joins_the_name(gazetteer: Gazetteer) -> None:
    mentions = found("Investment plans for the Karabakh Economic Region were approved.", gazetteer)
    assert mentions["Karabakh Economic Region"].place.name == "Karabakh"
    lowercase = found("Shelling was reported in Idlib province.", gazetteer)
    assert "Idlib" in lowercase and "Idlib province" not in lowercase
    court = found("A judge of the U.S. District Court ruled.", gazetteer)
    assert "U.S." in court


def test_capital_city_beats_the_state_of_the_same_name(gazetteer: Gazetteer) -> None:
    assert found("WASHINGTON — The senator spoke after the vote.", gazetteer)["WASHINGTON"].place.admin1 == "DC"


def test_province_keeps_the_name_it_shares_with_its_capital(gazetteer: Gazetteer) -> None:
    mentions = found("Hospitals in Quebec and Ontario are full, officials in Toronto said.", gazetteer)
    assert mentions["Quebec"].place.feature_code == "ADM1"
    assert mentions["Ontario"].place.country == "CA"


def test_world_capital_is_not_dwarfed_by_country_focus(gazetteer: Gazetteer) -> None:
    text = "The team flew from Newark to San Francisco, then on to Paris for the final."
    assert found(text, gazetteer)["Paris"].place.country == "FR"


def test_america_is_the_united_states(gazetteer: Gazetteer) -> None:
    assert found("Exports to America fell last year.", gazetteer)["America"].place.country == "US"


def test_martuni_in_karabakh_is_the_karabakh_town(gazetteer: Gazetteer) -> None:
    mentions = found("Residents of Martuni, Karabakh, returned to their homes near Khankendi.", gazetteer)
    assert mentions["Martuni"].place.country == "AZ"
