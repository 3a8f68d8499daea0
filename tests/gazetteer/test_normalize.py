import pytest

from gazetteer.errors import InvalidInput
from gazetteer.geoparse.scan_form import scan_form
from gazetteer.normalize import check_query, detect_script, fold, romanize, skeleton


@pytest.mark.parametrize("spelling", ["Xankəndi", "Xankendi", "Khankendi", "Ханкенди", "XANKƏNDİ", "Xankǝndi"])
def test_spellings_of_khankendi_share_a_skeleton(spelling: str) -> None:
    assert skeleton(spelling) == skeleton("Khankendi")


def test_armenian_and_cyrillic_romanize_to_the_latin_spelling() -> None:
    assert romanize("Степанакерт") == romanize("Ստեփանակերտ") == "stepanakert"


def test_fold_keeps_the_script_and_drops_diacritics() -> None:
    assert fold("Ağdam") == "agdam"
    assert fold("Ханкенди") == "ханкенди"
    assert fold("Nagorno-Karabakh’s") == "nagorno karabakhs"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kəlbəcər", "Kalbajar"),
        ("Laçın", "Lachin"),
        ("Cəbrayıl", "Jebrail"),
        ("Xocalı", "Khojaly"),
        ("Qarabağ", "Garabagh"),
    ],
)
def test_azerbaijani_letters_meet_english_renderings(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_typos_differ_from_the_skeleton_only_slightly() -> None:
    assert skeleton("Aghdem") == skeleton("Aghdam")
    assert skeleton("Zengilan") == skeleton("Zangilan")


def test_scan_form_preserves_length_and_offsets() -> None:
    text = "İn Xankəndi, ХАНКЕНДИ and Şuşa’s square"
    folded = scan_form(text)
    assert len(folded) == len(text)
    assert folded[3:11] == "xankendi"
    assert folded[13:21] == "ханкенди"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_000, "Baku\x00", "Ba\x1bku", "?", "%", "-", "...", "’ ‘"])
def test_check_query_rejects_bad_names(bad: str) -> None:
    with pytest.raises(InvalidInput):
        check_query(bad)


def test_detect_script() -> None:
    assert detect_script("Ханкенди") == "Cyrl"
    assert detect_script("Ստեփանակերտ") == "Armn"
    assert detect_script("Xankəndi") == "Latn"
    assert detect_script("123") == ""
