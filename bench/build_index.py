"""Benchmark: build an index from synthetic GeoNames dump files of allCountries size.

Generates a geoname file of ``--rows`` rows (19 columns, like ``allCountries.txt``)
and an alternate-names file (about 1.3 rows per place, some of them links,
Wikidata ids and postal codes that the loader must drop), then builds an index
from them with ``GeonamesDumpSource`` and prints rows, seconds, rows/s, peak
RSS and the index size.  The two files are generated in child processes, so
the build's own peak RSS is the ``self`` figure.

    python -m bench.build_index --rows 1000000      # from the project root
    python -m bench.build_index --workdir /var/tmp/gz-bench   # keeps and reuses the files
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.sources.geonames_dump import GeonamesDumpSource

_LATIN = (
    "ba be ça cə da də ga gə xa xan ka kən la lə ma mə na nə qa qə ra rə "
    "sa sə şa şu ta tə va və ya yə za zə ağ dam di ri su şə ləm göy"
)
_CYRILLIC = (
    "ба бе джа дже да де га ге ха хан ка кен ла ле ма ме на не га ге ра ре "
    "са се ша шу та те ва ве я е за зе аг дам ди ри су ше лем гёй"
)
_ARMENIAN = (
    "բա բե ջա ջե դա դե գա գե խա խան կա կեն լա լե մա մե նա նե ղա ղե ռա ռե "
    "սա սե շա շու տա տե վա վե յա յե զա զե աղ դամ դի րի սու շե լեմ գյոյ"
)
SYLLABLES = list(zip(_LATIN.split(), _CYRILLIC.split(), _ARMENIAN.split(), strict=True))
SUFFIXES = ("", "", "", " Çay", " Dağ", "lı", "kənd", " Gölü")
ASCII = str.maketrans("əçşğıöüƏÇŞĞİÖÜ", "ecsgioueCSGIOU")
FEATURES = (("P", "PPL"),) * 6 + (
    ("H", "STM"),
    ("T", "MT"),
    ("S", "SCH"),
    ("A", "ADM3"),
    ("L", "AREA"),
)
COUNTRIES = ("AZ", "AM", "GE", "RU", "TR", "IR", "US", "DE", "CN", "IN")
PSEUDO = (("link", "https://en.wikipedia.org/wiki/{}"), ("wkdt", "Q{}"), ("post", "AZ{}"))


@dataclass(frozen=True, slots=True)
class Workload:
    """The synthetic files of one benchmark run."""

    rows: int
    """Rows of the geoname file."""
    seed: int
    """Seed of the generator: the same seed gives the same files."""
    folder: Path
    """Where the files are written."""

    @property
    def geonames(self) -> Path:
        """The synthetic ``allCountries.txt``."""
        return self.folder / "allCountries.txt"

    @property
    def alternate_names(self) -> Path:
        """The synthetic ``alternateNamesV2.txt``."""
        return self.folder / "alternateNamesV2.txt"

    @property
    def admin1(self) -> Path:
        """The synthetic ``admin1CodesASCII.txt``."""
        return self.folder / "admin1CodesASCII.txt"

    @property
    def stamp(self) -> Path:
        """Marks complete files: ``rows seed``."""
        return self.folder / "bench.stamp"


def place_id(index: int) -> int:
    """Sparse ids as in GeoNames: about one gap every 15 ids."""
    return 100_000 + index + index // 15


def syllables(rng: random.Random) -> list[tuple[str, str, str]]:
    """Two or three syllables of one name, in Latin, Cyrillic and Armenian."""
    return rng.choices(SYLLABLES, k=2 + (rng.random() < 0.4))


def geoname_lines(rows: int, seed: int) -> Iterator[str]:
    """Lines of a 19-column geoname file."""
    rng = random.Random(seed)
    for index in range(rows):
        parts = syllables(rng)
        name = "".join(part[0] for part in parts).capitalize() + rng.choice(SUFFIXES)
        ascii_name = name.translate(ASCII)
        alternates = ",".join((ascii_name, "".join(p[1] for p in parts).capitalize())[: rng.randrange(3)])
        fclass, fcode = rng.choice(FEATURES)
        population = rng.randrange(100, 100_000) if fclass == "P" and rng.random() < 0.1 else 0
        yield (
            f"{place_id(index)}\t{name}\t{ascii_name}\t{alternates}\t{rng.uniform(-60, 75):.5f}\t"
            f"{rng.uniform(-180, 180):.5f}\t{fclass}\t{fcode}\t{rng.choice(COUNTRIES)}\t\t"
            f"{rng.randrange(1, 70):02d}\t\t\t\t{population}\t\t{rng.randrange(-20, 3000)}\t"
            f"Asia/Baku\t2024-05-01\n"
        )


def alternate_name_lines(rows: int, seed: int) -> Iterator[str]:
    """Lines of a 10-column alternate-names file, about 1.3 per place, ~8% pseudo-languages."""
    rng = random.Random(seed + 1)
    alternate_id = 0
    for index in range(rows):
        for _ in range(rng.choices((0, 1, 2, 3), (0.12, 0.55, 0.26, 0.07))[0]):
            alternate_id += 1
            yield f"{alternate_id}\t{place_id(index)}\t{_alternate(rng, index)}\n"


def _alternate(rng: random.Random, index: int) -> str:
    pick = rng.random()
    if pick < 0.08:
        code, template = rng.choice(PSEUDO)
        return f"{code}\t{template.format(index)}\t\t\t\t\t\t"
    parts = syllables(rng)
    if pick < 0.45:
        return f"ru\t{''.join(p[1] for p in parts).capitalize()}\t\t\t\t\t\t"
    if pick < 0.65:
        return f"hy\t{''.join(p[2] for p in parts).capitalize()}\t\t\t\t\t\t"
    historic = rng.random() < 0.05
    flags = "\t\t\t1\t1923\t1991" if historic else "\t1\t\t\t\t"
    return f"az\t{''.join(p[0] for p in parts).capitalize()}{flags}"


def write_lines(path: Path, lines: Iterator[str]) -> None:
    """Write lines in large chunks to a ``.part`` file, then move it into place."""
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8", buffering=1 << 22) as out:
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= 100_000:
                out.write("".join(chunk))
                chunk = []
        out.write("".join(chunk))
    part.replace(path)


def _write_geonames(path: Path, rows: int, seed: int) -> None:
    write_lines(path, geoname_lines(rows, seed))


def _write_alternate_names(path: Path, rows: int, seed: int) -> None:
    write_lines(path, alternate_name_lines(rows, seed))


def generate(work: Workload) -> float:
    """Write the files (two child processes) unless the stamp says they exist; seconds taken."""
    expected = f"{work.rows} {work.seed}"
    if work.stamp.is_file() and work.stamp.read_text() == expected:
        return 0.0
    started = time.perf_counter()
    work.folder.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[Callable[[Path, int, int], None], Path]] = [
        (_write_geonames, work.geonames),
        (_write_alternate_names, work.alternate_names),
    ]
    processes = [multiprocessing.Process(target=job, args=(path, work.rows, work.seed)) for job, path in jobs]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"generator failed with exit code {process.exitcode}")
    work.admin1.write_text(
        "".join(f"{c}.{n:02d}\tRegion {c}{n}\tRegion {c}{n}\t{n}\n" for c in COUNTRIES for n in range(1, 70)),
        encoding="utf-8",
    )
    work.stamp.write_text(expected)
    return time.perf_counter() - started


def build(work: Workload, target: Path) -> dict[str, float]:
    """Build the index; seconds of the streaming load and of the writer's final step."""
    source = GeonamesDumpSource(work.geonames, alternate_names=work.alternate_names, admin1=work.admin1)
    started = time.perf_counter()
    writer = IndexWriter(target)
    with writer:
        source.write(writer)
        loaded = time.perf_counter()
    finished = time.perf_counter()
    return {
        "load_s": loaded - started,
        "finish_s": finished - loaded,
        "total_s": finished - started,
        "names": float(writer.name_count),
    }


def peak_rss_mib(who: int) -> float:
    """Peak resident set size in MiB (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=12_000_000, help="rows of the geoname file")
    parser.add_argument("--workdir", type=Path, help="keep (and reuse) the files and the index here")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gazetteer-bench-") as scratch:
        folder = args.workdir or Path(scratch)
        work = Workload(args.rows, args.seed, folder)
        generated = generate(work)
        target = folder / "bench-index.sqlite"
        timing = build(work, target)
        index = GazetteerIndex(target)
        report(work, generated, timing, index, target)


def report(work: Workload, generated: float, timing: dict[str, float], index: GazetteerIndex, target: Path) -> None:
    """Print the figures of one run."""
    meta = index.meta()
    size = sum(path.stat().st_size for path in (work.geonames, work.alternate_names))
    total = timing["total_s"]
    print(f"rows                 {work.rows:,} geoname rows, input {size / 2**30:.2f} GiB")
    print(f"generation           {generated:.1f} s (0 = reused files)")
    print(f"places loaded        {int(meta['geonames.places']):,}")
    print(
        f"alternate names      {int(meta['geonames.alternate_names']):,} kept, "
        f"{int(meta['geonames.pseudo_language_names']):,} pseudo-language dropped"
    )
    print(f"name rows written    {int(timing['names']):,}")
    print(f"load (stream+insert) {timing['load_s']:.1f} s")
    print(f"finish (dedupe, idx) {timing['finish_s']:.1f} s")
    print(f"total                {total:.1f} s, {work.rows / total:,.0f} rows/s")
    print(f"peak RSS self        {peak_rss_mib(resource.RUSAGE_SELF):.0f} MiB")
    print(f"peak RSS children    {peak_rss_mib(resource.RUSAGE_CHILDREN):.0f} MiB (generators)")
    print(f"index size           {target.stat().st_size / 2**30:.2f} GiB")


if __name__ == "__main__":
    main()
