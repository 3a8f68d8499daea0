"""Synthetic English news for benchmarks: every document different, names drawn widely.

A document is a headline, a dateline and a few paragraphs of sentences made
from the templates below.  Places come from a ``NameBank`` of the gazetteer's
own names (countries, first- and second-level divisions, and populated
places of every size, the villages most of all, so that most place names are
rare ones); people are given names and surnames from many languages, plus
surnames built from syllables, so that names seldom repeat; organisations,
numbers, sums, dates and times vary too.  The same seed gives the same text.

    python -m bench.synthetic_news --megabytes 1 --seed 7 > news.jsonl   # from the project root
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from gazetteer.records import Place

BIG_CITY = 1_000_000
"""Population from which a populated place counts as a big city."""
CITY = 100_000
"""Population from which it counts as a city."""
TOWN = 10_000
"""Population from which it counts as a town (below: a village)."""
_WRITTEN = re.compile(r"[A-Za-zÀ-ʯḀ-ỿ][A-Za-zÀ-ʯḀ-ỿ'’ʻ .-]{1,30}")
"""A name in Latin letters (diacritics allowed), short and without commas or brackets."""


def words(text: str) -> list[str]:
    """The words of a word list written as one string."""
    return text.split()


def phrases(text: str) -> list[str]:
    """The phrases of a list written as one string, separated by semicolons."""
    return [phrase.strip() for phrase in text.split(";")]


GIVEN = words(
    "Aysel Rashad Leyla Tigran Anahit Nino Giorgi Elchin Mariam Samir Claire Tunde Amina Kenji Olga Pedro Fatima"
    " Irakli Gunel Chiamaka Oluwaseun Thandiwe Sipho Kwame Abena Wanjiru Otieno Haruto Yuki Min-jun Seo-yeon"
    " Wei Xiaoling Arjun Priya Ananya Rohan Farhan Nusrat Bilal Ayesha Mehmet Elif Kerem Zeynep Dmitri Svetlana"
    " Oksana Taras Bartosz Agnieszka Jiri Katarina Miroslav Ingrid Lars Sigrid Henrik Aino Mikko Siobhan Declan"
    " Aoife Rhys Eleri Fergus Isla Margaux Thibault Lucia Matteo Giulia Joao Beatriz Ximena Santiago Camila"
    " Mateo Valentina Thiago Leticia Keanu Moana Tamati Aroha Kofi Ama Yaw Efua Nnamdi Ifeoma Hamza Youssef Salma"
    " Omar Layla Dariush Shirin Babak Ravshan Dilnoza Aibek Aigerim Bolat Gulnara Tenzin Pema Sione Losana"
    " Ramon Imelda Thanh Linh Somchai Malee Nurul Budi Sari Hemi Keira Bronwyn Dylan Madison Tyrone Latoya"
)
SURNAMES = words(
    "Mammadov Aliyeva Petrosyan Hakobyan Beridze Kapanadze Huseynov Martin Okafor Adeyemi Tanaka Ivanova Silva"
    " Haddad Novak Rossi Schmidt Gelashvili Okonkwo Mensah Boateng Kamau Njoroge Dlamini Nkosi Suzuki Watanabe"
    " Kim Park Choi Zhang Wang Chen Sharma Patel Iyer Chowdhury Rahman Yilmaz Demir Kaya Sokolov Kuznetsova"
    " Shevchenko Kowalski Nowak Dvorak Horvat Lindqvist Johansson Virtanen Korhonen Murphy O'Brien Gallagher"
    " Llewellyn Macleod Dubois Lefebvre Moreau Bianchi Esposito Ferreira Santos Gonzalez Ramirez Herrera Castillo"
    " Vargas Takahashi Nakamura Ngata Parata Asante Owusu Eze Nwosu Mansour Khalil Farouk Tehrani Hosseini"
    " Karimov Rakhimova Nurlanov Abenova Dorji Sherpa Tupou Fonua Reyes Bautista Nguyen Tran Srisai Wongsawat"
    " Santoso Wijaya Harcourt Whitfield Okoro Brennan Delgado Fitzgerald Abernathy Van der Berg De Vries"
)
_ROOTS = words(
    "bal kar mel dor sen tal vir lom nar gev pel rus tam kel bor fen gal hul jor kas lin mor nev ost pra rad"
    " sol tev urs val zen dar bek hol ker lag mun nil ord pas ril sav tor ush ven wal yar zor"
)
_ENDINGS = words(
    "ov ova ev eva yan ian shvili dze ski ska wicz enko uk escu ides opoulos oglu son sen berg mann ez es ani"
    " elli ini ak ic ovic ar ur ari ura i e a o"
)
ROLES = phrases(
    "the foreign minister; a regional governor; the mayor; a ministry spokesperson; an economist; a local farmer;"
    " a United Nations official; the head of the port authority; a correspondent; a shop owner; the police chief;"
    " a railway engineer; a school director; the health minister; a union leader; an opposition lawmaker;"
    " the central bank governor; a hospital director; a fire service spokesman; a climate researcher;"
    " the coach; a team captain; a defence lawyer; the prosecutor; a festival organiser; a human rights lawyer"
)
SECTORS = words(
    "Logistics Holdings Energy Foods Textiles Mining Shipping Pharmaceuticals Motors Telecom Insurance Capital"
    " Construction Airlines Robotics Media Agritech Steel Solar Water"
)
INSTITUTIONS = phrases(
    "University; Chamber of Commerce; City Council; Football Club; General Hospital; Water Authority;"
    " Teachers' Union; Chamber Orchestra; Regional Court; Port Authority; Bar Association; Farmers' Cooperative"
)
BODIES = phrases(
    "the World Bank; the Red Cross; the European Union; the African Union; the transport ministry;"
    " the Asian Development Bank; the International Monetary Fund; the World Health Organization;"
    " the interior ministry; the national statistics office; the electoral commission; the supreme court;"
    " a group of local builders; the finance ministry; the coast guard; the meteorological service"
)
SAYS = phrases("said; told reporters; announced; confirmed; warned; noted; added; insisted; wrote; argued")
ACTIONS = phrases(
    "opened a new bridge; signed a supply agreement; reopened the mountain road; postponed the tender;"
    " inspected the pipeline; finished repairs on the water network; launched a bus service; cut interest rates;"
    " cleared the last section of the railway; published the new timetable; raised the bridge toll;"
    " suspended the ferry service; approved the budget; recalled its ambassador; closed two schools;"
    " arrested three suspects; opened an inquiry; announced a curfew; lifted the export ban; hired new nurses"
)
TOPICS = phrases(
    "the new rail link; grain exports; the gas pipeline; road repairs; the water supply; winter flights;"
    " the border crossing; the wine harvest; school reconstruction; electricity prices; the housing programme;"
    " mine clearance; the vaccination campaign; fuel shortages; the teachers' strike; flood defences;"
    " the trade deal; the election results; youth unemployment; the fishing quota; air pollution; the new stadium"
)
THINGS = phrases(
    "trucks; passengers; tonnes of wheat; homes; students; patients; tourists; jobs; hectares of forest;"
    " barrels of oil; voters; cases; flights; containers; seedlings; volunteers"
)
WEATHER = phrases(
    "heavy rain; a heat wave; strong winds; snow; hail; a dust storm; freezing fog; a tropical storm; drought"
)
DAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = words("January February March April May June July August September October November December")
CURRENCIES = phrases("$; €; £; ¥")
SENTENCES = [
    "{person}, {role}, {say} on {day} that {topic} would reach {town} by {month}.",
    "Officials in {city} {action} after talks with {body}.",
    "The route between {town} and {village} carried {n} {things} last week, up {p} percent on a year earlier.",
    "{person} {say} that families in {village} had waited {n} days for news about {topic}.",
    "A delegation from {country} arrived in {big} to discuss {topic} with {body}.",
    "Traders in {town} expect prices to fall once work on {topic} is complete, {surname} {say}.",
    "Flights from {big} to {city} resumed on {day} after a pause of {p} weeks.",
    "Residents of {village} gathered near the central market as {body} {action}.",
    "In {big}, the ambassador of {country} {say} that talks on {topic} would go on.",
    "The {p}-kilometre road from {town} through {village} to {city} is due to open in {month}.",
    "Engineers from {org} {action} ahead of schedule, {person} {say}.",
    "Farmers near {village} in {region} said {weather} in {month} had damaged about {n} hectares of orchards.",
    "{person}, {role} in {city}, {say} that {country} would send {p} experts to {region}.",
    "Buses between {village} and {town} now leave every {p} minutes, {org} said.",
    "{weather} closed {p} roads in {district} on {day}, and {n} {things} were stranded near {village}.",
    "{org} said its profit rose {p} percent to {money} in the year to {month}.",
    "Shares of {org} fell {p} percent on {day} after the company cut its forecast.",
    "Police in {town} said they had questioned {p} people after a fire at a warehouse on {day} night.",
    "The court in {city} sentenced {person} to {p} years in prison for fraud.",
    "{surname}'s lawyer, {person}, {say} the ruling would be appealed.",
    "About {n} people marched through {big} on {date} to protest against {topic}.",
    "{org} will build a plant near {town}, creating {n} jobs, {person} {say}.",
    "The mayor of {town}, {person}, {say} the council had set aside {money} for {topic}.",
    "Doctors at {inst} reported {n} new cases of measles in {district} this month.",
    "{person} scored twice as {club} beat the visitors {score} on {day}.",
    "The festival in {village} drew {n} visitors from {country} and {country2} this year.",
    "Researchers from {inst} found that {topic} had cut emissions in {region} by {p} percent.",
    "{country} and {country2} signed an agreement on {topic} in {big} on {date}.",
    "Talks in {city} between {person} and {person2} ended without a deal late on {day}.",
    "At {time} on {day}, a train from {town} to {city} stopped for {p} hours near {village}.",
    "{body} said {money} in aid would go to {district}, where {weather} left {n} homes without power.",
    "Turnout in {region} was {p} percent, the electoral commission said on {day}.",
    "Prices of bread in {town} have risen {p} percent since {month}, according to {org}.",
    "\u201cWe have waited long enough,\u201d said {person}, a teacher from {village}.",
    "\u201cThis is a good day for {town},\u201d {person} {say}, standing beside {person2}.",
    "The school in {village} reopened on {date}, {p} months after the earthquake.",
    "{org} and {org2} announced a merger worth {money} on {day}.",
    "Fishermen from {village} said the catch in {month} was the smallest in {p} years.",
    "The national team will play {country} in {big} on {date}.",
    "Volunteers planted {n} trees along the river between {village} and {town}.",
    "{person} was elected leader of the council of {district} with {n} votes.",
    "A new bridge over the river at {town} cost {money} and took {p} years to build.",
    "Ticket sales for the concert in {city} topped {n} within {p} minutes, the organisers said.",
    "Mr {surname} {say} he would stand again in {month}.",
    "Dr {surname}, who leads the clinic in {town}, {say} the hospital needed {p} more nurses.",
    "The ferry from {town} to {village} carried {n} {things} in the first week of {month}.",
    "{person} and {person2} met in {city} on {date} to discuss {topic}.",
    "Hundreds of people in {district} were moved from their homes as {weather} hit the coast.",
]
QUIET = [
    "{person} {say} the figures were the best since {month} {year}.",
    "The {body_title} did not reply to a request for comment.",
    "Ticket prices will rise by {p} percent from {date}, {org} said.",
    "\u201cWe are not going anywhere,\u201d {surname} told supporters on {day}.",
    "{person} {say} that {topic} had cost {money} so far.",
    "Asked about {topic}, {surname} declined to comment.",
    "{org} has hired {n} people since {month} and plans to hire {p} more.",
    "The vote on {topic} was postponed until {date}, {person} {say}.",
    "{person}, {role}, {say} on {day} that talks with {org} would resume after {month}.",
    "More than {n} {things} were counted in the first {p} days of {month}.",
    "The report by {body} found that {p} percent of households spent more on {topic} than a year ago.",
    "{surname}, {age}, has worked for {org} for {p} years.",
    "Police said a {age}-year-old man had been arrested and would appear in court on {day}.",
    "The board of {org} will meet again on {date} to discuss {topic}.",
    "Sales fell {p} percent in {month}, {org} said in a statement.",
    "{person} {say} the decision was \u201ca step in the right direction\u201d.",
    "The decision is expected by {month}, {surname} {say}.",
    "{person} {say} the plan would create {n} jobs over {p} years.",
    "Inflation slowed to {p} percent in {month}, the national statistics office said.",
    "The {p} candidates will debate on {day} evening.",
    "{surname} was not available for comment on {day}.",
    "Lawyers for {person} {say} they would appeal.",
    "It was the {ordinal} such incident this year, {person} {say}.",
    "{person} and {person2} have known each other for {p} years.",
]
"""Sentences without places (news has many)."""
QUIET_SHARE = 0.55
"""Share of the sentences drawn from ``QUIET``."""
HEADLINES = [
    "{big}, {day}: {topic} tops the agenda as {country} and {country2} meet",
    "{country} and {country2} agree on {topic}; work near {town} to start in {month}",
    "From {city} to {big}: {topic} in the spotlight",
    "{weather} hits {region}; {n} {things} stranded",
    "{org} to cut {n} jobs at its {town} plant",
    "{club} win again; {surname} scores twice",
    "Court in {city} jails {surname} for {p} years",
    "{village} waits for {topic}",
]
DATELINES = ["{TOWN}, {date} \u2014 ", "{CITY} ({agency}) \u2014 ", "{BIG} \u2014 ", ""]
AGENCIES = words("AP Reuters AFP DPA Xinhua Anadolu")


Names = dict[str, list[str]]
"""Place names of one kind by country code (``""`` for places of no country)."""
PLACE_KINDS = ("countries", "regions", "districts", "big_cities", "cities", "towns", "villages")
"""The kinds of place a ``NameBank`` holds, as its fields are named."""
HOME = 0.7
"""Share of a document's places drawn from its home country (when it has places of the kind)."""
AGAIN = 0.4
"""Chance that a name a document needs is one it has used before (news repeats its names)."""


@dataclass(frozen=True, slots=True)
class NameBank:
    """Place names to write news with, by kind and country (every kind has some)."""

    countries: Names
    """Names of independent countries."""
    regions: Names
    """Names of first-level divisions (states, provinces, regions)."""
    districts: Names
    """Names of second-level divisions (counties, districts)."""
    big_cities: Names
    """Populated places of at least ``BIG_CITY`` people."""
    cities: Names
    """Populated places of ``CITY`` to ``BIG_CITY`` people."""
    towns: Names
    """Populated places of ``TOWN`` to ``CITY`` people."""
    villages: Names
    """Populated places of fewer than ``TOWN`` people (or unknown)."""

    @classmethod
    def of(cls, places: Iterable[Place]) -> NameBank:
        """The names of ``places`` in Latin letters, sorted into kinds; ``ValueError`` when a kind stays empty."""
        kinds: dict[str, dict[str, set[str]]] = {kind: {} for kind in PLACE_KINDS}
        for place in places:
            kind = _kind(place)
            if kind and _WRITTEN.fullmatch(place.name):
                kinds[kind].setdefault(place.country, set()).add(place.name)
        empty = [kind for kind, names in kinds.items() if not names]
        if empty:
            raise ValueError(f"no place names for {', '.join(empty)}")
        return cls(**{kind: {c: sorted(names[c]) for c in sorted(names)} for kind, names in kinds.items()})


def _kind(place: Place) -> str:
    """The field of ``NameBank`` a place belongs in, ``""`` for none."""
    if place.feature_class == "P":
        if place.population >= BIG_CITY:
            return "big_cities"
        if place.population >= CITY:
            return "cities"
        return "towns" if place.population >= TOWN else "villages"
    return {"PCLI": "countries", "ADM1": "regions", "ADM2": "districts"}.get(place.feature_code, "")


class Writer:
    """Writes documents from a ``NameBank`` with one random generator.

    Each document has a home country, where most of its places are, and a
    cast: the names it has used, which it uses again now and then.
    """

    def __init__(self, bank: NameBank, rng: random.Random) -> None:
        self.bank = bank
        self.rng = rng
        self.by_kind: dict[str, Names] = {kind: getattr(bank, kind) for kind in PLACE_KINDS}
        """The names of each kind, by country."""
        self.everywhere = {kind: [n for names in by.values() for n in names] for kind, by in self.by_kind.items()}
        """Every name of each kind."""
        self.homes = sorted(set(bank.towns) - {""})
        """Country codes a document may be at home in."""
        self.home = ""
        """The current document's home country."""
        self.cast: dict[str, list[str]] = {}
        """Names the current document has used, by field."""
        self.fields: dict[str, Callable[[], str]] = {
            **{field: partial(self.place_of, kind) for field, kind in _PLACE_FIELDS.items()},
            "person": self.person,
            "person2": self.person,
            "surname": self.surname,
            "org": self.organisation,
            "org2": self.organisation,
            "inst": lambda: f"{self.place()} {rng.choice(INSTITUTIONS)}",
            "club": lambda: f"{self.place()} {rng.choice(['United', 'City', 'Rovers', 'Athletic', 'Stars'])}",
            "role": lambda: rng.choice(ROLES),
            "body": lambda: rng.choice(BODIES),
            "say": lambda: rng.choice(SAYS),
            "action": lambda: rng.choice(ACTIONS),
            "topic": lambda: rng.choice(TOPICS),
            "things": lambda: rng.choice(THINGS),
            "weather": lambda: rng.choice(WEATHER),
            "day": lambda: rng.choice(DAYS),
            "month": lambda: rng.choice(MONTHS),
            "date": self.date,
            "time": lambda: f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(['a.m.', 'p.m.'])}",
            "n": lambda: f"{rng.choice([rng.randint(12, 999), rng.randint(1000, 99999)]):,}",
            "p": lambda: str(rng.randint(2, 60)),
            "money": lambda: f"{rng.choice(CURRENCIES)}{rng.randint(1, 950)}.{rng.randint(0, 9)} million",
            "score": lambda: f"{rng.randint(1, 5)}-{rng.randint(0, 3)}",
            "agency": lambda: rng.choice(AGENCIES),
            "ordinal": lambda: rng.choice(["second", "third", "fourth", "fifth", "sixth"]),
            "age": lambda: str(rng.randint(19, 88)),
            "year": lambda: str(rng.randint(1995, 2026)),
            "body_title": lambda: rng.choice(BODIES).removeprefix("the ").removeprefix("a "),
        }

    def document(self) -> str:
        """One article: headline, dateline, two to six paragraphs of one to five sentences."""
        rng = self.rng
        self.home, self.cast = rng.choice(self.homes), {}
        headline = self.fill(rng.choice(HEADLINES))
        dateline = self.fill(rng.choice(DATELINES))
        paragraphs = [
            " ".join(
                self.fill(rng.choice(QUIET if rng.random() < QUIET_SHARE else SENTENCES))
                for _ in range(rng.randint(1, 5))
            )
            for _ in range(rng.randint(2, 6))
        ]
        return "\n".join([headline, dateline + paragraphs[0], *paragraphs[1:]])

    def fill(self, template: str) -> str:
        """``template`` with each of its fields drawn, its first letter a capital."""
        text = template.format_map(_Drawn(self.drawn))
        return text[:1].upper() + text[1:]

    def drawn(self, field: str) -> str:
        """A value for ``field``: one the document has used (``AGAIN``), else a new one."""
        upper = field.isupper()
        field = field.lower()
        used = self.cast.setdefault(field, [])
        if used and field in _CAST and self.rng.random() < AGAIN:
            value = self.rng.choice(used)
        else:
            value = self.fields[field]()
            used.append(value)
        return value.upper() if upper else value

    def place_of(self, kind: str) -> str:
        """A place name of ``kind``, most often one of the home country."""
        rng = self.rng
        home = self.by_kind[kind].get(self.home)
        return rng.choice(home if home and rng.random() < HOME else self.everywhere[kind])

    def place(self) -> str:
        """A place name of any kind but country, the smaller kinds more often."""
        return self.place_of(self.rng.choices(PLACE_KINDS[1:], weights=[1, 1, 1, 2, 3, 3])[0])

    def person(self) -> str:
        """A full name: given name, sometimes an initial, and a surname."""
        rng = self.rng
        initial = f" {rng.choice('ABCDEFGHJKLMNPRSTVW')}." if rng.random() < 0.15 else ""
        return f"{rng.choice(GIVEN)}{initial} {self.surname()}"

    def surname(self) -> str:
        """A surname from the list, or (two times in five) one built from syllables."""
        rng = self.rng
        if rng.random() < 0.6:
            return rng.choice(SURNAMES)
        built = "".join(rng.choice(_ROOTS) for _ in range(rng.randint(1, 2))) + rng.choice(_ENDINGS)
        return built.capitalize()

    def organisation(self) -> str:
        """A company, an institution of a place, or an acronym."""
        rng = self.rng
        kind = rng.randrange(3)
        if kind == 0:
            return f"{self.surname()} {rng.choice(SECTORS)}"
        if kind == 1:
            return f"the {self.place()} {rng.choice(INSTITUTIONS)}"
        return "".join(rng.choice("ABCDEFGHIKLMNPRSTUVW") for _ in range(rng.randint(3, 5)))

    def date(self) -> str:
        """A date, written one of three ways."""
        rng = self.rng
        day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(1995, 2026)
        return rng.choice([f"{day} {month}", f"{month} {day}, {year}", f"{month} {day}"])


_PLACE_FIELDS = {
    "big": "big_cities",
    "city": "cities",
    "town": "towns",
    "village": "villages",
    "region": "regions",
    "district": "districts",
    "country": "countries",
    "country2": "countries",
}
"""Template fields of places -> the kind of place."""
_CAST = frozenset([*_PLACE_FIELDS, "person", "person2", "surname", "org", "org2"])
"""Fields whose values a document may use again."""


class _Drawn(dict[str, str]):
    """The fields of a template, each drawn when the template asks for it."""

    def __init__(self, draw: Callable[[str], str]) -> None:
        super().__init__()
        self.draw = draw

    def __missing__(self, name: str) -> str:
        return self.draw(name)


def generate(bank: NameBank, megabytes: float, seed: int = 0) -> Iterator[str]:
    """Documents until they hold ``megabytes`` (10**6 bytes) of UTF-8; the same seed, the same documents."""
    writer = Writer(bank, random.Random(seed))
    size = 0
    while size < megabytes * 1e6:
        document = writer.document()
        size += len(document.encode("utf-8"))
        yield document


def main() -> None:
    """Write synthetic news as JSON lines (``{"text": ...}``) to standard output."""
    from gazetteer.application import GazetteerAPI

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=1.0, help="how much text (10**6 bytes of UTF-8)")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args()
    write_documents(generate(NameBank.of(GazetteerAPI().gazetteer.index.iter_places()), args.megabytes, args.seed))


def write_documents(documents: Iterable[str]) -> None:
    """``documents`` as JSON lines (``{"text": ...}``) on standard output."""
    for document in documents:
        sys.stdout.write(json.dumps({"text": document}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
