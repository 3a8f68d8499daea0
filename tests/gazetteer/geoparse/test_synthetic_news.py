"""The synthetic news of the throughput benchmark: names from the bank, every document new, one text per seed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gazetteer.records import Place, Point

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))  # a folder of scripts, not a package
from synthetic_news import NameBank, generate


def place(pid: int, name: str, code: str = "PPL", country: str = "AZ", population: int = 0) -> Place:
    """A place of feature ``code`` (class ``P`` for ``PPL``, ``A`` otherwise)."""
    return Place(pid, name, Point(47.0, 40.0), "P" if code == "PPL" else "A", code, country, population=population)


PLACES = [
    place(1, "Azerbaijan", "PCLI"),
    place(2, "Georgia", "PCLI", "GE"),
    place(3, "Qarabağ", "ADM1"),
    place(4, "Kakheti", "ADM1", "GE"),
    place(5, "Ağdam rayonu", "ADM2"),
    place(6, "Baku", population=2_300_000),
    place(7, "Tbilisi", country="GE", population=1_100_000),
    place(8, "Gəncə", population=330_000),
    place(9, "Şuşa", population=40_000),
    place(10, "Telavi", country="GE", population=19_000),
    place(11, "Xıdırlı", population=900),
    place(12, "Sighnaghi", country="GE", population=1_500),
    place(13, "Şəki, Şəki rayonu", population=900),  # a comma: left out
    place(14, "Շուշի", population=900),  # not in Latin letters: left out
]


def test_the_bank_sorts_names_by_kind_and_country() -> None:
    bank = NameBank.of(PLACES)
    assert bank.countries == {"AZ": ["Azerbaijan"], "GE": ["Georgia"]}
    assert bank.big_cities == {"AZ": ["Baku"], "GE": ["Tbilisi"]}
    assert bank.cities == {"AZ": ["Gəncə"]}
    assert bank.towns == {"AZ": ["Şuşa"], "GE": ["Telavi"]}
    assert bank.villages == {"AZ": ["Xıdırlı"], "GE": ["Sighnaghi"]}
    assert bank.districts == {"AZ": ["Ağdam rayonu"]}


def test_a_bank_needs_every_kind() -> None:
    with pytest.raises(ValueError, match="villages"):
        NameBank.of([p for p in PLACES if p.population == 0 or p.population >= 10_000])


def test_documents_are_all_different_and_the_seed_repeats_them() -> None:
    bank = NameBank.of(PLACES)
    documents = list(generate(bank, 0.2, seed=3))
    assert sum(len(d.encode("utf-8")) for d in documents) >= 200_000
    assert len(set(documents)) == len(documents)
    assert documents == list(generate(bank, 0.2, seed=3))
    assert documents != list(generate(bank, 0.2, seed=4))


def test_documents_name_the_bank_s_places_and_never_the_left_out_ones() -> None:
    text = "\n".join(generate(NameBank.of(PLACES), 0.1, seed=1))
    for name in ("Baku", "Tbilisi", "Gəncə", "Xıdırlı", "Sighnaghi", "Qarabağ", "Ağdam rayonu", "Azerbaijan"):
        assert name in text
    assert "Շուշի" not in text and "Şəki, Şəki rayonu" not in text
    assert "{" not in text, "every template field filled"
