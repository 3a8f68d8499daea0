"""Synthetic news in Russian, Azerbaijani and Armenian for benchmarks: names in their case forms.

The English generator's idea (``synthetic_news``) in the region's languages:
every document different, place names drawn from the gazetteer's own names
in the language's script (Cyrillic names for Russian; Latin names of places
in Azerbaijan, or with its letters, for Azerbaijani; Armenian-script names
for Armenian), most of them put in a case form by the language's grammar, so
that the spotter must find the name inside an inflected word:

Russian
    pymorphy3 inflects one-word names into the prepositional (``в Агдаме``)
    and the genitive (``из Шуши``); indeclinable and longer names stay as
    they are.
Azerbaijani
    locative ``-da/-də``, ablative ``-dan/-dən`` and dative ``-(y)a/-(y)ə``
    by the vowel harmony of the name's last vowel (``Bakıda``, ``Şəkidən``).
Armenian
    locative ``-ում``, ablative ``-ից`` and genitive ``-ի``, with ``յ``
    after a final vowel (``Ստեփանակերտում``, ``Մոսկվայից``).

Sentences without places come as often as in the English news.  People get
given names and surnames built from syllables with each language's surname
endings, so they seldom repeat.  The same seed gives the same text.

    python -m bench.regional_news --language ru --megabytes 1 --seed 7 > ru.jsonl   # from the project root
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # synthetic_news, beside this file, run either way
from synthetic_news import QUIET_SHARE, write_documents

from gazetteer.index import GazetteerIndex

LANGUAGES = ("ru", "az", "hy")
BIG = 100_000
"""Population from which a place counts as a city (drawn more often than its share)."""
_RUSSIAN_NAME = re.compile("[А-ЯЁ][а-яё]+(?:[ -][А-ЯЁа-яё][а-яё]+)?")
_AZERBAIJANI_NAME = re.compile("[A-ZÇƏĞIİÖŞÜ][a-zçəğıöşü]+(?: [A-ZÇƏĞIİÖŞÜ][a-zçəğıöşü]+)?")
_AZERBAIJANI_LETTERS = re.compile("[əğıöşüç]")
_ARMENIAN_NAME = re.compile("[\u0531-\u0556][\u0561-\u0587]+")
_AZ_BACK, _AZ_FRONT = set("aıou"), set("əeiöü")
_HY_VOWELS = set("աեէըիոօ")


@dataclass(frozen=True, slots=True)
class Language:
    """What the generator needs of one language."""

    script: str
    """ISO 15924 script of its place names in the gazetteer."""
    written: re.Pattern[str]
    """A place name it takes (one or two words of its letters)."""
    sentences: tuple[str, ...]
    """Templates: ``{loc}`` (in), ``{abl}`` (from), ``{dat}`` (to, Azerbaijani) and ``{nom}`` are places."""
    quiet: tuple[str, ...]
    """Templates without places, drawn for ``QUIET_SHARE`` of the sentences, as in ``synthetic_news``."""
    given: tuple[str, ...]
    """Given names."""
    syllables: tuple[str, ...]
    """Syllables of surnames."""
    endings: tuple[str, ...]
    """Surname endings."""
    numbers: tuple[str, ...]
    """Words counted by ``{n}`` (the template's noun in the right form)."""


RUSSIAN = Language(
    "Cyrl",
    _RUSSIAN_NAME,
    (
        "В {loc} прошли переговоры, сообщил {person}.",
        "Делегация из {abl} прибыла в {loc} утром в {day}.",
        "По словам {person}, в {loc} открыта новая школа на {n} мест.",
        "Рейс из {abl} задержан на {n} минут из-за погоды.",
        "{person} заявил, что дорога из {abl} в {nom} будет открыта к весне.",
        "В {loc} и {loc} выросли цены на хлеб, пишет агентство.",
        "Жители {abl} жалуются на перебои с водой уже {n} дней.",
        "Министр посетил {nom} и провёл встречу с фермерами.",
        "Новый мост соединит {nom} с соседними сёлами, сказал {person}.",
        "Выставка художников из {abl} откроется в {loc} в {day}.",
    ),
    (
        "Экспорт зерна вырос на {n} процентов, отметил {person}.",
        "Заседание комиссии перенесено на {day}.",
        "{person} не ответил на запрос о комментарии.",
        "По данным статистического комитета, цены выросли на {n} процентов.",
        "Компания наняла {n} сотрудников и планирует нанять ещё больше.",
        "«Мы продолжим работу», — сказал {person} журналистам в {day}.",
        "Голосование по бюджету отложено, сообщил {person}.",
        "{person} работает в министерстве уже {n} лет.",
    ),
    ("Алексей", "Ирина", "Олег", "Марина", "Сергей", "Наталья", "Игорь", "Елена", "Тимур", "Ольга", "Фуад", "Лейла"),
    ("ва", "ло", "ре", "ку", "ми", "ша", "то", "ба", "ра", "зи", "не", "го"),
    ("ов", "ев", "ин", "ский"),
    ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу"),
)
AZERBAIJANI = Language(
    "Latn",
    _AZERBAIJANI_NAME,
    (
        "{person} bildirib ki, {loc} yeni məktəb tikilir.",
        "{abl} gələn nümayəndə heyəti {dat} yola düşüb.",
        "{loc} keçirilən görüşdə {n} nəfər iştirak edib.",
        "Hava şəraitinə görə {abl} {dat} reys {n} dəqiqə gecikib.",
        "{nom} ilə {nom} arasında yeni yol çəkilir, {person} deyib.",
        "Nazir {loc} fermerlərlə görüşüb.",
        "{abl} olan rəssamların sərgisi {loc} açılacaq.",
        "{loc} su təchizatında fasilələr var.",
    ),
    (
        "Taxıl ixracı {n} faiz artıb, {person} qeyd edib.",
        "Komissiyanın iclası {day} gününə keçirilib.",
        "{person} sorğuya cavab verməyib.",
        "Statistika komitəsinin məlumatına görə, qiymətlər {n} faiz artıb.",
        "Şirkət {n} işçi işə götürüb və daha çox işçi götürməyi planlaşdırır.",
        "“İşimizi davam etdirəcəyik”, — {person} jurnalistlərə deyib.",
        "Büdcə üzrə səsvermə təxirə salınıb, {person} bildirib.",
        "{person} {n} ildir nazirlikdə çalışır.",
    ),
    ("Əli", "Leyla", "Rəşad", "Günay", "Elnur", "Aytən", "Vüqar", "Səbinə", "Orxan", "Nigar", "Tural", "Ülviyyə"),
    ("mə", "də", "ra", "zu", "ba", "qa", "sə", "lo", "ni", "hə", "ta", "mi"),
    ("ov", "ova", "yev", "yeva", "zadə", "li"),
    ("bazar ertəsi", "çərşənbə axşamı", "çərşənbə", "cümə axşamı", "cümə", "şənbə"),
)
ARMENIAN = Language(
    "Armn",
    _ARMENIAN_NAME,
    (
        "{loc} բանակցություններ են տեղի ունեցել, հայտնել է {person}։",
        "{abl} պատվիրակությունը ժամանել է {nom}։",
        "{loc} բացվել է նոր դպրոց {n} աշակերտի համար։",
        "{abl} չվերթը հետաձգվել է {n} րոպեով։",
        "Նախարարը այցելել է {nom} և հանդիպել ֆերմերների հետ։",
        "{loc} և {loc} թանկացել է հացը։",
        "{abl} նկարիչների ցուցահանդեսը կբացվի {loc}։",
    ),
    (
        "Հացահատիկի արտահանումն աճել է {n} տոկոսով, նշել է {person}։",
        "{person} չի պատասխանել մեկնաբանության խնդրանքին։",
        "Վիճակագրական կոմիտեի տվյալներով՝ գները աճել են {n} տոկոսով։",
        "Ընկերությունը աշխատանքի է ընդունել {n} աշխատակցի։",
        "«Մենք կշարունակենք աշխատանքը»,- լրագրողներին ասել է {person}։",
        "Բյուջեի քվեարկությունը հետաձգվել է, հայտնել է {person}։",
    ),
    ("Արամ", "Անի", "Տիգրան", "Լուսինե", "Դավիթ", "Մարիամ", "Գոռ", "Նարե", "Արմեն", "Սոնա"),
    ("մա", "րա", "գա", "սա", "լի", "նո", "բե", "դա", "վա", "տի"),
    ("յան", "ունց"),
    (),
)
BY_CODE = {"ru": RUSSIAN, "az": AZERBAIJANI, "hy": ARMENIAN}


def place_names(index: GazetteerIndex, code: str) -> tuple[list[str], list[str]]:
    """The names a document in ``code`` may use: (cities, other places), each sorted."""
    language = BY_CODE[code]
    places = {place.id: place for place in index.iter_places()}
    cities: set[str] = set()
    others: set[str] = set()
    for place_id, text in index.names_in_script(language.script):
        place = places.get(place_id)
        if place is None or not language.written.fullmatch(text):
            continue
        if code == "az" and place.country != "AZ" and not _AZERBAIJANI_LETTERS.search(text):
            continue
        (cities if place.population >= BIG or place.feature_code == "PCLI" else others).add(text)
    return sorted(cities), sorted(others)


def case_form(code: str, name: str, case: str) -> str:
    """``name`` in ``case`` (``loc``, ``abl``, ``dat`` or ``nom``) by the grammar of ``code``."""
    if case == "nom" or " " in name or "-" in name:
        return name
    if code == "ru":
        return _russian(name, "loct" if case == "loc" else "gent")
    if code == "az":
        return _azerbaijani(name, case)
    final_vowel = name[-1] in _HY_VOWELS
    ending = {"loc": "ում", "abl": "ից", "dat": "ի"}[case]
    return f"{name}{'յ' if final_vowel else ''}{ending}"


def _azerbaijani(name: str, case: str) -> str:
    vowels = [c for c in name.lower() if c in _AZ_BACK or c in _AZ_FRONT]
    front = bool(vowels) and vowels[-1] in _AZ_FRONT
    a = "ə" if front else "a"
    if case == "dat":
        return f"{name}{'y' if name[-1].lower() in _AZ_BACK | _AZ_FRONT else ''}{a}"
    return f"{name}d{a}{'n' if case == 'abl' else ''}"


def _russian(name: str, case: str) -> str:
    parsed = _morph().parse(name)
    nouns = [p for p in parsed if p.tag.POS == "NOUN" and "Fixd" not in p.tag]
    form = nouns[0].inflect({case}) if nouns else None
    if form is None:
        return name
    word = str(form.word)
    return word[:1].upper() + word[1:]


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


class Writer:
    """Writes the documents of one language with one random generator."""

    def __init__(self, code: str, cities: list[str], others: list[str], rng: random.Random) -> None:
        self.code = code
        self.language = BY_CODE[code]
        self.cities, self.others, self.rng = cities, others, rng
        self.fields: dict[str, Callable[[], str]] = {
            **{case: partial(self.place_in, case) for case in ("loc", "abl", "dat", "nom")},
            "person": self.person,
            "n": lambda: str(rng.randint(2, 900)),
            "day": lambda: rng.choice(self.language.numbers) if self.language.numbers else str(rng.randint(1, 28)),
        }

    def place_in(self, case: str) -> str:
        """A place name in ``case``: a city one time in three, any other place else."""
        name = self.rng.choice(self.cities if self.rng.random() < 1 / 3 else self.others)
        return case_form(self.code, name, case)

    def person(self) -> str:
        """A given name and a surname made of two or three syllables and an ending."""
        rng, language = self.rng, self.language
        stem = "".join(rng.choice(language.syllables) for _ in range(rng.randint(2, 3)))
        return f"{rng.choice(language.given)} {stem[:1].upper()}{stem[1:]}{rng.choice(language.endings)}"

    def document(self) -> str:
        """Two to five paragraphs of two to five sentences."""
        rng = self.rng
        return "\n\n".join(
            " ".join(self.sentence() for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(2, 5))
        )

    def sentence(self) -> str:
        """One sentence, without places for ``QUIET_SHARE`` of them."""
        language, rng = self.language, self.rng
        template = rng.choice(language.quiet if rng.random() < QUIET_SHARE else language.sentences)
        filled = re.sub(r"\{(\w+)\}", lambda match: self.fields[match.group(1)](), template)
        return filled[:1].upper() + filled[1:]


def generate(index: GazetteerIndex, code: str, megabytes: float, seed: int = 0) -> Iterator[str]:
    """Documents in ``code`` until they hold ``megabytes`` (10**6 bytes) of UTF-8."""
    writer = Writer(code, *place_names(index, code), random.Random(seed))
    size = 0
    while size < megabytes * 1e6:
        document = writer.document()
        size += len(document.encode("utf-8"))
        yield document


def main() -> None:
    """Write synthetic news in one language as JSON lines (``{"text": ...}``) to standard output."""
    from gazetteer.application import GazetteerAPI

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", choices=LANGUAGES, required=True)
    parser.add_argument("--megabytes", type=float, default=1.0, help="how much text (10**6 bytes of UTF-8)")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args()
    write_documents(generate(GazetteerAPI().gazetteer.index, args.language, args.megabytes, args.seed))


if __name__ == "__main__":
    main()
