"""The ISO 3166-2 subdivisions shipped by the PyPI package ``iso3166-2`` (1.8): a centre and names for each.

``iso3166_2/iso3166-2.json`` maps each country to its subdivisions by code
(``AZ-KAL``), each with its ``name``, ``type``, a ``latLng`` centre (which
the package took from the Google Maps geocoding API) and ``localOtherName``:
other names with their ISO 639-3 language, ``Kalbajar (eng), Lankon (tly)``.
Languages that have a two-letter ISO 639-1 code get it, as GeoNames names
carry; others keep their three letters; Glottolog codes are not read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import iso3166_2

from gazetteer.errors import DataError
from gazetteer.records import Name, Point

DATA_FILE = Path(iso3166_2.__file__).resolve().parent / "iso3166-2.json"
"""The package's data file."""
SOURCE = "iso3166-2"
_OTHER_NAME = re.compile(r"\s*'?([^,()']+?)\s*\(([a-z]{3})\)'?\s*(?:,|$)")
ISO_639_1: dict[str, str] = dict(
    re.findall(
        r"(\w+):(\w+)",
        "afr:af amh:am ara:ar aze:az bel:be ben:bn bod:bo bos:bs bul:bg cat:ca ces:cs cym:cy dan:da deu:de "
        "div:dv ell:el eng:en est:et eus:eu fas:fa fin:fi fra:fr gle:ga gla:gd glg:gl guj:gu heb:he hin:hi "
        "hrv:hr hun:hu hye:hy ind:id isl:is ita:it jpn:ja kat:ka kaz:kk khm:km kan:kn kor:ko kur:ku kir:ky "
        "lao:lo lit:lt lav:lv mkd:mk mal:ml mon:mn mar:mr msa:ms mlt:mt mya:my nep:ne nld:nl nor:no nya:ny "
        "oci:oc pan:pa pol:pl por:pt pus:ps que:qu ron:ro rus:ru sin:si slk:sk slv:sl som:so spa:es sqi:sq "
        "srp:sr swa:sw swe:sv tam:ta tel:te tgk:tg tha:th tgl:tl tuk:tk tur:tr uig:ug ukr:uk urd:ur uzb:uz "
        "vie:vi yor:yo zho:zh zul:zu aym:ay hbs:sh kon:kg mah:mh",
    )
)
"""ISO 639-3 (or 639-2/T) code -> ISO 639-1 code, for the languages the file uses most."""


@dataclass(frozen=True, slots=True)
class IsoSubdivision:
    """One subdivision of the ISO 3166-2 file."""

    code: str
    """ISO 3166-2 code (``AZ-KAL``)."""
    name: str
    """Its name in the standard (``Kəlbəcər``)."""
    kind: str
    """Its type in the standard (``Rayon``, ``State``...)."""
    point: Point | None
    """The package's centre for it, ``None`` when it gives none."""
    other_names: tuple[Name, ...]
    """The ``localOtherName`` entries, with their languages."""


def other_names(text: str) -> tuple[Name, ...]:
    """The names of a ``localOtherName`` value: ``Kalbajar (eng), Lankon (tly)``."""
    return tuple(
        Name(match.group(1).strip(), lang=ISO_639_1.get(match.group(2)) or match.group(2), source=SOURCE)
        for match in _OTHER_NAME.finditer(text or "")
        if match.group(1).strip()
    )


def subdivision(code: str, entry: dict[str, Any]) -> IsoSubdivision:
    """An ``IsoSubdivision`` from one entry of the file."""
    lat_lng = entry.get("latLng") or []
    point = Point(float(lat_lng[1]), float(lat_lng[0])) if len(lat_lng) == 2 else None
    return IsoSubdivision(
        code,
        str(entry.get("name") or ""),
        str(entry.get("type") or ""),
        point,
        other_names(str(entry.get("localOtherName") or "")),
    )


@cache
def iso_subdivisions() -> dict[str, IsoSubdivision]:
    """Every subdivision of the file, by ISO 3166-2 code (read once per process)."""
    try:
        with open(DATA_FILE, encoding="utf-8") as handle:
            data: dict[str, dict[str, Any]] = json.load(handle)
    except (OSError, ValueError) as error:
        raise DataError(f"cannot read {DATA_FILE}: {error}") from error
    return {code: subdivision(code, entry) for country in data.values() for code, entry in country.items()}
