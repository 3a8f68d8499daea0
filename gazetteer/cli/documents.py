"""The ``serve``, ``ingest`` and ``near`` commands."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from gazetteer.errors import InvalidInput
from gazetteer.settings import load_settings
from gazetteer.store import Store
from geo import PointIndex
from service.nearby import NearQuery
from service.nearby import near as nearby

StoreOption = Annotated[
    Path | None, typer.Option("--store", help="Document store (default: GAZETTEER_STORE or the data dir).")
]
IndexOption = Annotated[
    Path | None, typer.Option("--index", help="Gazetteer index (default: GAZETTEER_INDEX or the data dir).")
]
_ESCAPED = re.compile("[\udc80-\udcff]")


def decode(raw: bytes) -> tuple[str, int]:
    """UTF-8 text with each invalid byte replaced by U+FFFD, and how many bytes were invalid."""
    text = raw.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    invalid = len(_ESCAPED.findall(text))
    return (_ESCAPED.sub("\ufffd", text) if invalid else text), invalid


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {name}: {error.strerror or error}") from error


def _title(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:200]


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Run the HTTP service (OpenAPI docs at /docs)."""
    import uvicorn

    from service.app import create_app

    uvicorn.run(create_app(load_settings()), host=host, port=port, log_level=log_level)


def ingest(
    files: Annotated[list[str], typer.Argument(help="Text files (UTF-8); - reads standard input.")],
    date: Annotated[str | None, typer.Option(help="Publication date of the documents, ISO (2023-09-19).")] = None,
    source: Annotated[str | None, typer.Option(help="Source to record (default: the file name).")] = None,
    store: StoreOption = None,
    index: IndexOption = None,
) -> None:
    """Geoparse text files and store them with their mentions and proposed events."""
    from gazetteer.gazetteer import Gazetteer
    from gazetteer.geoparse.parser import Geoparser

    settings = load_settings()
    parser = Geoparser(Gazetteer.open(index or settings.index_path))
    with Store.open(store or settings.store_path, parse=parser.parse) as target:
        for name in tqdm(files, desc="ingest", unit="file", disable=len(files) < 2):
            text, invalid = decode(_read(name))
            if invalid:
                typer.echo(f"{name}: {invalid} invalid UTF-8 bytes replaced by U+FFFD", err=True)
            document = target.ingest(text, title=_title(text), date=date or "", source=source or name)
            found = len(target.mentions(document.id))
            tqdm.write(f"{name}: document {document.id}, {found} mentions")


def near(
    event: Annotated[int | None, typer.Option(help="Search around this stored event.")] = None,
    lat: Annotated[float | None, typer.Option(help="Latitude of the centre.")] = None,
    lon: Annotated[float | None, typer.Option(help="Longitude of the centre.")] = None,
    radius_km: Annotated[
        float | None, typer.Option("--radius-km", help="Radius in km (default: the event's, else 25).")
    ] = None,
    k: Annotated[int | None, typer.Option(help="The k nearest places instead of a radius.")] = None,
    limit: Annotated[int, typer.Option(help="Most results.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    store: StoreOption = None,
    index: IndexOption = None,
) -> None:
    """Places within a radius of an event or a position, nearest first (geodesic distance)."""
    settings = load_settings()
    with Store.open(store or settings.store_path) as documents:
        query = _near_query(documents, event, lat, lon, radius_km, k, limit)
        rows = _near_rows(documents, index or settings.index_path, query)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        typer.echo(
            f"{row['distance_km']:9.3f} km  {row['id']:>10}  {row['name']} ({row['feature_code'] or '-'}, "
            f"{row['country'] or '-'})  mentions: {row['mentions']}"
        )


def _near_query(
    documents: Store,
    event: int | None,
    lat: float | None,
    lon: float | None,
    radius_km: float | None,
    k: int | None,
    limit: int,
) -> NearQuery:
    if event is not None:
        if lat is not None or lon is not None:
            raise InvalidInput("give either --event or --lat and --lon, not both")
        found = documents.event(event)
        radius = found.radius_km if radius_km is None else radius_km
        return NearQuery(found.lon, found.lat, radius, limit, k)
    if lat is None or lon is None:
        raise InvalidInput("give --event ID, or --lat and --lon")
    return NearQuery(lon, lat, 25.0 if radius_km is None else radius_km, limit, k)


def _near_rows(documents: Store, index: Path, query: NearQuery) -> list[dict[str, object]]:
    from gazetteer.gazetteer import Gazetteer

    gazetteer = Gazetteer.open(index)
    hits, counts = nearby(PointIndex.from_places(gazetteer.index.iter_places()), documents, query)
    places = gazetteer.places([hit.id for hit in hits])
    return [
        {
            "id": h.id,
            "name": places[h.id].name,
            "feature_code": places[h.id].feature_code,
            "country": places[h.id].country,
            "lon": h.lon,
            "lat": h.lat,
            "distance_km": round(h.distance_km, 3),
            "mentions": counts.get(h.id, 0),
        }
        for h in hits
        if h.id in places
    ]


def register(app: typer.Typer) -> None:
    """Add the service commands to the ``gazetteer`` command line."""
    app.command()(serve)
    app.command()(ingest)
    app.command()(near)
