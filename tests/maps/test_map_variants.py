"""Which spellings of a place the popup shows."""

from __future__ import annotations

from gazetteer.public import main_variants, variant_label
from gazetteer.records import Name, Place, Point

KHANKENDI = Place(
    id=146970,
    name="Khankendi",
    point=Point(46.7528, 39.8177),
    names=(
        Name("Khankendi", "en", preferred=True),
        Name("https://en.wikipedia.org/wiki/Stepanakert", "link"),
        Name("XNK", "iata"),
        Name("Ханкенди", "ru"),
        Name("Stepanakert", "hy", historic=True, start="1923", end="1991"),
        Name("Xankəndi", "az", preferred=True),
        Name("khankendi", ""),
        Name("Vararakn", ""),
    ),
)


def test_label_shows_language_and_flags() -> None:
    assert variant_label(Name("Stepanakert", "hy", historic=True)) == "Stepanakert (hy, historic)"
    assert variant_label(Name("Xankəndi", "az", preferred=True)) == "Xankəndi (az)"
    assert variant_label(Name("Vararakn")) == "Vararakn"


def test_main_variants_ranked_without_codes_or_duplicates() -> None:
    assert main_variants(KHANKENDI) == ("Xankəndi (az)", "Stepanakert (hy, historic)", "Ханкенди (ru)", "Vararakn")
    assert main_variants(KHANKENDI, limit=2) == ("Xankəndi (az)", "Stepanakert (hy, historic)")
