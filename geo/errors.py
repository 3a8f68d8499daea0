"""The one error ``geo`` raises on purpose: a coordinate, distance or count out of range.

``geo`` sits below every other package and imports none of them, so it has an
error of its own; the gazetteer's application layer checks what users give it
through ``gazetteer.limits``, which turns this error into the project's
``InvalidInput`` (HTTP 422).
"""

from __future__ import annotations


class InvalidValue(ValueError):
    """A value that a spatial function cannot use; the message is safe to show a user."""
