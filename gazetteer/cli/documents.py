"""The ``serve``, ``ingest`` and ``near`` commands (``ingest`` takes texts and saved web pages)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gazetteer.cli.options import IndexOption, JsonOption, LanguageOption, StoreOption, open_api, settings_for
from gazetteer.cli.reading import read_bytes, source_name, text_of
from gazetteer.errors import InvalidInput

if TYPE_CHECKING:
    from gazetteer.application import GazetteerAPI
    from gazetteer.documents import Document
    from gazetteer.results import NearQuery

MAX_TITLE_GUESS = 200
"""Longest title taken from a text's first line."""


def _title(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:MAX_TITLE_GUESS]


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Run the HTTP service (OpenAPI docs at /docs); beyond loopback, writes need a key (`gazetteer keys add`)."""
    import uvicorn

    from service.app import create_app
    from service.server_protocol import with_header_timeout

    settings = settings_for()
    settings = replace(settings, service=replace(settings.service, host=host))
    if settings.service.keys_required:
        typer.echo("writes need an API key (make one with `gazetteer keys add NAME`)", err=True)
    protocol = with_header_timeout(settings.service.header_timeout_s)
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, http=protocol)


def ingest(
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Text files (UTF-8) or saved web pages (.html, .htm, or HTML inside); - is stdin."),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Publication date of the documents, ISO (2023-09-19); default: a page's own.")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Source to record (default: a page's canonical URL, else the file name).")
    ] = None,
    store: StoreOption = None,
    index: IndexOption = None,
    language: LanguageOption = None,
    parquet: Annotated[
        Path | None, typer.Option("--parquet", help="Load the output folder of a `gazetteer batch` run instead.")
    ] = None,
) -> None:
    """Geoparse text files and web pages (or load a batch run) and store them with their mentions and proposed
    events; a web page's main text is stored, its title, date and canonical URL read, the page kept beside it."""
    from tqdm import tqdm

    if parquet is not None:
        if files or date or source or language:
            raise InvalidInput(
                "--parquet loads a batch run as it is: give no FILES, --date, --source or --language with it"
            )
        _ingest_batch(parquet, store, index)
        return
    if not files:
        raise InvalidInput("give the text files to ingest, or --parquet DIR")
    with open_api(index, store) as api:
        for name in tqdm(files, desc="ingest", unit="file", disable=len(files) < 2):
            document, kind = _ingest_file(api, name, date or "", source, language)
            found = len(api.document_mentions(document.id))
            tqdm.write(f"{name}: document {document.id}{kind}, {found} mentions")


def _ingest_file(
    api: GazetteerAPI, name: str, date: str, source: str | None, language: str | None
) -> tuple[Document, str]:
    """Ingest one file as a web page (by its suffix or its first bytes) or as a text; the document and
    how the report names what it was (`` from its web page`` or nothing)."""
    from gazetteer.page_encoding import PRESCAN_BYTES
    from gazetteer.web_page import is_web_page

    raw = read_bytes(name)
    if is_web_page(name, raw[:PRESCAN_BYTES]):
        try:
            page = api.ingest_page(raw, date=date, source=source or "", file_name=source_name(name), language=language)
        except InvalidInput as error:
            raise type(error)(f"{name}: {error.detail}") from error
        return page, " from its web page"
    text = text_of(name, raw)
    title, source_of = _title(text), source or source_name(name)
    return api.ingest(text, title=title, date=date, source=source_of, language=language), ""


def _ingest_batch(out: Path, store: str | None, index: Path | None) -> None:
    """Store the documents of a finished batch run, each once however often it is loaded."""
    from tqdm import tqdm

    from gazetteer.batch.results import read_result

    stored = replayed = 0
    with open_api(index, store, need_index=False) as api:
        for document in tqdm(read_result(out), desc="ingest", unit="doc"):
            done = api.add_document_once(
                document.key,
                document.text,
                document.mentions,
                title=document.title,
                date=document.date,
                source=document.source,
                originals=document.originals,
            )
            replayed += done.replayed
            stored += not done.replayed
    typer.echo(f"{out}: {stored} documents stored, {replayed} stored before")


def near(
    event: Annotated[int | None, typer.Option(help="Search around this stored event.")] = None,
    lat: Annotated[float | None, typer.Option(help="Latitude of the centre.")] = None,
    lon: Annotated[float | None, typer.Option(help="Longitude of the centre.")] = None,
    radius_km: Annotated[
        float | None, typer.Option("--radius-km", help="Radius in km (default: the event's, else 25).")
    ] = None,
    k: Annotated[int | None, typer.Option(help="The k nearest places instead of a radius.")] = None,
    limit: Annotated[int, typer.Option(help="Most results.")] = 50,
    as_json: JsonOption = False,
    store: StoreOption = None,
    index: IndexOption = None,
) -> None:
    """Places within a radius of an event or a position, nearest first (geodesic distance)."""
    from gazetteer.public import nearby_row

    with open_api(index, store) as api:
        rows = [nearby_row(found) for found in api.near(_near_query(api, event, lat, lon, radius_km, k, limit))]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        typer.echo(
            f"{row['distance_km']:9.3f} km  {row['id']:>10}  {row['name']} ({row['feature_code'] or '-'}, "
            f"{row['country'] or '-'})  mentions: {row['mentions']}"
        )


def _near_query(
    api: GazetteerAPI,
    event: int | None,
    lat: float | None,
    lon: float | None,
    radius_km: float | None,
    k: int | None,
    limit: int,
) -> NearQuery:
    from gazetteer.results import DEFAULT_NEAR_RADIUS_KM, NearQuery

    if event is not None:
        if lat is not None or lon is not None:
            raise InvalidInput("give either --event or --lat and --lon, not both")
        return api.event_query(event, radius_km=radius_km, limit=limit, k=k)
    if lat is None or lon is None:
        raise InvalidInput("give --event ID, or --lat and --lon")
    return NearQuery(lon, lat, DEFAULT_NEAR_RADIUS_KM if radius_km is None else radius_km, limit, k)


def register(app: typer.Typer) -> None:
    """Add the document and service commands to the ``gazetteer`` command line."""
    app.command()(serve)
    app.command()(ingest)
    app.command()(near)
