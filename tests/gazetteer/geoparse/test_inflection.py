"""Inflected place names in Russian, Azerbaijani and Armenian (sentences written for these tests)."""

from __future__ import annotations

import pytest

from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.inflection import stems
from gazetteer.geoparse.parser import geoparse


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("Агдаме", "Агдам"),
        ("Шуше", "Шуша"),
        ("Москвой", "Москва"),
        ("Лачинского", "Лачин"),
        ("Bakıda", "Bakı"),
        ("Şuşaya", "Şuşa"),
        ("Laçından", "Laçın"),
        ("Ağdamın", "Ağdam"),
        ("Ստեփանակերտում", "Ստեփանակերտ"),
        ("Շուշիից", "Շուշի"),
    ],
)
def test_stems_follow_the_declensions(word: str, stem: str) -> None:
    assert stem in stems(word)


def test_english_words_are_never_cut() -> None:
    assert stems("Honda") == stems("Jordanian") == stems("Canadian") == []


def test_short_stems_are_not_looked_up() -> None:
    assert stems("Бае") == [] and stems("Ağa") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Колонна стояла в Агдаме, потом в Шуше и в Москве.", {"Агдаме": "AZ", "Шуше": "AZ", "Москве": "RU"}),
        ("Heyət Bakıda görüşdü, sonra Şuşaya və Laçından keçdi.", {"Bakıda": "AZ", "Şuşaya": "AZ", "Laçından": "AZ"}),
        ("Պատվիրակությունը Ստեփանակերտում էր, հետո Երևանի կենտրոնում։", {"Ստեփանակերտում": "AZ", "Երևանի": "AM"}),
    ],
)
def test_inflected_names_are_found_whole(text: str, found: dict[str, str], gazetteer: Gazetteer) -> None:
    mentions = {m.surface: m.place.country for m in geoparse(text, gazetteer)}
    assert {surface: mentions.get(surface) for surface in found} == found


def test_a_case_form_is_a_place_whatever_capitalised_word_comes_before(gazetteer: Gazetteer) -> None:
    russian = {m.surface for m in geoparse("Глава Лачинского района выступил утром.", gazetteer)}
    azerbaijani = {m.surface for m in geoparse("Prezident İlham Əliyev Şuşada çıxış etdi.", gazetteer)}
    assert "Лачинского" in russian and "Şuşada" in azerbaijani


def test_everyday_russian_words_are_no_villages(gazetteer: Gazetteer) -> None:
    text = "Победа в матче досталась гостям. Мир и согласие обсудили в Баку."
    assert [m.surface for m in geoparse(text, gazetteer)] == ["Баку"]
