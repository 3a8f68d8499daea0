"""Abbreviations of first-level divisions that news writes after a town: ``Arlington, Va.``, ``Surrey, B.C.``.

Sources, by ISO 3166-2 code:

* United States: the postal codes and AP-style abbreviations of the ``us``
  package (``KY``, ``Ky.``; a state AP style writes in full, ``Texas``,
  has no abbreviation).
* Canada: the Canada Post codes (the ISO 3166-2 suffixes, ``BC``) and the
  abbreviations of The Canadian Press Stylebook (``B.C.``, ``Alta.``).
* Australia: the ISO 3166-2 suffixes (``NSW``) and the abbreviations of the
  Australian Government Style Manual (``Qld``, ``Vic.``).

The geoparser takes them only where they qualify a name, or written in dotted
capitals (``N.J.``); see ``gazetteer.geoparse.qualifiers``.
"""

from __future__ import annotations

from functools import cache

from gazetteer.records import ABBREVIATION, Name

SOURCE = "style-abbreviations"
CANADIAN_PRESS = {
    "CA-AB": ("Alta.",),
    "CA-BC": ("B.C.",),
    "CA-MB": ("Man.",),
    "CA-NB": ("N.B.",),
    "CA-NL": ("N.L.", "Nfld."),
    "CA-NS": ("N.S.",),
    "CA-NT": ("N.W.T.",),
    "CA-ON": ("Ont.",),
    "CA-PE": ("P.E.I.",),
    "CA-QC": ("Que.",),
    "CA-SK": ("Sask.",),
    "CA-YT": ("Y.T.",),
}
"""The Canadian Press Stylebook's abbreviations of the provinces and territories (Nunavut has none)."""
AUSTRALIAN_STYLE = {
    "AU-QLD": ("Qld",),
    "AU-VIC": ("Vic.",),
    "AU-TAS": ("Tas.",),
}
"""The Australian Government Style Manual's abbreviations that differ from the ISO 3166-2 suffix."""
_SUFFIX_COUNTRIES = ("CA", "AU")
"""Countries whose ISO 3166-2 suffixes are the postal abbreviations of their divisions."""


def _name(text: str) -> Name:
    return Name(text, lang=ABBREVIATION, short=True, source=SOURCE)


@cache
def area_abbreviations(iso_codes: frozenset[str]) -> dict[str, tuple[Name, ...]]:
    """ISO 3166-2 code -> abbreviation names, for the codes of ``iso_codes`` that have some."""
    import us  # type: ignore[import-untyped, unused-ignore]

    found: dict[str, list[str]] = {}
    for state in [*us.states.STATES_AND_TERRITORIES, us.states.DC]:
        forms = found.setdefault(f"US-{state.abbr}", [state.abbr])
        if state.ap_abbr and state.ap_abbr != state.name:
            forms.append(state.ap_abbr)
    for code in iso_codes:
        country, _, suffix = code.partition("-")
        if country in _SUFFIX_COUNTRIES and suffix.isalpha():
            found.setdefault(code, []).append(suffix)
    for table in (CANADIAN_PRESS, AUSTRALIAN_STYLE):
        for code, styled in table.items():
            found.setdefault(code, []).extend(styled)
    return {code: tuple(map(_name, dict.fromkeys(forms))) for code, forms in found.items() if code in iso_codes}
