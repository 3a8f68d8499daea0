"""A place-name gazetteer and geoparser for news about Karabakh and the South Caucasus.

The public API, loaded on first use (so that ``import gazetteer`` stays cheap)::

    from gazetteer import GazetteerAPI as GazetteerAPI
    with GazetteerAPI() as api:
        api.lookup("Xankəndi", limit=1)
        api.geoparse("Buses now run from Ağdam to Xankəndi.")

``GazetteerAPI`` is the application layer every front end calls; the records
(``Place``, ``Name``, ``Mention``, ``Document``, ``Event``...) and the error
family (``GazetteerError`` and its kinds) are what it takes and gives.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gazetteer.application import GazetteerAPI as GazetteerAPI
    from gazetteer.application import TextParser as TextParser
    from gazetteer.documents import Document as Document
    from gazetteer.documents import Event as Event
    from gazetteer.documents import StoredMention as StoredMention
    from gazetteer.errors import (
        DataError as DataError,
    )
    from gazetteer.errors import (
        GazetteerError as GazetteerError,
    )
    from gazetteer.errors import (
        InvalidInput as InvalidInput,
    )
    from gazetteer.errors import (
        NotFound as NotFound,
    )
    from gazetteer.gazetteer import Gazetteer as Gazetteer
    from gazetteer.geoparse.parser import Geoparser as Geoparser
    from gazetteer.geoparse.parser import geoparse as geoparse
    from gazetteer.records import (
        Candidate as Candidate,
    )
    from gazetteer.records import (
        MatchType as MatchType,
    )
    from gazetteer.records import (
        Mention as Mention,
    )
    from gazetteer.records import (
        Name as Name,
    )
    from gazetteer.records import (
        Place as Place,
    )
    from gazetteer.records import (
        Point as Point,
    )
    from gazetteer.results import EventDraft as EventDraft
    from gazetteer.results import Nearby as Nearby
    from gazetteer.results import NearQuery as NearQuery
    from gazetteer.settings import Settings as Settings
    from gazetteer.settings import load_settings as load_settings

_EXPORTS = {
    "GazetteerAPI": "gazetteer.application",
    "TextParser": "gazetteer.application",
    "Document": "gazetteer.documents",
    "Event": "gazetteer.documents",
    "StoredMention": "gazetteer.documents",
    "DataError": "gazetteer.errors",
    "GazetteerError": "gazetteer.errors",
    "InvalidInput": "gazetteer.errors",
    "NotFound": "gazetteer.errors",
    "Gazetteer": "gazetteer.gazetteer",
    "Geoparser": "gazetteer.geoparse.parser",
    "geoparse": "gazetteer.geoparse.parser",
    "Candidate": "gazetteer.records",
    "MatchType": "gazetteer.records",
    "Mention": "gazetteer.records",
    "Name": "gazetteer.records",
    "Place": "gazetteer.records",
    "Point": "gazetteer.records",
    "EventDraft": "gazetteer.results",
    "NearQuery": "gazetteer.results",
    "Nearby": "gazetteer.results",
    "Settings": "gazetteer.settings",
    "load_settings": "gazetteer.settings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
