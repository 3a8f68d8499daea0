"""Person names of a document, and place names that qualify an organisation or a role (real index)."""

from __future__ import annotations

import pytest

from gazetteer.errors import DataError
from gazetteer.geoparse.parser import geoparse
from gazetteer.geoparse.person_names import load_person_names, parse_person_names


def surfaces(text: str) -> list[str]:
    return [m.surface for m in geoparse(text)]


def test_person_names_list_parses() -> None:
    names = parse_person_names("# header\n[given]\nanna\t1200\n\n[surnames]\nwalsh\t330\n")
    assert names.share("anna") == 1200 and names.share("walsh") == 330 and names.share("baku") == 0
    with pytest.raises(DataError):
        parse_person_names("[nicknames]\nbob\t1\n")
    packaged = load_person_names()
    assert "georgia" in packaged.given and "walsh" in packaged.surnames


def test_full_name_then_given_name_alone_is_a_person_even_for_a_country() -> None:
    text = "Ten-year-old Georgia Stevens won the race. Georgia began running at six, said her coach."
    assert surfaces(text) == []


def test_full_name_counts_in_a_text_whose_lowercase_moves_offsets() -> None:
    text = "Ten-year-old Georgia Stevens won the race in {}. Georgia began running at six."
    assert surfaces(text.format("Izmir")) == ["Izmir"]
    assert surfaces(text.format("İzmir")) == ["İzmir"]


def test_given_name_of_a_country_stays_a_place_without_a_full_name() -> None:
    assert surfaces("Georgia began talks with the European Union.") == ["Georgia"]


def test_surname_after_a_full_name_or_a_title_is_a_person() -> None:
    assert "Rubio" not in surfaces("Sen. Marco Rubio spoke on Monday. Rubio said the vote would pass.")
    assert "Sen" not in surfaces("Sen. Marco Rubio spoke on Monday.")


def test_a_locative_keeps_the_place_in_a_document_with_the_person() -> None:
    text = "Georgia Stevens grew up in Georgia, and Georgia began skating there."
    assert surfaces(text) == ["Georgia"]


def test_common_surname_of_a_small_place_is_a_person_without_place_context() -> None:
    assert surfaces("Walsh said the offer came too late.") == []
    assert surfaces("The family moved to Walsh last spring.") == ["Walsh"]


def test_big_places_keep_their_names_against_people() -> None:
    assert surfaces("Houston said the storm had passed.") == ["Houston"]


def test_person_with_a_place_as_first_name_is_no_place() -> None:
    assert "Paris" not in surfaces("Paris Hilton arrived at the gala in a red dress.")


def test_places_that_qualify_an_organisation_or_a_role_are_places() -> None:
    text = "Kentucky State Police and the Glasgow Police Department responded, Manitoba Premier Kim Ford said."
    assert {"Kentucky", "Glasgow", "Manitoba"} <= set(surfaces(text))
    assert "Manitoba" in surfaces("She teaches at the University of Manitoba.")
    assert "Texas" in surfaces("He backed Texas Senator Ted Cruz in the primary.")


def test_clubs_and_holidays_are_no_places() -> None:
    assert "Madrid" not in surfaces("The trophy went to Real Madrid after extra time.")
    assert surfaces("The company held a Christmas party.") == []


def test_a_place_before_a_role_an_acronym_or_after_team_is_a_place() -> None:
    assert "Calgary" in surfaces("Calgary MLA Jane Doe spoke first.")
    assert "California" in surfaces("A letter from the California DMV arrived.")
    assert "Alberta" in surfaces("She was named to Team Alberta this year.")


def test_according_to_is_no_place_context() -> None:
    assert surfaces("According to Walsh, the offer came too late.") == []


def test_a_small_place_that_speaks_is_a_speaker_whatever_the_name() -> None:
    assert surfaces("Obama said the plan would wait.") == []
    assert surfaces("Obama, who spoke first, left early.") == []
    assert surfaces("The figures came late, according to Xinhua.") == []
    assert surfaces("Xinhua says the quake struck at dawn.") == []


def test_a_place_that_only_seems_to_speak_stays_a_place() -> None:
    assert surfaces("Officials in Obama said the port would reopen.") == ["Obama"]
    assert surfaces("The mayor of Lachin said the road was open.") == ["Lachin"]
    assert surfaces("Residents of Fuzuli, who came back in May, rebuilt the school.") == ["Fuzuli"]
    assert surfaces("According to Lachin officials, the road was open.") == ["Lachin"]
    assert surfaces("Officials in Martuni and Vardenis said the road was shut.") == ["Martuni", "Vardenis"]
    assert surfaces("Houston said the storm had passed.") == ["Houston"]


def test_olympic_is_no_place() -> None:
    assert surfaces("He set an Olympic record at the Olympic trials.") == []


def test_russian_given_names_and_surnames_are_people() -> None:
    text = "Вчера Попова и Мария Соколова выступили в Ростове, а затем в Пушкине."
    assert [m.surface for m in geoparse(text)] == ["Ростове", "Пушкине"]
