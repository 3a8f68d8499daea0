"""Inflected place names in Russian, Azerbaijani and Armenian (sentences written for these tests)."""

from __future__ import annotations

import pytest

from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.inflection import latin_forms, russian_nominatives, stems
from gazetteer.geoparse.parser import geoparse
from gazetteer.public import toponym_json


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


def test_the_russian_analyser_restores_a_fleeting_vowel() -> None:
    assert "орёл" in russian_nominatives("Орла") and russian_nominatives("Honda") == []


def test_an_irregular_russian_form_is_found(gazetteer: Gazetteer) -> None:
    mentions = geoparse("Делегация из Орла прибыла утром.", gazetteer)
    assert [(m.surface, m.place.country) for m in mentions] == [("Орла", "RU")]


def test_armenian_words_are_looked_up_in_latin_letters_too() -> None:
    assert "jermuk" in latin_forms("Ջերմուկում") and latin_forms("Агдаме") == []


def test_a_place_named_in_latin_letters_only_is_found_in_armenian(gazetteer: Gazetteer) -> None:
    mentions = geoparse("Լաչինի ճանապարհը փակ է, հայտնել են Երևանում։", gazetteer)
    assert {m.surface: m.place.country for m in mentions} == {"Լաչինի": "AZ", "Երևանում": "AM"}


def test_a_word_written_as_a_name_is_not_cut(gazetteer: Gazetteer) -> None:
    mentions = geoparse("Laçın yolu açıqdır, Ağdamda isə sakitlikdir.", gazetteer)
    assert {m.surface: m.place.country for m in mentions} == {"Laçın": "AZ", "Ağdamda": "AZ"}


@pytest.mark.parametrize(
    "text",
    ["Футбольный клуб «Карабах» выиграл у гостей со счётом 2:0.", "«Qarabağ» komandası qonaqları 2:0 hesabı ilə udub."],
)
def test_a_name_in_guillemets_is_no_place(text: str, gazetteer: Gazetteer) -> None:
    assert geoparse(text, gazetteer) == []


def test_a_mention_records_the_form_found_and_the_name_it_matched(gazetteer: Gazetteer) -> None:
    mentions = geoparse("Колонна стояла в Агдаме, потом в Баку. Heyət Bakıda görüşdü.", gazetteer)
    assert [(m.surface, m.matched) for m in mentions] == [("Агдаме", "Агдам"), ("Баку", ""), ("Bakıda", "Bakı")]
    assert toponym_json(mentions[0])["matched"] == "Агдам" and toponym_json(mentions[1])["matched"] == "Баку"


def test_a_place_before_an_azerbaijani_organisation_noun_is_no_place(gazetteer: Gazetteer) -> None:
    text = "Qarabağ futbol klubu qalib gəldi, Gəncə komandası isə Laçın rayonu sakinlərinə kömək etdi."
    assert [m.surface for m in geoparse(text, gazetteer)] == ["Laçın rayonu"]
