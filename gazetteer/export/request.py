"""What an export is asked for, checked once before anything is read or written."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from gazetteer.errors import DataError, InvalidInput

KINDS = ("places", "mentions")
"""What can be exported: the gazetteer's places, or the store's mentions."""
FORMATS = ("geojson", "gpkg", "parquet", "csv", "lpf")
"""File formats, by name."""
SUFFIXES = {".geojson": "geojson", ".gpkg": "gpkg", ".parquet": "parquet", ".csv": "csv", ".lpf": "lpf"}
"""The format a file name implies when none is given."""
FEATURE_CLASSES = frozenset("AHLPRSTUV")
"""GeoNames feature classes."""
WITH_SHAPES = frozenset({"geojson", "gpkg", "parquet", "lpf"})
"""Formats that can carry an area's shape instead of its point."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """One export: what, in which format, to which file, filtered how."""

    kind: str
    """``places`` or ``mentions``."""
    out: Path
    """The file to write; its folder must exist.  The file appears only once it is complete."""
    format: str | None = None
    """One of ``FORMATS``; ``None`` to take it from the suffix of ``out``."""
    country: str | None = None
    """Only places (or mentions of places) in this country, ISO 3166-1 alpha-2."""
    feature_class: str | None = None
    """Only places of this GeoNames feature class (``P``, ``A``, ``H``, ``L``...)."""
    document_id: int | None = None
    """Only the mentions of this document."""
    shapes: bool = False
    """Write an area's shape, where the index has one, instead of its point."""
    base_uri: str | None = None
    """LPF only: the prefix of the ``@id`` of curated places (default ``lpf.CURATED_URI``)."""


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    """The file written."""
    kind: str
    """``places`` or ``mentions``."""
    format: str
    """The format written."""
    rows: int
    """Features (or rows) written."""
    seconds: float
    """Wall time of the export."""


def checked(request: ExportRequest) -> ExportRequest:
    """The request with its format decided and its filters normalised; ``InvalidInput`` for anything unusable."""
    if request.kind not in KINDS:
        raise InvalidInput(f"cannot export {request.kind!r}: give one of {', '.join(KINDS)}")
    fmt = _format(request)
    _check_options(request, fmt)
    return replace(
        request,
        out=_writable(request.out),
        format=fmt,
        country=_country(request.country),
        feature_class=_feature_class(request.feature_class),
    )


def _format(request: ExportRequest) -> str:
    if request.format is None:
        implied = SUFFIXES.get(request.out.suffix.lower())
        if implied is None:
            raise InvalidInput(f"give --format ({', '.join(FORMATS)}): {request.out.name} does not say")
        return implied
    fmt = request.format.strip().lower()
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown format {request.format!r}: give one of {', '.join(FORMATS)}")
    return fmt


def _check_options(request: ExportRequest, fmt: str) -> None:
    """Options that do not apply to the export asked for are mistakes, not silently ignored."""
    places = request.kind == "places"
    if not places and fmt == "lpf":
        raise InvalidInput("lpf is a format of places: export mentions as geojson, gpkg, parquet or csv")
    if places and request.document_id is not None:
        raise InvalidInput("--document selects mentions, not places")
    if not places and request.feature_class is not None:
        raise InvalidInput("--feature-class selects places, not mentions")
    if request.shapes and (not places or fmt not in WITH_SHAPES):
        raise InvalidInput("--shapes applies to places in geojson, gpkg, parquet or lpf")
    if request.base_uri is not None and fmt != "lpf":
        raise InvalidInput("--base-uri applies to lpf only")


def _writable(out: Path) -> Path:
    folder = out.parent
    if out.is_dir():
        raise InvalidInput(f"{out} is a folder: give a file name")
    if not folder.is_dir():
        raise DataError(f"output folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise InvalidInput(f"cannot write into {folder}")
    return out


def _country(country: str | None) -> str | None:
    if country is None:
        return None
    code = country.strip().upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise InvalidInput("country must be an ISO 3166-1 alpha-2 code such as AZ")
    return code


def _feature_class(feature_class: str | None) -> str | None:
    if feature_class is None:
        return None
    code = feature_class.strip().upper()
    if code not in FEATURE_CLASSES:
        raise InvalidInput(f"feature class must be one of {', '.join(sorted(FEATURE_CLASSES))}")
    return code
