"""Benchmark: time to build the maps of the five seed documents.

Usage: ``python bench/map_build.py [--runs 7] [--index PATH]``

Stores the seed documents of ../shared/corpus/gold.jsonl (their gold mentions,
resolved to the gold coordinates) in a temporary document store, then times,
as the service does it: reading the store, building the map and rendering the
HTML, for the all-documents map, each document's map, a place-centred map and
each event's map.  Prints the median of ``runs`` runs; the target is < 2 s for
the whole set.  Without the corpus, the texts of samples/ stand in, with their
place names found by a small fixed list.  With ``--index`` (or an existing
default index), place variants and region outlines come from the gazetteer too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dataclasses import replace  # noqa: E402

from gazetteer.application import GazetteerAPI  # noqa: E402
from gazetteer.limits import MAX_PAGE  # noqa: E402
from gazetteer.map_query import MapFilter  # noqa: E402
from gazetteer.records import Mention, Place, Point  # noqa: E402
from gazetteer.settings import load_settings  # noqa: E402
from maps.collect import map_options  # noqa: E402
from maps.event_map import build_event_map  # noqa: E402
from maps.mention_map import MapOptions, build_map, render_html  # noqa: E402

GOLD = ROOT.parent / "shared" / "corpus" / "gold.jsonl"
SAMPLES = ROOT / "samples"
TARGET_SECONDS = 2.0
KHANKENDI = 146970
SAMPLE_PLACES = {
    "Khankendi": (146970, 46.7528, 39.8177),
    "Aghdam": (148619, 46.92736, 39.99096),
    "Shusha": (585103, 46.74989, 39.76006),
    "Baku": (587084, 49.89201, 40.37767),
    "Kalbajar": (586268, 46.04446, 40.10984),
    "Goris": (174710, 46.33867, 39.50716),
    "Yerevan": (616052, 44.51361, 40.18111),
}


def _place(name: str, geonameid: object, lon: float, lat: float) -> Place:
    place_id = int(str(geonameid)) if geonameid else 900_000_000 + zlib.crc32(name.encode()) % 90_000_000
    return Place(id=place_id, name=name, point=Point(lon, lat), feature_code="PPL")


def gold_documents() -> list[tuple[str, list[Mention]]]:
    """(text, mentions) of each seed document, mentions from the gold annotations."""
    documents = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        mentions = [
            Mention(
                t["start"],
                t["end"],
                row["text"][t["start"] : t["end"]],
                _place(t["place"], t.get("geonameid"), float(t["lon"]), float(t["lat"])),
                0.9,
            )
            for t in row["toponyms"]
        ]
        documents.append((row["text"], mentions))
    return documents


def sample_documents() -> list[tuple[str, list[Mention]]]:
    """(text, mentions) of the sample texts, mentions found by exact name."""
    documents = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        mentions = []
        for name, (place_id, lon, lat) in SAMPLE_PLACES.items():
            start = text.find(name)
            while start >= 0:
                mentions.append(Mention(start, start + len(name), name, _place(name, place_id, lon, lat), 0.9))
                start = text.find(name, start + len(name))
        documents.append((text, sorted(mentions, key=lambda m: m.start)))
    return documents


def build_all(api: GazetteerAPI) -> int:
    """Every map of the set, as HTML; returns the total HTML size in bytes."""
    served = MapOptions()
    size = 0
    data = api.map_data()
    size += len(render_html(build_map(data, map_options(data, served))))
    if any(m.place_id == KHANKENDI for m in data.mentions):
        focused = api.map_data(MapFilter(place_id=KHANKENDI))
        size += len(render_html(build_map(focused, map_options(focused, served))))
    for document in api.documents(limit=MAX_PAGE):
        one = api.map_data(MapFilter(document_ids=(document.id,)))
        size += len(render_html(build_map(one, map_options(one, served))))
    for event in data.events:
        size += len(render_html(build_event_map(event, data, served)))
    return size


def median_seconds(call: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """Median and all wall-clock times of ``runs`` calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--index", type=Path, default=None, help="Gazetteer index for variants and regions.")
    args = parser.parse_args()
    index = args.index or load_settings().index_path
    seeds = gold_documents() if GOLD.is_file() else sample_documents()
    with tempfile.TemporaryDirectory() as folder:
        settings = replace(load_settings(Path(folder)), index_path=index)
        with GazetteerAPI(settings) as api:
            for text, mentions in seeds:
                api.add_document(text, mentions, date="2023-09-19")
            data = api.map_data()
            build_all(api)  # warm-up: imports, templates
            median, times = median_seconds(lambda: build_all(api), args.runs)
    source = "seed corpus" if GOLD.is_file() else "samples/"
    print(
        f"map build ({source}): {len(seeds)} documents, {data.mention_count} mentions, "
        f"{data.place_count} places, {len(data.events)} events, "
        f"gazetteer {'on' if index.is_file() else 'off'}"
    )
    print(f"maps per run: 1 all-documents, 1 place-centred, {len(seeds)} per-document, {len(data.events)} per-event")
    print(
        f"median of {args.runs} runs: {median:.3f} s (min {min(times):.3f}, max {max(times):.3f}); "
        f"target < {TARGET_SECONDS:.0f} s: {'OK' if median < TARGET_SECONDS else 'TOO SLOW'}"
    )


if __name__ == "__main__":
    main()
