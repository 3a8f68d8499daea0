"""The language of a text: stated, read from its letters, classified, by paragraph (texts written for these tests)."""

from __future__ import annotations

import pytest

from gazetteer.errors import InvalidInput
from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.language import DETECTOR, UNDETERMINED, Stretch, azerbaijani_spans
from gazetteer.geoparse.parser import geoparse


def languages(text: str, stated: str | None = None) -> list[str]:
    return [stretch.language for stretch in DETECTOR.stretches(text, stated)]


def test_a_stated_language_covers_the_whole_text() -> None:
    text = "Prezident bu gun Moskvadan qayidib."
    assert DETECTOR.stretches(text, " AZ ") == [Stretch(0, len(text), "az")]


def test_an_unknown_stated_language_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="unknown language 'xx'"):
        DETECTOR.stretches("Some text.", "xx")


def test_a_text_without_azerbaijani_letters_is_not_classified() -> None:
    assert languages("Talks resumed in Geneva on Monday, officials said.") == [UNDETERMINED]


def test_an_azerbaijani_sentence_without_schwa_is_azerbaijani() -> None:
    assert languages("Prezident Bakıda çıxış edib. Sonra Moskvaya gedib.") == ["az"]


def test_a_turkish_sentence_is_not_azerbaijani() -> None:
    assert languages("Cumhurbaşkanı bugün Ankara'da yeni okulun açılışına katıldı.") == ["tr"]


def test_each_paragraph_of_a_mixed_text_has_its_own_language() -> None:
    text = "Nazir bu gün Şuşada yeni məktəbin açılışında iştirak edib.\n\nThe minister later flew to Paris."
    assert languages(text) == ["az", UNDETERMINED]


def test_neighbouring_stretches_of_one_kind_merge() -> None:
    stretches = [Stretch(0, 5, "az"), Stretch(7, 9, "az"), Stretch(11, 20, "en"), Stretch(22, 30, UNDETERMINED)]
    assert azerbaijani_spans(stretches) == [(0, 9, True), (11, 30, False)]


def test_a_stated_azerbaijani_cuts_words_without_its_letters(gazetteer: Gazetteer) -> None:
    text = "Prezident bu gun Moskvadan qayidib."
    assert [m.surface for m in geoparse(text, gazetteer)] == []
    assert [(m.surface, m.place.country) for m in geoparse(text, gazetteer, language="az")] == [("Moskvadan", "RU")]
