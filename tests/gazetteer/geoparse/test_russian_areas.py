"""Russian place adjectives before a generic head (sentences written for these tests)."""

from __future__ import annotations

import pytest

from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.inflection import adjective_bases
from gazetteer.geoparse.parser import geoparse


def found(text: str, gazetteer: Gazetteer) -> list[tuple[str, str, str]]:
    return [(m.surface, m.matched, m.place.feature_code) for m in geoparse(text, gazetteer)]


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("Лачинского", "Лачин"),
        ("Шушинская", "Шуша"),
        ("Бакинском", "Баку"),
        ("Ханкендинский", "Ханкенди"),
        ("Джебраильского", "Джебраил"),
        ("Ставропольском", "Ставрополь"),
    ],
)
def test_adjectives_lead_back_to_their_places(word: str, base: str) -> None:
    assert base in adjective_bases(word)


def test_a_noun_in_sk_is_no_adjective() -> None:
    assert adjective_bases("Минск") == []


def test_an_adjective_before_an_administrative_head_is_the_area_and_keeps_its_span(gazetteer: Gazetteer) -> None:
    assert found("Глава Кельбаджарского района выступил.", gazetteer) == [
        ("Кельбаджарского", "Кельбаджарский район", "ADM1")
    ]


def test_joined_adjectives_share_the_head(gazetteer: Gazetteer) -> None:
    mentions = found("Жители Джебраильского и Зангиланского районов вернулись домой.", gazetteer)
    assert [(surface, code) for surface, _, code in mentions] == [("Джебраильского", "ADM1"), ("Зангиланского", "ADM1")]


def test_an_area_without_a_russian_name_is_found_by_its_latin_one(gazetteer: Gazetteer) -> None:
    assert found("Делегация Сюникской области прибыла.", gazetteer) == [("Сюникской", "Syunik Province", "ADM1")]


def test_a_named_feature_spans_its_head(gazetteer: Gazetteer) -> None:
    assert found("Колонна прошла по Лачинскому коридору.", gazetteer) == [
        ("Лачинскому коридору", "Лачинский коридор", "RD")
    ]


def test_an_adjective_without_a_head_is_no_place(gazetteer: Gazetteer) -> None:
    assert found("Азербайджанская сторона и Армянская делегация встретились под Минском.", gazetteer) == [
        ("Минском", "Минск", "PPLC")
    ]
